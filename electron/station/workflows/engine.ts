// The verification engine in the runtime: ONE mutable rules snapshot and the SMT runs of
// this station's line, both in memory. Built once at start (master data and lots from the
// projections; material clocks, rule settings and SMT setup events from the log by type),
// then advanced by each committed event — a verdict never re-queries the world.
// Invariant: `apply` sees every committed event exactly once, in sequence order.
import type Database from 'better-sqlite3';
import { parseScan } from '../../../shared/barcode/parse';
import type { ScanResult } from '../../../shared/barcode/result';
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload } from '../../../shared/events/types';
import type { ItemId, LotId, WorkOrderId } from '../../../shared/ids';
import type { RulesConfig } from '../../../shared/rules/config';
import { DEFAULT_RULES_CONFIG } from '../../../shared/rules/config';
import { isTimeZone, processTimeZone } from '../../../shared/clock/zone';
import { newSetup, setupApply, setupFromBom, type SetupEvent, type SetupState } from '../../../shared/rules/smt-setup';
import { applyFact, emptySnapshot, type SnapshotDraft, type SnapshotFact } from '../../../shared/rules/snapshot-apply';
import type { StationDb } from '../store/db';
import { ofTypes } from '../store/audit-index';
import { rowToEvent } from '../store/event-log';
import * as t from '../store/schema';
import { PACKING_LOG_FACT_TYPES, packingFactsOf } from './packing-facts';

export interface SmtRun {
  readonly workOrderId: WorkOrderId;
  readonly lineId: string;
  setup: SetupState;
  running: boolean;
  boards: number;
  /**
   * Slot → reels whose load on it ended since boards were last recorded — spliced off,
   * replaced by a new slot → reel scan, or removed (reel-change ambiguity: boards not yet
   * recorded may have been built from either).
   */
  endedOn: Map<string, string[]>;
  /** The line ran since boards were last recorded: only then can a reel that ends have fed boards not recorded yet. */
  ranSinceBoards: boolean;
  /** Slots whose load ended by a BOM revision change and are not verified again yet. */
  obsolete: Set<string>;
}

export interface RecordedScan {
  readonly seq: number;
  readonly text: string;
  readonly scan: ScanResult;
}

const SMT_TYPES = ['smt.work_order_loaded', 'smt.slot_selected', 'smt.reel_loaded', 'smt.spliced', 'smt.revision_changed', 'smt.line_started', 'smt.boards_recorded', 'smt.reel_removed', 'smt.work_order_unloaded'] as const;
const LOG_FACT_TYPES = ['material.msl', 'material.paste', 'rules.configured', ...SMT_TYPES, ...PACKING_LOG_FACT_TYPES] as const;

/** A committed event as the rules snapshot follows it; null for events it does not follow. */
export function snapshotFactOf(e: StoredEvent): SnapshotFact | null {
  switch (e.type) {
    case 'master.item.upserted':
    case 'master.bom.upserted':
    case 'master.work_order.upserted':
    case 'lot.released':
      return { type: e.type, payload: e.payload } as SnapshotFact;
    case 'lot.received':
      return { type: 'lot.received', payload: e.payload as EventPayload<'lot.received'>, seq: e.seq, at: e.wallTime };
    case 'lot.rejected':
      return { type: 'lot.status_changed', payload: { lotId: (e.payload as EventPayload<'lot.rejected'>).lotId, status: 'rejected' } };
    // A hold, release or recall pulled from the central server is enforced from the next scan
    // on, not only after a restart.
    case 'lot.status_changed': {
      const p = e.payload as EventPayload<'lot.status_changed'>;
      return { type: 'lot.status_changed', payload: { lotId: p.lotId, status: p.status } };
    }
    case 'material.msl':
      return { type: 'material.msl', payload: e.payload as EventPayload<'material.msl'> };
    case 'material.paste':
      return { type: 'material.paste', payload: e.payload as EventPayload<'material.paste'> };
    case 'rules.configured':
      return { type: 'rules.configured', payload: e.payload as Partial<RulesConfig> };
    default:
      return null;
  }
}

