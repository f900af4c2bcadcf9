// Expiry: the date on the lot is its last day of use in plant time; inside the warning
// window the operator acknowledges, after it the lot is refused.
import { zonedInstant } from '../../clock/zone';
import { plantClock, type PlantClock } from '../config';
import { plantDay } from '../shelf-life';
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

const DAY = 86_400_000;

/** UTC midnight of an ISO date; NaN when unreadable. */
export function expiryDayMs(expiry: string): number {
  return Date.parse(`${expiry}T00:00:00Z`);
}

/**
 * First instant the lot may no longer be used: the plant's midnight after its expiry date. With
 * a fixed offset that is always 24 h after the previous one; in a zone it is the wall-clock
 * midnight, so the day the clocks change is 23 or 25 hours long. An unreadable date counts as
 * already past.
 */
export function expiryEndMs(expiry: string | number, clock: PlantClock): number {
  const day = typeof expiry === 'number' ? expiry : expiryDayMs(expiry);
  if (Number.isNaN(day)) return Number.NEGATIVE_INFINITY;
  if (typeof clock === 'number') return day + DAY - clock * 60_000;
  return zonedEnd(day, clock);
}

// The zone's midnight costs a few Intl calls; FIFO asks it for every other lot of the item on
// each scan, against a budget of milliseconds. Expiry days and zones are few: remember them.
const zonedEnds = new Map<string, number>();
function zonedEnd(dayMs: number, zone: string): number {
  const key = `${zone} ${dayMs}`;
  let end = zonedEnds.get(key);
  if (end === undefined) {
    if (zonedEnds.size >= 50_000) zonedEnds.clear();
    end = zonedInstant(new Date(dayMs).toISOString().slice(0, 10), 24 * 60, zone);
    zonedEnds.set(key, end);
  }
  return end;
}

/** A lot's expiry end, from the date parsed when it was recorded. */
export function lotExpiryEndMs(lot: { readonly expiry?: string; readonly expiryDayMs?: number }, clock: PlantClock): number {
  if (lot.expiry === undefined) return Number.POSITIVE_INFINITY;
  return expiryEndMs(lot.expiryDayMs ?? lot.expiry, clock);
}

export type ExpiryFinding = { readonly kind: 'ok' } | { readonly kind: 'expired' } | { readonly kind: 'soon'; readonly daysLeft: number };

export function expiryFinding(expiry: string | number | undefined, nowMs: number, warnDays: number, clock: PlantClock): ExpiryFinding {
  if (expiry === undefined) return { kind: 'ok' };
  const left = expiryEndMs(expiry, clock) - nowMs;
  if (left <= 0) return { kind: 'expired' };
  if (typeof clock === 'number') return left < warnDays * DAY ? { kind: 'soon', daysLeft: Math.ceil(left / DAY) } : { kind: 'ok' };
  // In a zone the days around a clock change are 23 or 25 hours long, so hours divided by 24
  // miscount them ("3 days left" on the day before the last, after a 25-hour night): count the
  // plant's calendar days of use left, today included.
  const day = typeof expiry === 'number' ? expiry : expiryDayMs(expiry);
  const daysLeft = Math.round((day - expiryDayMs(plantDay(nowMs, clock))) / DAY) + 1;
  return daysLeft <= warnDays ? { kind: 'soon', daysLeft } : { kind: 'ok' };
}

export function checkExpiry(env: CheckEnv): Reason | null {
  const { expiry } = env.lot;
  const f = expiryFinding(expiry === undefined ? undefined : (env.lot.expiryDayMs ?? expiry), env.nowMs, env.snapshot.config.expiryWarnDays, plantClock(env.snapshot.config));
  switch (f.kind) {
    case 'ok':
      return null;
    case 'expired':
      return makeReason('lot_expired', { ...lotRef(env), expiry: expiry! });
    case 'soon':
      return makeReason('lot_expiring_soon', { ...lotRef(env), expiry: expiry!, daysLeft: f.daysLeft });
    default: {
      const never: never = f;
      return never;
    }
  }
}
