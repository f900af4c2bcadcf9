import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

const policy = { baseMs: 100, maxMs: 5_000, minMs: 10 };

describe('backoff with full jitter', () => {
  it.each([
    // attempt, random, delay
    [1, 0.999999, 99],
    [2, 0.999999, 199],
    [3, 0.5, 200],
    [6, 0.999999, 3199],
    [7, 0.999999, 4999], // capped at maxMs
    [50, 0.999999, 4999],
    [1, 0, 10], // never below minMs
    [0, 0.5, 50], // attempt < 1 counts as the first
  ])('attempt %i with random %f waits %i ms', (attempt, r, ms) => {
    expect(backoffDelay(attempt, policy, () => r)).toBe(ms);
  });

  it('grows with each failure and starts again after a success', () => {
    const b = new Backoff(policy, () => 0.999999);
    expect([b.next(), b.next(), b.next()]).toEqual([99, 199, 399]);
    b.reset();
    expect(b.next()).toBe(99);
  });
});
