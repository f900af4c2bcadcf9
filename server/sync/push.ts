// Storing a station's push batch: one transaction that verifies the chain against what is
// held, stores new events exactly once, raises integrity alarms instead of overwriting,
// updates the lot projections and raises deviations, and returns the contiguous head.
import { and, between, eq, inArray, isNull, sql } from 'drizzle-orm';
import { canonicalJson } from '../../shared/events/canonical';
import { eventHashInput } from '../../shared/events/event';
import { EVENT_PAYLOADS, EVENT_SCHEMA_VERSION, isEventType } from '../../shared/events/types';
import { compiled } from '../../shared/schema/compiled';
import { normalizeBatch, planBatch } from '../../shared/sync/ingest';
import type { PushAck, PushRequest, WireEvent } from '../../shared/sync/protocol';
import { BLOCKING_STATUSES, blockedSpans, blockOriginOf, LOT_USES, lotDeviations, lotStatusAfter, type BlockOrigin, type CentralLot, type DeviationDraft, type LotStatus } from '../../shared/sync/rules';
import { sha256 } from '../crypto';
import type { Db, Tx } from '../db/open';
import * as t from '../db/schema';
import { SyncError } from '../errors';
import { lockFeed } from '../master';
import { recordLotCertificates } from '../documents';

/** Rows per INSERT (13 array parameters whatever the count; bounded to keep one statement's memory modest). */
const INSERT_CHUNK = 5000;
/** A station's signed hold or rejection: central's status for every station, in the holds feed as a `hold` naming the station. */
const STATION_BLOCKS = new Set(['lot.held', 'lot.rejected']);
const LOT_EVENT_TYPES = new Set(['lot.received', ...STATION_BLOCKS, ...Object.keys(LOT_USES)]);

export interface PushOutcome {
  readonly ack: PushAck;
  /** Lot status changed: tell online stations to pull holds. */
  readonly holdsChanged: boolean;
}

export interface PushHooks {
  /** Runs after COMMIT, before the answer (the crash test's hook). */
  readonly afterCommit?: () => void;
}

/** Checks that need no database: who, shape, hash of each event. Throws SyncError. */
export function checkBatch(stationId: string, req: PushRequest): readonly WireEvent[] {
  for (const e of req.events)
    if (e.stationId !== stationId) throw new SyncError('impersonation', `event ${e.seq} belongs to station ${e.stationId}; this credential is station ${stationId}'s`, { seq: e.seq });
  const shaped = normalizeBatch(req.events);
  if (!shaped.ok) throw new SyncError('batch_not_contiguous', shaped.message, { seq: shaped.seq });
  for (const e of shaped.events) {
    const { hash, ...content } = e;
    let computed: string;
    try {
      computed = sha256(eventHashInput(content));
    } catch (err) {
      throw new SyncError('invalid_body', `event ${e.seq}: ${(err as Error).message}`, { seq: e.seq });
    }
    if (computed !== hash) throw new SyncError('hash_mismatch', `event ${e.seq} does not hash to its hash (changed after it was recorded, or corrupt)`, { seq: e.seq });
    // Known types at a version we know must match their schema; a newer station's types are stored as they are.
    if (isEventType(e.type) && e.schemaVersion <= EVENT_SCHEMA_VERSION[e.type]) {
      const r = compiled(EVENT_PAYLOADS[e.type]).safeParse(e.payload);
      if (!r.success)
        throw new SyncError('invalid_body', `event ${e.seq}: not a valid ${e.type} payload`, {
          seq: e.seq,
          issues: r.error.issues.map((i) => ({ path: ['events', e.seq, 'payload', ...i.path].map(String).join('.'), message: i.message })),
        });
    }
  }
  return shaped.events;
}