/** The rules snapshot as the projections hold it (plus clock and settings events from the log). */
export function snapshotFromStore(db: StationDb, sqlite: Database.Database, config: RulesConfig = DEFAULT_RULES_CONFIG): SnapshotDraft {
  const s = emptySnapshot(config);
  const mappings = new Map<string, Array<{ kind: 'supplier' | 'manufacturer' | 'customer'; owner: string; part: string }>>();
  for (const m of db.select().from(t.itemPartMappings).all()) {
    const list = mappings.get(m.itemId) ?? [];
    list.push({ kind: m.kind as 'supplier', owner: m.owner, part: m.part });
    mappings.set(m.itemId, list);
  }
  for (const i of db.select().from(t.items).all()) {
    applyFact(s, {
      type: 'master.item.upserted',
      payload: {
        itemId: i.itemId,
        name: i.name,
        kind: i.kind as EventPayload<'master.item.upserted'>['kind'],
        uom: i.uom as EventPayload<'master.item.upserted'>['uom'],
        ...(i.gtin !== null ? { gtin: i.gtin } : {}),
        ...(i.msl !== null ? { msl: i.msl as NonNullable<EventPayload<'master.item.upserted'>['msl']> } : {}),
        ...(i.shelfLifeDays !== null ? { shelfLifeDays: i.shelfLifeDays } : {}),
        ...(i.serialized ? { serialized: true } : {}),
        ...(i.serialPrefix !== null ? { serialPrefix: i.serialPrefix } : {}),
        partMappings: mappings.get(i.itemId) ?? [],
      },
    });
  }
  const lines = new Map<string, EventPayload<'master.bom.upserted'>['lines'][number][]>();
  for (const l of db.select().from(t.bomLines).orderBy(t.bomLines.bomId, t.bomLines.lineNo).all()) {
    const list = lines.get(l.bomId) ?? [];
    list.push({ itemId: l.itemId, qtyPer: l.qtyPer, ...(l.slot !== null ? { slot: l.slot } : {}), ...(l.alternates.length ? { alternates: l.alternates } : {}) });
    lines.set(l.bomId, list);
  }
  for (const b of db.select().from(t.boms).all()) applyFact(s, { type: 'master.bom.upserted', payload: { bomId: b.bomId, productItemId: b.productItemId, revision: b.revision, lines: lines.get(b.bomId) ?? [] } });
  for (const w of db.select().from(t.workOrders).all()) {
    applyFact(s, {
      type: 'master.work_order.upserted',
      payload: { workOrderId: w.workOrderId, productItemId: w.productItemId, bomId: w.bomId, quantity: w.quantity, stationType: w.stationType as 'smt', status: w.status as 'released', ...(w.dueDate ? { dueDate: w.dueDate } : {}) },
    });
  }
  for (const l of db.select().from(t.lots).orderBy(t.lots.receivedSeq).all()) {
    applyFact(s, {
      type: 'lot.received',
      seq: l.receivedSeq,
      at: l.receivedAt,
      payload: {
        lotId: l.lotId,
        itemId: l.itemId,
        ...(l.supplierId !== null ? { supplierId: l.supplierId } : {}),
        ...(l.supplierLot !== null ? { supplierLot: l.supplierLot } : {}),
        quantity: l.quantity,
        uom: l.uom,
        ...(l.expiry !== null ? { expiry: l.expiry } : {}),
        ...(l.dateCode !== null ? { dateCode: l.dateCode } : {}),
        ...(l.msl !== null ? { msl: l.msl as NonNullable<EventPayload<'lot.received'>['msl']> } : {}),
      },
    });
    if (l.status !== 'quarantined') applyFact(s, { type: 'lot.status_changed', payload: { lotId: l.lotId, status: l.status as 'released' } });
  }
  return s;
}

const RECENT_SCANS = 64;

export class WorkflowEngine {
  readonly snapshot: SnapshotDraft;
  readonly runs = new Map<string, SmtRun>();
  private readonly scanStmt: Database.Statement;
  private readonly eventStmt: Database.Statement;
  private readonly usedStmt: Database.Statement;
  private readonly resolutionStmt: Database.Statement;
  /** Boards recorded per work order over all its runs: a work order loaded again numbers on, never from 1. */
  readonly boardsOfWorkOrder = new Map<string, number>();
  /** True while the constructor replays the log over state read from the projections. */
  private replaying = true;
  /** The text of the last scans committed here: a verdict is asked for the scan just recorded, so it is not read back from disk. */
  private readonly recentScans = new Map<number, string>();

