// Scan-back of a unit label: only a read that carries the unit's serial (21) verifies it; a read
// of the label's lot or GTIN line is answered as such, and a label of another unit, a damaged
// read or garbage do not verify. Checked on the barcodes as prepared and as the label.issued
// event stores them (no parsed GS1 elements: the runtime compares from the stored data).
import { describe, expect, it } from 'vitest';
import { GS } from '../barcode/gs1';
import { parseTemplate, type LabelTemplateInput } from './template';
import { prepareLabel } from './validate';
import { awaitsScanBack, verifyUnitLabel, type RenderedLabelData } from './verify';

const YEAR = 2026;

// The shape of resources/labels/fg-udi-lot.json (shared/ tests cannot read the shipped file).
const input: LabelTemplateInput = {
  schema: 'lotline.label/1',
  id: 'fg-udi-unit-test',
  name: 'UDI unit label',
  widthMm: 100,
  heightMm: 90,
  dpi: 300,
  fields: {
    gtin: { type: 'gs1', maxLength: 14 },
    lot: { type: 'gs1', maxLength: 20 },
    serial: { type: 'gs1', label: 'Serial number', maxLength: 20, required: false },
    productionDate: { type: 'date' },
    expiry: { type: 'date' },
  },
  elements: [
    { type: 'barcode', symbology: 'gs1-datamatrix', x: 74, y: 13, moduleMm: 0.42, gs1: { gtin: 'gtin', productionDate: 'productionDate', expiry: 'expiry', lot: 'lot', serial: 'serial' } },
    { type: 'barcode', symbology: 'gs1-128', x: 5, y: 58, moduleMm: 0.25, heightMm: 9, maxWidthMm: 90, gs1: { gtin: 'gtin', productionDate: 'productionDate', expiry: 'expiry' } },
    { type: 'barcode', symbology: 'gs1-128', x: 5, y: 74, moduleMm: 0.25, heightMm: 9, maxWidthMm: 90, gs1: { lot: 'lot' } },
  ],
};
const parsed = parseTemplate(input);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const template = parsed.value;

const data = (serial: string) => ({ gtin: '09506000134369', lot: 'FL-PK1-1', serial, productionDate: '2026-11-20', expiry: '2029-10-31' });
function printedFor(serial: string): RenderedLabelData {
  const p = prepareLabel(template, data(serial), { referenceYear: YEAR });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.value.printed;
}
const label = printedFor('LCS0000002');
/** As label.issued keeps it: index, symbology, data and fieldById only. */
const stored: RenderedLabelData = { templateId: label.templateId, barcodes: label.barcodes.map(({ index, symbology, data: d, fieldById }) => ({ index, symbology, data: d, fieldById })) };

const dm = (serial: string) => `]d201095060001343691126112017291031${'10'}FL-PK1-1${GS}21${serial}`;

describe.each([
  ['as prepared', label],
  ['as stored in label.issued', stored],
])('verifyUnitLabel (%s)', (_, expected) => {
  it.each<[string, string, string]>([
    ['the DataMatrix of this unit', dm('LCS0000002'), 'match'],
    ['the DataMatrix of the next unit', dm('LCS0000003'), 'mismatch'],
    ['a damaged read of the serial', dm('LCS0000012'), 'mismatch'],
    ['the lot line of this label', `]C110FL-PK1-1`, 'other'],
    ['the GTIN and dates line of this label', `]C101095060001343691126112017291031`, 'other'],
    ['the lot line of another lot', `]C110FL-PK1-2`, 'mismatch'],
    ['a Lotline lot label', 'LL-LOT-L-300001', 'mismatch'],
    ['nothing read', '', 'mismatch'],
  ])('%s: %s', (_, scan, want) => {
    const r = verifyUnitLabel(expected, 'LCS0000002', scan, { referenceYear: YEAR });
    const got = r.match ? 'match' : 'otherBarcode' in r ? 'other' : 'mismatch';
    expect(got).toBe(want);
  });

  it('a label of another unit is a mismatch on the serial, naming both', () => {
    const r = verifyUnitLabel(expected, 'LCS0000002', dm('LCS0000003'), { referenceYear: YEAR });
    expect(r).toEqual({ match: false, mismatches: [{ field: 'serial', expected: 'LCS0000002', scanned: 'LCS0000003' }] });
  });
});

describe('verifyUnitLabel: a label that cannot prove its unit', () => {
  it('a label issued with no barcode for the serial never verifies', () => {
    const r = verifyUnitLabel({ templateId: 'x', barcodes: label.barcodes.filter((b) => b.fieldById['21'] === undefined) }, 'LCS0000002', dm('LCS0000002'), { referenceYear: YEAR });
    expect(r).toEqual({ match: false, mismatches: [{ field: 'serial', expected: 'LCS0000002', scanned: null }] });
  });

  it('a label row whose barcodes were issued for another serial does not verify for this one', () => {
    const r = verifyUnitLabel(printedFor('LCS0000003'), 'LCS0000002', dm('LCS0000003'), { referenceYear: YEAR });
    expect(r).toEqual({ match: false, mismatches: [{ field: 'serial', expected: 'LCS0000002', scanned: 'LCS0000003' }] });
  });
});

describe('awaitsScanBack', () => {
  const base = { state: 'printed', printed: true, verified: false };
  it.each([
    ['a printed label not yet verified', base, true],
    ['a unit label (no policy field: always verified)', { ...base, needsVerification: undefined }, true],
    ['a lot label the policy does not ask to verify', { ...base, needsVerification: false }, false],
    ['a label still at the printer', { ...base, state: 'issued', printed: false }, false],
    ['a verified label', { ...base, state: 'verified', verified: true }, false],
    ['a voided label', { ...base, state: 'voided' }, false],
  ])('%s', (_, label, expected) => {
    expect(awaitsScanBack(label)).toBe(expected);
  });
});