export async function pushBatch(db: Db, stationId: string, req: PushRequest, hooks: PushHooks = {}): Promise<PushOutcome> {
  const events = checkBatch(stationId, req);
  const receivedAt = Date.now();
  const stationMs = Date.parse(req.stationTime);
  const clockOffsetMs = Number.isFinite(stationMs) ? receivedAt - stationMs : 0;

  const result = await db.transaction(async (tx) => {
    const [held] = await tx.select().from(t.stationSync).where(eq(t.stationSync.stationId, stationId)).for('update');
    if (!held) throw new SyncError('forbidden', `station ${stationId} has no sync record; re-create it`);
    const first = events[0]!.seq;
    const last = events[events.length - 1]!.seq;
    const heldHashes = new Map<number, string>();
    if (first <= held.headSeq) {
      const rows = await tx
        .select({ seq: t.events.seq, hash: t.events.hash })
        .from(t.events)
        .where(and(eq(t.events.stationId, stationId), between(t.events.seq, first, Math.min(last, held.headSeq))));
      for (const r of rows) heldHashes.set(r.seq, r.hash);
    }
    const plan = planBatch(events, { seq: held.headSeq, hash: held.headHash }, (s) => heldHashes.get(s));
    if (plan.kind === 'gap')
      throw new SyncError('sequence_gap', `this batch starts at ${first}; the server holds up to ${plan.expectedSeq - 1} for station ${stationId}`, { expectedSeq: plan.expectedSeq });

    for (const a of plan.alarms) {
      const received = events.find((e) => e.seq === a.seq)!;
      await tx
        .insert(t.integrityAlarms)
        .values({ stationId, seq: a.seq, problem: a.problem, heldHash: a.heldHash, receivedHash: a.receivedHash, receivedEvent: canonicalJson(received) })
        .onConflictDoNothing();
    }

    for (let i = 0; i < plan.store.length; i += INSERT_CHUNK) await insertEvents(tx, stationId, plan.store.slice(i, i + INSERT_CHUNK));

    // In the same transaction as the events: a station may upload a document once its event is acknowledged.
    await recordLotCertificates(tx, stationId, plan.store);
    const lotEvents = plan.store.filter((e) => LOT_EVENT_TYPES.has(e.type));
    const lotResult = lotEvents.length ? await applyLotEvents(tx, stationId, lotEvents, clockOffsetMs) : { deviations: [], statusChanged: false };

    await tx
      .update(t.stationSync)
      .set({ headSeq: plan.head.seq, headHash: plan.head.hash, clockOffsetMs, lastStationTime: req.stationTime, lastPushAt: new Date(receivedAt) })
      .where(eq(t.stationSync.stationId, stationId));
    return { plan, lotResult };
  });
  hooks.afterCommit?.();

  const { plan, lotResult } = result;
  return {
    holdsChanged: lotResult.statusChanged,
    ack: {
      ackSeq: plan.head.seq,
      ackHash: plan.head.hash,
      stored: plan.store.length,
      duplicates: plan.duplicates,
      integrityAlarms: [...plan.alarms],
      deviations: lotResult.deviations,
      serverTime: new Date().toISOString(),
      clockOffsetMs,
    },
  };
}

/** Lot projections and deviations for newly stored events, in sequence order. */
async function applyLotEvents(tx: Tx, stationId: string, events: readonly WireEvent[], clockOffsetMs: number): Promise<{ deviations: PushAck['deviations']; statusChanged: boolean }> {
  // Feed lock before any lots row: QA's hold path takes them in the same order (no deadlock).
  await lockFeed(tx, 'lot_status_changes');
  // Every lot an event names: its own `lotId`, and the lots it puts to use (a splice names the new reel `newLotId`).
  const lotIds = [...new Set(events.flatMap((e) => [(e.payload as { lotId?: unknown }).lotId, ...(LOT_USES[e.type]?.(e.payload).map((u) => u.lotId) ?? [])]).filter((x): x is string => typeof x === 'string'))];
  const state = new Map<string, CentralLot>();
  // Each lot's central status history: a use while it was held is a deviation even when the
  // lot was released before the station's push arrived (an offline station pushes late).
  const history = new Map<string, Array<{ status: LotStatus; at: string; by: BlockOrigin }>>();
  const remember = (lotId: string, status: LotStatus, at: string, by: BlockOrigin, blockedAt: string | null) => {
    const h = [...(history.get(lotId) ?? []), { status, at, by }];
    history.set(lotId, h);
    state.set(lotId, { status, blockedAt, blocked: blockedSpans(h) });
  };
  if (lotIds.length) {
    const rows = await tx.select().from(t.lots).where(inArray(t.lots.lotId, lotIds)).for('update');
    const changes = await tx
      .select({ lotId: t.lotStatusChanges.lotId, status: t.lotStatusChanges.status, at: t.lotStatusChanges.at, stationId: t.lotStatusChanges.stationId })
      .from(t.lotStatusChanges)
      .where(inArray(t.lotStatusChanges.lotId, lotIds))
      .orderBy(t.lotStatusChanges.id);
    for (const c of changes) history.set(c.lotId, [...(history.get(c.lotId) ?? []), { status: c.status as LotStatus, at: c.at.toISOString(), by: c.stationId === null ? 'central' : 'station' }]);
    for (const r of rows) state.set(r.lotId, { status: r.status as LotStatus, blockedAt: r.blockedAt ? r.blockedAt.toISOString() : null, blocked: blockedSpans(history.get(r.lotId) ?? []) });
  }
  const deviations: PushAck['deviations'] = [];
  let statusChanged = false;
  for (const e of events) {
    const found: DeviationDraft[] = lotDeviations(e, (id) => state.get(id), clockOffsetMs);
    for (const d of found) {
      await tx.insert(t.deviations).values({ rule: d.rule, stationId, seq: e.seq, eventId: e.id, lotId: d.lotId, message: d.message }).onConflictDoNothing();
      deviations.push({ seq: e.seq, rule: d.rule, lotId: d.lotId, message: d.message });
    }
    const p = e.payload as { lotId: string; itemId?: string; quantity?: number; uom?: string };
    const before = state.get(p.lotId);
    const after = lotStatusAfter(e, before?.status, blockOriginOf(before));
    if (e.type === 'lot.received') {
      const known = { itemId: p.itemId ?? null, stationId, quantity: p.quantity === undefined ? null : String(p.quantity), uom: p.uom ?? null };
      if (!before) {
        await tx.insert(t.lots).values({ lotId: p.lotId, ...known, status: after ?? 'quarantined' }).onConflictDoNothing();
        state.set(p.lotId, { status: after ?? 'quarantined', blockedAt: null });
      }
      // Held (centrally or at another station) before its receipt arrived: the status stands, the lot gets its item.
      else await tx.update(t.lots).set(known).where(and(eq(t.lots.lotId, p.lotId), isNull(t.lots.itemId)));
    } else if (after && after !== before?.status && (before || STATION_BLOCKS.has(e.type))) {
      const at = dateOr(e.wallTime, new Date());
      const blocking = BLOCKING_STATUSES.has(after);
      // A block made harsher (held → rejected) keeps the time it started.
      const blockedAt = !blocking ? null : before?.blockedAt && BLOCKING_STATUSES.has(before.status) ? new Date(before.blockedAt) : at;
      if (before) await tx.update(t.lots).set({ status: after, blockedAt, updatedAt: new Date() }).where(eq(t.lots.lotId, p.lotId));
      else await tx.insert(t.lots).values({ lotId: p.lotId, status: after, blockedAt, updatedAt: new Date() });
      const byName = e.actor ? ((await tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.userId, e.actor)))[0]?.name ?? null) : null;
      await tx.insert(t.lotStatusChanges).values({
        lotId: p.lotId,
        kind: STATION_BLOCKS.has(e.type) ? 'hold' : 'station_release',
        status: after,
        reason: e.reason,
        byUserId: e.actor,
        byName,
        stationId,
        eventSeq: e.seq,
        at,
      });
      remember(p.lotId, after, at.toISOString(), 'station', blockedAt ? blockedAt.toISOString() : null);
      statusChanged = true;
    } else if (e.type === 'lot.released' && before && BLOCKING_STATUSES.has(before.status) && blockOriginOf(before) === 'central') {
      // Central QA's block stands over a station's release (a deviation above), but the station
      // that released the lot holds it released and would go on using it: the block is said
      // again in the holds feed, as central's, so that station takes it back.
      const now = new Date();
      await tx.insert(t.lotStatusChanges).values({
        lotId: p.lotId,
        kind: before.status === 'recalled' ? 'recall' : 'hold',
        status: before.status,
        reason: `the central ${before.status.replace('_', ' ')} stands over the release at station ${stationId}`,
        stationId: null,
        eventSeq: e.seq,
        at: now,
      });
      remember(p.lotId, before.status, now.toISOString(), 'central', before.blockedAt);
      statusChanged = true;
    }
  }
  return { deviations, statusChanged };
}

