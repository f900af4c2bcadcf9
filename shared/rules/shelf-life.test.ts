import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateCodeOf, expiryFromShelfLife, plantDay, readDateCode, receivedExpiry } from './shelf-life';

const DAY = 86_400_000;

describe('date codes', () => {
  it.each<[string, ReturnType<typeof readDateCode>]>([
    ['2507', { ok: true, firstDay: '2025-02-10' }],
    [' 2501 ', { ok: true, firstDay: '2024-12-30' }], // ISO week 1 of 2025 starts in 2024
    ['2053', { ok: true, firstDay: '2020-12-28' }], // 2020 has 53 weeks
    ['2653', { ok: true, firstDay: '2026-12-28' }],
    ['2153', { ok: false, problem: 'week' }], // 2021 has 52
    ['2400', { ok: false, problem: 'week' }],
    ['2454', { ok: false, problem: 'week' }],
    ['202507', { ok: false, problem: 'format' }], // YYYYWW or YYMMDD: not told apart, not read
    ['261103', { ok: false, problem: 'format' }],
    ['251', { ok: false, problem: 'format' }],
    ['25W07', { ok: false, problem: 'format' }],
    ['', { ok: false, problem: 'format' }],
  ])('%j', (code, want) => {
    expect(readDateCode(code)).toEqual(want);
  });

  it.each<[string, string]>([
    ['2025-02-10', '2507'],
    ['2025-02-16', '2507'],
    ['2024-12-30', '2501'],
    ['2021-01-03', '2053'], // still ISO week 53 of 2020
    ['2026-12-31', '2653'],
  ])('the week holding %s is %s', (day, code) => {
    expect(dateCodeOf(Date.parse(`${day}T12:00:00Z`))).toBe(code);
  });

  it('the date code of any day reads back as the Monday of the week holding it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 10), max: Date.UTC(2099, 11, 20) }), (ms) => {
        const r = readDateCode(dateCodeOf(ms));
        expect(r.ok).toBe(true);
        const monday = Date.parse(`${(r as { firstDay: string }).firstDay}T00:00:00Z`);
        expect(new Date(monday).getUTCDay()).toBe(1);
        expect(ms - monday).toBeGreaterThanOrEqual(0);
        expect(ms - monday).toBeLessThan(7 * DAY);
      }),
      { numRuns: 2000 },
    );
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

  const TODAY = '2026-11-22';
  it.each<[string, Parameters<typeof receivedExpiry>[0], number | undefined, ReturnType<typeof receivedExpiry>, string?]>([
    ['an expiry given decides, whatever else the form holds', { expiry: '2027-01-31', dateCode: '4726', productionDate: '2030-01-01' }, 730, { kind: 'given', expiry: '2027-01-31' }],
    ['no shelf life, no expiry: none, the date code is not read', { dateCode: '261103' }, undefined, { kind: 'none' }],
    ['from the date code', { dateCode: '2507' }, 730, { kind: 'counted', expiry: '2027-02-09', from: 'date_code', madeOn: '2025-02-10' }],
    ['the production date decides over the date code', { productionDate: '2025-03-01', dateCode: '2507' }, 10, { kind: 'counted', expiry: '2025-03-10', from: 'production_date', madeOn: '2025-03-01' }],
    ['made today counts', { productionDate: TODAY }, 1, { kind: 'counted', expiry: TODAY, from: 'production_date', madeOn: TODAY }],
    ['a production date after today', { productionDate: '2026-11-23', dateCode: '2507' }, 730, { kind: 'needed', why: 'production_date_future' }],
    ['a date code of a week not begun', { dateCode: '2649' }, 730, { kind: 'needed', why: 'date_code_future' }],
    ['the week begun today counts (Monday of week 48)', { dateCode: '2648' }, 7, { kind: 'counted', expiry: '2026-11-29', from: 'date_code', madeOn: '2026-11-23' }, '2026-11-23'],
    ['an unreadable date code', { dateCode: 'A7K' }, 730, { kind: 'needed', why: 'date_code_unread' }],
    ['nothing to count from', {}, 730, { kind: 'needed', why: 'nothing' }],
  ])('%s', (_, form, days, want, today = TODAY) => {
    expect(receivedExpiry(form, days, today)).toEqual(want);
  });

  it.each<[number, number, string]>([
    [Date.parse('2026-11-22T23:30:00Z'), 0, '2026-11-22'],
    [Date.parse('2026-11-22T23:30:00Z'), 60, '2026-11-23'],
    [Date.parse('2026-11-22T02:00:00Z'), -300, '2026-11-21'],
  ])('plant day of %d at offset %d min is %s', (ms, offset, want) => {
    expect(plantDay(ms, offset)).toBe(want);
  });
  it.each([
    ['2026-03-29T22:30:00Z', 'Europe/Berlin', '2026-03-30'], // 00:30 CEST: the spring-forward day is over
    ['2026-03-29T22:30:00Z', 60, '2026-03-29'], // the winter offset still reads the 29th
    ['2026-10-25T22:30:00Z', 'Europe/Berlin', '2026-10-25'], // 23:30 CET, the 25-hour day's last hour
    ['2026-11-01T05:30:00Z', 'America/Chicago', '2026-11-01'], // 00:30 CDT, before the clocks go back
    ['2026-11-02T05:30:00Z', 'America/Chicago', '2026-11-01'], // 23:30 CST
    ['2026-11-22T12:00:00Z', 'Pacific/Kiritimati', '2026-11-23'], // UTC+14
  ] as const)('plant day of %s in %s is %s', (iso, clock, want) => {
    expect(plantDay(Date.parse(iso), clock)).toBe(want);
  });
});
