import { describe, expect, it } from 'vitest';
import { matchItem, type ItemId, type ItemMasterData } from './item-match';
import type { ScanFields } from './result';

const id = (s: string) => s as ItemId;
const master: ItemMasterData = {
  gtins: [{ gtin: '09501101530003', item: id('ITEM-SALINE') }, { gtin: '4006381333931', item: id('ITEM-PEN') }],
  customerParts: [{ part: 'LL-100-042', item: id('ITEM-CAP-100N') }],
  supplierParts: [
    { supplier: 'LCSC', part: 'C2040', item: id('ITEM-RP2040') },
    { supplier: 'Digi-Key', part: '296-1234-1-ND', item: id('ITEM-AND-GATE') },
    { supplier: 'LCSC', part: 'X-1', item: id('ITEM-A') },
    { supplier: 'TME', part: 'X-1', item: id('ITEM-B') },
  ],
  manufacturerParts: [
    { manufacturer: 'Murata', part: 'GRM155R71C104KA88D', item: id('ITEM-CAP-100N') },
    { part: 'RP2040', item: id('ITEM-RP2040') },
    { manufacturer: 'Vishay', part: 'CRCW060310K0FKEA', item: id('ITEM-R-10K') },
    { manufacturer: 'Yageo', part: 'CRCW060310K0FKEA', item: id('ITEM-R-10K-ALT') },
  ],
};

describe('item matching', () => {
  it.each<[string, ScanFields, object, { supplier?: string }?]>([
    ['GTIN', { gtin: '09501101530003' }, { kind: 'matched', item: 'ITEM-SALINE', via: 'gtin' }],
    ['GTIN-13 against GTIN-14 scan', { gtin: '04006381333931' }, { kind: 'matched', item: 'ITEM-PEN', via: 'gtin' }],
    ['customer part (ours, printed by the supplier)', { customerPart: 'll-100-042 ' }, { kind: 'matched', item: 'ITEM-CAP-100N', via: 'customer_part' }],
    ['supplier part from an LCSC label', { supplier: 'LCSC', supplierPart: 'C2040' }, { kind: 'matched', item: 'ITEM-RP2040', via: 'supplier_part' }],
    ['supplier part, supplier from context', { supplierPart: '296-1234-1-ND' }, { kind: 'matched', item: 'ITEM-AND-GATE', via: 'supplier_part' }, { supplier: 'digi-key' }],
    ['supplier part without a known supplier falls to the MPN', { supplierPart: 'C2040', manufacturerPart: 'RP2040' }, { kind: 'matched', via: 'manufacturer_part' }],
    ['supplier part, supplier unknown, nothing else on the label', { supplierPart: '296-1234-1-nd' }, { kind: 'matched', item: 'ITEM-AND-GATE', via: 'supplier_part', key: '296-1234-1-nd' }],
    ['a distributor part in P (Digi-Key reel without our part number)', { customerPart: '296-1234-1-ND' }, { kind: 'matched', item: 'ITEM-AND-GATE', via: 'supplier_part' }],
    ['a distributor part in P, supplier from context', { customerPart: '296-1234-1-ND' }, { kind: 'matched', item: 'ITEM-AND-GATE', via: 'supplier_part', key: 'digi-key:296-1234-1-ND' }, { supplier: 'digi-key' }],
    ['supplier part of another supplier than the one delivering', { supplierPart: 'C2040' }, { kind: 'none' }, { supplier: 'Digi-Key' }],
    ['supplier part two suppliers map to different items, supplier unknown', { supplierPart: 'X-1' }, { kind: 'ambiguous', via: 'supplier_part', candidates: ['ITEM-A', 'ITEM-B'] }],
    ['the same, supplier known', { supplierPart: 'X-1' }, { kind: 'matched', item: 'ITEM-B' }, { supplier: 'TME' }],
    ['manufacturer part with manufacturer', { manufacturerPart: 'GRM155R71C104KA88D', manufacturer: 'MURATA' }, { kind: 'matched', item: 'ITEM-CAP-100N' }],
    ['MPN made by two makers, maker unknown', { manufacturerPart: 'CRCW060310K0FKEA' }, { kind: 'ambiguous', via: 'manufacturer_part', candidates: ['ITEM-R-10K', 'ITEM-R-10K-ALT'] }],
    ['MPN with maker resolves it', { manufacturerPart: 'CRCW060310K0FKEA', manufacturer: 'Vishay' }, { kind: 'matched', item: 'ITEM-R-10K' }],
    ['nothing known', { manufacturerPart: 'NOPE' }, { kind: 'none' }],
    ['no keys at all', { lot: 'L1' }, { kind: 'none' }],
  ])('%s', (_, fields, want, ctx) => {
    expect(matchItem(fields, master, ctx)).toMatchObject(want);
  });

  it('reports a weaker key that points at another item as a conflict', () => {
    const r = matchItem({ gtin: '09501101530003', manufacturerPart: 'RP2040' }, master);
    expect(r).toMatchObject({ kind: 'matched', item: 'ITEM-SALINE', conflicts: [{ item: 'ITEM-RP2040', via: 'manufacturer_part' }] });
  });

  it('reports a supplier part of unknown supplier that disagrees with the maker part', () => {
    const r = matchItem({ supplierPart: '296-1234-1-ND', manufacturerPart: 'RP2040' }, master);
    expect(r).toMatchObject({ kind: 'matched', item: 'ITEM-RP2040', via: 'manufacturer_part', conflicts: [{ item: 'ITEM-AND-GATE', via: 'supplier_part' }] });
  });
});
