// The pure label path on a small inline template (shared/ tests cannot read the shipped files):
// validation errors naming fields, ZPL escaping and structure, dpi scaling, print verification.
import { describe, expect, it } from 'vitest';
import { GS } from '../barcode/gs1';
import { mmToDots, type BarcodeItem, type TextItem } from './layout';
import { parseTemplate, type LabelTemplateInput } from './template';
import { labelToZpl, prepareLabel } from './validate';
import { verifyPrintedLabel } from './verify';
import { checkZpl } from './zpl-check';
import { fhEscape } from './zpl';

const YEAR = 2026;

const input: LabelTemplateInput = {
  schema: 'lotline.label/1',
  id: 'unit-udi',
  name: 'Unit test label',
  widthMm: 100,
  heightMm: 60,
  dpi: 203,
  fields: {
    gtin: { type: 'gs1', maxLength: 14 },
    lot: { type: 'gs1', label: 'Lot', maxLength: 20 },
    serial: { type: 'gs1', maxLength: 20, required: false },
    expiry: { type: 'date', label: 'Use-by date' },
    qty: { type: 'integer', min: 1, max: 999 },
    name: { type: 'text', label: 'Product name', maxLength: 30 },
    status: { type: 'enum', values: ['QUARANTINE', 'RELEASED'] },
    lotId: { type: 'lotline-id', kind: 'LOT', required: false },
  },
  elements: [
    { type: 'text', x: 2, y: 2, width: 40, fontMm: 3, text: '{name}' },
    { type: 'text', x: 2, y: 6, width: 60, fontMm: 3, text: 'EXP {expiry:DD MMM YYYY}' },
    { type: 'box', x: 70, y: 0, width: 30, height: 8, fill: true, when: { field: 'status', equals: 'QUARANTINE' } },
    { type: 'text', x: 70, y: 1, width: 30, fontMm: 3, text: '{status}', reverse: true, align: 'center', when: { field: 'status', equals: 'QUARANTINE' } },
    { type: 'barcode', symbology: 'gs1-datamatrix', x: 2, y: 12, moduleMm: 0.5, gs1: { gtin: 'gtin', expiry: 'expiry', lot: 'lot', serial: 'serial', quantity: 'qty' } },
    { type: 'barcode', symbology: 'gs1-128', x: 2, y: 35, moduleMm: 0.25, heightMm: 10, maxWidthMm: 96, gs1: { gtin: 'gtin', lot: 'lot' }, hri: { fontMm: 2.5 } },
    { type: 'barcode', symbology: 'code128', x: 40, y: 12, moduleMm: 0.25, heightMm: 8, data: '{lotId}', when: 'lotId' },
  ],
};

const parsed = parseTemplate(input);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const template = parsed.value;

const good = { gtin: '09506000134352', lot: 'L42', expiry: '2028-06-30', qty: 12, name: 'Infusion set', status: 'RELEASED' };

describe('validation: bad data never reaches the printer', () => {
  it.each([
    ['missing required field', { ...good, lot: undefined }, 'lot', /Lot is required/],
    ['empty string is missing', { ...good, name: '  ' }, 'name', /required/],
    ['not a date', { ...good, expiry: '30.06.2028' }, 'expiry', /YYYY-MM-DD/],
    ['impossible date', { ...good, expiry: '2027-02-29' }, 'expiry', /YYYY-MM-DD/],
    ['integer out of range', { ...good, qty: 1000 }, 'qty', /between 1 and 999/],
    ['integer not whole', { ...good, qty: 1.5 }, 'qty', /whole number/],
    ['text longer than its field', { ...good, name: 'x'.repeat(31) }, 'name', /at most 30/],
    ['enum value not allowed', { ...good, status: 'OK' }, 'status', /one of QUARANTINE, RELEASED/],
    ['GTIN with a wrong check digit', { ...good, gtin: '09506000134353' }, 'gtin', /GTIN/],
    ['GTIN with letters', { ...good, gtin: '0950600013435X' }, 'gtin', /GTIN/],
    ['lot of 21 characters (AI 10 holds 20)', { ...good, lot: 'A'.repeat(21) }, 'lot', /at most 20/],
    ['lot with a character GS1 does not allow', { ...good, lot: 'L#42' }, 'lot', /Lot/],
    ['expiry outside the GS1 century window', { ...good, expiry: '2099-01-01' }, 'expiry', /GS1 date/],
    ['Lotline id with the wrong kind', { ...good, lotId: 'LL-BADGE-X1' }, 'lotId', /LL-LOT/],
    ['control character in text', { ...good, name: 'a\u001db' }, 'name', /control character/],
    ['text that does not fit its box', { ...good, name: 'W'.repeat(30) }, 'name', /does not fit/],
  ])('%s → error on %s', (_, data, field, message) => {
    const r = prepareLabel(template, data, { referenceYear: YEAR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.field === field);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e!.message).toMatch(message);
  });

  it('returns every field error at once', () => {
    const r = prepareLabel(template, { gtin: good.gtin }, { referenceYear: YEAR });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['expiry', 'lot', 'name', 'qty', 'status']);
  });

  it('a GS1-128 wider than its field is refused, naming the fields', () => {
    const t = parseTemplate({ ...input, elements: [{ type: 'barcode', symbology: 'gs1-128', x: 2, y: 2, moduleMm: 0.5, heightMm: 10, maxWidthMm: 40, gs1: { gtin: 'gtin', lot: 'lot' } }] });
    if (!t.ok) throw new Error('template');
    const r = prepareLabel(t.value, { ...good, lot: 'ABCDEFGHIJKLMNOPQRST' }, { referenceYear: YEAR });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'gtin, lot', message: expect.stringMatching(/allows 40 mm/) });
  });

  it.each([
    ['undeclared field', { ...input, elements: [{ type: 'text', x: 1, y: 1, width: 10, fontMm: 2, text: '{nope}' }] }, /does not declare/],
    ['format on a non-date', { ...input, elements: [{ type: 'text', x: 1, y: 1, width: 10, fontMm: 2, text: '{name:YYYY}' }] }, /only date fields/],
    ['GS1 barcode without gs1', { ...input, elements: [{ type: 'barcode', symbology: 'gs1-128', x: 1, y: 1, moduleMm: 0.25, heightMm: 5 }] }, /needs "gs1"/],
    ['unknown dpi', { ...input, dpi: 400 }, /./],
  ])('template error: %s', (_, json, message) => {
    const r = parseTemplate(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).join('\n')).toMatch(message);
  });
});

