// Item cross-references indexed by normalized key, so resolving a supplier label costs a few
// Map lookups instead of a scan over every mapping. `matchItem` still decides: the index only
// hands it the mappings that could match, which gives the same answer as the full list.
import { normalizePart, type ItemId as MatchItemId, type ItemMasterData } from '../barcode/item-match';
import type { ScanFields } from '../barcode/result';
import type { ItemId } from '../ids';

type GtinRow = ItemMasterData['gtins'][number];
type CustomerRow = ItemMasterData['customerParts'][number];
type SupplierRow = ItemMasterData['supplierParts'][number];
type MakerRow = ItemMasterData['manufacturerParts'][number];

export interface ItemIndex {
  readonly gtins: Map<string, GtinRow[]>;
  readonly customerParts: Map<string, CustomerRow[]>;
  /** Keyed by normalized part only: the supplier is compared by matchItem. */
  readonly supplierParts: Map<string, SupplierRow[]>;
  readonly manufacturerParts: Map<string, MakerRow[]>;
}

export interface ItemMappings {
  readonly gtin?: string;
  readonly partMappings: ReadonlyArray<{ readonly kind: 'supplier' | 'manufacturer' | 'customer'; readonly owner: string; readonly part: string }>;
}

export function emptyItemIndex(): ItemIndex {
  return { gtins: new Map(), customerParts: new Map(), supplierParts: new Map(), manufacturerParts: new Map() };
}

/** Same padding as matchItem: GTIN-8/12/13 compare as GTIN-14. */
function gtin14(gtin: string): string {
  return /^\d{8}$|^\d{12,13}$/.test(gtin) ? gtin.padStart(14, '0') : gtin;
}

function add<R>(m: Map<string, R[]>, key: string, row: R): void {
  const rows = m.get(key);
  if (rows) rows.push(row);
  else m.set(key, [row]);
}

function drop<R extends { readonly item: MatchItemId }>(m: Map<string, R[]>, item: string): void {
  for (const [k, rows] of m) {
    if (!rows.some((r) => r.item === item)) continue;
    const kept = rows.filter((r) => r.item !== item);
    if (kept.length === 0) m.delete(k);
    else m.set(k, kept);
  }
}

/**
 * Replaces an item's mappings in place. Mutates: the index belongs to the runtime's one
 * snapshot draft (see snapshot-apply.ts). Re-upserting an item is rare; it walks the index.
 */
export function indexItem(index: ItemIndex, itemId: ItemId, m: ItemMappings, replacing: boolean): void {
  const item = itemId as string as MatchItemId;
  if (replacing) {
    drop(index.gtins, item);
    drop(index.customerParts, item);
    drop(index.supplierParts, item);
    drop(index.manufacturerParts, item);
  }
  if (m.gtin) add(index.gtins, gtin14(m.gtin), { gtin: m.gtin, item });
  for (const pm of m.partMappings) {
    const key = normalizePart(pm.part);
    switch (pm.kind) {
      case 'customer':
        add(index.customerParts, key, { part: pm.part, item });
        break;
      case 'supplier':
        add(index.supplierParts, key, { supplier: pm.owner, part: pm.part, item });
        break;
      case 'manufacturer':
        add(index.manufacturerParts, key, { manufacturer: pm.owner, part: pm.part, item });
        break;
      default: {
        const never: never = pm.kind;
        return never;
      }
    }
  }
}

const NONE: readonly never[] = [];

/** The slice of master data that can match these fields; pass it to matchItem. */
export function candidateMaster(index: ItemIndex, fields: ScanFields): ItemMasterData {
  // A distributor's part number may stand in `P` as well as `30P` (see matchItem).
  const supplierRows = (p: string | undefined): readonly SupplierRow[] => (p !== undefined ? (index.supplierParts.get(normalizePart(p)) ?? NONE) : NONE);
  const bySupplierPart = supplierRows(fields.supplierPart);
  const byCustomerPart = supplierRows(fields.customerPart);
  return {
    gtins: fields.gtin ? (index.gtins.get(gtin14(fields.gtin)) ?? NONE) : NONE,
    customerParts: fields.customerPart ? (index.customerParts.get(normalizePart(fields.customerPart)) ?? NONE) : NONE,
    supplierParts: byCustomerPart.length === 0 ? bySupplierPart : bySupplierPart.length === 0 ? byCustomerPart : [...bySupplierPart, ...byCustomerPart],
    manufacturerParts: fields.manufacturerPart ? (index.manufacturerParts.get(normalizePart(fields.manufacturerPart)) ?? NONE) : NONE,
  };
}
