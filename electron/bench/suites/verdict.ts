// Budget of issue 6: scan → verdict inside the runtime with a million events in the store —
// the `smt.scan` command re-reads the recorded scan from the log, parses it, runs the rules
// on the in-memory snapshot, appends the verdict event durably and updates the projection —
// beside a raw durable better-sqlite3 insert measured in the same run, and beside the same
// rows the verdict stores inserted raw into the same store (what the engine adds over the
// write it cannot avoid). Scans are paced one per event-loop turn (see measureVerdicts);
// the clock runs from the command's call to its answer. The whole path from
// the scanner (scan.submit + smt.scan: two durable commits) is reported too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationRuntime } from '../../station/runtime/runtime';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';
import { fillStore, measureRawEventInsert, measureRawInsert } from '../store-fixtures';


/** What an operator scans: the slot, a wrong part, a quarantined reel, the right reel. */
const CYCLE = ['LL-SLOT-SMT1-F03', 'LL-LOT-L-100001', 'LL-LOT-L-100005', 'LL-LOT-L-100004'] as const;

async function measureVerdicts(dataDir: string, n: number): Promise<{ verdict: number[]; total: number[]; kinds: Record<string, number> }> {
  const rt = await StationRuntime.open({ dataDir });
  try {
    const ok = (r: Awaited<ReturnType<StationRuntime['call']>>) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.result;
    };
    ok(await rt.call('auth.login', { badge: 'OP-100', pin: '1111' }));
    ok(await rt.call('smt.load', { workOrderId: 'WO-24001', lineId: 'SMT1' }));
    const verdict: number[] = [];
    const total: number[] = [];
    const kinds: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      // Each scan arrives on its own turn of the event loop, as a scanner's bytes do: the
      // runtime's housekeeping between scans (the WAL checkpoint, V8's scheduled scavenge)
      // runs there, as it does on a station, instead of being forced into a verdict by a
      // loop that never lets the event loop turn.
      await new Promise((resolve) => setImmediate(resolve));
      const t0 = performance.now();
      const scan = ok(await rt.call('scan.submit', { text: CYCLE[i % CYCLE.length]!, source: 'bench', receivedAt: new Date().toISOString() })) as { seq: number };
      const t1 = performance.now();
      const r = ok(await rt.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: scan.seq })) as { verdict: { verdict: string } };
      const t2 = performance.now();
      verdict.push(t2 - t1);
      total.push(t2 - t0);
      kinds[r.verdict.verdict] = (kinds[r.verdict.verdict] ?? 0) + 1;
    }
    return { verdict, total, kinds };
  } finally {
    await rt.close();
  }
}

export const verdictSuite: BenchSuite = {
  name: 'verdict',
  summary: 'scan → verdict (smt.scan: log read + parse + rules + durable verdict event + projection) p50/p99 at 1M events vs raw durable insert',
  async run({ quick, log }) {
    const events = quick ? 50_000 : 1_000_000;
    const n = quick ? 400 : 4000;
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-verdict-'));
    try {
      const dataDir = join(dir, 'station');
      log(`filling a store with ${events} events…`);
      await fillStore(dataDir, events, log);
      log(`measuring ${n} scans with their verdicts and ${2 * n} raw inserts…`);
      const raw = measureRawInsert(dir, n, (i) => `{"scanSeq":${i},"verdict":"ACCEPT","message":"Reel L-100004 (MCU-RP2040) verified for slot F03."}`);
      const m = await measureVerdicts(dataDir, n);
      const raw2 = measureRawInsert(dir, n, (i) => `{"scanSeq":${i},"verdict":"ACCEPT","message":"Reel L-100004 (MCU-RP2040) verified for slot F03."}`);
      const rawAll = [...raw, ...raw2];
      const payload = (i: number) => `{"scanSeq":${i},"verdict":"ACCEPT","reasons":[],"message":"Reel L-100004 (MCU-RP2040) verified for slot F03.","lotId":"L-100004","itemId":"MCU-RP2040","slot":"F03","workOrderId":"WO-24001"}`;
      const rawRows = measureRawEventInsert(join(dataDir, 'station.db'), n, payload);
      log(`verdicts: ${Object.entries(m.kinds).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const figures: BenchFigure[] = [
        figure({ metric: `scan → verdict p50 (${events} events in store)`, value: percentile(m.verdict, 50), unit: 'ms', baseline: 'raw durable SQLite insert p50', baselineValue: percentile(rawAll, 50) }),
        figure({ metric: `scan → verdict p99 (${events} events in store)`, value: percentile(m.verdict, 99), unit: 'ms', baseline: 'raw durable SQLite insert p99', baselineValue: percentile(rawAll, 99), budget: '≤ 5 ms and ≤ 2×' }),
        figure({ metric: `scan → verdict p50 (${events} events in store)`, value: percentile(m.verdict, 50), unit: 'ms', baseline: 'same rows inserted raw, same store p50', baselineValue: percentile(rawRows, 50) }),
        figure({ metric: `scan → verdict p99 (${events} events in store)`, value: percentile(m.verdict, 99), unit: 'ms', baseline: 'same rows inserted raw, same store p99', baselineValue: percentile(rawRows, 99), budget: '≤ 2×' }),
        figure({ metric: 'scanner to verdict p50 (scan.submit + smt.scan, two commits)', value: percentile(m.total, 50), unit: 'ms', baseline: 'raw durable SQLite insert p50', baselineValue: percentile(rawAll, 50) }),
        figure({ metric: 'scanner to verdict p99 (scan.submit + smt.scan, two commits)', value: percentile(m.total, 99), unit: 'ms', baseline: 'raw durable SQLite insert p99', baselineValue: percentile(rawAll, 99), budget: '≤ 5 ms' }),
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
