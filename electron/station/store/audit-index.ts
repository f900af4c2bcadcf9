// The log's lookups by type, user and time, kept beside the log rather than as indexes on it.
// Every index on `events` is one more page each commit writes — a scan's verdict wrote seven,
// four of them for these lookups (two for type: the verdict and the reel it loads are two
// types) — while the lookups are made by commands a few times a shift, by the audit viewer
// and once at start. The runtime copies new events' type, user and time into `audit_index` in
// batches, in the same idle turn as the WAL checkpoint; a lookup reads the few events not
// copied yet from the log itself, so an answer never depends on when the copy last ran.
import type Database from 'better-sqlite3';
import type { EventType } from '../../../shared/events/types';

/** The last event the audit index holds (0: none), as SQL; the log's tail is what follows it. */
export const INDEXED_UP_TO = '(SELECT coalesce(max(seq), 0) FROM audit_index)';

/** The last event the audit index holds (0: none). */
export function auditIndexedUpTo(sqlite: Database.Database): number {
  return (sqlite.prepare(`SELECT ${INDEXED_UP_TO} AS seq`).get() as { seq: number }).seq;
}

/** Copies the events recorded since the last catch-up (one transaction); returns how many. */
export function catchUpAuditIndex(sqlite: Database.Database): number {
  return sqlite.transaction(() => {
    const from = auditIndexedUpTo(sqlite);
    return sqlite.prepare('INSERT INTO audit_index (seq, type, actor, wall_time) SELECT seq, type, actor, wall_time FROM events WHERE seq > ? ORDER BY seq').run(from).changes;
  }).immediate();
}

/**
 * An SQL condition on `events` (named `alias` in the query) that holds exactly for its events
 * of `types`: audit_index's type index for the events it holds, a range of the log for the
 * ones after it. One list of seqs rather than an OR of the two, so SQLite always reads the
 * log by seq (an OR let it choose a full scan of the log for an ORDER BY). Types are written
 * into the text (they are the log's own names, checked here), so a statement is prepared once.
 */
export function ofTypes(types: readonly EventType[], alias = 'events'): string {
  if (!types.length || types.some((t) => !/^[a-z][a-z_.]*$/.test(t))) throw new Error(`ofTypes: not event types: ${types.join(', ')}`);
  const list = types.map((t) => `'${t}'`).join(', ');
  return `${alias}.seq IN (SELECT seq FROM audit_index WHERE type IN (${list}) UNION ALL SELECT seq FROM events WHERE seq > ${INDEXED_UP_TO} AND type IN (${list}))`;
}
