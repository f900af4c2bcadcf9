// Projections of the workflow events (issue 6): verdicts and their resolution, receiving
// records, QA decisions, SMT runs and genealogy edges. Called from apply.ts in the same
// transaction as the event, and by a rebuild, so live and rebuilt state are the same.
import type { Statement } from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload, EventType } from '../../../shared/events/types';
import type { StationDb } from '../store/db';
import * as t from '../store/schema';

export type WorkflowEventType =
  | 'scan.verdict'
  | 'scan.verdict_acknowledged'
  | 'scan.verdict_overridden'
  | 'receiving.recorded'
  | 'receiving.labels_printed'
  | 'lot.rejected'
  | 'material.msl'
  | 'material.paste'
  | 'rules.configured'
  | 'smt.work_order_loaded'
  | 'smt.slot_selected'
  | 'smt.reel_loaded'
  | 'smt.spliced'
  | 'smt.revision_changed'
  | 'smt.line_started'
  | 'smt.boards_recorded'
  | 'smt.reel_removed'
  | 'smt.work_order_unloaded'
  | 'smt.traveler_printed';

const p = <T extends EventType>(e: StoredEvent, _type: T) => e.payload as EventPayload<T>;

// Every scan writes a verdict row: its INSERT is prepared once per store, and bound by
// position — building it anew was a fifth of the scan → verdict path, and drizzle's named
// placeholders still cost each scan a walk over the values.
const verdictInserts = new WeakMap<StationDb, Statement>();
function verdictInsert(db: StationDb): Statement {
  let stmt = verdictInserts.get(db);
  if (!stmt) {
    stmt = db.$client.prepare(
      `INSERT INTO scan_verdicts (verdict_seq, scan_seq, workflow, verdict, lot_id, work_order_id, slot, overridable, override_role, resolution, resolved_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', NULL)`,
    );
    verdictInserts.set(db, stmt);
  }
  return stmt;
}

export function applyWorkflowEvent(db: StationDb, e: StoredEvent, type: WorkflowEventType): void {
  switch (type) {
    case 'scan.verdict': {
      const v = p(e, type);
      verdictInsert(db).run(e.seq, v.scanSeq, v.workflow, v.verdict, v.lotId ?? null, v.workOrderId ?? null, v.slot ?? null, v.overridable ? 1 : 0, v.overrideRole ?? null);
      return;
    }
    case 'scan.verdict_acknowledged':
      db.update(t.scanVerdicts).set({ resolution: 'acknowledged', resolvedSeq: e.seq }).where(eq(t.scanVerdicts.verdictSeq, p(e, type).verdictSeq)).run();
      return;
    case 'scan.verdict_overridden':
      db.update(t.scanVerdicts).set({ resolution: 'overridden', resolvedSeq: e.seq }).where(eq(t.scanVerdicts.verdictSeq, p(e, type).verdictSeq)).run();
      return;
    case 'receiving.recorded': {
      const r = p(e, type);
      db.insert(t.lotReceipts)
        .values({ lotId: r.lotId, entry: r.entry, scanSeq: r.scanSeq, containers: r.containers, quantityPerContainer: r.quantityPerContainer, cocKind: r.coc?.kind ?? null, cocPath: r.coc?.path ?? null, labelsPrinted: 0, decidedSeq: null })
        .run();
      return;
    }
    case 'receiving.labels_printed': {
      const l = p(e, type);
      db.update(t.lotReceipts).set({ labelsPrinted: sql`${t.lotReceipts.labelsPrinted} + ${l.copies}` }).where(eq(t.lotReceipts.lotId, l.lotId)).run();
      return;
    }
    case 'lot.rejected': {
      const lotId = p(e, type).lotId;
      db.update(t.lots).set({ status: 'rejected' }).where(eq(t.lots.lotId, lotId)).run();
      db.update(t.lotReceipts).set({ decidedSeq: e.seq }).where(eq(t.lotReceipts.lotId, lotId)).run();
      return;
    }
    case 'material.msl':
    case 'material.paste':
    case 'rules.configured':
    case 'smt.slot_selected':
    case 'smt.spliced':
    case 'smt.traveler_printed':
      // Kept in the runtime's in-memory snapshot / setup, rebuilt from these events at start.
      return;
    case 'smt.reel_loaded':
      return;
    case 'smt.work_order_loaded': {
      const w = p(e, type);
      const row = { lineId: w.lineId, bomId: w.bomId, revision: w.revision, state: 'setup', loadedAt: e.wallTime, startedAt: null };
      db.insert(t.smtRuns).values({ workOrderId: w.workOrderId, ...row, boards: 0 }).onConflictDoUpdate({ target: t.smtRuns.workOrderId, set: row }).run();
      return;
    }
    case 'smt.revision_changed': {
      const r = p(e, type);
      // Obsolete reels must be re-verified: the line is back in setup until they are.
      db.update(t.smtRuns).set({ bomId: r.bomId, revision: r.revision, state: 'setup' }).where(eq(t.smtRuns.workOrderId, r.workOrderId)).run();
      return;
    }
    case 'smt.line_started':
      db.update(t.smtRuns).set({ state: 'running', startedAt: e.wallTime }).where(eq(t.smtRuns.workOrderId, p(e, type).workOrderId)).run();
      return;
    case 'smt.reel_removed':
      // An unverified slot: back in setup until a reel is verified there.
      db.update(t.smtRuns).set({ state: 'setup' }).where(eq(t.smtRuns.workOrderId, p(e, type).workOrderId)).run();
      return;
    case 'smt.work_order_unloaded': {
      const u = p(e, type);
      db.update(t.smtRuns).set({ state: 'unloaded' }).where(eq(t.smtRuns.workOrderId, u.workOrderId)).run();
      for (const r of u.remaining) db.update(t.lots).set({ quantity: r.quantity }).where(eq(t.lots.lotId, r.lotId)).run();
      return;
    }
    case 'smt.boards_recorded': {
      const b = p(e, type);
      db.update(t.smtRuns).set({ boards: sql`${t.smtRuns.boards} + ${b.serials.length}` }).where(eq(t.smtRuns.workOrderId, b.workOrderId)).run();
      const ambiguous = new Map(b.ambiguous.flatMap((a) => a.lotIds.map((l) => [l, a.slot] as const)));
      const inputs = new Map<string, string>();
      for (const l of b.lots) inputs.set(l.lotId, l.slot);
      for (const [lotId, slot] of ambiguous) inputs.set(lotId, slot);
      for (const serial of b.serials) {
        for (const [lotId, slot] of inputs) {
          db.insert(t.genealogyEdges)
            .values({ inputLotId: lotId, outputId: serial, outputKind: 'board', workOrderId: b.workOrderId, slot, ambiguous: ambiguous.has(lotId), eventSeq: e.seq })
            .onConflictDoNothing()
            .run();
        }
      }
      return;
    }
    default: {
      const never: never = type;
      throw new Error(`no workflow projection for ${String(never)}`);
    }
  }
}