describe('GS1 pairing rules over the whole label', () => {
  // A logistic label: the contents (02)+(37) in one symbol, the SSCC (00) they need in another.
  const logistic = (gs1: Record<string, string>) => {
    const t = parseTemplate({
      schema: 'lotline.label/1',
      id: 'unit-logistic',
      name: 'Logistic unit',
      widthMm: 100,
      heightMm: 80,
      dpi: 203,
      fields: { gtin: { type: 'gs1', maxLength: 14 }, count: { type: 'integer', min: 1, max: 9999 }, lot: { type: 'gs1', maxLength: 20 }, sscc: { type: 'gs1', maxLength: 18 } },
      elements: [
        { type: 'barcode', symbology: 'gs1-128', x: 2, y: 2, moduleMm: 0.25, heightMm: 10, maxWidthMm: 96, gs1 },
        { type: 'barcode', symbology: 'gs1-128', x: 2, y: 40, moduleMm: 0.25, heightMm: 10, maxWidthMm: 96, gs1: { sscc: 'sscc' } },
      ],
    });
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    return prepareLabel(t.value, { gtin: '09506000134352', count: 48, lot: 'L42', sscc: '095060001343528426' }, { referenceYear: YEAR });
  };

  it('binds the contents (02) with their count (37) and lot, beside the SSCC (00) in another symbol', () => {
    const r = logistic({ contentGtin: 'gtin', contentCount: 'count', lot: 'lot' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.printed.barcodes.map((b) => b.gs1)).toEqual([
      [['02', '09506000134352'], ['10', 'L42'], ['37', '48']],
      [['00', '095060001343528426']],
    ]);
  });

  it.each([
    ['the contents without their count', { contentGtin: 'gtin' }, 'gtin', /\(02\).*needs \(37\)/],
    ['the carton as a trade item and its contents both', { gtin: 'gtin', contentGtin: 'gtin', contentCount: 'count' }, 'gtin', /must not be used together/],
  ] as const)('refuses %s, naming the field', (_, gs1, field, message) => {
    const r = logistic(gs1);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.find((e) => e.field === field)?.message, JSON.stringify(r.errors)).toMatch(message);
  });
});

