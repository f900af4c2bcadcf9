// Projections: the current state derived from events, updated in the same transaction as
// the event that changes it. Rebuilding replays the log through this same function, so
// live and rebuilt state cannot drift apart.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StoredEvent } from '../../../shared/events/event';
import { EVENT_PAYLOADS, isEventType, type EventPayload, type EventType } from '../../../shared/events/types';
import type { StationDb } from '../store/db';
import * as t from '../store/schema';
import { applyWorkflowEvent } from './workflows';
import { applyPackingEvent } from './packing';

type Typed<T extends EventType> = StoredEvent & { type: T; payload: EventPayload<T> };

export function applyEvent(db: StationDb, e: StoredEvent): void {
  if (!isEventType(e.type)) throw new Error(`event ${e.seq}: unknown type ${e.type}`);
  const type: EventType = e.type;
  switch (type) {
    case 'station.initialized': {
      const p = payload(e, type);
      db.insert(t.station).values({ one: 1, stationId: p.stationId }).onConflictDoUpdate({ target: t.station.one, set: { stationId: p.stationId } }).run();
      return;
    }
    case 'station.configured': {
      const p = payload(e, type);
      // A zone left out keeps the one in force (the enrollment and demo emitters do not know it);
      // null clears it. Events from before zones leave it null, as it always was then.
      db.update(t.station).set({ name: p.name, type: p.type, area: p.area, idleLockMinutes: p.idleLockMinutes, ...(p.timeZone !== undefined ? { timeZone: p.timeZone } : {}) }).run();
      return;
    }
    case 'demo.loaded':
      db.update(t.station).set({ demo: true }).run();
      return;
    case 'master.user.upserted': {
      const p = payload(e, type);
      const row = { name: p.name, badge: p.badge, roles: p.roles, pinHash: p.pinHash, active: p.active };
      db.insert(t.users).values({ userId: p.userId, ...row }).onConflictDoUpdate({ target: t.users.userId, set: row }).run();
      return;
    }
    case 'master.station.upserted': {
      const p = payload(e, type);
      const row = { name: p.name, type: p.type, area: p.area };
      db.insert(t.stations).values({ stationId: p.stationId, ...row }).onConflictDoUpdate({ target: t.stations.stationId, set: row }).run();
      return;
    }
    case 'master.supplier.upserted': {
      const p = payload(e, type);
      db.insert(t.suppliers).values(p).onConflictDoUpdate({ target: t.suppliers.supplierId, set: { name: p.name } }).run();
      return;
    }
    case 'master.item.upserted': {
      const p = payload(e, type);
      const row = { name: p.name, kind: p.kind, uom: p.uom, gtin: p.gtin ?? null, msl: p.msl ?? null, shelfLifeDays: p.shelfLifeDays ?? null, serialized: p.serialized ?? false, serialPrefix: p.serialPrefix ?? null };
      db.insert(t.items).values({ itemId: p.itemId, ...row }).onConflictDoUpdate({ target: t.items.itemId, set: row }).run();
      db.delete(t.itemPartMappings).where(eq(t.itemPartMappings.itemId, p.itemId)).run();
      for (const m of p.partMappings) db.insert(t.itemPartMappings).values({ ...m, itemId: p.itemId }).onConflictDoUpdate({ target: [t.itemPartMappings.kind, t.itemPartMappings.owner, t.itemPartMappings.part], set: { itemId: p.itemId } }).run();
      return;
    }
    case 'master.bom.upserted': {
      const p = payload(e, type);
      const row = { productItemId: p.productItemId, revision: p.revision };
      db.insert(t.boms).values({ bomId: p.bomId, ...row }).onConflictDoUpdate({ target: t.boms.bomId, set: row }).run();
      db.delete(t.bomLines).where(eq(t.bomLines.bomId, p.bomId)).run();
      p.lines.forEach((l, i) =>
        db.insert(t.bomLines).values({ bomId: p.bomId, lineNo: i + 1, itemId: l.itemId, qtyPer: l.qtyPer, slot: l.slot ?? null, alternates: l.alternates ?? [] }).run(),
      );
      return;
    }
    case 'master.work_order.upserted': {
      const p = payload(e, type);
      const row = { productItemId: p.productItemId, bomId: p.bomId, quantity: p.quantity, stationType: p.stationType, status: p.status, dueDate: p.dueDate ?? null };
      db.insert(t.workOrders).values({ workOrderId: p.workOrderId, ...row }).onConflictDoUpdate({ target: t.workOrders.workOrderId, set: row }).run();
      return;
    }
    case 'lot.received': {
      const p = payload(e, type);
      db.insert(t.lots)
        .values({
          lotId: p.lotId,
          itemId: p.itemId,
          supplierId: p.supplierId ?? null,
          supplierLot: p.supplierLot ?? null,
          quantity: p.quantity,
          uom: p.uom,
          status: 'quarantined',
          expiry: p.expiry ?? null,
          dateCode: p.dateCode ?? null,
          msl: p.msl ?? null,
          receivedAt: e.wallTime,
          receivedSeq: e.seq,
        })
        .run();
      return;
    }
    case 'lot.released': {
      const p = payload(e, type);
      db.update(t.lots).set({ status: 'released' }).where(eq(t.lots.lotId, p.lotId)).run();
      return;
    }
    case 'scan.received':
    case 'device.tested':
    case 'print.job_uncertain':
    case 'print.job_resolved':
      return;
    case 'label.issued': {
      const p = payload(e, type);
      // The policy in force when the label was issued decides whether it must be scanned back.
      const mode = db.select({ m: t.labelPolicy.verifyMode }).from(t.labelPolicy).get()?.m ?? 'every';
      // A unit label is always scanned back, whatever the policy: its serial is the unit's
      // identity, and the lot closes only when each serial's label is verified.
      const needsVerification = p.serial !== undefined || mode === 'every' || (mode === 'first_last' && (p.batchIndex === 0 || p.batchIndex === p.batchSize - 1)) || (p.reprintOf !== null && mode !== 'none');
      db.insert(t.labels).values({ labelId: p.labelId, templateId: p.templateId, lotId: p.lotId, jobId: p.jobId, barcodes: p.barcodes, state: 'issued', reprintOf: p.reprintOf, needsVerification, issuedSeq: e.seq, issuedAt: e.wallTime, serial: p.serial ?? null }).run();
      return;
    }
    case 'label.printed': {
      const p = payload(e, type);
      db.update(t.labels).set({ printed: true, jobId: p.jobId, state: sql`CASE WHEN ${t.labels.state} = 'issued' THEN 'printed' ELSE ${t.labels.state} END` }).where(eq(t.labels.labelId, p.labelId)).run();
      return;
    }
    case 'label.verified': {
      const p = payload(e, type);
      db.update(t.labels).set({ verified: true, state: 'verified' }).where(eq(t.labels.labelId, p.labelId)).run();
      return;
    }
    case 'label.verify_failed':
      return;
    case 'label.voided': {
      const p = payload(e, type);
      db.update(t.labels).set({ state: 'voided' }).where(eq(t.labels.labelId, p.labelId)).run();
      return;
    }
    case 'label.applied': {
      const p = payload(e, type);
      db.update(t.labels).set({ applied: true, state: 'applied' }).where(eq(t.labels.labelId, p.labelId)).run();
      return;
    }
    case 'label.reconciled':
    case 'ticket.printed':
      return;
    case 'label.policy_set': {
      const p = payload(e, type);
      db.insert(t.labelPolicy).values({ one: 1, ...p }).onConflictDoUpdate({ target: t.labelPolicy.one, set: p }).run();
      return;
    }
    case 'device.configured': {
      const p = payload(e, type);
      db.insert(t.stationDevices).values({ role: p.role, uri: p.uri, configuredAt: e.wallTime }).onConflictDoUpdate({ target: t.stationDevices.role, set: { uri: p.uri, configuredAt: e.wallTime } }).run();
      return;
    }
    case 'device.removed': {
      const p = payload(e, type);
      db.delete(t.stationDevices).where(eq(t.stationDevices.role, p.role)).run();
      return;
    }
    case 'auth.login': {
      const p = payload(e, type);
      db.update(t.users).set({ consecutiveFailures: 0, lockedUntil: null, lastLoginAt: e.wallTime }).where(eq(t.users.userId, p.userId)).run();
      db.insert(t.sessions).values({ loginEventId: e.id, userId: p.userId, startedAt: e.wallTime }).run();
      return;
    }
    case 'auth.login_failed':
    case 'auth.signature_failed': {
      const p = payload(e, type);
      if (p.userId) db.update(t.users).set({ consecutiveFailures: p.consecutiveFailures }).where(eq(t.users.userId, p.userId)).run();
      return;
    }
    case 'auth.locked_out': {
      const p = payload(e, type);
      db.update(t.users).set({ lockedUntil: p.until }).where(eq(t.users.userId, p.userId)).run();
      return;
    }
    case 'auth.logout': {
      const p = payload(e, type);
      db.update(t.sessions)
        .set({ endedAt: e.wallTime, endCause: p.cause })
        .where(and(eq(t.sessions.userId, p.userId), isNull(t.sessions.endedAt)))
        .run();
      return;
    }
    // Issue 6: verdicts, receiving, QA, clocks, SMT line (projections/workflows.ts).
    case 'scan.verdict':
    case 'scan.verdict_acknowledged':
    case 'scan.verdict_overridden':
    case 'receiving.recorded':
    case 'receiving.labels_printed':
    case 'lot.rejected':
    case 'material.msl':
    case 'material.paste':
    case 'rules.configured':
    case 'smt.work_order_loaded':
    case 'smt.slot_selected':
    case 'smt.reel_loaded':
    case 'smt.spliced':
    case 'smt.revision_changed':
    case 'smt.line_started':
    case 'smt.boards_recorded':
    case 'smt.reel_removed':
    case 'smt.work_order_unloaded':
    case 'smt.traveler_printed':
      applyWorkflowEvent(db, e, type);
      return;
    // Issue 9: read centrally by the supervisor board; at the station they live in the log only.
    case 'andon.raised':
    case 'station.state_changed':
    case 'device.fault':
      return;
    case 'lot.status_changed': {
      // The central status is kept for every lot (also ones received elsewhere); a lot this
      // station holds takes the status too, so a held lot reads on_hold wherever it is looked up.
      const p = payload(e, type);
      const row = { status: p.status, kind: p.kind, reason: p.reason, byName: p.byName, at: p.at, cursor: p.cursor, seq: e.seq };
      db.insert(t.lotCentralStatus).values({ lotId: p.lotId, ...row }).onConflictDoUpdate({ target: t.lotCentralStatus.lotId, set: row }).run();
      db.update(t.lots).set({ status: p.status }).where(eq(t.lots.lotId, p.lotId)).run();
      return;
    }
    case 'sync.feed_resnapshot': {
      const p = payload(e, type);
      if (p.feed === 'holds') for (const lotId of p.dropped) db.delete(t.lotCentralStatus).where(eq(t.lotCentralStatus.lotId, lotId)).run();
      return;
    }
    case 'serial.block_received': {
      const p = payload(e, type);
      db.insert(t.serialBlocks).values({ blockId: p.blockId, itemId: p.itemId, first: p.first, last: p.last, allocatedAt: p.allocatedAt, requestId: p.requestId, receivedSeq: e.seq }).onConflictDoNothing().run();
      return;
    }
    case 'sync.enrolled':
    case 'sync.certificates_retried':
    case 'sync.clock_drift':
    case 'sync.integrity_alarm':
      return;
    // Issue 7: molding, cleanroom packing, defects and holds (projections/packing.ts).
    case 'molding.batch_started':
    case 'molding.output_recorded':
    case 'molding.batch_closed':
    case 'operation.passed':
    case 'packing.clearance_performed':
    case 'packing.clearance_signed':
    case 'packing.lot_opened':
    case 'packing.material_used':
    case 'packing.counted':
    case 'packing.serials_assigned':
    case 'packing.box_weighed':
    case 'packing.lot_closed':
    case 'quality.defect_recorded':
    case 'lot.held':
      applyPackingEvent(db, e, type);
      return;
    default: {
      const never: never = type;
      throw new Error(`no projection for ${String(never)}`);
    }
  }
}

function payload<T extends EventType>(e: StoredEvent, type: T): EventPayload<T> {
  // The log validated the payload when it was appended; parsing again here would double the
  // cost of a rebuild for no gain, so only the shape is asserted by type.
  void EVENT_PAYLOADS[type];
  return (e as Typed<T>).payload;
}

/** Deletes every projection row (inside the caller's transaction) before a replay. */
export function clearProjections(db: StationDb): void {
  for (const table of t.PROJECTION_TABLES) db.run(sql.raw(`DELETE FROM "${table}"`));
}
