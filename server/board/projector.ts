// Keeps the board's read models up to date with the events table. Each station's log is
// read from the board's own cursor, so nothing depends on a hook having run: after a crash
// or a restart the projector simply catches up. The cursor moves in the same transaction
// as the rows it produced, or a crash between them would project a batch twice or never.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { EMPTY_TILE, projectEvent, type BoardEvent, type ExceptionDraft, type TileProjection } from '../../shared/board/project';
import type { Db, Tx } from '../db/open';
import * as t from '../db/schema';

const BATCH = 5000;
/** Only these types' payloads are parsed; every other event only moves "last event at". */
const READ_TYPES = new Set([
  'auth.login', 'auth.logout', 'scan.verdict', 'scan.verdict_overridden', 'smt.work_order_loaded', 'smt.slot_selected', 'smt.reel_loaded', 'smt.spliced',
  'smt.line_started', 'smt.boards_recorded', 'station.state_changed', 'device.fault', 'device.tested', 'print.job_uncertain', 'print.job_resolved',
  'label.reconciled', 'andon.raised', 'lot.received', 'material.msl', 'material.paste',
]);

export interface CatchUp {
  readonly events: number;
  readonly tileChanged: boolean;
  readonly exceptions: number;
  readonly andon: number;
  readonly lots: number;
  readonly facts: number;
}

const parseJson = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};
const dateOf = (iso: string): Date => {
  const ms = Date.parse(iso);
  return new Date(Number.isFinite(ms) ? ms : 0);
};

/** Projects every event of `stationId` the board has not read yet. */
export async function catchUpStation(db: Db, stationId: string): Promise<CatchUp> {
  let total: CatchUp = { events: 0, tileChanged: false, exceptions: 0, andon: 0, lots: 0, facts: 0 };
  for (;;) {
    const r = await db.transaction((tx) => projectBatch(tx, stationId));
    total = {
      events: total.events + r.events,
      tileChanged: total.tileChanged || r.tileChanged,
      exceptions: total.exceptions + r.exceptions,
      andon: total.andon + r.andon,
      lots: total.lots + r.lots,
      facts: total.facts + r.facts,
    };
    if (r.events < BATCH) return total;
  }
}

async function projectBatch(tx: Tx, stationId: string): Promise<CatchUp> {
  await tx.insert(t.boardStations).values({ stationId, tile: EMPTY_TILE }).onConflictDoNothing();
  const [row] = await tx.select().from(t.boardStations).where(eq(t.boardStations.stationId, stationId)).for('update');
  const from = row!.projectedSeq;
  const rows = await tx
    .select({ seq: t.events.seq, wallTime: t.events.wallTime, actor: t.events.actor, type: t.events.type, payload: t.events.payload, reason: t.events.reason, signature: t.events.signature })
    .from(t.events)
    .where(and(eq(t.events.stationId, stationId), gt(t.events.seq, from)))
    .orderBy(asc(t.events.seq))
    .limit(BATCH);
  if (!rows.length) return { events: 0, tileChanged: false, exceptions: 0, andon: 0, lots: 0, facts: 0 };

  let tile = { ...EMPTY_TILE, ...(row!.tile as TileProjection) };
  const facts: (typeof t.boardFacts.$inferInsert)[] = [];
  const exceptions: (typeof t.boardExceptions.$inferInsert)[] = [];
  const andon: (typeof t.boardAndon.$inferInsert)[] = [];
  const lots = new Map<string, { itemId?: string; expiry?: string; msl?: string; msl_events: unknown[]; paste_events: unknown[] }>();
  for (const r of rows) {
    const read = READ_TYPES.has(r.type);
    const e: BoardEvent = { stationId, seq: r.seq, type: r.type, wallTime: r.wallTime, actor: r.actor, payload: read ? parseJson(r.payload) : null, reason: r.reason, signature: read ? parseJson(r.signature) : null };
    const p = projectEvent(tile, e);
    tile = p.tile;
    for (const f of p.facts) facts.push({ stationId, seq: r.seq, kind: f.kind, at: dateOf(f.at), workOrderId: f.workOrderId, code: f.code, reason: f.reason, unit: f.unit, n: f.n });
    for (const x of p.exceptions) exceptions.push(exceptionRow(stationId, x, r.wallTime));
    if (p.andon) andon.push({ callId: p.andon.callId, stationId, kind: p.andon.kind, note: p.andon.note, raisedAt: dateOf(r.wallTime), raisedSeq: r.seq, raisedBy: r.actor });
    if (p.lot) {
      const l = lots.get(p.lot.lotId) ?? { msl_events: [], paste_events: [] };
      if (p.lot.itemId) l.itemId = p.lot.itemId;
      if (p.lot.expiry) l.expiry = p.lot.expiry;
      if (p.lot.msl) l.msl = p.lot.msl;
      if (p.lot.mslEvent) l.msl_events.push(p.lot.mslEvent);
      if (p.lot.pasteEvent) l.paste_events.push(p.lot.pasteEvent);
      lots.set(p.lot.lotId, l);
    }
  }
  for (let i = 0; i < facts.length; i += 2000) await tx.insert(t.boardFacts).values(facts.slice(i, i + 2000));
  if (exceptions.length) await tx.insert(t.boardExceptions).values(exceptions).onConflictDoNothing();
  if (andon.length) await tx.insert(t.boardAndon).values(andon).onConflictDoNothing();
  for (const [lotId, l] of lots) {
    await tx
      .insert(t.boardLots)
      .values({ lotId, stationId, itemId: l.itemId ?? null, expiry: l.expiry ?? null, msl: l.msl ?? null, mslEvents: l.msl_events, pasteEvents: l.paste_events })
      .onConflictDoUpdate({
        target: t.boardLots.lotId,
        set: {
          itemId: sql`coalesce(excluded.item_id, ${t.boardLots.itemId})`,
          expiry: sql`coalesce(excluded.expiry, ${t.boardLots.expiry})`,
          msl: sql`coalesce(excluded.msl, ${t.boardLots.msl})`,
          mslEvents: sql`${t.boardLots.mslEvents} || excluded.msl_events`,
          pasteEvents: sql`${t.boardLots.pasteEvents} || excluded.paste_events`,
        },
      });
  }
  const last = rows[rows.length - 1]!;
  await tx.update(t.boardStations).set({ projectedSeq: last.seq, tile, updatedAt: new Date() }).where(eq(t.boardStations.stationId, stationId));
  return {
    events: rows.length,
    // Every event moves the tile's "last event", so the tile is always sent again.
    tileChanged: true,
    exceptions: exceptions.length,
    andon: andon.length,
    lots: lots.size,
    facts: facts.length,
  };
}

