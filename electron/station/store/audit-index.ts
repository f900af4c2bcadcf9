// The audit viewer's lookups by user and by time, kept beside the log rather than as indexes
// on it. Every index on `events` is one more page each commit writes — a scan's verdict wrote
// seven, two of them for these lookups — while the viewer is opened a few times a shift. The
// runtime copies new events' user and time into `audit_index` in batches, in the same idle
// turn as the WAL checkpoint; a query reads the few events not copied yet from the log itself,
// so an answer never depends on when the copy last ran.
import type Database from 'better-sqlite3';

/** The last event the audit index holds (0: none). */
export function auditIndexedUpTo(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_index').get() as { seq: number }).seq;
}

/** Copies the events recorded since the last catch-up (one transaction); returns how many. */
export function catchUpAuditIndex(sqlite: Database.Database): number {
  return sqlite.transaction(() => {
    const from = auditIndexedUpTo(sqlite);
    return sqlite.prepare('INSERT INTO audit_index (seq, actor, wall_time) SELECT seq, actor, wall_time FROM events WHERE seq > ? ORDER BY seq').run(from).changes;
  }).immediate();
}
