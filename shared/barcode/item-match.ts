// Maps the fields of a parsed scan to a Lotline item through master-data cross-references:
// GTIN, customer (our own) part number, supplier + supplier part, manufacturer part.
import type { ScanFields } from './result';

declare const brand: unique symbol;
export type ItemId = string & { readonly [brand]: 'ItemId' };

export interface ItemMasterData {
  readonly gtins: ReadonlyArray<{ readonly gtin: string; readonly item: ItemId }>;
  /** Lotline's own part numbers as printed by suppliers in the customer-part field (MH10 "P", GS1 241). */
  readonly customerParts: ReadonlyArray<{ readonly part: string; readonly item: ItemId }>;
  readonly supplierParts: ReadonlyArray<{ readonly supplier: string; readonly part: string; readonly item: ItemId }>;
  /** `manufacturer` omitted when the mapping holds for any maker of that part number. */
  readonly manufacturerParts: ReadonlyArray<{ readonly manufacturer?: string; readonly part: string; readonly item: ItemId }>;
}

export type MatchVia = 'gtin' | 'customer_part' | 'supplier_part' | 'manufacturer_part';

export interface MatchContext {
  /** Who delivered the goods, when the scan itself does not say (a Digi-Key reel, a receiving PO). */
  readonly supplier?: string;
}

export type ItemMatch =
  | { readonly kind: 'matched'; readonly item: ItemId; readonly via: MatchVia; readonly key: string; readonly conflicts: ReadonlyArray<{ readonly item: ItemId; readonly via: MatchVia }> }
  | { readonly kind: 'ambiguous'; readonly via: MatchVia; readonly key: string; readonly candidates: readonly ItemId[] }
  | { readonly kind: 'none' };

/** Part numbers are compared the way humans mean them: case, spaces and surrounding blanks do not count. */
export function normalizePart(part: string): string {
  return part.toUpperCase().replace(/\s+/g, '');
}

function gtin14(gtin: string): string {
  return /^\d{8}$|^\d{12,13}$/.test(gtin) ? gtin.padStart(14, '0') : gtin;
}

interface Tier {
  readonly via: MatchVia;
  readonly key: string;
  readonly items: readonly ItemId[];
}

function tiers(fields: ScanFields, master: ItemMasterData, ctx: MatchContext): Tier[] {
  const out: Tier[] = [];
  // Sorted, so the answer does not depend on the order master data was loaded or indexed in.
  const uniq = (items: ItemId[]) => [...new Set(items)].sort();
  if (fields.gtin) {
    const g = gtin14(fields.gtin);
    out.push({ via: 'gtin', key: g, items: uniq(master.gtins.filter((m) => gtin14(m.gtin) === g).map((m) => m.item)) });
  }
  if (fields.customerPart) {
    const p = normalizePart(fields.customerPart);
    out.push({ via: 'customer_part', key: fields.customerPart, items: uniq(master.customerParts.filter((m) => normalizePart(m.part) === p).map((m) => m.item)) });
  }
  const supplier = fields.supplier ?? ctx.supplier;
  // A distributor prints its own part number in `30P`, or in `P` when the buyer gave none
  // (Digi-Key reels): both are looked up as supplier parts.
  const supplierKeys = [fields.supplierPart, fields.customerPart].filter((p): p is string => p !== undefined);
  const supplierKeySet = new Set(supplierKeys.map(normalizePart));
  const bySupplierPart = (s: string | undefined) => master.supplierParts.filter((m) => supplierKeySet.has(normalizePart(m.part)) && (s === undefined || normalizePart(m.supplier) === s));
  // The label's own text of the key that found something, as the other tiers report it.
  const keyOf = (hits: ItemMasterData['supplierParts']) => supplierKeys.find((k) => hits.some((h) => normalizePart(h.part) === normalizePart(k))) ?? supplierKeys[0]!;
  if (supplierKeys.length > 0 && supplier) {
    const s = normalizePart(supplier);
    const hits = bySupplierPart(s);
    out.push({ via: 'supplier_part', key: `${supplier}:${keyOf(hits)}`, items: uniq(hits.map((m) => m.item)) });
  }
  if (fields.manufacturerPart) {
    const p = normalizePart(fields.manufacturerPart);
    const maker = fields.manufacturer ? normalizePart(fields.manufacturer) : undefined;
    // Without a manufacturer on the label, only mappings that hold for any maker can be trusted
    // alone; the others make the match ambiguous when they disagree.
    const hits = master.manufacturerParts.filter((m) => normalizePart(m.part) === p && (maker === undefined || m.manufacturer === undefined || normalizePart(m.manufacturer) === maker));
    out.push({ via: 'manufacturer_part', key: fields.manufacturerPart, items: uniq(hits.map((m) => m.item)) });
  }
  if (supplierKeys.length > 0 && !supplier) {
    // Delivered by nobody the station knows: a supplier's part number still names the item
    // when every supplier that uses it maps it to the same one; if two disagree, receiving asks.
    // It is the weakest key, so a maker's part number on the same label decides first.
    const hits = bySupplierPart(undefined);
    out.push({ via: 'supplier_part', key: keyOf(hits), items: uniq(hits.map((m) => m.item)) });
  }
  return out;
}

/**
 * The strongest key decides (GTIN, then customer part, supplier part, manufacturer part, and a
 * supplier part whose supplier is unknown); weaker
 * keys that point elsewhere are returned as conflicts so receiving can stop and ask.
 */
export function matchItem(fields: ScanFields, master: ItemMasterData, ctx: MatchContext = {}): ItemMatch {
  const all = tiers(fields, master, ctx);
  const decisive = all.find((t) => t.items.length > 0);
  if (!decisive) return { kind: 'none' };
  if (decisive.items.length > 1) return { kind: 'ambiguous', via: decisive.via, key: decisive.key, candidates: decisive.items };
  const item = decisive.items[0]!;
  const conflicts = all.filter((t) => t !== decisive && t.items.length > 0 && !t.items.includes(item)).flatMap((t) => t.items.map((i) => ({ item: i, via: t.via })));
  return { kind: 'matched', item, via: decisive.via, key: decisive.key, conflicts };
}
