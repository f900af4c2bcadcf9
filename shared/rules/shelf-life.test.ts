import { describe, expect, it } from 'vitest';
import { derivedExpiry, expiryFromShelfLife, readDateCode } from './shelf-life';

describe('date codes', () => {
  it.each<[string, ReturnType<typeof readDateCode>]>([
    ['2507', { ok: true, firstDay: '2025-02-10' }],
    ['202507', { ok: true, firstDay: '2025-02-10' }],
    [' 2501 ', { ok: true, firstDay: '2024-12-30' }], // ISO week 1 of 2025 starts in 2024
    ['2053', { ok: true, firstDay: '2020-12-28' }], // 2020 has 53 weeks
    ['2653', { ok: true, firstDay: '2026-12-28' }],
    ['2153', { ok: false, problem: 'week' }], // 2021 has 52
    ['2400', { ok: false, problem: 'week' }],
    ['2454', { ok: false, problem: 'week' }],
    ['251', { ok: false, problem: 'format' }],
    ['25W07', { ok: false, problem: 'format' }],
    ['', { ok: false, problem: 'format' }],
  ])('%j', (code, want) => {
    expect(readDateCode(code)).toEqual(want);
  });
});

describe('expiry from shelf life', () => {
  it.each<[string, number, string | null]>([
    ['2025-02-10', 730, '2027-02-09'],
    ['2025-02-10', 1, '2025-02-10'],
    ['2024-02-28', 2, '2024-02-29'],
    ['2025-02-30', 10, null],
  ])('made %s, %d days → %s', (madeOn, days, want) => {
    expect(expiryFromShelfLife(madeOn, days)).toBe(want);
  });

  it.each<[string, Parameters<typeof derivedExpiry>[0], number | undefined, ReturnType<typeof derivedExpiry>]>([
    ['no shelf life', { dateCode: '2507' }, undefined, null],
    ['from the date code', { dateCode: '2507' }, 730, { expiry: '2027-02-09', from: 'date_code', madeOn: '2025-02-10' }],
    ['the production date decides over the date code', { productionDate: '2025-03-01', dateCode: '2507' }, 10, { expiry: '2025-03-10', from: 'production_date', madeOn: '2025-03-01' }],
    ['an unreadable date code gives nothing', { dateCode: 'A7K' }, 730, null],
    ['nothing to count from', {}, 730, null],
  ])('%s', (_, made, days, want) => {
    expect(derivedExpiry(made, days)).toEqual(want);
  });
});
