// First in, first out: the oldest usable lot of the same item at the same location, if it is
// older than the one scanned. "Usable" = released, not empty, not expired, and whatever else
// the caller knows would refuse it (its clocks): an expired, quarantined, floor-life-spent or
// still-frozen older lot must never force anyone's hand.
import { lotExpiryEndMs } from './checks/expiry';
import { plantClock, type FifoOrder, type PlantClock } from './config';
import type { LotInfo, Snapshot } from './snapshot';

export interface FifoQuery {
  readonly nowMs: number;
  readonly order: FifoOrder;
  /** Compare with lots here; undefined compares with lots that have no location either. */
  readonly location: string | undefined;
  /** Lots already in use (loaded on the line): never "the older lot to take". */
  readonly exclude?: readonly string[];
  /** False for a lot that would itself be refused now for a reason the snapshot's status does not show. */
  readonly usableNow?: (lot: LotInfo) => boolean;
}

function older(a: LotInfo, b: LotInfo, order: FifoOrder, clock: PlantClock): boolean {
  if (order === 'expiry') {
    const ea = lotExpiryEndMs(a, clock);
    const eb = lotExpiryEndMs(b, clock);
    if (ea !== eb) return ea < eb;
  }
  return a.receivedSeq < b.receivedSeq;
}

function usable(other: LotInfo, q: FifoQuery, clock: PlantClock): boolean {
  return other.status === 'released' && other.quantity > 0 && other.location === q.location && !q.exclude?.includes(other.lotId) && lotExpiryEndMs(other, clock) > q.nowMs && (q.usableNow?.(other) ?? true);
}

/** The lot that should be used before `lot`, or null. Reads only this item's lots. */
export function findOlderLot(snapshot: Snapshot, lot: LotInfo, q: FifoQuery): LotInfo | null {
  const clock = plantClock(snapshot.config);
  const ids = snapshot.lotsByItem.get(lot.itemId) ?? [];
  if (q.order === 'received') {
    // lotsByItem is in receipt order: the first usable lot before the scanned one is the oldest.
    for (const id of ids) {
      if (id === lot.lotId) return null;
      const other = snapshot.lots.get(id);
      if (other && other.receivedSeq < lot.receivedSeq && usable(other, q, clock)) return other;
    }
    return null;
  }
  let best: LotInfo | null = null;
  for (const id of ids) {
    if (id === lot.lotId) continue;
    const other = snapshot.lots.get(id);
    if (!other || !older(other, lot, q.order, clock) || !usable(other, q, clock)) continue;
    if (best === null || older(other, best, q.order, clock)) best = other;
  }
  return best;
}