  constructor(
    private readonly db: StationDb,
    private readonly sqlite: Database.Database,
  ) {
    this.snapshot = snapshotFromStore(db, sqlite);
    const row = sqlite.prepare('SELECT time_zone AS tz FROM station LIMIT 1').get() as { tz: string | null } | undefined;
    this.setStationZone(row?.tz ?? null);
    this.scanStmt = sqlite.prepare("SELECT payload FROM events WHERE seq = ? AND type = 'scan.received'");
    this.eventStmt = sqlite.prepare('SELECT * FROM events WHERE seq = ?');
    this.usedStmt = sqlite.prepare('SELECT verdict_seq FROM scan_verdicts WHERE scan_seq = ? LIMIT 1');
    this.resolutionStmt = sqlite.prepare('SELECT resolution FROM scan_verdicts WHERE verdict_seq = ?');
    // Events whose state lives only here: replayed in order through the same `apply`.
    const rows = sqlite.prepare(`SELECT * FROM events WHERE ${ofTypes(LOG_FACT_TYPES)} ORDER BY seq`).all() as Parameters<typeof rowToEvent>[0][];
    for (const r of rows) this.apply(rowToEvent(r));
    this.replaying = false;
  }

  /** Advances the snapshot and the SMT runs by one committed event. */
  apply(e: StoredEvent): void {
    if (e.type === 'scan.received') {
      this.recentScans.set(e.seq, (e.payload as EventPayload<'scan.received'>).text);
      if (this.recentScans.size > RECENT_SCANS) this.recentScans.delete(this.recentScans.keys().next().value!);
      return;
    }
    // The station's zone moves expiry days only under a `station` clock; tracked always, so signing that clock takes effect at once.
    if (e.type === 'station.configured') {
      const p = e.payload as EventPayload<'station.configured'>;
      if (p.timeZone !== undefined) this.setStationZone(p.timeZone);
    }
    const fact = snapshotFactOf(e);
    if (fact) applyFact(this.snapshot, fact);
    for (const f of packingFactsOf(e, this.snapshot)) applyFact(this.snapshot, f);
    // Quantities counted at unload: the lots projection already holds the latest balance when
    // the constructor replays, so only live events move the snapshot's quantity.
    if (e.type === 'smt.work_order_unloaded' && !this.replaying) {
      for (const r of (e.payload as EventPayload<'smt.work_order_unloaded'>).remaining) applyFact(this.snapshot, { type: 'lot.quantity_changed', payload: { lotId: r.lotId, quantity: r.quantity } });
    }
    if (e.type === 'smt.boards_recorded') {
      const b = e.payload as EventPayload<'smt.boards_recorded'>;
      this.boardsOfWorkOrder.set(b.workOrderId, (this.boardsOfWorkOrder.get(b.workOrderId) ?? 0) + b.serials.length);
    }
    if (e.type.startsWith('smt.')) this.applySmt(this.runs, e);
  }

  /** The zone a `station` expiry clock follows: the station's setting, else the computer's (as its reports). */
  private setStationZone(zone: string | null): void {
    // A stored zone this build's ICU no longer knows cannot draw a midnight, and a scan must still get a verdict: the computer's zone, as for a station with none.
    const stationZone = zone && isTimeZone(zone) ? zone : processTimeZone();
    this.snapshot.config = { ...this.snapshot.config, stationZone };
  }

  /**
   * The run as it will be once `events` (emitted in the current transaction) commit: the
   * handler's answer shows the new state, while the live state moves only after COMMIT.
   */
  preview(workOrderId: string, events: readonly StoredEvent[]): SmtRun | undefined {
    const cur = this.runs.get(workOrderId);
    const runs = new Map<string, SmtRun>();
    if (cur) runs.set(workOrderId, { ...cur, endedOn: new Map(cur.endedOn), obsolete: new Set(cur.obsolete) });
    for (const e of events) if (e.type.startsWith('smt.')) this.applySmt(runs, e);
    return runs.get(workOrderId);
  }

  /** A copy of the snapshot whose clock maps may be changed (for a handler's answer). */
  clockPreview(e: StoredEvent): SnapshotDraft {
    const copy: SnapshotDraft = { ...this.snapshot, msl: new Map(this.snapshot.msl), paste: new Map(this.snapshot.paste) };
    const fact = snapshotFactOf(e);
    if (fact) applyFact(copy, fact);
    return copy;
  }

