import { describe, expect, it } from 'vitest';
import { formatToledo, parseToledo } from './continuous';

const body = (b: Buffer) => b.subarray(1, b.length - 1); // without STX and CR

describe('Toledo continuous frames', () => {
  it.each([
    ['12.34 kg stable', { value: 12.34, decimals: 2 as const, unit: 'kg' as const }, { value: 12.34, unit: 'kg', motion: false, outOfRange: false }],
    ['in motion', { value: 1.5, decimals: 1 as const, unit: 'lb' as const, motion: true }, { value: 1.5, unit: 'lb', motion: true }],
    ['negative', { value: -0.25, decimals: 2 as const, unit: 'kg' as const }, { value: -0.25 }],
    ['grams', { value: 512, decimals: 0 as const, unit: 'g' as const }, { value: 512, unit: 'g' }],
    ['out of range', { value: 0, decimals: 0 as const, unit: 'kg' as const, outOfRange: true }, { outOfRange: true }],
    ['with tare', { value: 2.5, tare: 0.75, decimals: 2 as const, unit: 'kg' as const }, { value: 2.5, tare: 0.75 }],
  ])('%s', (_, input, expected) => {
    expect(parseToledo(body(formatToledo(input)))).toMatchObject({ ok: true, ...expected });
  });

  it.each([
    ['short frame', Buffer.from('abc'), 'expected 15'],
    ['status without fixed bit', Buffer.from([0x00, 0x30, 0x20, ...Buffer.from('000100000000')]), 'fixed bit'],
    ['letters in the weight', Buffer.from([0x24, 0x30, 0x20, ...Buffer.from('00A100000000')]), 'digits'],
  ])('refuses %s', (_, frame, why) => {
    const r = parseToledo(frame);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toContain(why);
  });
});
