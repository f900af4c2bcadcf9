import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidGs1CheckDigit, isValidIban, mod43CheckChar } from './check-digit';

describe('GS1 mod-10', () => {
  it.each([
    ['GTIN-13 (GenSpecs example)', '629104150021', 3],
    ['GTIN-14 (GS1 example)', '0950110153000', 3],
    ['GTIN-14 (Digital Link example)', '0950600013435', 2],
    ['EAN-13 retail', '400638133393', 1],
    ['EAN-8', '9638507', 4],
    ['UPC-A', '03600029145', 2],
    ['SSCC', '10614141123456789', 7],
  ])('%s', (_, body, digit) => {
    expect(gs1CheckDigit(body)).toBe(digit);
    expect(hasValidGs1CheckDigit(body + digit)).toBe(true);
    expect(hasValidGs1CheckDigit(body + ((digit + 1) % 10))).toBe(false);
  });
  it('rejects non-digits', () => expect(hasValidGs1CheckDigit('12345678901A')).toBe(false));
});

describe('HIBC mod-43', () => {
  it.each([
    ['+A99912345/$$52001510X3', '3'],
    ['+A99912345', '7'],
  ])('%s → %s', (data, check) => expect(mod43CheckChar(data)).toBe(check));
  it('is undefined for characters outside Code 39', () => expect(mod43CheckChar('+a999')).toBeUndefined());
});

describe('IBAN', () => {
  it.each([
    ['GB82WEST12345698765432', true],
    ['DE89370400440532013000', true],
    ['DE89370400440532013001', false],
  ])('%s', (iban, ok) => expect(isValidIban(iban)).toBe(ok));
});
