// Expiry: the date on the lot is its last day of use in plant time; inside the warning
// window the operator acknowledges, after it the lot is refused.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

const DAY = 86_400_000;

/** UTC midnight of an ISO date; NaN when unreadable. */
export function expiryDayMs(expiry: string): number {
  return Date.parse(`${expiry}T00:00:00Z`);
}

/** First instant the lot may no longer be used. An unreadable date counts as already past. */
export function expiryEndMs(expiry: string | number, utcOffsetMinutes: number): number {
  const day = typeof expiry === 'number' ? expiry : expiryDayMs(expiry);
  return Number.isNaN(day) ? Number.NEGATIVE_INFINITY : day + DAY - utcOffsetMinutes * 60_000;
}

/** A lot's expiry end, from the date parsed when it was recorded. */
export function lotExpiryEndMs(lot: { readonly expiry?: string; readonly expiryDayMs?: number }, utcOffsetMinutes: number): number {
  if (lot.expiry === undefined) return Number.POSITIVE_INFINITY;
  return expiryEndMs(lot.expiryDayMs ?? lot.expiry, utcOffsetMinutes);
}

export type ExpiryFinding = { readonly kind: 'ok' } | { readonly kind: 'expired' } | { readonly kind: 'soon'; readonly daysLeft: number };

export function expiryFinding(expiry: string | number | undefined, nowMs: number, warnDays: number, utcOffsetMinutes: number): ExpiryFinding {
  if (expiry === undefined) return { kind: 'ok' };
  const left = expiryEndMs(expiry, utcOffsetMinutes) - nowMs;
  if (left <= 0) return { kind: 'expired' };
  if (left < warnDays * DAY) return { kind: 'soon', daysLeft: Math.ceil(left / DAY) };
  return { kind: 'ok' };
}

export function checkExpiry(env: CheckEnv): Reason | null {
  const { expiry } = env.lot;
  const f = expiryFinding(expiry === undefined ? undefined : (env.lot.expiryDayMs ?? expiry), env.nowMs, env.snapshot.config.expiryWarnDays, env.snapshot.config.utcOffsetMinutes);
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
