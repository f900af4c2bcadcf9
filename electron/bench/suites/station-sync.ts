// Bench of the station side of sync, through the real station runtime and its sync client:
// a day offline (100k queued events) drained to a loopback central server, beside a raw
// multi-row INSERT of the same rows into the same PostgreSQL table in the same run; and a
// QA hold until it is enforced (recorded, lot on_hold) at N online stations; and what a
// drain costs the command path (a durable command's p99 while draining vs idle).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { canonicalJson } from '../../../shared/events/canonical';
import { PROTOCOL_HEADER } from '../../../shared/sync/protocol';
import { addStation, setCentralUser } from '../../../server/auth';
import { openCentralDb, type CentralDb } from '../../../server/db/open';
import { startServer, type RunningServer } from '../../../server/main';
import { appRoot } from '../../station/paths';
import { StationRuntime } from '../../station/runtime/runtime';
import { readEvents } from '../../station/store/event-log';
import { MemoryCredentialStore } from '../../station/sync/credential';
import { enrollStation } from '../../station/sync/enroll';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';
import { withScratchPg } from '../scratch-pg';

const logger = pino({ level: 'silent' });

async function station(server: RunningServer, central: CentralDb, dir: string, stationId: string, live = true): Promise<StationRuntime> {
  const { enrollmentCode } = await addStation(central.db, { stationId, name: stationId, type: 'smt', area: '', expiresInMinutes: 10 }, 'bench');
  const credentials = new MemoryCredentialStore();
  await enrollStation({ serverUrl: server.url, code: enrollmentCode, stationId, credentials });
  const rt = await StationRuntime.open({ dataDir: dir, stationId, idleCheckMs: 3_600_000, logger });
  await rt.startSync({ serverUrl: server.url, credentials, live, backoff: { baseMs: 20, maxMs: 200, minMs: 10 }, holdsPollMs: 600_000, masterPollMs: 600_000 });
  return rt;
}

function appendScans(rt: StationRuntime, n: number): void {
  for (let done = 0; done < n; done += 10_000) {
    const k = Math.min(10_000, n - done);
    rt.store.sqlite.transaction(() => {
      for (let i = 0; i < k; i++) rt.log.append({ type: 'scan.received', payload: { text: `]C1LOT${done + i}`, source: 'wedge', receivedAt: new Date().toISOString() }, actor: null });
    })();
    rt.log.committed();
  }
}

async function until(pred: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Queues n events while the client is stopped, then starts it and times the drain to queued = 0. */
async function drainThroughClient(server: RunningServer, central: CentralDb, n: number, stationId: string): Promise<{ ms: number; rt: StationRuntime; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-sync-'));
  const { enrollmentCode } = await addStation(central.db, { stationId, name: stationId, type: 'smt', area: '', expiresInMinutes: 10 }, 'bench');
  const credentials = new MemoryCredentialStore();
  await enrollStation({ serverUrl: server.url, code: enrollmentCode, stationId, credentials });
  const rt = await StationRuntime.open({ dataDir: dir, stationId, idleCheckMs: 3_600_000, logger });
  appendScans(rt, n);
  const t0 = performance.now();
  await rt.startSync({ serverUrl: server.url, credentials, live: false, holdsPollMs: 600_000, masterPollMs: 600_000 });
  await until(() => rt.status().sync.queued === 0 && rt.status().sync.state === 'online', 600_000);
  return { ms: performance.now() - t0, rt, dir };
}

/** The same rows, multi-row INSERT of 2000 per statement, one transaction per batch: the floor of any ingest. */
async function rawInsert(url: string, rt: StationRuntime): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const events = [...readEvents(rt.store.sqlite)];
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += 2000) {
      const params: unknown[] = [];
      const tuples = events.slice(i, i + 2000).map((e) => {
        const b = params.length;
        params.push(`RAW-${e.stationId}`, e.seq, e.id, e.hlc, e.wallTime, e.actor, e.type, e.schemaVersion, canonicalJson(e.payload), e.reason, null, e.prevHash, e.hash);
        return `(${Array.from({ length: 13 }, (_, k) => `$${b + k + 1}`).join(',')})`;
      });
      await c.query('BEGIN');
      await c.query(`INSERT INTO events (station_id, seq, id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash) VALUES ${tuples.join(',')}`, params);
      await c.query('COMMIT');
    }
    return performance.now() - t0;
  } finally {
    await c.end();
  }
}

