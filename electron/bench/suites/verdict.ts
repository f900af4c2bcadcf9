// Budget of issue 6: scan → verdict inside the runtime with a million events in the store —
// the `smt.scan` command re-reads the recorded scan from the log, parses it, runs the rules
// on the in-memory snapshot, appends the verdict event durably and updates the projection —
// beside a raw durable better-sqlite3 insert measured in the same run, and beside the same
// rows the verdict stores inserted raw into a copy of the same store (what the engine adds
// over the write it cannot avoid); the three are interleaved (see measureInterleaved);
// the clock runs from the command's call to its answer. The whole path from
// the scanner (scan.submit + smt.scan: two durable commits) is reported too.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationRuntime } from '../../station/runtime/runtime';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';
import { fillStore, rawRowsWriter, rawSingleRowWriter, type RawWriter } from '../store-fixtures';


/** What an operator scans: the slot, a wrong part, a quarantined reel, the right reel. */
const CYCLE = ['LL-SLOT-SMT1-F03', 'LL-LOT-L-100001', 'LL-LOT-L-100005', 'LL-LOT-L-100004'] as const;

interface Samples {
  /** smt.scan, call to answer. */
  readonly verdict: number[];
  /** scan.submit + smt.scan, the scanner's text to the answer. */
  readonly total: number[];
  readonly single: number[];
  readonly rows: number[];
  readonly kinds: Record<string, number>;
}

/**
 * Scans and their verdicts, each interleaved with one commit of each raw baseline, the three
 * in rotating order, so a slow moment of the machine (an fsync that stalls, a CPU the
 * hypervisor takes away) falls on all three alike instead of on whichever ran then.
 * The first `warm` rounds are run alike and not kept: the figure is a station's steady state,
 * not V8 compiling the scan path or SQLite growing the baselines' fresh WAL files.
 */
async function measureInterleaved(dataDir: string, n: number, warm: number, single: RawWriter, rows: RawWriter): Promise<Samples> {
  const rt = await StationRuntime.open({ dataDir });
  try {
    const ok = (r: Awaited<ReturnType<StationRuntime['call']>>) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.result;
    };
    ok(await rt.call('auth.login', { badge: 'OP-100', pin: '1111' }));
    ok(await rt.call('smt.load', { workOrderId: 'WO-24001', lineId: 'SMT1' }));
    const out: Samples = { verdict: [], total: [], single: [], rows: [], kinds: {} };
    const scanOnce = async (i: number) => {
      const t0 = performance.now();
      const scan = ok(await rt.call('scan.submit', { text: CYCLE[i % CYCLE.length]!, source: 'bench', receivedAt: new Date().toISOString() })) as { seq: number };
      const t1 = performance.now();
      const r = ok(await rt.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: scan.seq })) as { verdict: { verdict: string } };
      const t2 = performance.now();
      out.verdict.push(t2 - t1);
      out.total.push(t2 - t0);
      if (i >= warm) out.kinds[r.verdict.verdict] = (out.kinds[r.verdict.verdict] ?? 0) + 1;
    };
    // The raw rows write what the same scan's verdict writes: a second event when accepted.
    const accepted = (i: number) => i % CYCLE.length === 0 || i % CYCLE.length === 3;
    const steps = [scanOnce, async (i: number) => void out.single.push(single.write(i, 1)), async (i: number) => void out.rows.push(rows.write(i, accepted(i) ? 2 : 1))];
    for (let i = 0; i < warm + n; i++) {
      for (let k = 0; k < steps.length; k++) {
        // Each write starts on its own turn of the event loop, as a scanner's bytes do: the
        // runtime's housekeeping between scans (the WAL checkpoint, V8's scheduled scavenge)
        // runs there, as it does on a station, instead of being forced into a verdict by a
        // loop that never lets the event loop turn.
        await new Promise((resolve) => setImmediate(resolve));
        await steps[(i + k) % steps.length]!(i);
      }
    }
    for (const samples of [out.verdict, out.total, out.single, out.rows]) samples.splice(0, warm);
    return out;
  } finally {
    await rt.close();
  }
}

export const verdictSuite: BenchSuite = {
  name: 'verdict',
  summary: 'scan → verdict (smt.scan: log read + parse + rules + durable verdict event + projection) p50/p99 at 1M events vs raw durable insert',
  async run({ quick, log }) {
    const events = quick ? 50_000 : 1_000_000;
    const n = quick ? 400 : 10_000;
    const warm = quick ? 100 : 1000;
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-verdict-'));
    try {
      const dataDir = join(dir, 'station');
      log(`filling a store with ${events} events…`);
      await fillStore(dataDir, events, log);
      // The rows baseline writes into a copy of the filled store: same size, same indexes.
      copyFileSync(join(dataDir, 'station.db'), join(dir, 'rows.db'));
      log(`measuring ${n} scans with their verdicts, interleaved with ${n} raw inserts of each baseline, after ${warm} rounds of warm-up…`);
      const single = rawSingleRowWriter(join(dir, 'raw.db'), (i) => `{"scanSeq":${i},"verdict":"ACCEPT","message":"Reel L-100004 (MCU-RP2040) verified for slot F03."}`);
      const rows = rawRowsWriter(join(dir, 'rows.db'), (i) => `{"scanSeq":${i},"verdict":"ACCEPT","reasons":[],"message":"Reel L-100004 (MCU-RP2040) verified for slot F03.","lotId":"L-100004","itemId":"MCU-RP2040","slot":"F03","workOrderId":"WO-24001"}`);
      let m: Samples;
      try {
        m = await measureInterleaved(dataDir, n, warm, single, rows);
      } finally {
        single.close();
        rows.close();
      }
      log(`verdicts: ${Object.entries(m.kinds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const figures: BenchFigure[] = [
        figure({ metric: `scan → verdict p50 (${events} events in store)`, value: percentile(m.verdict, 50), unit: 'ms', baseline: 'raw durable SQLite insert p50', baselineValue: percentile(m.single, 50) }),
        figure({ metric: `scan → verdict p99 (${events} events in store)`, value: percentile(m.verdict, 99), unit: 'ms', baseline: 'raw durable SQLite insert p99', baselineValue: percentile(m.single, 99), budget: '≤ 5 ms and ≤ 2×' }),
        figure({ metric: `scan → verdict p50 (${events} events in store)`, value: percentile(m.verdict, 50), unit: 'ms', baseline: 'same rows inserted raw, same store p50', baselineValue: percentile(m.rows, 50) }),
        figure({ metric: `scan → verdict p99 (${events} events in store)`, value: percentile(m.verdict, 99), unit: 'ms', baseline: 'same rows inserted raw, same store p99', baselineValue: percentile(m.rows, 99), budget: '≤ 2×' }),
        figure({ metric: 'scanner to verdict p50 (scan.submit + smt.scan, two commits)', value: percentile(m.total, 50), unit: 'ms', baseline: 'raw durable SQLite insert p50', baselineValue: percentile(m.single, 50) }),
        figure({ metric: 'scanner to verdict p99 (scan.submit + smt.scan, two commits)', value: percentile(m.total, 99), unit: 'ms', baseline: 'raw durable SQLite insert p99', baselineValue: percentile(m.single, 99), budget: '≤ 5 ms' }),
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
