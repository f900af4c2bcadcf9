import { describe, expect, it } from 'vitest';
import { FNC1, gs1Tokens, planCode128, textTokens } from './code128';

describe('planCode128', () => {
  it.each([
    // [what, tokens, ZPL field data, codewords]
    ['GS1 all digits: start C, FNC1', gs1Tokens('0109501101530003'), '>;>80109501101530003', [105, 102, 1, 9, 50, 11, 1, 53, 0, 3]],
    ['GS1 with a letter lot: C then B', gs1Tokens('010950110153000310ABC'), '>;>8010950110153000310>6ABC', undefined],
    ['FNC1 between variable fields', gs1Tokens('10AB\u001d2112'), '>;>810>6AB>8>52112', [105, 102, 10, 100, 33, 34, 102, 99, 21, 12]],
    ['plain text in B', textTokens('LL-LOT-X1'), '>:LL-LOT-X1', undefined],
    ['ZPL specials in B are invocation codes', textTokens('A>^~B'), '>:A>0><>=B', [104, 33, 30, 62, 94, 34]],
    ['short digit runs stay in B', textTokens('A12B'), '>:A12B', undefined],
  ])('%s', (_, tokens, zpl, codewords) => {
    const r = planCode128(tokens);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.zpl).toBe(zpl);
    if (codewords) expect(r.plan.codewords).toEqual(codewords);
    expect(r.plan.modules).toBe(11 * (r.plan.codewords.length + 1) + 13);
  });

  it('refuses what Code 128 cannot carry here', () => {
    expect(planCode128(textTokens('Müller')).ok).toBe(false);
    expect(planCode128(textTokens('a\tb')).ok).toBe(false);
    expect(planCode128([]).ok).toBe(false);
  });

  it('is never longer than all-B or all-C where possible', () => {
    const digits = '12345678901234567890';
    const r = planCode128(textTokens(digits));
    expect(r.ok && r.plan.codewords.length).toBe(1 + 10);
    const mixed = planCode128([FNC1, ...'10ABCDEFGHIJKLMNOPQRST']);
    expect(mixed.ok && mixed.plan.codewords.length).toBeLessThanOrEqual(1 + 1 + 22);
  });
});
