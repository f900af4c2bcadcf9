// Turns a parsed scan into the lot it names: a Lotline lot id (LL-LOT-… or the bare id typed
// or printed), or supplier data (GTIN / part number + supplier lot) mapped to an item with
// matchItem and to the lot by (item, supplier lot). At receiving, an unknown lot is a new one.
import { matchItem } from '../barcode/item-match';
import type { ScanFields, ScanResult } from '../barcode/result';
import type { ItemId, LotId } from '../ids';
import { candidateMaster } from './item-index';
import { makeReason } from './reason';
import { supplierLotKey, type ItemInfo, type LotInfo, type Snapshot } from './snapshot';
import type { Reason } from './verdict';

export interface ScanInput {
  readonly scan: ScanResult;
  /** The scan text as received: a bare lot id ("L-100005") is not a label format the parser knows. */
  readonly text?: string;
}

export type Resolution =
  | { readonly kind: 'lot'; readonly lot: LotInfo; readonly item: ItemInfo; readonly via: 'internal_id' | 'bare_id' | 'supplier_label' }
  | { readonly kind: 'new_lot'; readonly item: ItemInfo; readonly supplierLot: string | null; readonly expiry: string | null; readonly quantity: number | null; readonly existing: readonly LotId[]; readonly matchKey: string; readonly conflicts: readonly ItemId[] }
  | { readonly kind: 'slot'; readonly line: string; readonly slot: string }
  | { readonly kind: 'failed'; readonly reason: Reason };

export interface ResolveOptions {
  /** Receiving: supplier data that names no known lot is a new lot, not an error. */
  readonly receiving?: boolean;
  /** Who delivered, when the label does not say (receiving against a PO). */
  readonly supplier?: string;
}

const LL_LOT = 'LL-LOT-';
/** Something an operator could have typed or a plain Code 128 could carry as a lot id. */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const failed = (reason: Reason): Resolution => ({ kind: 'failed', reason });

function withItem(snapshot: Snapshot, lot: LotInfo, via: 'internal_id' | 'bare_id' | 'supplier_label'): Resolution {
  const item = snapshot.items.get(lot.itemId);
  if (!item) return failed(makeReason('item_unknown', { ref: lot.itemId }));
  return { kind: 'lot', lot, item, via };
}

/** The part number the label names, or null when it names none (the sentence says "this label"). */
function itemRef(f: ScanFields): string | null {
  return f.gtin ?? f.supplierPart ?? f.manufacturerPart ?? f.customerPart ?? null;
}

export function resolveScan(snapshot: Snapshot, input: ScanInput, opts: ResolveOptions = {}): Resolution {
  const { scan } = input;
  if (!scan.ok) {
    const text = input.text?.trim();
    if (scan.error.kind === 'unrecognized' && text !== undefined && PLAIN_ID.test(text)) {
      const lot = snapshot.lots.get(text as LotId) ?? snapshot.lots.get(text.toUpperCase() as LotId);
      return lot ? withItem(snapshot, lot, 'bare_id') : failed(makeReason('lot_unknown', { ref: text, itemId: null }));
    }
    return failed(makeReason('scan_unreadable', { kind: scan.error.kind, problem: scan.error.message }));
  }
  const f = scan.fields;
  if (f.slot) return { kind: 'slot', line: f.slot.line, slot: f.slot.slot };
  if (f.badgeId !== undefined) return failed(makeReason('not_a_material', { scanned: 'badge' }));
  if (f.internalLotId !== undefined) {
    const bare = f.internalLotId.startsWith(LL_LOT) ? f.internalLotId.slice(LL_LOT.length) : f.internalLotId;
    const lot = snapshot.lots.get(bare as LotId) ?? snapshot.lots.get(f.internalLotId as LotId);
    return lot ? withItem(snapshot, lot, 'internal_id') : failed(makeReason('lot_unknown', { ref: bare, itemId: null }));
  }

  const match = matchItem(f, candidateMaster(snapshot.itemIndex, f), opts.supplier !== undefined ? { supplier: opts.supplier } : {});
  if (match.kind === 'none') return failed(makeReason('item_unknown', { ref: itemRef(f) }));
  if (match.kind === 'ambiguous') return failed(makeReason('item_ambiguous', { ref: match.key, candidates: match.candidates }));
  const itemId = match.item as string as ItemId;
  const item = snapshot.items.get(itemId);
  if (!item) return failed(makeReason('item_unknown', { ref: itemId }));
  const existing = f.lot !== undefined ? (snapshot.lotsBySupplierLot.get(supplierLotKey(itemId, f.lot)) ?? []) : [];

  if (opts.receiving) {
    const conflicts = [...new Set(match.conflicts.map((c) => c.item as string as ItemId))];
    return { kind: 'new_lot', item, supplierLot: f.lot ?? null, expiry: f.expiry ?? null, quantity: f.quantity ?? null, existing, matchKey: match.key, conflicts };
  }
  if (f.lot === undefined) return failed(makeReason('lot_unknown', { ref: null, itemId }));
  if (existing.length === 0) return failed(makeReason('lot_unknown', { ref: f.lot, itemId }));
  if (existing.length > 1) return failed(makeReason('lot_ambiguous', { itemId, supplierLot: f.lot, lotIds: existing }));
  const lot = snapshot.lots.get(existing[0]!);
  return lot ? withItem(snapshot, lot, 'supplier_label') : failed(makeReason('lot_unknown', { ref: existing[0]!, itemId: null }));
}
