// Real label payloads per format: Digital Link, HIBC, ISO/IEC 15434 reels, LCSC/TME QR, Lotline ids.
import { describe, expect, it } from 'vitest';
import { mod43CheckChar } from './check-digit';
import { formatLotlineId } from './lotline-id';
import { parseScan } from './parse';

const G = '\u001d';
const R = '\u001e';
const E = '\u0004';
const parse = (raw: string) => parseScan(raw, { referenceYear: 2025 });
const hibc = (data: string) => data + mod43CheckChar(data)!;

describe('GS1 Digital Link', () => {
  it.each([
    ['GS1 example', 'https://id.gs1.org/01/09506000134352/10/ABC123?17=271231', { gtin: '09506000134352', lot: 'ABC123', expiry: '2027-12-31' }],
    ['resolver path prefix, serial', 'https://example.com/qr/01/09506000134352/21/S%2F1', { gtin: '09506000134352', serial: 'S/1' }],
    ['GTIN-13 in the path', 'https://brand.example/01/4006381333931', { gtin: '04006381333931' }],
    ['convenience names', 'https://id.gs1.org/gtin/09506000134352/lot/L1', { gtin: '09506000134352', lot: 'L1' }],
    ['non-AI query parameters ignored', 'https://id.gs1.org/00/106141411234567897?linkType=gs1:pip', { sscc: '106141411234567897' }],
  ])('%s', (_, raw, fields) => {
    const r = parse(raw);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.format).toBe('gs1-digital-link');
    expect(r.fields).toMatchObject(fields);
  });
  it.each([
    ['bad check digit', 'https://id.gs1.org/01/09506000134353', 'check_digit'],
    ['no primary key', 'https://www.example.com/products/42', 'unrecognized'],
    ['bad expiry', 'https://id.gs1.org/01/09506000134352?17=271332', 'invalid_date'],
  ])('%s → %s', (_, raw, kind) => {
    const r = parse(raw);
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });
  it('reports qualifiers out of order as a strict violation', () => {
    const r = parse('https://id.gs1.org/01/09506000134352/21/S1/10/L1');
    expect(r.ok).toBe(true);
    expect(r.strict?.violations.map((v) => v.kind)).toContain('dl_key_order');
  });
});

describe('HIBC', () => {
  it.each([
    ['concatenated, $$5 YYJJJ + lot (HIBC spec example)', '+A99912345/$$52001510X33', { labelerId: 'A999', manufacturerPart: '1234', expiry: '2020-01-15', lot: '10X3' }],
    ['with /16D and /S supplementary', hibc('+A99912345/$$52001510X3/16D20111212/S77DEFG457'), { lot: '10X3', productionDate: '2011-12-12', serial: '77DEFG457' }],
    ['primary only', hibc('+A99912345'), { labelerId: 'A999', manufacturerPart: '1234' }],
    ['Code 39 delimiters', `*${hibc('+A99912345')}*`, { labelerId: 'A999' }],
    ['$ lot only', hibc('+H123ABC01230/$LOT99'), { labelerId: 'H123', manufacturerPart: 'ABC0123', lot: 'LOT99' }],
    ['$$ MMYY + lot', hibc('+H123ABC01230/$$0526LOT1'), { expiry: '2026-05-31', lot: 'LOT1' }],
    ['$$2 MMDDYY', hibc('+H123ABC01230/$$2053126LOT1'), { expiry: '2026-05-31', lot: 'LOT1' }],
    ['$$3 YYMMDD', hibc('+H123ABC01230/$$3260531LOT1'), { expiry: '2026-05-31' }],
    ['$$4 YYMMDDHH', hibc('+H123ABC01230/$$426053114LOT1'), { expiry: '2026-05-31', lot: 'LOT1' }],
    ['$$6 YYJJJHH', hibc('+H123ABC01230/$$62615114LOT1'), { expiry: '2026-05-31' }],
    ['$$7 lot, no date', hibc('+H123ABC01230/$$7LOT1'), { lot: 'LOT1' }],
    ['$$+ date + serial', hibc('+H123ABC01230/$$+3260531SN7'), { expiry: '2026-05-31', serial: 'SN7' }],
    ['$$8 two-digit quantity', hibc('+H123ABC01230/$$8123260531LOT1'), { quantity: 12, expiry: '2026-05-31', lot: 'LOT1' }],
    ['$$9 five-digit quantity', hibc('+H123ABC01230/$$9001000526LOT1'), { quantity: 100, expiry: '2026-05-31' }],
    ['$+ serial only', hibc('+H123ABC01230/$+SN7'), { serial: 'SN7' }],
    ['/14D and /Q supplementary', hibc('+H123ABC01230/$LOT1/14D20261231/Q5'), { lot: 'LOT1', expiry: '2026-12-31', quantity: 5 }],
    ['split secondary with link character', hibc('+$$3260531LOT17'), { expiry: '2026-05-31', lot: 'LOT1' }],
    ['old YYJJJ secondary', hibc('+26151LOT1' + '7'), { expiry: '2026-05-31', lot: 'LOT1' }],
  ])('%s', (_, raw, fields) => {
    const r = parse(raw);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.format).toBe('hibc');
    expect(r.fields).toMatchObject(fields);
  });
  it('keeps the link character of a split secondary', () => {
    const r = parse(hibc('+$$3260531LOT17'));
    expect(r.elements).toContainEqual(['link', '7']);
  });
  it.each([
    ['wrong check character', '+A99912345/$$52001510X34', 'check_digit'],
    ['impossible date', hibc('+H123ABC01230/$$3261331LOT1'), 'invalid_date'],
    ['lower-case noise', '+A9991234#', 'invalid_character'],
    ['bad supplementary', hibc('+H123ABC01230/$LOT1/X9'), 'malformed'],
  ])('%s → %s', (_, raw, kind) => {
    const r = parse(raw);
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });
});

