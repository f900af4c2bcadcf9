import { describe, expect, it } from 'vitest';
import { toScanText } from './scan-text';

describe('toScanText', () => {
  it.each([
    ['plain', 'LOT123', {}, { ok: true, text: 'LOT123' }],
    ['prefix and suffix', '<STX>LOT123<ETX>', { prefix: '<STX>', suffix: '<ETX>' }, { ok: true, text: 'LOT123' }],
    ['AIM GS1-128', ']C1010401234567890128', { aim: true }, { ok: true, text: '010401234567890128', symbologyId: ']C1' }],
    ['AIM DataMatrix GS1 with GS inside', ']d2010401234567890128\x1d10ABC', { aim: true }, { ok: true, text: '010401234567890128\x1d10ABC', symbologyId: ']d2' }],
    ['AIM off keeps the identifier in the text', ']Q3https://id.gs1.org/01/1', {}, { ok: true, text: ']Q3https://id.gs1.org/01/1' }],
    ['prefix then AIM', '#]E0123', { prefix: '#', aim: true }, { ok: true, text: '123', symbologyId: ']E0' }],
  ])('%s', (_, frame, opts, expected) => {
    expect(toScanText(frame, opts)).toEqual(expected);
  });

  it.each([
    ['missing prefix', 'LOT', { prefix: '#' }, 'prefix'],
    ['missing suffix', 'LOT', { suffix: '!' }, 'suffix'],
    ['AIM expected', 'LOT', { aim: true }, 'AIM'],
    ['only an identifier', ']C1', { aim: true }, 'empty'],
    ['empty after prefix', '#', { prefix: '#' }, 'empty'],
  ])('refuses %s', (_, frame, opts, why) => {
    const r = toScanText(frame, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toContain(why);
  });
});
