// Guessing defence for the doors that take a secret: central logins (per user name and per
// client address) and station enrollment (per client address). Failures in a window lock the
// key for a while; the answer is 429 with Retry-After, and a success clears the user's count.
// Kept in memory: a restart forgets, which only gives a guesser one more window.
import type { Context } from 'hono';
import { SyncError } from './errors';

export interface AttemptPolicy {
  /** Failures within `windowMs` that lock the key. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a locked key is refused, from its last failure. */
  readonly lockMs: number;
}

/** Like the station's PIN lockout: five wrong passwords lock for 15 minutes. */
export const LOGIN_POLICY: AttemptPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** An address trying many users, or many enrollment codes, is stopped later but for as long. */
export const ADDRESS_POLICY: AttemptPolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds until `failures` (ascending times) stop locking the key at `now`; 0 when open. */
export function lockedFor(failures: readonly number[], now: number, policy: AttemptPolicy): number {
  const last = failures[failures.length - 1];
  if (last === undefined) return 0;
  // The burst that ends at the last failure decides; the lock then runs from that failure.
  const burst = failures.filter((t) => last - t < policy.windowMs);
  if (burst.length < policy.maxFailures) return 0;
  return Math.max(0, last + policy.lockMs - now);
}

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly policy: AttemptPolicy,
    private readonly clock: () => number = Date.now,
    /** Bound on remembered keys, so a flood of names cannot grow memory without limit. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Throws `too_many_attempts` when the key is locked. */
  check(key: string, what: string): void {
    const ms = lockedFor(this.failures.get(key) ?? [], this.clock(), this.policy);
    if (ms > 0) {
      const retryAfterSeconds = Math.ceil(ms / 1000);
      throw new SyncError('too_many_attempts', `Too many failed ${what}. Wait ${Math.ceil(retryAfterSeconds / 60)} min and try again, or ask an administrator.`, { retryAfterSeconds });
    }
  }

  failed(key: string): void {
    const now = this.clock();
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < Math.max(this.policy.windowMs, this.policy.lockMs));
    list.push(now);
    this.failures.delete(key); // re-insert: the Map's order is then least recently failed first
    this.failures.set(key, list.slice(-this.policy.maxFailures));
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}

/** The limiters one server process shares between its routes. */
export interface Attempts {
  readonly login: AttemptLimiter;
  readonly address: AttemptLimiter;
}

export function createAttempts(clock: () => number = Date.now): Attempts {
  return { login: new AttemptLimiter(LOGIN_POLICY, clock), address: new AttemptLimiter(ADDRESS_POLICY, clock) };
}

/** The peer address of a request (`unknown` when served without a socket, as in app.request). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Runs `attempt` behind both limiters: refused while either key is locked; an
 * `unauthenticated` or `enrollment_invalid` answer counts as a failure of both.
 */
export async function guarded<T>(attempts: Attempts, keys: { user?: string; address: string }, what: string, attempt: () => Promise<T>): Promise<T> {
  const userKey = keys.user !== undefined ? `user:${keys.user.toLowerCase()}` : undefined;
  const addressKey = `address:${keys.address}`;
  if (userKey) attempts.login.check(userKey, what);
  attempts.address.check(addressKey, what);
  try {
    const result = await attempt();
    if (userKey) attempts.login.succeeded(userKey);
    return result;
  } catch (err) {
    if (err instanceof SyncError && (err.code === 'unauthenticated' || err.code === 'enrollment_invalid' || err.code === 'station_mismatch')) {
      if (userKey) attempts.login.failed(userKey);
      attempts.address.failed(addressKey);
    }
    throw err;
  }
}
