// First in, first out: the oldest usable lot of the same item at the same location, if it is
// older than the one scanned. "Usable" = released, not empty, not expired: an expired or
// quarantined older lot must never force anyone's hand.
import { expiryEndMs } from './checks/expiry';
import type { FifoOrder } from './config';
import type { LotInfo, Snapshot } from './snapshot';

export interface FifoQuery {
  readonly nowMs: number;
  readonly order: FifoOrder;
  /** Compare with lots here; undefined compares with lots that have no location either. */
  readonly location: string | undefined;
  /** Lots already in use (loaded on the line): never "the older lot to take". */
  readonly exclude?: readonly string[];
}

function older(a: LotInfo, b: LotInfo, order: FifoOrder, offset: number): boolean {
  if (order === 'expiry') {
    const ea = a.expiry === undefined ? Number.POSITIVE_INFINITY : expiryEndMs(a.expiry, offset);
    const eb = b.expiry === undefined ? Number.POSITIVE_INFINITY : expiryEndMs(b.expiry, offset);
    if (ea !== eb) return ea < eb;
  }
  return a.receivedSeq < b.receivedSeq;
}

/** The lot that should be used before `lot`, or null. Reads only this item's lots. */
export function findOlderLot(snapshot: Snapshot, lot: LotInfo, q: FifoQuery): LotInfo | null {
  const offset = snapshot.config.utcOffsetMinutes;
  let best: LotInfo | null = null;
  for (const id of snapshot.lotsByItem.get(lot.itemId) ?? []) {
    if (id === lot.lotId || q.exclude?.includes(id)) continue;
    const other = snapshot.lots.get(id);
    if (!other || other.status !== 'released' || other.quantity <= 0 || other.location !== q.location) continue;
    if (other.expiry !== undefined && expiryEndMs(other.expiry, offset) <= q.nowMs) continue;
    if (!older(other, lot, q.order, offset)) continue;
    if (best === null || older(other, best, q.order, offset)) best = other;
  }
  return best;
}
