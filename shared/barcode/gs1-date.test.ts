import { describe, expect, it } from 'vitest';
import { gs1Century, gs1Yymmdd, ordinalDate, yyyymmdd } from './gs1-date';

describe('GS1 century rule (GenSpecs §7.12)', () => {
  it.each([
    [2025, 25, 2025],
    [2025, 75, 2075], // 50 ahead: still this century
    [2025, 76, 1976], // 51 ahead: previous century
    [2025, 0, 2000],
    [2060, 10, 2110], // 50 behind: next century
    [2060, 11, 2011], // 49 behind: this century
    [2099, 48, 2148],
    [2000, 99, 1999],
  ])('reference %i reads YY=%i as %i', (ref, yy, year) => expect(gs1Century(yy, ref)).toBe(year));
});

describe('YYMMDD', () => {
  it.each([
    ['250101', true, '2025-01-01'],
    ['250200', true, '2025-02-28'], // DD=00: last day of the month
    ['240200', true, '2024-02-29'], // … of a leap year
    ['251200', true, '2025-12-31'],
    ['250200', false, 'day'], // yymmdd does not allow 00
    ['250230', true, 'day'],
    ['251301', true, 'month'],
    ['250001', true, 'month'],
    ['25010', true, 'format'],
    ['2501A1', true, 'format'],
  ])('%s (day 00 allowed: %s) → %s', (text, d0, want) => expect(gs1Yymmdd(text, 2025, d0)).toBe(want));

  it.each([
    ['250200', 'last', '2025-02-28'],
    ['250200', 'first', '2025-02-01'], // a production date by month: its first day
    ['250215', 'first', '2025-02-15'],
  ] as const)('%s with day 00 read as the %s day → %s', (text, dayZero, want) => expect(gs1Yymmdd(text, 2025, true, dayZero)).toBe(want));
});

describe('YYYYMMDD and ordinal dates', () => {
  it.each([
    ['20240229', '2024-02-29'],
    ['20230229', 'day'],
    ['20231301', 'month'],
  ])('%s → %s', (t, want) => expect(yyyymmdd(t)).toBe(want));
  it.each([
    [2020, 15, '2020-01-15'],
    [2020, 60, '2020-02-29'],
    [2021, 60, '2021-03-01'],
    [2021, 366, 'day'],
    [2024, 366, '2024-12-31'],
  ])('%i day %i → %s', (y, d, want) => expect(ordinalDate(y, d)).toBe(want));
});