  private applySmt(runs: Map<string, SmtRun>, e: StoredEvent): void {
    const atMs = Date.parse(e.wallTime);
    // The reel on `slot` (if any) ends its load now: remembered until the next boards are recorded.
    const ended = (run: SmtRun | undefined, slot: string) => {
      const cur = run?.setup.loaded[slot];
      if (run && cur && run.ranSinceBoards) run.endedOn.set(slot, [...(run.endedOn.get(slot) ?? []), cur.lotId]);
    };
    const step = (workOrderId: string, ev: SetupEvent) => {
      const run = runs.get(workOrderId);
      if (run) run.setup = setupApply(run.setup, ev);
      return run;
    };
    switch (e.type) {
      case 'smt.work_order_loaded': {
        const p = e.payload as EventPayload<'smt.work_order_loaded'>;
        const list = this.setupList(p.workOrderId, p.bomId, p.lineId);
        if (!list) return;
        runs.set(p.workOrderId, { workOrderId: p.workOrderId as WorkOrderId, lineId: p.lineId, setup: newSetup(list), running: false, boards: 0, endedOn: new Map(), ranSinceBoards: false, obsolete: new Set() });
        return;
      }
      case 'smt.slot_selected': {
        const p = e.payload as EventPayload<'smt.slot_selected'>;
        step(p.workOrderId, { kind: 'slot_selected', slot: p.slot, atMs });
        return;
      }
      case 'smt.reel_loaded': {
        const p = e.payload as EventPayload<'smt.reel_loaded'>;
        ended(runs.get(p.workOrderId), p.slot);
        step(p.workOrderId, { kind: 'reel_loaded', slot: p.slot, lotId: p.lotId as LotId, itemId: p.itemId as ItemId, atMs })?.obsolete.delete(p.slot);
        return;
      }
      case 'smt.spliced': {
        const p = e.payload as EventPayload<'smt.spliced'>;
        ended(runs.get(p.workOrderId), p.slot);
        step(p.workOrderId, { kind: 'spliced', slot: p.slot, newLotId: p.newLotId as LotId, itemId: p.itemId as ItemId, atMs });
        return;
      }
      case 'smt.revision_changed': {
        const p = e.payload as EventPayload<'smt.revision_changed'>;
        const run = runs.get(p.workOrderId);
        const list = run && this.setupList(p.workOrderId, p.bomId, run.lineId);
        if (!run || !list) return;
        run.setup = setupApply(run.setup, { kind: 'revision_changed', list, atMs });
        run.running = false;
        for (const s of p.obsolete) run.obsolete.add(s);
        return;
      }
      case 'smt.line_started': {
        const run = runs.get((e.payload as EventPayload<'smt.line_started'>).workOrderId);
        if (run) run.running = run.ranSinceBoards = true;
        return;
      }
      case 'smt.reel_removed': {
        const p = e.payload as EventPayload<'smt.reel_removed'>;
        // The slot is unverified again: the line cannot run until a reel is verified there.
        ended(runs.get(p.workOrderId), p.slot);
        const run = step(p.workOrderId, { kind: 'reel_removed', slot: p.slot, atMs });
        if (run) run.running = false;
        return;
      }
      case 'smt.work_order_unloaded':
        // The setup is closed; its history stays in the log and in the genealogy projection.
        runs.delete((e.payload as EventPayload<'smt.work_order_unloaded'>).workOrderId);
        return;
      case 'smt.boards_recorded': {
        const p = e.payload as EventPayload<'smt.boards_recorded'>;
        const run = runs.get(p.workOrderId);
        if (run) {
          run.boards += p.serials.length;
          run.endedOn.clear();
          run.ranSinceBoards = run.running;
        }
        return;
      }
      default:
        return;
    }
  }

  setupList(workOrderId: string, bomId: string, lineId: string) {
    const wo = this.snapshot.workOrders.get(workOrderId as WorkOrderId);
    const bom = this.snapshot.boms.get(bomId as never);
    return wo && bom ? setupFromBom(bom, wo, lineId) : null;
  }

  /** The recorded scan, parsed again from the text the log holds (never the UI's copy). */
  scan(seq: number, referenceYear: number): RecordedScan | null {
    let text = this.recentScans.get(seq);
    if (text === undefined) {
      const row = this.scanStmt.get(seq) as { payload: string } | undefined;
      if (!row) return null;
      text = (JSON.parse(row.payload) as { text: string }).text;
    }
    return { seq, text, scan: parseScan(text, { referenceYear }) };
  }

  /** The verdict already recorded for this scan, if any: a scan answers one verdict. */
  verdictOfScan(scanSeq: number): number | null {
    return (this.usedStmt.get(scanSeq) as { verdict_seq: number } | undefined)?.verdict_seq ?? null;
  }

  /** How a verdict was answered ('none' while it waits; acknowledged, overridden…); null for no verdict. */
  verdictResolution(verdictSeq: number): string | null {
    return (this.resolutionStmt.get(verdictSeq) as { resolution: string } | undefined)?.resolution ?? null;
  }

  event(seq: number): StoredEvent | null {
    const row = this.eventStmt.get(seq) as Parameters<typeof rowToEvent>[0] | undefined;
    return row ? rowToEvent(row) : null;
  }
}
