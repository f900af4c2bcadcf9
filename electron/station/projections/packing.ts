// Projections of the molding, cleanroom packing and quality events (issue 7): produced lots
// (molding batches, finished lots), genealogy edges input lot → output lot, defects, holds.
// Called from apply.ts in the event's transaction and by a rebuild.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload, EventType } from '../../../shared/events/types';
import type { StationDb } from '../store/db';
import * as t from '../store/schema';

export type PackingEventType =
  | 'molding.batch_started'
  | 'molding.output_recorded'
  | 'molding.batch_closed'
  | 'packing.clearance_performed'
  | 'packing.clearance_signed'
  | 'packing.lot_opened'
  | 'packing.material_used'
  | 'packing.counted'
  | 'packing.box_weighed'
  | 'packing.lot_closed'
  | 'quality.defect_recorded'
  | 'lot.held';

const p = <T extends EventType>(e: StoredEvent, _type: T) => e.payload as EventPayload<T>;

function producedLot(db: StationDb, e: StoredEvent, row: { lotId: string; kind: string; itemId: string; workOrderId: string; lineId: string; mode: string | null }): void {
  db.insert(t.producedLots)
    .values({ ...row, state: 'open', quantity: 0, openedSeq: e.seq, openedAt: e.wallTime, openedBy: e.actor, closedSeq: null, closedAt: null, details: JSON.stringify(e.payload) })
    .onConflictDoNothing()
    .run();
}

function madeLot(db: StationDb, e: StoredEvent, lotId: string, itemId: string, quantity: number, status: string): void {
  db.insert(t.lots)
    .values({ lotId, itemId, supplierId: null, supplierLot: null, quantity, uom: 'ea', status, expiry: null, dateCode: null, msl: null, receivedAt: e.wallTime, receivedSeq: e.seq })
    .onConflictDoNothing()
    .run();
}

export function applyPackingEvent(db: StationDb, e: StoredEvent, type: PackingEventType): void {
  switch (type) {
    case 'molding.batch_started': {
      const b = p(e, type);
      producedLot(db, e, { lotId: b.batchLotId, kind: 'molding_batch', itemId: b.itemId, workOrderId: b.workOrderId, lineId: b.machine, mode: null });
      db.insert(t.genealogyEdges)
        .values({ inputLotId: b.resinLotId, outputId: b.batchLotId, outputKind: 'batch', workOrderId: b.workOrderId, slot: b.machine, ambiguous: false, eventSeq: e.seq })
        .onConflictDoNothing()
        .run();
      return;
    }
    case 'molding.output_recorded': {
      const o = p(e, type);
      const n = o.perCavity.reduce((a, c) => a + c.quantity, 0);
      db.update(t.producedLots).set({ quantity: sql`${t.producedLots.quantity} + ${n}` }).where(eq(t.producedLots.lotId, o.batchLotId)).run();
      return;
    }
    case 'molding.batch_closed': {
      const c = p(e, type);
      db.update(t.producedLots).set({ state: 'closed', closedSeq: e.seq, closedAt: e.wallTime, quantity: c.quantity }).where(eq(t.producedLots.lotId, c.batchLotId)).run();
      // In-process material: the batch lot is usable by packing once closed.
      madeLot(db, e, c.batchLotId, c.itemId, c.quantity, 'released');
      return;
    }
    case 'packing.clearance_performed':
    case 'packing.clearance_signed':
    case 'packing.box_weighed':
      // Read from the log (device history record); the line state lives in the rules snapshot.
      return;
    case 'packing.lot_opened': {
      const o = p(e, type);
      producedLot(db, e, { lotId: o.finishedLotId, kind: 'finished_lot', itemId: o.productItemId, workOrderId: o.workOrderId, lineId: o.lineId, mode: o.mode });
      return;
    }
    case 'packing.material_used': {
      const m = p(e, type);
      const lot = db.select({ workOrderId: t.producedLots.workOrderId }).from(t.producedLots).where(eq(t.producedLots.lotId, m.finishedLotId)).get();
      db.insert(t.genealogyEdges)
        .values({ inputLotId: m.lotId, outputId: m.finishedLotId, outputKind: 'finished_lot', workOrderId: lot?.workOrderId ?? null, slot: m.lineId, ambiguous: m.candidate, eventSeq: e.seq })
        .onConflictDoNothing()
        .run();
      return;
    }
    case 'packing.counted': {
      const c = p(e, type);
      db.update(t.producedLots).set({ quantity: sql`${t.producedLots.quantity} + ${c.quantity}` }).where(eq(t.producedLots.lotId, c.finishedLotId)).run();
      return;
    }
    case 'packing.lot_closed': {
      const c = p(e, type);
      db.update(t.producedLots).set({ state: 'closed', closedSeq: e.seq, closedAt: e.wallTime, quantity: c.quantity }).where(eq(t.producedLots.lotId, c.finishedLotId)).run();
      // Every lot of an item with several candidate lots is an ambiguous link.
      const ambiguous = c.materials.filter((m) => m.lotIds.length > 1).flatMap((m) => m.lotIds);
      if (ambiguous.length) db.update(t.genealogyEdges).set({ ambiguous: true }).where(and(eq(t.genealogyEdges.outputId, c.finishedLotId), inArray(t.genealogyEdges.inputLotId, ambiguous))).run();
      // The finished lot waits for QA release (sterilization, DHR review).
      madeLot(db, e, c.finishedLotId, c.productItemId, c.quantity, 'quarantined');
      return;
    }
    case 'quality.defect_recorded': {
      const d = p(e, type);
      db.insert(t.defects).values({ defectSeq: e.seq, targetId: d.targetId, targetKind: d.targetKind, description: d.description, suspectLotIds: d.suspectLotIds, recordedAt: e.wallTime, recordedBy: e.actor }).run();
      return;
    }
    case 'lot.held':
      db.update(t.lots).set({ status: 'on_hold' }).where(eq(t.lots.lotId, p(e, type).lotId)).run();
      return;
    default: {
      const never: never = type;
      throw new Error(`no packing projection for ${String(never)}`);
    }
  }
}
