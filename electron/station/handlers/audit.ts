// The audit-trail viewer's reads: the event log filtered by type, user and time, newest
// first, with signatures and without secrets.
import type { z } from 'zod';
import type { AuditEntry, StationContract } from '../../../shared/contract/station';
import type { QueryContext, QueryHandler } from '../runtime/bus';
import type Database from 'better-sqlite3';
import { auditIndexedUpTo, INDEXED_UP_TO } from '../store/audit-index';
import { rowToEvent, verifyChain } from '../store/event-log';
import { asc } from 'drizzle-orm';
import * as t from '../store/schema';

type AuditQuery = z.output<StationContract['audit.list']['input']>;
type AuditPage = z.input<StationContract['audit.list']['output']>;

const SECRET_KEYS = new Set(['pinHash', 'pin', 'token', 'secret']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

type AuditRow = Parameters<typeof rowToEvent>[0] & { actor_name: string | null };

/**
 * The newest `limit` events matching `q`, newest first. A lookup by type, user or time reads
 * audit_index, which holds the log's type, user and time up to the last idle catch-up; the
 * events after it (a few hundred at most) are read from the log itself and come first.
 */
function auditRows(sqlite: Database.Database, q: AuditQuery, limit: number): AuditRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.beforeSeq) {
    where.push('e.seq < ?');
    args.push(q.beforeSeq);
  }
  // By type, user and time, each a condition and its values; `on` is the table holding them — the log, or audit_index.
  const lookups: Array<readonly [condition: string, values: readonly string[]]> = [];
  if (q.types?.length) lookups.push([`type IN (${q.types.map(() => '?').join(',')})`, q.types]);
  if (q.userId) lookups.push(['actor = ?', [q.userId]]);
  if (q.from) lookups.push(['wall_time >= ?', [new Date(q.from).toISOString()]]);
  if (q.to) lookups.push(['wall_time <= ?', [new Date(q.to).toISOString()]]);
  const lookup = (on: string) => lookups.map(([condition]) => `${on}.${condition}`);
  const lookupArgs = lookups.flatMap(([, values]) => values);
  // Ordered by the seq of the table searched (`on`), so SQLite walks its (type, seq) or (actor, seq) index backwards instead of sorting.
  const select = (from: string, on: string, conditions: string[]) =>
    `SELECT e.*, u.name AS actor_name FROM ${from} LEFT JOIN users u ON u.user_id = e.actor ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY ${on}.seq DESC LIMIT ?`;
  const read = (text: string, values: unknown[], n: number) => sqlite.prepare(text).all(...values, n) as AuditRow[];
  if (!lookupArgs.length) return read(select('events e', 'e', where), args, limit);
  const indexed = auditIndexedUpTo(sqlite);
  const recent = read(select('events e', 'e', ['e.seq > ?', ...where, ...lookup('e')]), [indexed, ...args, ...lookupArgs], limit);
  if (recent.length >= limit) return recent;
  const older = read(select('audit_index x JOIN events e ON e.seq = x.seq', 'x', ['x.seq <= ?', ...where, ...lookup('x')]), [indexed, ...args, ...lookupArgs], limit - recent.length);
  return [...recent, ...older];
}

/**
 * The event types the log holds, in order: one seek of audit_index's type index per type (a
 * loose index scan), where DISTINCT walked every entry: 0.3 ms instead of 47 ms of each audit
 * page at 1M events; and the types of the events not copied there yet.
 */
export function eventTypesRecorded(sqlite: Database.Database): string[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE k(type) AS (SELECT min(type) FROM audit_index UNION ALL SELECT (SELECT min(type) FROM audit_index WHERE type > k.type) FROM k WHERE k.type IS NOT NULL)
       SELECT type FROM k WHERE type IS NOT NULL
       UNION SELECT type FROM events WHERE seq > ${INDEXED_UP_TO}
       ORDER BY type`,
    )
    .pluck()
    .all() as string[];
}

export const list: QueryHandler<AuditQuery, AuditPage> = {
  kind: 'query',
  run(ctx: QueryContext, q) {
    const rows = auditRows(ctx.sqlite, q, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const entries: AuditEntry[] = page.map((r) => {
      const e = rowToEvent(r);
      return {
        seq: e.seq,
        id: e.id,
        type: e.type,
        wallTime: e.wallTime,
        hlc: e.hlc,
        actor: e.actor,
        actorName: r.actor_name ?? (e.actor === 'system' ? 'Lotline' : null),
        payload: redact(e.payload) as Record<string, unknown>,
        reason: e.reason,
        signature: e.signature,
      };
    });
    const types = eventTypesRecorded(ctx.sqlite);
    return { entries, nextBeforeSeq: rows.length > q.limit ? page[page.length - 1]!.seq : null, eventTypes: types };
  },
};

export const verify: QueryHandler<Record<string, never>, z.input<StationContract['audit.verify']['output']>> = {
  kind: 'query',
  run(ctx) {
    const station = ctx.db.select({ id: t.station.stationId }).from(t.station).get();
    return verifyChain(ctx.sqlite, station?.id);
  },
};

export const directoryUsers: QueryHandler<Record<string, never>, Array<{ userId: string; name: string }>> = {
  kind: 'query',
  run(ctx) {
    return ctx.db.select({ userId: t.users.userId, name: t.users.name }).from(t.users).orderBy(asc(t.users.name)).all();
  },
};
