import { describe, expect, it } from 'vitest';
import { AttemptLimiter, lockedFor, type AttemptPolicy } from './attempts';
import { SyncError } from './errors';

const P: AttemptPolicy = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };

describe('lockedFor', () => {
  it.each([
    ['no failures', [], 1000, 0],
    ['fewer than the limit', [0, 1000], 2000, 0],
    ['the limit within the window', [0, 1000, 2000], 3000, 119_000],
    ['the limit, but the oldest fell out of the window', [0, 30_000, 61_000], 61_001, 0],
    ['locked until the last failure plus the lock', [0, 1000, 2000], 121_999, 1],
    ['open again after the lock', [0, 1000, 2000], 122_000, 0],
  ])('%s', (_, failures, now, expected) => {
    expect(lockedFor(failures, now, P)).toBe(expected);
  });
});

describe('AttemptLimiter', () => {
  const setup = () => {
    let now = 1_000_000;
    const l = new AttemptLimiter(P, () => now, 4);
    return { l, tick: (ms: number) => (now += ms) };
  };
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      return e as SyncError;
    }
    return null;
  };

  it('locks a key after the failures and names when it opens', () => {
    const { l, tick } = setup();
    for (let i = 0; i < 3; i++) {
      expect(refusal(() => l.check('user:op', 'logins'))).toBeNull();
      l.failed('user:op');
      tick(1000);
    }
    const e = refusal(() => l.check('user:op', 'logins'));
    expect(e?.code).toBe('too_many_attempts');
    expect(e?.status).toBe(429);
    expect(e?.extra.retryAfterSeconds).toBe(119);
    expect(refusal(() => l.check('user:other', 'logins'))).toBeNull();
    tick(119_000);
    expect(refusal(() => l.check('user:op', 'logins'))).toBeNull();
  });

  it('a success clears the count', () => {
    const { l } = setup();
    l.failed('k');
    l.failed('k');
    l.succeeded('k');
    l.failed('k');
    expect(refusal(() => l.check('k', 'logins'))).toBeNull();
  });

  it('remembers a bounded number of keys, forgetting the least recently failed', () => {
    const { l } = setup();
    for (let i = 0; i < 3; i++) l.failed('old');
    for (const k of ['a', 'b', 'c', 'd']) l.failed(k);
    expect(refusal(() => l.check('old', 'logins'))).toBeNull();
  });
});
