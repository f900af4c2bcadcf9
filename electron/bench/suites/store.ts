// Budgets of the foundation: command append p50/p99 with a million events in the store,
// beside a raw durable better-sqlite3 insert in the same run; runtime cold start and RSS.
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../../station/paths';
import { StationRuntime } from '../../station/runtime/runtime';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';
import { fillStore, measureRawInsert } from '../store-fixtures';


async function measureAppend(dataDir: string, n: number): Promise<number[]> {
  const rt = await StationRuntime.open({ dataDir });
  const login = await rt.call('auth.login', { badge: 'OP-100', pin: '1111' });
  if (!login.ok) throw new Error(`bench login failed: ${login.error.message}`);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await rt.call('scan.submit', { text: `]C1010950600013435210B${i}`, source: 'bench', receivedAt: new Date().toISOString() });
    samples.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  await rt.close();
  return samples;
}

function rssMb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return Number.NaN; // not Linux
  }
}

/** Forks `script`, times it to its first message, then (for the runtime) runs a small workload over IPC. */
function startProcess(script: string, env: NodeJS.ProcessEnv, workload: number): Promise<{ ms: number; rssMb: number; rssAfterMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = fork(script, [], { env: { ...process.env, ...env }, stdio: 'ignore' });
    let ms = 0;
    let rssAtReady = 0;
    let sent = 0;
    const finish = () => {
      const rssAfter = rssMb(child.pid);
      child.kill('SIGKILL');
      resolve({ ms, rssMb: rssAtReady, rssAfterMb: rssAfter });
    };
    const next = () => {
      sent++;
      if (sent === 1) child.send({ kind: 'request', id: sent, method: 'auth.login', input: { badge: 'OP-100', pin: '1111' } });
      else child.send({ kind: 'request', id: sent, method: 'scan.submit', input: { text: `RSS-${sent}`, source: 'bench', receivedAt: new Date().toISOString() } });
    };
    child.on('message', (m: { kind?: string }) => {
      if (m.kind === 'ready') {
        ms = performance.now() - t0;
        rssAtReady = rssMb(child.pid);
        if (workload === 0) return finish();
        next();
      } else if (m.kind === 'response') {
        if (sent > workload) finish();
        else next();
      }
    });
    child.once('error', reject);
  });
}

export const storeSuite: BenchSuite = {
  name: 'store',
  summary: 'command append p50/p99 at 1M events vs raw durable insert; runtime cold start and RSS',
  async run({ quick, log }) {
    const events = quick ? 50_000 : 1_000_000;
    const n = quick ? 500 : 3000;
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-'));
    try {
      const dataDir = join(dir, 'station');
      log(`filling a store with ${events} events…`);
      await fillStore(dataDir, events, log);
      log(`measuring ${n} scan.submit commands and ${n} raw inserts…`);
      const raw = measureRawInsert(dir, n, (i) => `{"text":"]C1010950600013435210B${i}"}`);
      const append = await measureAppend(dataDir, n);
      const raw2 = measureRawInsert(dir, n, (i) => `{"text":"]C1010950600013435210B${i}"}`);
      const rawAll = [...raw, ...raw2];

      // The runtime process entry as Electron runs it (ready = store open, migrations checked,
      // chain head loaded, demo hints set), beside a bare Node child reporting ready.
      const script = join(appRoot(), 'dist', 'node', 'station-process.mjs');
      const baselineScript = join(dir, 'bare.mjs');
      writeFileSync(baselineScript, "process.send({ kind: 'ready' });\nsetInterval(() => undefined, 1000);\n");
      const cold = await startProcess(script, { LOTLINE_DATA: dataDir }, 1000);
      const bare = await startProcess(baselineScript, {}, 0);

      const figures: BenchFigure[] = [
        figure({ metric: `command append p50 (${events} events in store)`, value: percentile(append, 50), unit: 'ms', baseline: 'raw durable SQLite insert p50', baselineValue: percentile(rawAll, 50) }),
        figure({ metric: `command append p99 (${events} events in store)`, value: percentile(append, 99), unit: 'ms', baseline: 'raw durable SQLite insert p99', baselineValue: percentile(rawAll, 99), budget: '≤ 5 ms and ≤ 2×' }),
        figure({ metric: 'runtime cold start (own process, to ready)', value: cold.ms, unit: 'ms', baseline: 'bare Node child to ready', baselineValue: bare.ms, budget: '≤ 1000 ms' }),
        figure({ metric: 'runtime RSS at ready', value: cold.rssMb, unit: 'MB', baseline: 'bare Node child RSS', baselineValue: bare.rssMb, budget: '≤ 150 MB' }),
        figure({ metric: 'runtime RSS after login + 1000 scans', value: cold.rssAfterMb, unit: 'MB', baseline: 'bare Node child RSS', baselineValue: bare.rssMb, budget: '≤ 150 MB' }),
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