function exceptionRow(stationId: string, x: ExceptionDraft, at: string): typeof t.boardExceptions.$inferInsert {
  return { kind: x.kind, sourceKey: x.sourceKey, stationId, lotId: x.lotId, title: x.title, detail: x.detail, evidence: x.evidence, raisedAt: dateOf(at) };
}

/**
 * Deviations (consumed after hold, clock drift) and integrity alarms are raised by the
 * push path in their own tables; the queue takes each once, by id cursor.
 */
export async function catchUpCentral(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.insert(t.boardCursors).values([{ name: 'deviations', value: 0 }, { name: 'alarms', value: 0 }]).onConflictDoNothing();
    const cursors = await tx.select().from(t.boardCursors).for('update');
    const cur = (n: string) => cursors.find((c) => c.name === n)?.value ?? 0;
    const devs = await tx.select().from(t.deviations).where(gt(t.deviations.id, cur('deviations'))).orderBy(asc(t.deviations.id)).limit(BATCH);
    const alarms = await tx.select().from(t.integrityAlarms).where(gt(t.integrityAlarms.id, cur('alarms'))).orderBy(asc(t.integrityAlarms.id)).limit(BATCH);
    const rows: (typeof t.boardExceptions.$inferInsert)[] = [];
    for (const d of devs) {
      const [ev] = await tx.select().from(t.events).where(and(eq(t.events.stationId, d.stationId), eq(t.events.seq, d.seq)));
      rows.push({
        kind: 'deviation',
        sourceKey: `deviation:${d.id}`,
        stationId: d.stationId,
        lotId: d.lotId,
        title: d.rule,
        detail: d.message,
        evidence: ev ? [{ stationId: ev.stationId, seq: ev.seq, type: ev.type, at: ev.wallTime, actor: ev.actor, reason: ev.reason, signature: parseJson(ev.signature), payload: parseJson(ev.payload) }] : [],
        raisedAt: d.raisedAt,
      });
    }
    for (const a of alarms)
      rows.push({
        kind: 'alarm',
        sourceKey: `alarm:${a.id}`,
        stationId: a.stationId,
        lotId: null,
        title: a.problem,
        detail: `seq ${a.seq}: held ${a.heldHash ?? '—'}, received ${a.receivedHash}`,
        evidence: [{ stationId: a.stationId, seq: a.seq, type: 'integrity.alarm', at: a.raisedAt.toISOString(), actor: null, reason: null, signature: null, payload: parseJson(a.receivedEvent) }],
        raisedAt: a.raisedAt,
      });
    if (rows.length) await tx.insert(t.boardExceptions).values(rows).onConflictDoNothing();
    if (devs.length) await tx.update(t.boardCursors).set({ value: devs.at(-1)!.id }).where(eq(t.boardCursors.name, 'deviations'));
    if (alarms.length) await tx.update(t.boardCursors).set({ value: alarms.at(-1)!.id }).where(eq(t.boardCursors.name, 'alarms'));
    return rows.length;
  });
}
