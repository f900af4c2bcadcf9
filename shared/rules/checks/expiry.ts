// Expiry: the date on the lot is its last day of use in plant time; inside the warning
// window the operator acknowledges, after it the lot is refused.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

const DAY = 86_400_000;

/** First instant the lot may no longer be used. An unreadable date counts as already past. */
export function expiryEndMs(expiry: string, utcOffsetMinutes: number): number {
  const day = Date.parse(`${expiry}T00:00:00Z`);
  return Number.isNaN(day) ? Number.NEGATIVE_INFINITY : day + DAY - utcOffsetMinutes * 60_000;
}

export type ExpiryFinding = { readonly kind: 'ok' } | { readonly kind: 'expired' } | { readonly kind: 'soon'; readonly daysLeft: number };

export function expiryFinding(expiry: string | undefined, nowMs: number, warnDays: number, utcOffsetMinutes: number): ExpiryFinding {
  if (expiry === undefined) return { kind: 'ok' };
  const left = expiryEndMs(expiry, utcOffsetMinutes) - nowMs;
  if (left <= 0) return { kind: 'expired' };
  if (left < warnDays * DAY) return { kind: 'soon', daysLeft: Math.ceil(left / DAY) };
  return { kind: 'ok' };
}

export function checkExpiry(env: CheckEnv): Reason | null {
  const { expiry } = env.lot;
  const f = expiryFinding(expiry, env.nowMs, env.snapshot.config.expiryWarnDays, env.snapshot.config.utcOffsetMinutes);
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