/** Where the server's copy of a station's log ends, and how many alarms are open. */
export async function syncStatus(db: Db, stationId: string): Promise<{ ackSeq: number; ackHash: string; openAlarms: number }> {
  const [held] = await db.select().from(t.stationSync).where(eq(t.stationSync.stationId, stationId));
  const [alarms] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.integrityAlarms)
    .where(and(eq(t.integrityAlarms.stationId, stationId), sql`${t.integrityAlarms.resolvedAt} IS NULL`));
  return { ackSeq: held?.headSeq ?? 0, ackHash: held?.headHash ?? '0'.repeat(64), openAlarms: alarms?.n ?? 0 };
}

/** A station's wall time as a Date; a malformed one (never refused: the act happened) falls back. */
function dateOr(iso: string, fallback: Date): Date {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms) : fallback;
}

/**
 * One INSERT … SELECT FROM unnest(arrays): 13 parameters for any number of rows. Building
 * a multi-row VALUES list with the query builder cost more than the database's own work.
 */
async function insertEvents(tx: Tx, stationId: string, rows: readonly WireEvent[]): Promise<void> {
  const col = <T>(f: (e: WireEvent) => T) => sql.param(rows.map(f));
  await tx.execute(sql`
    INSERT INTO events (station_id, seq, id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash)
    SELECT ${stationId}, * FROM unnest(
      ${col((e) => e.seq)}::bigint[], ${col((e) => e.id)}::text[], ${col((e) => e.hlc)}::text[], ${col((e) => e.wallTime)}::text[],
      ${col((e) => e.actor)}::text[], ${col((e) => e.type)}::text[], ${col((e) => e.schemaVersion)}::int[],
      ${col((e) => canonicalJson(e.payload))}::text[], ${col((e) => e.reason)}::text[],
      ${col((e) => (e.signature ? canonicalJson(e.signature) : null))}::text[], ${col((e) => e.prevHash)}::text[], ${col((e) => e.hash)}::text[])`);
}
