import { describe, expect, it } from 'vitest';
import { gs1Ai } from './gs1-ai-spec';
import { checkGs1Associations, decimalValue } from './gs1';
import { implementedLinters, unimplementedLinters } from './gs1-linters';
import { GS1_DICTIONARY } from './gs1-ai-table.generated';
import { parseScan } from './parse';

const G = '\u001d';
const parse = (raw: string) => parseScan(raw, { referenceYear: 2025 });

describe('GS1 element strings', () => {
  it.each([
    ['GS1-128 with ]C1, variable AI last', ']C10109501101530003172501001010ABC', [['01', '09501101530003'], ['17', '250100'], ['10', '10ABC']]],
    ['GS1 DataMatrix ]d2, FNC1 as GS', `]d20109501101530003${G}`.slice(0, -1) + `10LOT42${G}21SER1`, [['01', '09501101530003'], ['10', 'LOT42'], ['21', 'SER1']]],
    ['GS1 QR ]Q3', ']Q30109501101530003', [['01', '09501101530003']]],
    ['GS1 DataBar ]e0', ']e00109501101530003', [['01', '09501101530003']]],
    ['GS1 DotCode ]J1', ']J100106141411234567897', [['00', '106141411234567897']]],
    ['no symbology identifier', `0109501101530003${G}`.slice(0, -1) + '10ABC', [['01', '09501101530003'], ['10', 'ABC']]],
    ['leading GS as FNC1', `${G}0109501101530003`, [['01', '09501101530003']]],
    ['GS after a pre-defined AI is tolerated', `]C10109501101530003${G}10ABC`, [['01', '09501101530003'], ['10', 'ABC']]],
    ['8-digit GTIN read as EAN-8', ']E496385074', [['01', '00000096385074']]],
    ['13-digit EAN read bare', '4006381333931', [['01', '04006381333931']]],
    ['EAN-13 with 2-digit add-on ]E3', ']E3400638133393112', [['01', '04006381333931']]],
    ['14-digit GTIN in AI 01', ']C10100012345678905', [['01', '00012345678905']]],
    ['decimal AI 3103', `]C10109501101530003${G}`.slice(0, -1) + '3103001250', [['01', '09501101530003'], ['3103', '001250']]],
    ['variable-length count then end', ']C1020950110153000337120', [['02', '09501101530003'], ['37', '120']]],
  ])('%s', (_, raw, elements) => {
    const r = parse(raw);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.elements).toEqual(elements);
  });

  it.each([
    ['wrong GTIN check digit', ']C10109501101530004', 'check_digit', 18],
    ['wrong SSCC check digit', ']C100106141411234567890', 'check_digit', 22],
    ['month 13', ']C1010950110153000317251301', 'invalid_date', 23],
    ['AI cut after one digit', ']C101095011015300031', 'too_short', 19],
    ['30 February', ']C10109501101530003172502300', 'invalid_date', 25],
    ['lot longer than 20', `]C1010950110153000310${'A'.repeat(21)}`, 'too_long', 41],
    ['GTIN cut short', ']C1010950110153', 'too_short', 15],
    ['pre-defined AI cut by GS', `]C101095011015${G}0003`, 'too_short', 14],
    ['unknown AI', ']C10109501101530003238ABC', 'unknown_ai', 19],
    ['reserved pre-defined prefix 04', ']C10412345678901234', 'unknown_ai', 3],
    ['lower case is outside CSET 82 only when a control char', `]C1010950110153000310AB\u0007C`, 'invalid_character', 23],
    ['letters in a numeric AI', ']C1010950110153000330A1', 'invalid_character', 21],
    [']C0 means not GS1 data', ']C00109501101530003', 'unrecognized', 3],
    [']d1 means not GS1 data', ']d10109501101530003', 'unrecognized', 3],
    [']Q1 means not GS1 data', ']Q10109501101530003', 'unrecognized', 3],
    ['broken symbology identifier', ']C9010950110153000', 'bad_symbology_identifier', 0],
    ['truncated symbology identifier', ']C', 'bad_symbology_identifier', 0],
    ['identifier only', ']C1', 'empty', 3],
  ])('%s → %s at %i', (_, raw, kind, position) => {
    const r = parse(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe(kind);
      expect(r.error.position).toBe(position);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it('maps fields: DD=00 expiry, production date, lot, serial, count', () => {
    const r = parse(`]C10109501101530003112412311725020010LOT${G}21S1${G}3012`);
    expect(r.fields).toMatchObject({ gtin: '09501101530003', productionDate: '2024-12-31', expiry: '2025-02-28', lot: 'LOT', serial: 'S1', quantity: 12, unit: 'pcs' });
  });

  it('reads a production date given by month (DD=00) as its first day, an expiry as its last', () => {
    const r = parse(']C10109501101530003112412001725020010LOT');
    expect(r.fields).toMatchObject({ productionDate: '2024-12-01', expiry: '2025-02-28' });
  });

  it('maps 310n as an exact decimal measure', () => {
    const r = parse(']C101095011015300033102012345');
    expect(r.fields.measures).toEqual([{ ai: '3102', title: 'NET WEIGHT (kg)', value: '123.45', unit: 'kg' }]);
  });
});

describe('decimal AIs', () => {
  it.each([
    ['3100', '001250', '1250'],
    ['3103', '001250', '1.250'],
    ['3105', '001250', '0.01250'],
    ['3925', '12345', '0.12345'],
  ])('(%s)%s → %s', (ai, v, want) => expect(decimalValue(ai, v)).toBe(want));
});

describe('dropped GS between variable-length AIs', () => {
  it('says the data is ambiguous instead of guessing when the wedge drops GS', () => {
    const r = parseScan('0109501101530003' + '10ABC' + '17250101', { referenceYear: 2025, wedge: { gsDropped: true } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('ambiguous');
      expect(r.error.message).toContain('(10)ABC(17)250101');
      expect(r.error.position).toBe(16);
    }
  });
  it('restores a GS when only one reading is valid, and reports it', () => {
    // The count (30) cannot hold letters, so only one split reads: (30)25 then (10)ABC.
    const r = parse(']C1010950110153000330' + '25' + '10ABC');
    expect(r.ok).toBe(true);
    expect(r.elements).toEqual([['01', '09501101530003'], ['30', '25'], ['10', 'ABC']]);
    expect(r.repairs.map((x) => x.kind)).toContain('gs_inserted');
  });
  it('keeps the straight reading when the wedge delivers GS', () => {
    const r = parse('0109501101530003' + '10ABC' + '17250101');
    expect(r.ok && r.fields.lot).toBe('ABC17250101');
  });
});

describe('bracketed HRI', () => {
  it.each([
    ['(01)09501101530003(17)250100(10)ABC', { gtin: '09501101530003', expiry: '2025-01-31', lot: 'ABC' }],
    ['(01) 09501101530003 (10) AB(C)', { gtin: '09501101530003', lot: 'AB(C)' }],
    ['(00)106141411234567897', { sscc: '106141411234567897' }],
  ])('%s', (raw, fields) => {
    const r = parse(raw);
    expect(r.ok).toBe(true);
    expect(r.format).toBe('gs1-hri');
    expect(r.fields).toMatchObject(fields);
  });
  it('flags an unknown AI in brackets', () => {
    const r = parse('(01)09501101530003(99999)X');
    expect(r.ok).toBe(false);
  });
});

describe('association rules (valid vs strict)', () => {
  it.each([
    ['GTIN + expiry + lot', [['01', '09501101530003'], ['17', '250101'], ['10', 'A']], []],
    ['lot without a GTIN', [['10', 'A']], ['requires:10']],
    ['GTIN with CONTENT', [['01', '09501101530003'], ['02', '09501101530003'], ['37', '1']], ['excludes:01', 'excludes:02']],
    ['CONTENT needs COUNT', [['00', '106141411234567897'], ['02', '09501101530003']], ['requires:02']],
    ['serial with TPX', [['01', '09501101530003'], ['21', 'S'], ['235', 'T']], ['excludes:21']],
    ['two net weights in kg', [['01', '09501101530003'], ['3100', '000001'], ['3101', '000010']], ['excludes:3100']],
    ['same AI twice, different values', [['01', '09501101530003'], ['10', 'A'], ['10', 'B']], ['duplicate:10']],
    ['IMEI needs 01+21', [['01', '09501101530003'], ['8040', '490154203237518']], ['requires:8040']],
  ])('%s', (_, elements, want) => {
    const r = checkGs1Associations(elements as Array<[string, string]>);
    expect(r.violations.map((v) => `${v.kind}:${v.ai}`).slice(0, want.length)).toEqual(want.slice(0, want.length));
    expect(r.ok).toBe(want.length === 0);
  });
  it('a syntax-valid scan can fail strict', () => {
    const r = parse(']C110ABC');
    expect(r.ok).toBe(true);
    expect(r.strict?.ok).toBe(false);
  });
});

describe('generated AI table', () => {
  it.each([
    ['00', true, 18, 18],
    ['01', true, 14, 14],
    ['10', false, 1, 20],
    ['17', true, 6, 6],
    ['3103', true, 6, 6],
    ['3955', false, 6, 6],
    ['8003', false, 14, 30],
    ['99', false, 1, 90],
  ])('(%s) pre-defined=%s length %i..%i', (ai, predefined, min, max) => {
    const s = gs1Ai(ai);
    expect(s).toBeDefined();
    expect([s!.predefinedLength, s!.minLength, s!.maxLength]).toEqual([predefined, min, max]);
  });
  it('every linter the dictionary names is implemented or listed as left out', () => {
    const named = new Set(GS1_DICTIONARY.flatMap((e) => e.components.flatMap((c) => c.linters)));
    const known = new Set([...implementedLinters(), ...unimplementedLinters]);
    expect([...named].filter((n) => !known.has(n))).toEqual([]);
  });
});
