// What the rules snapshot follows of the issue-7 events: a closed molding batch becomes a
// released lot of the molded part, the packing line's clearance / open lots, holds, and the parts scrapped at a pass-through operation.
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload } from '../../../shared/events/types';
import type { SnapshotDraft, SnapshotFact } from '../../../shared/rules/snapshot-apply';

/** Events the engine replays from the log at start (their state lives only in the snapshot). */
export const PACKING_LOG_FACT_TYPES = ['packing.clearance_signed', 'packing.lot_opened', 'packing.lot_closed'] as const;

/** `s`: the snapshot, so a lot it already knows (loaded from the lots table at start) is not received twice. */
export function packingFactsOf(e: StoredEvent, s: SnapshotDraft): SnapshotFact[] {
  switch (e.type) {
    case 'molding.batch_closed': {
      const b = e.payload as EventPayload<'molding.batch_closed'>;
      if (s.lots.has(b.batchLotId as never)) return [];
      return [
        { type: 'lot.received', seq: e.seq, at: e.wallTime, payload: { lotId: b.batchLotId, itemId: b.itemId, quantity: b.quantity, uom: 'ea' } },
        { type: 'lot.status_changed', payload: { lotId: b.batchLotId, status: 'released' } },
      ];
    }
    case 'packing.clearance_signed': {
      const c = e.payload as EventPayload<'packing.clearance_signed'>;
      return [{ type: 'packing.clearance_signed', payload: { lineId: c.lineId, finishedLotId: c.finishedLotId, at: c.at } }];
    }
    case 'packing.lot_closed': {
      const c = e.payload as EventPayload<'packing.lot_closed'>;
      const line: SnapshotFact = { type: 'packing.lot_closed', payload: { lineId: c.lineId, finishedLotId: c.finishedLotId } };
      // The finished lot exists from its close, quarantined until QA releases it.
      if (s.lots.has(c.finishedLotId as never)) return [line];
      return [line, { type: 'lot.received', seq: e.seq, at: e.wallTime, payload: { lotId: c.finishedLotId, itemId: c.productItemId, quantity: c.quantity, uom: 'ea' } }];
    }
    case 'packing.lot_opened': {
      const c = e.payload as { lineId: string; finishedLotId: string };
      return [{ type: e.type, payload: { lineId: c.lineId, finishedLotId: c.finishedLotId } }];
    }
    case 'operation.passed': {
      // Live only (not a log fact type): on start the lots projection already holds the balance.
      const o = e.payload as EventPayload<'operation.passed'>;
      return o.scrap ? [{ type: 'lot.quantity_changed', payload: { lotId: o.lotId, quantity: o.quantity } }] : [];
    }
    case 'lot.held':
      return [{ type: 'lot.status_changed', payload: { lotId: (e.payload as EventPayload<'lot.held'>).lotId, status: 'on_hold' } }];
    default:
      return [];
  }
}
