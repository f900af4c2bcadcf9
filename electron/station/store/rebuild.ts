// Recomputes every projection from the event log and compares it with what was there:
// the proof that projections are derived data and the log is the only truth.
import type Database from 'better-sqlite3';
import { applyEvent, clearProjections } from '../projections/apply';
import type { StationDb } from './db';
import { readEvents } from './event-log';
import { PROJECTION_TABLES } from './schema';

export type ProjectionDump = Record<string, string[]>;

export function dumpProjections(sqlite: Database.Database): ProjectionDump {
  const out: ProjectionDump = {};
  for (const table of PROJECTION_TABLES) {
    out[table] = (sqlite.prepare(`SELECT * FROM "${table}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

export interface RebuildReport {
  readonly events: number;
  readonly identical: boolean;
  /** Per table: rows only before, rows only after (at most 5 each). */
  readonly differences: Record<string, { onlyBefore: string[]; onlyAfter: string[] }>;
}

/** Replays the log into the projections; with `dryRun` the transaction is rolled back. */
export function rebuildProjections(sqlite: Database.Database, db: StationDb, opts: { dryRun?: boolean } = {}): RebuildReport {
  const before = dumpProjections(sqlite);
  let report: RebuildReport | undefined;
  const Rollback = Symbol('rollback');
  try {
    sqlite.transaction(() => {
      clearProjections(db);
      let events = 0;
      for (const e of readEvents(sqlite)) {
        applyEvent(db, e);
        events++;
      }
      const after = dumpProjections(sqlite);
      const differences: RebuildReport['differences'] = {};
      for (const table of PROJECTION_TABLES) {
        const b = new Set(before[table]);
        const a = new Set(after[table]);
        const onlyBefore = [...b].filter((r) => !a.has(r));
        const onlyAfter = [...a].filter((r) => !b.has(r));
        if (onlyBefore.length || onlyAfter.length) differences[table] = { onlyBefore: onlyBefore.slice(0, 5), onlyAfter: onlyAfter.slice(0, 5) };
      }
      report = { events, identical: Object.keys(differences).length === 0, differences };
      if (opts.dryRun) throw Rollback;
    })();
  } catch (err) {
    if (err !== Rollback) throw err;
  }
  return report!;
}
