// Projections of the molding, cleanroom packing and quality events (issue 7): produced lots
// (molding batches, finished lots), genealogy edges input lot → output lot, defects, holds.
// Called from apply.ts in the event's transaction and by a rebuild.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload, EventType } from '../../../shared/events/types';
import type { StationDb } from '../store/db';
import { numbersOf } from '../../../shared/rules/packing/serials';
import * as t from '../store/schema';

export type PackingEventType =
  | 'molding.batch_started'
  | 'molding.output_recorded'
  | 'molding.batch_closed'
  | 'operation.passed'
  | 'packing.clearance_performed'
  | 'packing.clearance_signed'
  | 'packing.lot_opened'
  | 'packing.material_used'
  | 'packing.counted'
  | 'packing.serials_assigned'
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
    case 'operation.passed': {
      // Parts scrapped at an operation leave the lot: what packing may use is what passed.
      // The batch keeps what was molded (produced_lots); the DHR reads each pass from the log.
      const o = p(e, type);
      if (o.scrap) db.update(t.lots).set({ quantity: o.quantity }).where(eq(t.lots.lotId, o.lotId)).run();
      return;
    }
    case 'packing.clearance_performed':
    case 'packing.clearance_signed':
      // Read from the log (device history record); the line state lives in the rules snapshot.
      return;
    case 'packing.box_weighed': {
      // The weighing itself is read from the log; a serialized product's units get their box.
      const b = p(e, type);
      if (b.serials?.length) db.update(t.serials).set({ boxNo: b.boxNo }).where(inArray(t.serials.serial, b.serials)).run();
      return;
    }
    case 'packing.serials_assigned': {
      // Each serial: a row, and genealogy edges from its finished lot and from every material
      // lot in the lot when it was counted — so a trace backward from a serial reaches the
      // material (and through a batch, the resin), and forward from a material lists serials.
      const a = p(e, type);
      const numbers = numbersOf(a.ranges);
      const blockOf = a.ranges.flatMap((r) => Array.from({ length: r.last - r.first + 1 }, () => r.blockId));
      const lot = db.select({ workOrderId: t.producedLots.workOrderId }).from(t.producedLots).where(eq(t.producedLots.lotId, a.finishedLotId)).get();
      const wo = lot?.workOrderId ?? null;
      a.serials.forEach((serial, i) => {
        db.insert(t.serials).values({ serial, itemId: a.productItemId, number: numbers[i]!, blockId: blockOf[i]!, finishedLotId: a.finishedLotId, assignedSeq: e.seq, assignedAt: e.wallTime, assignedBy: e.actor, boxNo: null }).run();
        const edge = { outputId: serial, outputKind: 'serial', workOrderId: wo, slot: a.lineId, eventSeq: e.seq };
        db.insert(t.genealogyEdges).values({ ...edge, inputLotId: a.finishedLotId, ambiguous: false }).onConflictDoNothing().run();
        for (const m of a.lots) db.insert(t.genealogyEdges).values({ ...edge, inputLotId: m.lotId, ambiguous: m.ambiguous }).onConflictDoNothing().run();
      });
      return;
    }
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
