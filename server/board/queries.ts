// The supervisor views' reads: floor tiles, andon calls, the exception queue, lot watch,
// charts and the shift report. Each is a few set-based queries over the board's read
// models; the figures themselves come from the pure rules in shared/board.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AndonCallView, BoardAuditPage, BoardSignature, ChartsView, ExceptionView, LotWatchRow, ShiftReport, StationTileView } from '../../shared/board/api';
import { freshness } from '../../shared/board/freshness';
import type { StationState } from '../../shared/board/inputs';
import { lotWatchRow } from '../../shared/board/lotwatch';
import { availability, firstPassYield, pareto, perBucket } from '../../shared/board/metrics';
import { EMPTY_TILE, type TileProjection } from '../../shared/board/project';
import { askedZone, configuredZones, plantZone, shiftWindow, type ShiftId } from '../../shared/board/shift';
import { processTimeZone } from '../../shared/clock/zone';
import { UNSPECIFIED_REASON } from '../../shared/rules/reason-names';
import type { Db } from '../db/open';
import * as t from '../db/schema';

export interface Presence {
  /** Open live channel now? */
  connected(stationId: string): boolean;
  /** Last time the live channel was open (server time), if it was since the server started. */
  lastSeen(stationId: string): number | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function stationTiles(db: Db, presence: Presence, now: number, only?: readonly string[]): Promise<StationTileView[]> {
  const where = only ? inArray(t.stations.stationId, [...only]) : undefined;
  const stations = await db
    .select({ s: t.stations, sync: t.stationSync, board: t.boardStations })
    .from(t.stations)
    .leftJoin(t.stationSync, eq(t.stationSync.stationId, t.stations.stationId))
    .leftJoin(t.boardStations, eq(t.boardStations.stationId, t.stations.stationId))
    .where(where)
    .orderBy(asc(t.stations.area), asc(t.stations.stationId));
  if (!stations.length) return [];
  const ids = stations.map((r) => r.s.stationId);
  const hourAgo = new Date(now - 3_600_000);
  const [rejects, andon, alarms] = await Promise.all([
    db
      .select({ stationId: t.boardFacts.stationId, n: sql<number>`count(*)::int` })
      .from(t.boardFacts)
      .where(and(eq(t.boardFacts.kind, 'verdict'), eq(t.boardFacts.code, 'REJECT'), gte(t.boardFacts.at, hourAgo), only ? inArray(t.boardFacts.stationId, ids) : undefined))
      .groupBy(t.boardFacts.stationId),
    db
      .select({ stationId: t.boardAndon.stationId, n: sql<number>`count(*)::int` })
      .from(t.boardAndon)
      .where(and(isNull(t.boardAndon.closedAt), only ? inArray(t.boardAndon.stationId, ids) : undefined))
      .groupBy(t.boardAndon.stationId),
    db
      .select({ stationId: t.integrityAlarms.stationId, n: sql<number>`count(*)::int` })
      .from(t.integrityAlarms)
      .where(and(isNull(t.integrityAlarms.resolvedAt), only ? inArray(t.integrityAlarms.stationId, ids) : undefined))
      .groupBy(t.integrityAlarms.stationId),
  ]);
  const count = (rows: { stationId: string; n: number }[]) => new Map(rows.map((r) => [r.stationId, Number(r.n)]));
  const rejectsBy = count(rejects), andonBy = count(andon), alarmsBy = count(alarms);
  const tiles = stations.map((r) => ({ ...EMPTY_TILE, ...((r.board?.tile ?? {}) as Partial<TileProjection>) }));
  const userIds = [...new Set(tiles.map((x) => x.operatorUserId).filter((x): x is string => !!x))];
  const users = userIds.length ? await db.select({ userId: t.users.userId, name: t.users.name }).from(t.users).where(inArray(t.users.userId, userIds)) : [];
  const names = new Map(users.map((u) => [u.userId, u.name]));

  return stations.map((r, i) => {
    const tile = tiles[i]!;
    const id = r.s.stationId;
    const connected = presence.connected(id);
    const heard = Math.max(r.sync?.lastPushAt?.getTime() ?? 0, connected ? now : (presence.lastSeen(id) ?? 0));
    const lastHeardAt = heard > 0 ? new Date(heard).toISOString() : null;
    const outbox = (r.board?.outbox ?? null) as StationTileView['outbox'];
    const f = freshness({ connected, lastHeardAt, outboxOldestAt: outbox && outbox.pending > 0 ? outbox.oldestAt : null }, now);
    return {
      stationId: id,
      name: r.s.name,
      type: r.s.type,
      area: r.s.area,
      connected,
      online: f.online,
      stale: f.stale,
      lastHeardAt,
      lastEventAt: tile.lastEventAt,
      ackSeq: r.sync?.headSeq ?? 0,
      outbox,
      clockOffsetMs: r.sync?.clockOffsetMs ?? null,
      operator: tile.operatorUserId ? { userId: tile.operatorUserId, name: names.get(tile.operatorUserId) ?? tile.operatorUserId } : null,
      workOrderId: tile.workOrderId,
      step: tile.step,
      state: tile.state,
      lastVerdict: tile.lastVerdict,
      rejectsLastHour: rejectsBy.get(id) ?? 0,
      faults: Object.entries(tile.faults).map(([role, f]) => ({ role, ...f })),
      openAndon: andonBy.get(id) ?? 0,
      openAlarms: alarmsBy.get(id) ?? 0,
    };
  });
}

export async function andonCalls(db: Db, opts: { open?: boolean; limit?: number } = {}): Promise<AndonCallView[]> {
  const rows = await db
    .select({ a: t.boardAndon, name: t.stations.name })
    .from(t.boardAndon)
    .leftJoin(t.stations, eq(t.stations.stationId, t.boardAndon.stationId))
    .where(opts.open ? isNull(t.boardAndon.closedAt) : undefined)
    .orderBy(desc(t.boardAndon.raisedAt))
    .limit(opts.limit ?? 200);
  return rows.map(({ a, name }) => ({
    callId: a.callId,
    stationId: a.stationId,
    stationName: name ?? a.stationId,
    kind: a.kind as AndonCallView['kind'],
    note: a.note,
    raisedAt: a.raisedAt.toISOString(),
    raisedBy: a.raisedBy,
    ackedAt: iso(a.ackedAt),
    ackedBy: a.ackedBy,
    closedAt: iso(a.closedAt),
    closedBy: a.closedBy,
    closeNote: a.closeNote,
  }));
}

export function exceptionView(x: typeof t.boardExceptions.$inferSelect): ExceptionView {
  return {
    id: x.id,
    kind: x.kind as ExceptionView['kind'],
    stationId: x.stationId,
    lotId: x.lotId,
    title: x.title,
    detail: x.detail,
    evidence: x.evidence as ExceptionView['evidence'],
    raisedAt: x.raisedAt.toISOString(),
    assignedTo: x.assignedTo,
    assignedName: x.assignedName,
    status: x.status as ExceptionView['status'],
    resolution: x.resolution as ExceptionView['resolution'],
  };
}

export async function exceptionQueue(db: Db, status: 'open' | 'resolved' = 'open', limit = 500): Promise<ExceptionView[]> {
  const rows = await db.select().from(t.boardExceptions).where(eq(t.boardExceptions.status, status)).orderBy(desc(t.boardExceptions.raisedAt), desc(t.boardExceptions.id)).limit(limit);
  return rows.map(exceptionView);
}

/** The central acts of the supervisor views, newest first, a page at a time. */
export async function boardAuditPage(db: Db, q: { type?: string; before?: number; limit: number }): Promise<BoardAuditPage> {
  const where = and(q.type ? eq(t.boardAudit.type, q.type) : undefined, q.before ? lt(t.boardAudit.id, q.before) : undefined);
  const rows = await db.select().from(t.boardAudit).where(where).orderBy(desc(t.boardAudit.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      type: r.type,
      subject: r.subject,
      userId: r.userId,
      userName: r.userName,
      at: r.at.toISOString(),
      reason: r.reason,
      payload: r.payload as Record<string, unknown>,
      signature: (r.signature as BoardSignature | null) ?? null,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export async function lotWatch(db: Db, now: number): Promise<LotWatchRow[]> {
  const soon = new Date(now + 60 * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .select({ lotId: sql<string>`coalesce(${t.lots.lotId}, ${t.boardLots.lotId})`, lot: t.lots, extra: t.boardLots })
    .from(t.lots)
    .fullJoin(t.boardLots, eq(t.boardLots.lotId, t.lots.lotId))
    .where(
      or(
        inArray(t.lots.status, ['on_hold', 'quarantined', 'recalled']),
        and(sql`${t.boardLots.expiry} IS NOT NULL`, lt(t.boardLots.expiry, soon)),
        sql`jsonb_array_length(${t.boardLots.mslEvents}) > 0`,
        sql`jsonb_array_length(${t.boardLots.pasteEvents}) > 0`,
      ),
    )
    .limit(2000);
  const ids = rows.map((r) => r.lotId);
  const changes = ids.length
    ? await db
        .selectDistinctOn([t.lotStatusChanges.lotId])
        .from(t.lotStatusChanges)
        .where(inArray(t.lotStatusChanges.lotId, ids))
        .orderBy(t.lotStatusChanges.lotId, desc(t.lotStatusChanges.id))
    : [];
  const last = new Map(changes.map((c) => [c.lotId, c]));
  const certified = new Set(
    ids.length
      ? (
          await db
            .selectDistinct({ lotId: t.lotCertificates.lotId })
            .from(t.lotCertificates)
            .innerJoin(t.documents, eq(t.documents.sha256, t.lotCertificates.sha256))
            .where(inArray(t.lotCertificates.lotId, ids))
        ).map((r) => r.lotId)
      : [],
  );
  const out: LotWatchRow[] = [];
  for (const r of rows) {
    const c = last.get(r.lotId);
    const row = lotWatchRow(
      {
        lotId: r.lotId,
        itemId: r.lot?.itemId ?? r.extra?.itemId ?? null,
        status: r.lot?.status ?? 'unknown',
        stationId: r.lot?.stationId ?? r.extra?.stationId ?? null,
        blockedAt: iso(r.lot?.blockedAt),
        expiry: r.extra?.expiry ?? null,
        msl: r.extra?.msl ?? null,
        mslEvents: (r.extra?.mslEvents ?? []) as { kind: string; at: string }[],
        pasteEvents: (r.extra?.pasteEvents ?? []) as { kind: string; at: string }[],
        lastChange: c ? { kind: c.kind, byName: c.byName, reason: c.reason, at: c.at.toISOString() } : null,
      },
      now,
    );
    if (row) out.push({ ...row, certificate: certified.has(row.lotId) });
  }
  const rank = (w: LotWatchRow) => (w.watch.includes('recall') ? 0 : w.watch.includes('hold') ? 1 : w.watch.includes('expired') ? 2 : w.watch.includes('quarantine') ? 3 : 4);
  return out.sort((a, b) => rank(a) - rank(b) || (a.lotId < b.lotId ? -1 : 1));
}

async function factsIn(db: Db, kind: string, from: Date, to: Date, stationIds?: readonly string[]) {
  return db
    .select()
    .from(t.boardFacts)
    .where(and(eq(t.boardFacts.kind, kind), gte(t.boardFacts.at, from), lt(t.boardFacts.at, to), stationIds ? inArray(t.boardFacts.stationId, [...stationIds]) : undefined));
}

async function availabilityBy(db: Db, from: Date, to: Date, stationIds: readonly string[]) {
  if (!stationIds.length) return new Map<string, ReturnType<typeof availability>>();
  const changes = await factsIn(db, 'state', from, to, stationIds);
  const before = await db
    .selectDistinctOn([t.boardFacts.stationId], { stationId: t.boardFacts.stationId, code: t.boardFacts.code })
    .from(t.boardFacts)
    .where(and(eq(t.boardFacts.kind, 'state'), lt(t.boardFacts.at, from), inArray(t.boardFacts.stationId, [...stationIds])))
    .orderBy(t.boardFacts.stationId, desc(t.boardFacts.at));
  const prior = new Map(before.map((b) => [b.stationId, b.code as StationState]));
  const out = new Map<string, ReturnType<typeof availability>>();
  for (const id of stationIds) {
    const mine = changes.filter((c) => c.stationId === id).map((c) => ({ at: c.at.getTime(), state: c.code as StationState }));
    out.set(id, availability(mine, from.getTime(), Math.min(to.getTime(), Date.now()), prior.get(id) ?? null));
  }
  return out;
}

export async function charts(db: Db, from: Date, to: Date): Promise<ChartsView> {
  const [output, verdicts, reasons, stations] = await Promise.all([
    factsIn(db, 'output', from, to),
    factsIn(db, 'verdict', from, to),
    db
      .select({ reason: t.boardFacts.reason, n: sql<number>`count(*)::int` })
      .from(t.boardFacts)
      .where(and(eq(t.boardFacts.kind, 'verdict'), eq(t.boardFacts.code, 'REJECT'), gte(t.boardFacts.at, from), lt(t.boardFacts.at, to)))
      .groupBy(t.boardFacts.reason),
    db.select({ stationId: t.stations.stationId }).from(t.stations).where(sql`${t.stations.type} <> 'supervisor'`).orderBy(asc(t.stations.stationId)),
  ]);
  const byStation = new Map<string, { unit: string; verdict: 'ACCEPT' | 'WARN' | 'REJECT'; at: number }[]>();
  for (const v of verdicts) {
    const list = byStation.get(v.stationId) ?? [];
    list.push({ unit: v.unit ?? `#${v.seq}`, verdict: v.code as 'ACCEPT', at: v.at.getTime() });
    byStation.set(v.stationId, list);
  }
  const avail = await availabilityBy(db, from, to, stations.map((s) => s.stationId));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    output: perBucket(output.map((o) => ({ at: o.at.getTime(), key: `${o.stationId} · ${o.workOrderId ?? '—'}`, n: o.n })), from.getTime(), to.getTime()),
    fpy: [...byStation.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([stationId, f]) => ({ stationId, ...firstPassYield(f) })),
    pareto: pareto(new Map(reasons.map((r) => [r.reason ?? UNSPECIFIED_REASON, Number(r.n)]))),
    availability: [...avail.entries()].map(([stationId, a]) => ({ stationId, ...a })),
  };
}

/** Where the plant's clock comes from when a report is asked for without a zone. */
export interface PlantClock {
  /** `lotline server --tz`: the zone of a server whose stations report none (or disagree). */
  readonly timeZone?: string;
}

export async function shiftReport(db: Db, q: { line: string; date: string; shift: ShiftId; tz?: number | string | undefined }, plant: PlantClock = {}): Promise<ShiftReport> {
  const stations = await db
    .select()
    .from(t.stations)
    .where(and(q.line ? eq(t.stations.area, q.line) : undefined, sql`${t.stations.type} <> 'supervisor'`))
    .orderBy(asc(t.stations.stationId));
  const ids = stations.map((s) => s.stationId);
  const zone = askedZone(q.tz) ?? plantZone((await stationZones(db, ids)).values(), plant.timeZone, processTimeZone());
  const w = shiftWindow(q.date, q.shift, zone.source === 'offset' ? (q.tz as number) : zone.name);
  const from = new Date(w.from), to = new Date(w.to);
  if (!ids.length) return { line: q.line, date: q.date, shift: q.shift, from: from.toISOString(), to: to.toISOString(), stations: [], rejects: [], zone };
  const [output, verdicts, overrides, andon] = await Promise.all([
    factsIn(db, 'output', from, to, ids),
    factsIn(db, 'verdict', from, to, ids),
    factsIn(db, 'override', from, to, ids),
    db.select().from(t.boardAndon).where(and(inArray(t.boardAndon.stationId, ids), gte(t.boardAndon.raisedAt, from), lt(t.boardAndon.raisedAt, to))),
  ]);
  const avail = await availabilityBy(db, from, to, ids);
  const reasons = new Map<string, number>();
  for (const v of verdicts) {
    if (v.code !== 'REJECT') continue;
    const reason = v.reason ?? UNSPECIFIED_REASON;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return {
    line: q.line,
    date: q.date,
    shift: q.shift,
    from: from.toISOString(),
    to: to.toISOString(),
    stations: stations.map((s) => {
      const mine = verdicts.filter((v) => v.stationId === s.stationId);
      return {
        stationId: s.stationId,
        name: s.name,
        produced: output.filter((o) => o.stationId === s.stationId).reduce((n, o) => n + o.n, 0),
        accepted: mine.filter((v) => v.code !== 'REJECT').length,
        rejected: mine.filter((v) => v.code === 'REJECT').length,
        overrides: overrides.filter((o) => o.stationId === s.stationId).length,
        fpy: firstPassYield(mine.map((v) => ({ unit: v.unit ?? `#${v.seq}`, verdict: v.code as 'ACCEPT', at: v.at.getTime() }))).fpy,
        availability: avail.get(s.stationId)?.availability ?? null,
        andonCalls: andon.filter((a) => a.stationId === s.stationId).length,
      };
    }),
    rejects: pareto(reasons, 10).map((b) => ({ reason: b.key, count: b.count })),
    zone,
  };
}

/**
 * The zone each station last configured, read from the replicated log rather than a projection:
 * `station.configured` is rare (events_type index) and the log already holds every station's
 * history, including configurations pushed before the server read zones at all.
 */
async function stationZones(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ stationId: t.events.stationId, payload: t.events.payload })
    .from(t.events)
    .where(and(eq(t.events.type, 'station.configured'), inArray(t.events.stationId, [...ids])))
    .orderBy(asc(t.events.stationId), asc(t.events.seq));
  return configuredZones(rows.map((r) => ({ stationId: r.stationId, payload: parseJsonOrNull(r.payload) })));
}

function parseJsonOrNull(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** Labels printed and voided in a window (for the ticket's short form), from the event log. */
export async function labelCounts(db: Db, stationIds: readonly string[], from: Date, to: Date): Promise<{ printed: number; voided: number }> {
  if (!stationIds.length) return { printed: 0, voided: 0 };
  const rows = await db
    .select({ type: t.events.type, n: sql<number>`count(*)::int` })
    .from(t.events)
    .where(and(inArray(t.events.type, ['label.printed', 'label.voided']), inArray(t.events.stationId, [...stationIds]), gte(t.events.wallTime, from.toISOString()), lt(t.events.wallTime, to.toISOString())))
    .groupBy(t.events.type);
  const n = (type: string) => Number(rows.find((r) => r.type === type)?.n ?? 0);
  return { printed: n('label.printed'), voided: n('label.voided') };
}
