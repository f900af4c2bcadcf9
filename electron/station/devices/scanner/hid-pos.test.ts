// Reports and descriptors below are built byte by byte to the published layouts (HID Usage
// Tables; HID POS Usage Tables; Honeywell's HID POS report); no hardware was recorded here.
import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, decodeHidPosReport, decodeHidScaleReport, HidPosAssembler, topUsage } from './hid-pos';

// The boot keyboard descriptor from the HID 1.11 specification, appendix B.1 (first items).
const BOOT_KEYBOARD = Uint8Array.from([0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01]);
const POS_SCANNER = Uint8Array.from([0x06, 0x8c, 0x00, 0x09, 0x02, 0xa1, 0x01]);
const SCALE = Uint8Array.from([0x05, 0x8d, 0x09, 0x01, 0xa1, 0x01]);

function posReport(data: string, more = false, aim = ']C1'): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(Buffer.from(data, 'latin1'), 2);
  r.set(Buffer.from(aim, 'latin1'), 58);
  r[63] = more ? 1 : 0;
  return r;
}

const kb = (mods: number, ...keys: number[]) => Uint8Array.from([mods, 0, ...keys, ...Array(6 - keys.length).fill(0)]);

describe('topUsage', () => {
  it.each([
    ['boot keyboard', BOOT_KEYBOARD, { usagePage: 0x01, usage: 0x06 }],
    ['HID POS scanner (2-byte usage page)', POS_SCANNER, { usagePage: 0x8c, usage: 0x02 }],
    ['HID scale', SCALE, { usagePage: 0x8d, usage: 0x01 }],
    ['empty', new Uint8Array(0), undefined],
  ])('%s', (_, d, expected) => {
    expect(topUsage(d)).toEqual(expected);
  });
});

describe('HID POS scanner reports', () => {
  it('decodes one report with its AIM identifier', () => {
    expect(decodeHidPosReport(posReport('0104012345678901'))).toEqual({ ok: true, data: Buffer.from('0104012345678901'), symbologyId: ']C1', more: false });
  });

  it('joins continuation reports into one scan, once', () => {
    const a = new HidPosAssembler();
    const long = 'X'.repeat(56) + 'TAIL';
    expect(a.push(posReport(long.slice(0, 56), true, ']d2'))).toBeUndefined();
    expect(a.push(posReport(long.slice(56), false, ']d2'))).toEqual({ kind: 'scan', text: long, symbologyId: ']d2' });
  });

  it.each([
    ['wrong report id', Uint8Array.from([0x01, ...new Uint8Array(63)]), 'report id'],
    ['length too large', (() => { const r = posReport(''); r[1] = 200; return r; })(), 'exceeds'],
    ['short report', Uint8Array.from([0x02, 1, 0x41]), 'too short'],
  ])('refuses %s', (_, r, why) => {
    const d = decodeHidPosReport(r);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.why).toContain(why);
  });

  it('a stuck continuation flag cannot grow memory', () => {
    const a = new HidPosAssembler(undefined, 200);
    const results = Array.from({ length: 10 }, () => a.push(posReport('Y'.repeat(56), true)));
    expect(results.filter((r) => r?.kind === 'error')).toHaveLength(2);
  });
});

describe('HID scale reports', () => {
  it.each([
    ['stable 300 g', [0x03, 0x04, 0x02, 0x00, 0x2c, 0x01], { grams: 300, value: 300, unit: 'g', stable: true, range: 'ok' }],
    ['5.2 oz in motion', [0x03, 0x03, 0x0b, 0xff, 0x34, 0x00], { value: 5.2, unit: 'oz', stable: false, grams: 147.417520 }],
    ['zero', [0x03, 0x02, 0x02, 0x00, 0x00, 0x00], { grams: 0, stable: true }],
    ['over the limit', [0x03, 0x06, 0x02, 0x00, 0xff, 0xff], { range: 'overload', grams: null }],
    ['under zero', [0x03, 0x05, 0x02, 0x00, 0x05, 0x00], { range: 'underload', grams: null }],
  ])('%s', (_, bytes, expected) => {
    expect(decodeHidScaleReport(Uint8Array.from(bytes), 1)).toMatchObject(expected);
  });

  it.each([
    ['fault', [0x03, 0x01, 0x02, 0x00, 0, 0], 'fault'],
    ['unknown unit', [0x03, 0x04, 0x63, 0x00, 0, 0], 'unit code'],
    ['wrong report', [0x04, 0x04, 0x02, 0x00, 0, 0], 'not a scale'],
  ])('refuses %s', (_, bytes, error) => {
    expect(decodeHidScaleReport(Uint8Array.from(bytes), 1)).toEqual({ error: expect.stringContaining(error) });
  });
});

describe('boot keyboard reports', () => {
  it('types a scan with shift, digits and Ctrl+] as GS, ending at Enter', () => {
    const d = new BootKeyboardDecoder();
    const reports = [
      kb(0x02, 0x0f), kb(0), // L
      kb(0x02, 0x12), kb(0), // O
      kb(0x02, 0x17), kb(0), // T
      kb(0, 0x2d), kb(0), // -
      kb(0, 0x1e), kb(0), // 1
      kb(0x01, 0x30), kb(0), // Ctrl+] → GS
      kb(0, 0x1f), kb(0, 0x1f), kb(0), // 2 held across two reports types once
      kb(0, 0x28), kb(0), // Enter
    ];
    const out = reports.map((r) => d.push(r)).filter(Boolean);
    expect(out).toEqual([{ kind: 'scan', text: 'LOT-1\u001d2' }]);
  });

  it('reports a malformed report', () => {
    expect(new BootKeyboardDecoder().push(Uint8Array.from([0, 0, 4]))).toMatchObject({ kind: 'error' });
  });
});
