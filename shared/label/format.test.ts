import { describe, expect, it } from 'vitest';
import { formatDate, isIsoDate } from './format';

describe('formatDate', () => {
  it.each([
    ['2027-01-31', 'YYYY-MM-DD', '2027-01-31'],
    ['2027-01-31', 'DD MMM YYYY', '31 JAN 2027'],
    ['2027-12-05', 'DD.MM.YY', '05.12.27'],
    ['2027-06-30', 'YYYY-MM', '2027-06'],
    ['2027-06-30', 'MM/YYYY', '06/2027'],
  ])('%s as %s', (iso, f, out) => expect(formatDate(iso, f)).toBe(out));
});

describe('isIsoDate', () => {
  it.each([
    ['2027-01-31', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2027-13-01', false],
    ['2027-1-1', false],
    ['31.01.2027', false],
  ])('%s → %s', (s, v) => expect(isIsoDate(s)).toBe(v));
});
