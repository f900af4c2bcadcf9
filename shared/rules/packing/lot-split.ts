// Finished-lot building in cleanroom packing, per product:
//  - precise: a finished lot holds exactly one lot of each material; when a consumed material
//    lot changes, the current finished lot ends and a new one begins (genealogy is exact);
//  - close_approximation: one finished lot for the run; every material lot that may have
//    gone into it is recorded as a candidate (genealogy is a superset, flagged ambiguous).
// Pure; the table of products is data so QA can read it.

export type PackingMode = 'precise' | 'close_approximation';

/** Per product (finished-good item id); products not listed pack in precise mode. */
export const PACKING_MODE_BY_PRODUCT: Readonly<Record<string, PackingMode>> = {
  'FG-LUER-CAP-STERILE': 'precise',
  'FG-LUER-CAP-SINGLE': 'close_approximation',
};

export function packingModeFor(productItemId: string, table: Readonly<Record<string, PackingMode>> = PACKING_MODE_BY_PRODUCT): PackingMode {
  return table[productItemId] ?? 'precise';
}

export interface MaterialInLot {
  readonly itemId: string;
  readonly lotId: string;
}

export type SplitDecision =
  /** This lot is already recorded for the finished lot: nothing new. */
  | { readonly action: 'same' }
  /** First lot of this item, or a further candidate in close-approximation mode. */
  | { readonly action: 'add'; readonly candidate: boolean }
  /** Precise mode: another lot of this item is already in the finished lot — a new finished lot must begin. */
  | { readonly action: 'split'; readonly replaces: string };

export function decideMaterial(mode: PackingMode, current: readonly MaterialInLot[], scanned: MaterialInLot): SplitDecision {
  const sameItem = current.filter((m) => m.itemId === scanned.itemId);
  if (sameItem.some((m) => m.lotId === scanned.lotId)) return { action: 'same' };
  if (sameItem.length === 0) return { action: 'add', candidate: false };
  if (mode === 'close_approximation') return { action: 'add', candidate: true };
  return { action: 'split', replaces: sameItem[sameItem.length - 1]!.lotId };
}

/** Material lots of each item in a finished lot; more than one lot of an item means an ambiguous link. */
export function ambiguousItems(materials: readonly MaterialInLot[]): Set<string> {
  const byItem = new Map<string, Set<string>>();
  for (const m of materials) byItem.set(m.itemId, (byItem.get(m.itemId) ?? new Set()).add(m.lotId));
  return new Set([...byItem].filter(([, lots]) => lots.size > 1).map(([item]) => item));
}
