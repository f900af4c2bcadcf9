import { describe, expect, it } from 'vitest';
import { afterWrongPin, isIdle, isLockedOut, LOCKOUT_POLICY } from './auth-policy';

const NOW = Date.parse('2026-11-21T10:00:00Z');
const min = (m: number) => new Date(NOW + m * 60_000).toISOString();

describe('lockout policy', () => {
  it.each([
    ['first wrong PIN', { consecutiveFailures: 0, lockedUntil: null }, { failures: 1, lockUntil: null, remaining: 4 }],
    ['fourth wrong PIN', { consecutiveFailures: 3, lockedUntil: null }, { failures: 4, lockUntil: null, remaining: 1 }],
    ['fifth wrong PIN locks for 15 minutes', { consecutiveFailures: 4, lockedUntil: null }, { failures: 5, lockUntil: min(LOCKOUT_POLICY.lockMinutes), remaining: 0 }],
    ['a wrong PIN after an expired lock starts counting again', { consecutiveFailures: 5, lockedUntil: min(-1) }, { failures: 1, lockUntil: null, remaining: 4 }],
  ])('%s', (_, state, expected) => {
    expect(afterWrongPin(state, NOW)).toEqual(expected);
  });

  it.each([
    ['never locked', null, false],
    ['lock in the future', min(5), true],
    ['lock expired', min(-5), false],
  ])('isLockedOut: %s', (_, lockedUntil, expected) => {
    expect(isLockedOut({ consecutiveFailures: 5, lockedUntil }, NOW)).toBe(expected);
  });

  it.each([
    [14.9, 15, false],
    [15, 15, true],
    [60, 15, true],
  ])('idle after %s minutes with a %s-minute lock: %s', (idleMin, lock, expected) => {
    expect(isIdle(NOW - idleMin * 60_000, lock, NOW)).toBe(expected);
  });
});
