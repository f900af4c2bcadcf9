import { describe, expect, it } from 'vitest';
import { classifyBurst, splitBursts, typedText, type WedgeKey } from './wedge';

/** Keys typed `gap` ms apart, starting at t=1000. */
function typed(s: string | string[], gap: number, extra: Partial<WedgeKey> = {}): WedgeKey[] {
  const keys = typeof s === 'string' ? [...s] : s;
  return keys.map((key, i) => ({ key, at: 1000 + i * gap, ...extra }));
}

describe('classifyBurst', () => {
  it.each<[string, WedgeKey[], object, string, string?]>([
    ['scanner at 8 ms per key', typed('0104012345678901', 8), {}, 'scan', '0104012345678901'],
    ['scanner with Enter suffix', typed([...'LOT42', 'Enter'], 5), { suffixKey: 'Enter' }, 'scan', 'LOT42'],
    ['person typing at 120 ms per key', typed('LOT42', 120), {}, 'typing'],
    ['fast person, 3 keys', typed('abc', 20), {}, 'typing'],
    ['one slow key inside a burst', [...typed('ABCD', 5), { key: 'E', at: 1200 }], {}, 'typing'],
    ['missing suffix', typed('LOT42', 5), { suffixKey: 'Enter' }, 'typing'],
    ['prefix key present', typed(['F12', ...'R-77'], 5), { prefixKey: 'F12' }, 'scan', 'R-77'],
    ['prefix key missing', typed('R-77', 5), { prefixKey: 'F12' }, 'typing'],
    ['shift between letters does not count as a character', typed(['Shift', 'A', 'Shift', 'B', 'c', 'd'], 4), {}, 'scan', 'ABcd'],
    ['looser gap setting accepts a slow scanner', typed('12345678', 45), { maxGapMs: 60 }, 'scan', '12345678'],
  ])('%s', (_, keys, opts, kind, text) => {
    const v = classifyBurst(keys, opts);
    expect(v.kind).toBe(kind);
    if (text !== undefined && v.kind === 'scan') expect(v.text).toBe(text);
  });
});

describe('typedText GS substitutes', () => {
  it.each<[string, WedgeKey[], string]>([
    ['Alt+0029 becomes GS', [...typed('01', 5), ...typed('0029', 5, { altKey: true }), ...typed('10', 5)], '01\u001d10'],
    ['Alt+29 becomes GS', [...typed('A', 5), ...typed('29', 5, { altKey: true }), ...typed('B', 5)], 'A\u001dB'],
    ['Ctrl+] becomes GS', [{ key: 'A', at: 0 }, { key: ']', at: 5, ctrlKey: true }, { key: 'B', at: 10 }], 'A\u001dB'],
    ['Alt+0065 is A', typed('0065', 5, { altKey: true }), 'A'],
    ['named keys are not text', typed(['Tab', 'x', 'ArrowLeft'], 5), 'x'],
  ])('%s', (_, keys, text) => {
    expect(typedText(keys)).toBe(text);
  });
});

describe('splitBursts', () => {
  it('separates a scan from typing around it', () => {
    const keys = [...typed('hi', 150), ...typed([...'0104012345678901', 'Enter'], 6).map((k) => ({ ...k, at: k.at + 1000 }))];
    const bursts = splitBursts(keys, { suffixKey: 'Enter' });
    const verdicts = bursts.map((b) => classifyBurst(b, { suffixKey: 'Enter' }).kind);
    expect(verdicts).toEqual(['typing', 'typing', 'scan']);
  });
});
