import { describe, expect, it } from 'vitest';
import { codesOf, DAY, envFor, HOUR, lotFacts, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import { checkExpiry, expiryEndMs } from './expiry';

describe('checkExpiry (warn window 30 days by default)', () => {
  it.each<[string, string | undefined, number, string[], object?]>([
    ['no expiry', undefined, T0, []],
    ['a year left', '2027-03-02', T0, []],
    ['31 days left', '2026-04-01', T0, []],
    ['10 days left', '2026-03-11', T0, ['lot_expiring_soon'], { daysLeft: 10 }],
    ['last day of use, morning', '2026-03-02', T0, ['lot_expiring_soon'], { daysLeft: 1 }],
    ['the day after', '2026-03-01', T0, ['lot_expired']],
    ['12 days past', '2026-02-18', T0, ['lot_expired'], { expiry: '2026-02-18' }],
    ['unreadable date counts as expired', '2026-02-30x', T0, ['lot_expired']],
  ])('%s', (_, expiry, now, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', ...(expiry ? { expiry } : {}) })]);
    const r = checkExpiry(envFor(s, 'E1', {}, now));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r?.params).toMatchObject(params);
  });

  it.each([
    ['UTC plant', 0, Date.parse('2026-03-03T00:00:00Z')],
    ['plant at UTC+2 ends its day two hours earlier in UTC', 120, Date.parse('2026-03-02T22:00:00Z')],
    ['plant at UTC-6', -360, Date.parse('2026-03-03T06:00:00Z')],
  ])('expiry end: %s', (_, offset, end) => expect(expiryEndMs('2026-03-02', offset)).toBe(end));

  it('the window is configurable', () => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', expiry: '2026-03-11' })], { expiryWarnDays: 5 });
    expect(checkExpiry(envFor(s, 'E1', {}, T0))).toBeNull();
    expect(codesOf(checkExpiry(envFor(s, 'E1', {}, T0 + 6 * DAY - HOUR)))).toEqual(['lot_expiring_soon']);
  });
});