describe('ISO/IEC 15434', () => {
  const digikey = `[)>${R}06${G}P296-1234-1-ND${G}1PSN74LVC1G08DBVR${G}30P296-1234-1-ND${G}KPO-7781${G}1K76543210${G}10K87654321${G}11K1${G}4LMY${G}Q250${G}11ZPICK${G}12Z1234567${G}13Z999999${G}20Z${'0'.repeat(20)}${R}${E}`;
  const mouser = `>[)>${R}06${G}KPO-7781${G}14K002${G}1PGRM155R71C104KA88D${G}Q1000${G}11K061234567${G}4LJP${G}1VMurata${R}${E}`;
  it('Digi-Key reel', () => {
    const r = parse(digikey);
    expect(r.ok).toBe(true);
    expect(r.fields).toMatchObject({ customerPart: '296-1234-1-ND', manufacturerPart: 'SN74LVC1G08DBVR', supplierPart: '296-1234-1-ND', purchaseOrder: 'PO-7781', salesOrder: '76543210', invoice: '87654321', countryOfOrigin: 'MY', quantity: 250 });
    expect(r.elements[0]).toEqual(['P', '296-1234-1-ND']);
  });
  it('Mouser bag with the malformed ">[)>" header', () => {
    const r = parse(mouser);
    expect(r.ok).toBe(true);
    expect(r.fields).toMatchObject({ manufacturerPart: 'GRM155R71C104KA88D', manufacturer: 'Murata', quantity: 1000, purchaseOrderLine: '002', countryOfOrigin: 'JP' });
    expect(r.repairs.map((x) => x.kind)).toEqual(['header_fixed']);
  });
  it.each([
    ['no RS EOT', `[)>${R}06${G}1PABC${G}Q5`],
    ['no EOT', `[)>${R}06${G}1PABC${G}Q5${R}`],
  ])('tolerates a missing trailer: %s', (_, raw) => {
    const r = parse(raw);
    expect(r.ok).toBe(true);
    expect(r.repairs.map((x) => x.kind)).toEqual(['trailer_missing']);
  });
  it('date identifiers 14D/16D, lot 1T, date code 9D', () => {
    const r = parse(`[)>${R}06${G}1PX${G}1TL77${G}9D2514${G}14D20270131${G}16D20250102${R}${E}`);
    expect(r.fields).toMatchObject({ lot: 'L77', dateCode: '2514', expiry: '2027-01-31', productionDate: '2025-01-02' });
  });
  it('format 05 carries GS1 data', () => {
    const r = parse(`[)>${R}05${G}0109501101530003${'17'}250101${'10'}ABC${R}${E}`);
    expect(r.ok).toBe(true);
    expect(r.fields).toMatchObject({ gtin: '09501101530003', expiry: '2025-01-01', lot: 'ABC' });
    expect(r.strict?.ok).toBe(true);
  });
  it.each([
    ['bad 14D date', `[)>${R}06${G}14D20271331${R}${E}`, 'invalid_date'],
    ['quantity not a number', `[)>${R}06${G}QTEN${R}${E}`, 'invalid_value'],
    ['unknown format', `[)>${R}12${G}hello${R}${E}`, 'unrecognized'],
    ['field without identifier', `[)>${R}06${G}-X${R}${E}`, 'malformed'],
  ])('%s → %s', (_, raw, kind) => {
    const r = parse(raw);
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });
  it('says so when the wedge dropped the GS between fields', () => {
    const r = parseScan(`[)>${R}061PABCQ5${R}${E}`, { wedge: { gsDropped: true } });
    expect(r.ok ? 'ok' : r.error.kind).toBe('ambiguous');
  });
});

