// What the storage benches share: a store filled with demo data and N scan events (filled
// fast, durability off — setup is not what is measured), and the same-run baseline, a raw
// better-sqlite3 durable single-row insert (WAL, synchronous=FULL) of a similar row.
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

/** `payload(i)` is the row's JSON text, sized like what the measured command writes. */
export function measureRawInsert(dir: string, n: number, payload: (i: number) => string): number[] {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS t (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, payload TEXT NOT NULL, hash TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, payload, hash) VALUES (?, ?, ?)');
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    insert.run(`id-${i}`, payload(i), 'x'.repeat(64));
    samples.push(performance.now() - t0);
  }
  db.close();
  return samples;
}
