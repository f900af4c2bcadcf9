// Lockout and idle rules for badge + PIN logins and signatures, as pure functions of the
// user's recorded state and the time.

export const LOCKOUT_POLICY = { maxConsecutiveFailures: 5, lockMinutes: 15 } as const;

export interface CredentialState {
  readonly consecutiveFailures: number;
  /** ISO time until which the user is locked out, or null. */
  readonly lockedUntil: string | null;
}

export function isLockedOut(s: CredentialState, nowMs: number): boolean {
  return s.lockedUntil !== null && Date.parse(s.lockedUntil) > nowMs;
}

/**
 * The state after one more wrong PIN. Failures before an expired lockout do not count:
 * a user whose lock ran out gets a full set of attempts again.
 */
export function afterWrongPin(s: CredentialState, nowMs: number, policy = LOCKOUT_POLICY): { failures: number; lockUntil: string | null; remaining: number } {
  const previous = s.lockedUntil !== null && Date.parse(s.lockedUntil) <= nowMs ? 0 : s.consecutiveFailures;
  const failures = previous + 1;
  const locked = failures >= policy.maxConsecutiveFailures;
  return {
    failures,
    lockUntil: locked ? new Date(nowMs + policy.lockMinutes * 60_000).toISOString() : null,
    remaining: Math.max(0, policy.maxConsecutiveFailures - failures),
  };
}

export function isIdle(lastActivityMs: number, idleLockMinutes: number, nowMs: number): boolean {
  return nowMs - lastActivityMs >= idleLockMinutes * 60_000;
}
