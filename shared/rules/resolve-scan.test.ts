import { describe, expect, it } from 'vitest';
import { parseScan } from '../barcode/parse';
import { bareText, itemFact, lotFacts, lotLabel, scanOf, slotLabel, smtFloorFacts, snapshotOf } from './fixtures';
import { resolveScan, type ScanInput } from './resolve-scan';

const s = snapshotOf([
  ...smtFloorFacts(),
  itemFact({ itemId: 'RES-ALT-MAKER', partMappings: [{ kind: 'manufacturer', owner: 'VISHAY', part: 'CRCW060310K0FKEA' }] }),
  itemFact({ itemId: 'RES-ALT-MAKER-2', partMappings: [{ kind: 'manufacturer', owner: 'YAGEO', part: 'CRCW060310K0FKEA' }] }),
  ...lotFacts({ lotId: 'C2', itemId: 'CAP-100N', supplierLot: 'DUP1' }),
  ...lotFacts({ lotId: 'C3', itemId: 'CAP-100N', supplierLot: 'dup 1' }),
  ...lotFacts({ lotId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', itemId: 'MCU' }),
]);
const G = '\u001d';
const parsed = (text: string): ScanInput => ({ text, scan: parseScan(text, { referenceYear: 2026 }) });

describe('resolveScan', () => {
  it.each<[string, ScanInput, object]>([
    ['Lotline lot label', lotLabel('R1'), { kind: 'lot', via: 'internal_id', lot: { lotId: 'R1' } }],
    ['Lotline label with a ULID lot id, parsed', parsed('LL-LOT-01ARZ3NDEKTSV4RRFFQ69G5FAV'), { kind: 'lot', via: 'internal_id', lot: { itemId: 'MCU' } }],
    ['bare lot id typed or on a plain Code 128', bareText('R1'), { kind: 'lot', via: 'bare_id' }],
    ['bare lot id in lower case (Caps Lock)', bareText('r1'), { kind: 'lot', via: 'bare_id', lot: { lotId: 'R1' } }],
    ['GS1: GTIN + lot', parsed(`]C101095011015300031`.slice(0, 19) + `10MU88213`), { kind: 'lot', via: 'supplier_label', lot: { lotId: 'C1' } }],
    ['15434 reel: MPN + lot (1T)', parsed(`[)>\u001e06${G}1PRC0603FR-0710KL${G}1TDK2419A${G}Q5000\u001e\u0004`), { kind: 'lot', via: 'supplier_label', lot: { lotId: 'R1' } }],
    ['supplier part + supplier + lot', scanOf({ supplier: 'SUP-DIGIKEY', supplierPart: '311-10.0KHRCT-ND', lot: 'dk2419a' }), { kind: 'lot', lot: { lotId: 'R1' } }],
    ['slot label', slotLabel('SMT1', 'F03'), { kind: 'slot', line: 'SMT1', slot: 'F03' }],
  ])('%s', (_, input, want) => expect(resolveScan(s, input)).toMatchObject(want));

  it.each<[string, ScanInput, string, object?]>([
    ['unknown Lotline lot', lotLabel('NOPE'), 'lot_unknown', { ref: 'NOPE', itemId: null }],
    ['unknown bare text', bareText('WHAT-IS-THIS'), 'lot_unknown'],
    ['unreadable scan: the parser error kind is a code the sentence translates', parsed(']C1019501101530004'), 'scan_unreadable', { kind: 'too_short' }],
    ['badge', scanOf({ badgeId: 'OP-100' }, 'lotline'), 'not_a_material'],
    ['GTIN nobody has', scanOf({ gtin: '04006381333931', lot: 'X' }), 'item_unknown', { ref: '04006381333931' }],
    ['MPN of two makers, no maker on the label', scanOf({ manufacturerPart: 'CRCW060310K0FKEA', lot: 'X' }), 'item_ambiguous'],
    ['known item, unknown supplier lot', scanOf({ gtin: '09501101530003', lot: 'NEVER' }), 'lot_unknown', { ref: 'NEVER', itemId: 'CAP-100N' }],
    ['known item, label without a lot (LCSC QR)', parsed('{pbn:PICK2207080016,on:SO2207081231,pc:C2040,pm:RP2040,qty:50,mc:,cc:1,pdi:64123456,hp:0,wc:ZH}'), 'lot_unknown', { ref: null, itemId: 'MCU' }],
    ['supplier lot received twice', scanOf({ gtin: '09501101530003', lot: 'DUP1' }), 'lot_ambiguous', { lotIds: ['C2', 'C3'] }],
  ])('%s', (_, input, code, params) => {
    const r = resolveScan(s, input);
    expect(r.kind).toBe('failed');
    if (r.kind !== 'failed') return;
    expect(r.reason.code).toBe(code);
    if (params) expect(r.reason.params).toMatchObject(params);
  });

  it('at receiving, supplier data naming no lot is a new lot with what the label says', () => {
    const r = resolveScan(s, scanOf({ gtin: '09501101530003', lot: 'NEW-7', expiry: '2027-01-31', quantity: 4000 }), { receiving: true });
    expect(r).toMatchObject({ kind: 'new_lot', item: { itemId: 'CAP-100N' }, supplierLot: 'NEW-7', expiry: '2027-01-31', quantity: 4000, existing: [] });
  });

  it('at receiving, the supplier from context resolves a supplier part', () => {
    const r = resolveScan(s, scanOf({ supplierPart: '311-10.0KHRCT-ND', lot: 'DK2419A' }), { receiving: true, supplier: 'SUP-DIGIKEY' });
    expect(r).toMatchObject({ kind: 'new_lot', item: { itemId: 'RES-10K' }, existing: ['R1'] });
  });
});
