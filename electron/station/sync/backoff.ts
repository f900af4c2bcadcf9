// Retry delays: exponential with "full jitter" (a random delay between 0 and the capped
// exponential), so a floor of stations that lost the server at the same moment does not
// come back in lockstep. Pure apart from the injected random source.

export interface BackoffPolicy {
  /** Delay scale of the first retry (ms). */
  readonly baseMs: number;
  /** No delay exceeds this (ms). */
  readonly maxMs: number;
  /** Lower bound, so a retry never spins (ms). */
  readonly minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 60_000, minMs: 50 };

/** Delay before retry number `attempt` (1 = first retry after a failure). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.max(policy.minMs, Math.floor(random() * ceiling));
}

/** Counts consecutive failures of one loop; `next()` gives the delay before trying again. */
export class Backoff {
  private failures = 0;
  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}
  get attempts(): number {
    return this.failures;
  }
  next(): number {
    return backoffDelay(++this.failures, this.policy, this.random);
  }
  reset(): void {
    this.failures = 0;
  }
}