/**
 * A durable command's latency as a device would see it — from when it arrives (a timer due
 * every 2 ms) to its commit — with nothing else to do, then while the client drains `n`
 * queued events to a server in another process (so only the station's own work shares its
 * event loop).
 */
async function commandsDuringDrain(pgUrl: string, n: number, log: (l: string) => void): Promise<{ idle: number[]; draining: number[]; drainMs: number }> {
  const child = spawn(process.execPath, [join(appRoot(), 'bin', 'lotline.mjs'), 'server', '--database-url', pgUrl, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOTLINE_LOG_LEVEL: 'warn' } });
  const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-cmd-'));
  let rt: StationRuntime | undefined;
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`lotline server exited with ${code}`)));
    });
    const url = (JSON.parse(ready) as { url: string }).url;
    const central = await openCentralDb({ databaseUrl: pgUrl });
    const { enrollmentCode } = await addStation(central.db, { stationId: 'SBENCH-CMD', name: 'SBENCH-CMD', type: 'smt', area: '', expiresInMinutes: 10 }, 'bench');
    await central.close();
    const credentials = new MemoryCredentialStore();
    await enrollStation({ serverUrl: url, code: enrollmentCode, stationId: 'SBENCH-CMD', credentials });
    rt = await StationRuntime.open({ dataDir: dir, stationId: 'SBENCH-CMD', idleCheckMs: 3_600_000, logger });
    appendScans(rt, n);
    let k = 0;
    const sample = async (count: number, stop: () => boolean = () => false): Promise<number[]> => {
      const out: number[] = [];
      while (out.length < count && !stop()) {
        const due = performance.now() + 2;
        await new Promise((r) => setTimeout(r, 2));
        await rt!.system('lot.receive', { lotId: `LOT-CMD-${k++}`, itemId: 'I-BENCH', quantity: 1, uom: 'ea' });
        out.push(performance.now() - due);
      }
      return out;
    };
    const idle = await sample(1000);
    const t0 = performance.now();
    await rt.startSync({ serverUrl: url, credentials, live: false, holdsPollMs: 600_000, masterPollMs: 600_000 });
    // Drained: the server holds the backlog (commands keep adding events, so "queued = 0" may never hold while sampling).
    const backlog = rt.log.lastSeq;
    const drained = () => (rt!.status().sync.ackedSeq ?? 0) >= backlog;
    const draining = await sample(1_000_000, drained);
    await until(drained, 600_000);
    const drainMs = performance.now() - t0;
    log(`commands while draining ${n} to a server process: ${draining.length} samples over ${(drainMs / 1000).toFixed(2)} s`);
    return { idle, draining, drainMs };
  } finally {
    await rt?.close();
    rmSync(dir, { recursive: true, force: true });
    child.kill('SIGTERM');
  }
}