describe('ZPL', () => {
  it.each([
    ['caret and tilde', 'A^B~C', 'A_5EB_7EC'],
    ['the hex indicator itself', 'a_b', 'a_5Fb'],
    ['non-ASCII as UTF-8 bytes', 'Müller Ω €', 'M_C3_BCller _CE_A9 _E2_82_AC'],
    ['astral plane', '𝄞', '_F0_9D_84_9E'],
  ])('^FH escape: %s', (_, text, out) => expect(fhEscape(text)).toBe(out));

  it('data with ^, ~, \\ and non-ASCII cannot break the label', () => {
    const r = labelToZpl(template, { ...good, name: 'A^XZ~JA\\&é_ü' }, { referenceYear: YEAR });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(checkZpl(r.value.zpl)).toEqual([]);
    expect(r.value.zpl).toContain('^CI28');
    expect(r.value.zpl).toContain('^FH_^FDA_5EXZ_7EJA_5C_5C&_C3_A9_5F_C3_BC^FS');
  });

  it('GS1-128 is ^BC mode N with FNC1 >8; GS1 DataMatrix is ^BX ECC 200 with _1', () => {
    const r = labelToZpl(template, { ...good, serial: 'S_1' }, { referenceYear: YEAR });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.zpl).toContain('^BCN,80,N,N,N,N^FD>;>8010950600013435210>6L42^FS');
    // 01 and 17 are fixed-length and go first; the escape char doubles an underscore in data.
    expect(r.value.zpl).toMatch(/\^BXN,4,200,(\d+),\1,6,_\^FD_101095060001343521728063010L42_121S__1_13012\^FS/);
  });

  it.each([
    ['balanced', '^XA^FO1,1^FDx^FS^XZ', []],
    ['no ^XZ', '^XA^FDx^FS', ['a format is never closed with ^XZ']],
    ['^FD without ^FS', '^XA^FDx^XZ', ['^XZ at 7 inside an unfinished field']],
    ['raw caret in data', '^XA^FDa^XZb^FS^XZ', ['^XZ at 7 inside an unfinished field', '^FS at 11 outside ^XA…^XZ', '^XZ at 14 without ^XA']],
    ['tilde', '^XA^FD~JA^FS^XZ', ['contains "~" (a control command prefix) — data must be ^FH-escaped']],
  ])('checkZpl: %s', (_, zpl, problems) => expect(checkZpl(zpl)).toEqual(problems));
});

describe('resolution: millimetres stay, dots scale', () => {
  it('203 vs 300 dpi', () => {
    const a = prepareLabel(template, good, { referenceYear: YEAR, dpi: 203 });
    const b = prepareLabel(template, good, { referenceYear: YEAR, dpi: 300 });
    if (!a.ok || !b.ok) throw new Error('prepare');
    expect([a.value.layout.width, a.value.layout.height]).toEqual([799, 480]);
    expect([b.value.layout.width, b.value.layout.height]).toEqual([1181, 709]);
    const bars = (l: typeof a.value.layout) => l.items.filter((i): i is BarcodeItem => i.kind === 'barcode');
    const [dmA, c128A] = bars(a.value.layout);
    const [dmB, c128B] = bars(b.value.layout);
    // Same symbol, modules rounded to whole dots: 0.5 mm is 4 dots at 203 and 6 at 300.
    expect(dmA!.module).toBe(4);
    expect(dmB!.module).toBe(6);
    expect(c128A!.module).toBe(2);
    expect(c128B!.module).toBe(3);
    expect(c128A!.width / c128A!.module).toBe(c128B!.width / c128B!.module);
    const text = (l: typeof a.value.layout) => l.items.find((i): i is TextItem => i.kind === 'text')!;
    expect(Math.abs((text(a.value.layout).fontHeight * 25.4) / 203 - (text(b.value.layout).fontHeight * 25.4) / 300)).toBeLessThan(0.13);
    expect(mmToDots(25.4, 600)).toBe(600);
  });
});

describe('verifyPrintedLabel', () => {
  const prepared = prepareLabel(template, { ...good, serial: 'S1', lotId: 'LL-LOT-R42' }, { referenceYear: YEAR });
  if (!prepared.ok) throw new Error('prepare');
  const printed = prepared.value.printed;

  it.each([
    ['GS1 DataMatrix scan', `]d20109506000134352172806303012${GS}10L42${GS}21S1`, true],
    ['GS1-128 scan', `]C1010950600013435210L42`, true],
    ['HRI typed in', '(01)09506000134352(10)L42', true],
    ['Lotline id, lower case from a Caps-Lock wedge', 'll-lot-r42', true],
  ])('%s matches', (_, scan, match) => {
    expect(verifyPrintedLabel(printed, scan, { referenceYear: YEAR }).match).toBe(match);
  });

  it('a wrong lot is a mismatch naming the field', () => {
    const r = verifyPrintedLabel(printed, `]C1010950600013435210L43`, { referenceYear: YEAR });
    expect(r).toEqual({ match: false, mismatches: [{ field: 'lot', expected: 'L42', scanned: 'L43' }] });
  });

  it('an extra AI is a mismatch too', () => {
    const r = verifyPrintedLabel(printed, `]C1010950600013435210L42${GS}21S1`, { referenceYear: YEAR });
    expect(r.match).toBe(false);
    if (!r.match) expect(r.mismatches).toEqual([{ field: '(21)', expected: null, scanned: 'S1' }]);
  });

  it('garbage is unreadable', () => {
    const r = verifyPrintedLabel({ templateId: 'x', barcodes: printed.barcodes.filter((b) => b.gs1) }, ']C1019', { referenceYear: YEAR });
    expect(r).toMatchObject({ match: false, unreadable: true });
  });
});
