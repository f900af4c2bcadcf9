// The audit-trail viewer's reads: the event log filtered by type, user and time, newest
// first, with signatures and without secrets.
import type { z } from 'zod';
import type { AuditEntry, StationContract } from '../../../shared/contract/station';
import type { QueryContext, QueryHandler } from '../runtime/bus';
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

export const list: QueryHandler<AuditQuery, AuditPage> = {
  kind: 'query',
  run(ctx: QueryContext, q) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.types?.length) {
      where.push(`e.type IN (${q.types.map(() => '?').join(',')})`);
      args.push(...q.types);
    }
    if (q.userId) {
      where.push('e.actor = ?');
      args.push(q.userId);
    }
    if (q.from) {
      where.push('e.wall_time >= ?');
      args.push(new Date(q.from).toISOString());
    }
    if (q.to) {
      where.push('e.wall_time <= ?');
      args.push(new Date(q.to).toISOString());
    }
    if (q.beforeSeq) {
      where.push('e.seq < ?');
      args.push(q.beforeSeq);
    }
    const sqlText = `SELECT e.*, u.name AS actor_name FROM events e LEFT JOIN users u ON u.user_id = e.actor
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT ?`;
    const rows = ctx.sqlite.prepare(sqlText).all(...args, q.limit + 1) as Array<Parameters<typeof rowToEvent>[0] & { actor_name: string | null }>;
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
    const types = (ctx.sqlite.prepare('SELECT DISTINCT type FROM events ORDER BY type').all() as Array<{ type: string }>).map((r) => r.type);
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
