// What the storage benches share: a store filled with demo data and N scan events (filled
// fast, durability off — setup is not what is measured), and the same-run baselines, raw
// better-sqlite3 durable inserts (WAL, synchronous=FULL): a single row of similar size, and
// the rows a verdict writes.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadDemo } from '../station/demo/load';
import { StationRuntime } from '../station/runtime/runtime';

const TEST_KDF = { N: 1024, r: 8, p: 1 };

export async function fillStore(dataDir: string, events: number, log: (l: string) => void): Promise<void> {
  const rt = await StationRuntime.open({ dataDir, stationId: 'BENCH-01' });
  await loadDemo(rt, { kdf: TEST_KDF });
  rt.store.sqlite.pragma('synchronous = OFF');
  const started = performance.now();
  const batch = 10_000;
  for (let done = 0; done < events; done += batch) {
    rt.store.sqlite.transaction(() => {
      for (let i = 0; i < Math.min(batch, events - done); i++) {
        rt.log.append({ type: 'scan.received', payload: { text: `]C1010950600013435210LOT${done + i}`, source: 'bench', receivedAt: new Date().toISOString() }, actor: 'u-olivia' });
      }
    })();
    rt.log.committed();
    if ((done / batch) % 20 === 0) log(`filled ${done + batch} / ${events} events (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  await rt.close();
}

/**
 * `n` commits of the single-row baseline in a row (see rawSingleRowWriter); `payload(i)` is
 * the row's JSON text, sized like what the measured command writes.
 */
export function measureRawInsert(dir: string, n: number, payload: (i: number) => string): number[] {
  const raw = rawSingleRowWriter(join(dir, 'raw.db'), payload);
  try {
    return Array.from({ length: n }, (_, i) => raw.write(i, 1));
  } finally {
    raw.close();
  }
}

/**
 * A raw durable write timed one commit at a time, for interleaving with the engine's own
 * commits so both meet the same moments of the machine (a stalled fsync, a stolen CPU).
 * Checkpoints follow the runtime's policy — every 250 commits, outside the timed write —
 * so the baseline's p99 is its write, not SQLite's inline auto-checkpoint (which, at
 * 8–10 WAL pages a commit, lands on about one commit in 100: right on the p99 it skews).
 */
export interface RawWriter {
  /** Writes commit `i` (`events` event rows); returns its time in ms. */
  write(i: number, events: number): number;
  close(): void;
}

function withCheckpoints(db: Database.Database, timed: (i: number, events: number) => void): RawWriter {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  let commits = 0;
  return {
    write(i, events) {
      const t0 = performance.now();
      timed(i, events);
      const ms = performance.now() - t0;
      if (++commits % 250 === 0) db.pragma('wal_checkpoint(PASSIVE)');
      return ms;
    },
    close: () => db.close(),
  };
}

/** The first baseline: one row of `payload(i)` into a table with no index, one commit each. */
export function rawSingleRowWriter(dbFile: string, payload: (i: number) => string): RawWriter {
  const db = new Database(dbFile);
  db.exec('CREATE TABLE IF NOT EXISTS t (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, payload TEXT NOT NULL, hash TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, payload, hash) VALUES (?, ?, ?)');
  return withCheckpoints(db, (i) => insert.run(`id-${i}`, payload(i), 'x'.repeat(64)));
}

/**
 * The second baseline: the rows a verdict stores — its event and, for an accepted scan, the
 * setup event that follows it (each with every index the event log keeps) and its
 * scan_verdicts row — inserted by hand in one transaction into `dbFile`, a copy of the
 * filled store. The engine's figure over this one is what parse, rules, validation,
 * hashing, projections and the answer add to the write it cannot avoid.
 */
export function rawRowsWriter(dbFile: string, payload: (i: number) => string): RawWriter {
  const db = new Database(dbFile);
  let seq = (db.prepare('SELECT seq FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number }).seq;
  const event = db.prepare(
    `INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash)
     VALUES (?, ?, 'BENCH-01', ?, ?, 'u-olivia', ?, 1, ?, NULL, NULL, ?, ?)`,
  );
  const verdict = db.prepare(
    `INSERT INTO scan_verdicts (verdict_seq, scan_seq, workflow, verdict, lot_id, work_order_id, slot, overridable, override_role, resolution)
     VALUES (?, ?, 'smt', 'ACCEPT', 'L-100004', 'WO-24001', 'F03', 0, NULL, 'none')`,
  );
  const write = db.transaction((i: number, events: number) => {
    const now = new Date();
    for (let k = 0; k < events; k++) {
      seq++;
      // A time-ordered id like the log's UUIDv7, so the unique index grows at its end as it does there.
      const id = `${now.getTime().toString(16).padStart(12, '0')}-bench-${seq.toString(16).padStart(12, '0')}`;
      event.run(seq, id, `${now.getTime()}:${i}:${k}:BENCH-01`, now.toISOString(), k === 0 ? 'scan.verdict' : 'smt.reel_loaded', payload(i), 'p'.repeat(64), 'h'.repeat(64));
      if (k === 0) verdict.run(seq, seq - 1);
    }
  });
  return withCheckpoints(db, write);
}
