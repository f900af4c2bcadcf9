// The index is only a pre-filter: matchItem over the candidates must answer exactly what
// matchItem over all master data answers, for any scan fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchItem, type ItemId, type ItemMasterData } from '../barcode/item-match';
import type { ItemId as LotlineItemId } from '../ids';
import { candidateMaster, emptyItemIndex, indexItem, type ItemMappings } from './item-index';

const part = fc.constantFrom('RC0603FR-0710KL', 'rc0603fr 0710kl', 'C2040', 'RP2040', 'GRM155', 'X-1', 'x1');
const owner = fc.constantFrom('YAGEO', 'yageo', 'LCSC', 'SUP-LCSC', 'MURATA');
const gtin = fc.constantFrom('09501101530003', '9501101530003', '04006381333931', '4006381333931', '12345670');
const mappings: fc.Arbitrary<ItemMappings> = fc.record(
  { gtin, partMappings: fc.array(fc.record({ kind: fc.constantFrom('supplier', 'manufacturer', 'customer'), owner, part }), { maxLength: 3 }) },
  { requiredKeys: ['partMappings'] },
);
const fields = fc.record({ gtin, customerPart: part, supplierPart: part, supplier: owner, manufacturerPart: part, manufacturer: owner }, { requiredKeys: [] });

function fullMaster(items: ReadonlyArray<readonly [string, ItemMappings]>): ItemMasterData {
  const id = (s: string) => s as ItemId;
  return {
    gtins: items.flatMap(([i, m]) => (m.gtin ? [{ gtin: m.gtin, item: id(i) }] : [])),
    customerParts: items.flatMap(([i, m]) => m.partMappings.filter((p) => p.kind === 'customer').map((p) => ({ part: p.part, item: id(i) }))),
    supplierParts: items.flatMap(([i, m]) => m.partMappings.filter((p) => p.kind === 'supplier').map((p) => ({ supplier: p.owner, part: p.part, item: id(i) }))),
    manufacturerParts: items.flatMap(([i, m]) => m.partMappings.filter((p) => p.kind === 'manufacturer').map((p) => ({ manufacturer: p.owner, part: p.part, item: id(i) }))),
  };
}

describe('item index', () => {
  it('candidateMaster + matchItem answers the same as matchItem over everything', () => {
    fc.assert(
      fc.property(fc.array(mappings, { maxLength: 6 }), fields, fc.option(owner, { nil: undefined }), (ms, f, supplier) => {
        const items = ms.map((m, i) => [`I${i}`, m] as const);
        const index = emptyItemIndex();
        for (const [i, m] of items) indexItem(index, i as LotlineItemId, m, false);
        const ctx = supplier !== undefined ? { supplier } : {};
        const norm = (r: ReturnType<typeof matchItem>) => (r.kind === 'matched' ? { ...r, conflicts: [...r.conflicts].sort((a, b) => `${a.item}${a.via}`.localeCompare(`${b.item}${b.via}`)) } : r);
        expect(norm(matchItem(f, candidateMaster(index, f), ctx))).toEqual(norm(matchItem(f, fullMaster(items), ctx)));
      }),
      { numRuns: 1000 },
    );
  });
});