/** Holds `rounds` lots at once-online stations; each sample: QA's POST → the lot on_hold in one station's store. */
async function holdFanOut(server: RunningServer, central: CentralDb, stations: number, rounds: number, log: (l: string) => void): Promise<number[]> {
  const dirs: string[] = [];
  const rts: StationRuntime[] = [];
  try {
    for (let i = 0; i < stations; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-fan-'));
      dirs.push(dir);
      const rt = await station(server, central, dir, `FANST-${i}`);
      for (let r = 0; r < rounds; r++) await rt.system('lot.receive', { lotId: `LOT-FAN-${r}`, itemId: 'I-BENCH', quantity: 1, uom: 'ea' });
      rts.push(rt);
    }
    await until(() => rts.every((rt) => rt.status().sync.state === 'online' && rt.status().sync.queued === 0), 60_000);
    log(`${stations} station runtimes online`);
    await setCentralUser(central.db, { userId: 'bench-qa2', name: 'Bench QA', password: 'bench-password', roles: ['qa'] });
    const login = (await (await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-qa2', password: 'bench-password' }) })).json()) as { token: string };
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const held = rts.map((rt) => rt.store.sqlite.prepare("SELECT 1 FROM lots WHERE lot_id = ? AND status = 'on_hold'"));
      const done = new Array<number | null>(stations).fill(null);
      const t0 = performance.now();
      const res = await fetch(`${server.url}/qa/lots/LOT-FAN-${r}/hold`, { method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json', [PROTOCOL_HEADER]: '1' }, body: JSON.stringify({ reason: 'bench' }) });
      if (res.status !== 200) throw new Error(`hold answered ${res.status}`);
      await until(() => {
        const now = performance.now();
        held.forEach((stmt, i) => {
          if (done[i] === null && stmt.get(`LOT-FAN-${r}`)) done[i] = now - t0;
        });
        return done.every((d) => d !== null);
      }, 60_000);
      samples.push(...(done as number[]));
    }
    return samples;
  } finally {
    for (const rt of rts) await rt.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

export const stationSyncSuite: BenchSuite = {
  name: 'station-sync',
  summary: 'station sync client: 100k queued events drained through the real client (PGlite, PostgreSQL) vs raw INSERT; hold enforced at N online station runtimes',
  async run({ quick, log }) {
    const n = quick ? 20_000 : 100_000;
    const fan = quick ? 10 : 50;
    const figures: BenchFigure[] = [];
    {
      const central = await openCentralDb({ dataDir: 'memory://' });
      const server = await startServer({ db: central, port: 0, logger });
      try {
        const { ms, rt, dir } = await drainThroughClient(server, central, n, 'SBENCH-1');
        await rt.close();
        rmSync(dir, { recursive: true, force: true });
        log(`PGlite: station client drained ${n} events in ${(ms / 1000).toFixed(2)} s`);
        figures.push(figure({ metric: `station client drains ${n} queued events (PGlite, loopback)`, value: ms / 1000, unit: 's', budget: '100k in < 10 s' }));
        const samples = await holdFanOut(server, central, fan, 5, log);
        figures.push(figure({ metric: `hold enforced at ${fan} online stations, p95 (PGlite)`, value: percentile(samples, 95), unit: 'ms', budget: '50 stations < 2000 ms' }));
        figures.push(figure({ metric: `hold enforced at ${fan} online stations, max (PGlite)`, value: Math.max(...samples), unit: 'ms' }));
      } finally {
        await server.close();
        await central.close();
      }
    }

    await withScratchPg('lotline_sbench', log, async (url) => {
      const central = await openCentralDb({ databaseUrl: url });
      const server = await startServer({ db: central, port: 0, logger });
      try {
        const { ms, rt, dir } = await drainThroughClient(server, central, n, 'SBENCH-1');
        try {
          const raw = await rawInsert(url, rt);
          log(`PostgreSQL: station client drained in ${(ms / 1000).toFixed(2)} s; raw INSERT ${(raw / 1000).toFixed(2)} s`);
          figures.push(figure({ metric: `station client drains ${n} queued events (PostgreSQL, loopback)`, value: ms / 1000, unit: 's', baseline: `raw multi-row INSERT of the same ${n} rows (2000/statement)`, baselineValue: raw / 1000, budget: '100k in < 10 s' }));
        } finally {
          await rt.close();
          rmSync(dir, { recursive: true, force: true });
        }
        const samples = await holdFanOut(server, central, fan, 5, log);
        figures.push(figure({ metric: `hold enforced at ${fan} online stations, p95 (PostgreSQL)`, value: percentile(samples, 95), unit: 'ms', budget: '50 stations < 2000 ms' }));
      } finally {
        await server.close();
        await central.close();
      }
      const cmd = await commandsDuringDrain(url, n, log);
      figures.push(figure({ metric: `durable command p99 while the client drains ${n} events (arrival → commit)`, value: percentile(cmd.draining, 99), unit: 'ms', baseline: 'the same command with the client idle', baselineValue: percentile(cmd.idle, 99) }));
    });
    return figures;
  },
};
