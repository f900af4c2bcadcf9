import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from './check-digit';
import { encodeGs1DigitalLink, encodeGs1ElementString, encodeGs1Hri, gs1ElementsFromFields } from './encode';
import { parseScan } from './parse';
import type { Element } from './result';

const G = '\u001d';
const YEAR = 2025;

describe('encoder', () => {
  const fields = { gtin: '09501101530003', expiry: '2027-12-31', lot: 'ABC123', serial: 'S/1' };
  it('builds elements from fields', () => {
    const r = gs1ElementsFromFields(fields, { referenceYear: YEAR });
    expect(r).toEqual({ ok: true, value: [['01', '09501101530003'], ['17', '271231'], ['10', 'ABC123'], ['21', 'S/1']] });
  });
  it.each([
    ['element string', (e: Element[]) => encodeGs1ElementString(e, { referenceYear: YEAR }), `010950110153000317271231${'10'}ABC123${G}21S/1`],
    ['element string for bwip-js', (e: Element[]) => encodeGs1ElementString(e, { referenceYear: YEAR, separator: '^FNC1' }), '01095011015300031727123110ABC123^FNC121S/1'],
    ['HRI', (e: Element[]) => encodeGs1Hri(e, { referenceYear: YEAR }), '(01)09501101530003(17)271231(10)ABC123(21)S/1'],
    ['Digital Link', (e: Element[]) => encodeGs1DigitalLink(e, { referenceYear: YEAR }), 'https://id.gs1.org/01/09501101530003/10/ABC123/21/S%2F1?17=271231'],
  ])('%s', (_, enc, want) => {
    const el = gs1ElementsFromFields(fields, { referenceYear: YEAR });
    if (!el.ok) throw new Error('fields');
    expect(enc(el.value)).toEqual({ ok: true, value: want });
  });
  it('puts pre-defined AIs first when asked, saving separators', () => {
    const r = encodeGs1ElementString([['10', 'A'], ['01', '09501101530003'], ['21', 'B']], { predefinedFirst: true });
    expect(r).toEqual({ ok: true, value: `010950110153000310A${G}21B` });
  });
  it.each([
    ['bad check digit', { gtin: '09501101530004' }, 'check_digit'],
    ['date outside the century window', { gtin: '09501101530003', expiry: '2090-01-01' }, 'invalid_date'],
    ['lot too long', { gtin: '09501101530003', lot: 'X'.repeat(21) }, 'too_long'],
    ['lot with a space', { gtin: '09501101530003', lot: 'A B' }, 'invalid_character'],
  ])('refuses %s', (_, f, kind) => {
    const r = gs1ElementsFromFields(f, { referenceYear: YEAR });
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });
});

const cset82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
const text = (max: number) => fc.array(fc.constantFrom(...cset82), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const gtin = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }).map((d) => d.join('') + gs1CheckDigit(d.join('')));
const date = fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2074-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const labelFields = fc.record(
  { gtin, lot: text(20), serial: text(20), expiry: date, productionDate: date, quantity: fc.integer({ min: 0, max: 99_999_999 }) },
  { requiredKeys: ['gtin'] },
);

describe('encode → parse round trip', () => {
  it('element string (FNC1 as GS, with ]C1)', () => {
    fc.assert(
      fc.property(labelFields, fc.boolean(), (f, reorder) => {
        const el = gs1ElementsFromFields(f, { referenceYear: YEAR });
        expect(el.ok).toBe(true);
        if (!el.ok) return;
        const s = encodeGs1ElementString(el.value, { referenceYear: YEAR, symbologyId: ']C1', predefinedFirst: reorder });
        if (!s.ok) throw new Error(s.error.message);
        const r = parseScan(s.value, { referenceYear: YEAR });
        expect(r.ok).toBe(true);
        expect(new Set(r.elements.map((e) => e.join('=')))).toEqual(new Set(el.value.map((e) => e.join('='))));
        for (const k of ['gtin', 'lot', 'serial', 'expiry', 'productionDate', 'quantity'] as const) expect(r.fields[k]).toEqual(f[k]);
      }),
      { numRuns: 300 },
    );
  });
  it('Digital Link and HRI', () => {
    fc.assert(
      fc.property(labelFields, (f) => {
        const el = gs1ElementsFromFields(f, { referenceYear: YEAR });
        if (!el.ok) throw new Error(el.error.message);
        const dl = encodeGs1DigitalLink(el.value, { referenceYear: YEAR });
        if (!dl.ok) throw new Error(dl.error.message);
        const r = parseScan(dl.value, { referenceYear: YEAR });
        expect(r.ok, dl.value).toBe(true);
        expect(r.fields.lot).toEqual(f.lot);
        expect(r.fields.serial).toEqual(f.serial);
        const hri = encodeGs1Hri(el.value, { referenceYear: YEAR });
        if (hri.ok) {
          const h = parseScan(hri.value, { referenceYear: YEAR });
          expect(h.ok, hri.value).toBe(true);
          expect(h.elements).toEqual(el.value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