describe('vendor QR', () => {
  it('LCSC', () => {
    const r = parse('{pbn:PICK2207080016,on:SO2207081231,pc:C2040,pm:RP2040,qty:50,mc:,cc:1,pdi:64123456,hp:0,wc:ZH}');
    expect(r.ok).toBe(true);
    expect(r.format).toBe('lcsc');
    expect(r.fields).toEqual({ supplier: 'LCSC', packageId: 'PICK2207080016', salesOrder: 'SO2207081231', supplierPart: 'C2040', manufacturerPart: 'RP2040', quantity: 50, unit: 'pcs' });
    expect(r.elements).toContainEqual(['mc', '']);
  });
  it('LCSC cut off', () => expect(parse('{pbn:PICK22,pc:C2040').ok).toBe(false));
  it('TME', () => {
    const r = parse('QTY:10 PN:CRCW0603-10K-1% MFR:VISHAY DALE MPN:CRCW060310K0FKEA PO:1234567/8 https://www.tme.eu/details/crcw0603-10k-1%25/');
    expect(r.ok).toBe(true);
    expect(r.fields).toMatchObject({ supplier: 'TME', quantity: 10, supplierPart: 'CRCW0603-10K-1%', manufacturer: 'VISHAY DALE', manufacturerPart: 'CRCW060310K0FKEA', purchaseOrder: '1234567/8' });
    expect(r.fields.url).toMatch(/^https:\/\/www\.tme\.eu/);
  });
});

describe('Lotline ids', () => {
  it.each([
    ['LL-LOT-01ARZ3NDEKTSV4RRFFQ69G5FAV', { internalLotId: 'LL-LOT-01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
    ['LL-LOT-R2024.117', { internalLotId: 'LL-LOT-R2024.117' }],
    ['LL-SLOT-L2-F12.3', { slot: { line: 'L2', slot: 'F12.3' } }],
    ['LL-BADGE-00417', { badgeId: '00417' }],
    ['LL-LOT-L-100001', { internalLotId: 'LL-LOT-L-100001' }],
    ['LL-BADGE-OP-100', { badgeId: 'OP-100' }],
  ])('%s', (raw, fields) => {
    const r = parse(raw);
    expect(r.ok).toBe(true);
    expect(r.fields).toEqual(fields);
  });
  it.each(['LL-LOT-', 'LL-SLOT-L2', 'LL-CART-7', 'LL-BADGE-a b', 'LL-LOT-ABC-'])('%s is refused', (raw) => {
    expect(parse(raw).ok).toBe(false);
  });
  it('formats ids and refuses values outside the grammar', () => {
    expect(formatLotlineId('SLOT', 'L2', 'F12')).toBe('LL-SLOT-L2-F12');
    expect(() => formatLotlineId('BADGE', 'has space')).toThrow(RangeError);
  });
});
