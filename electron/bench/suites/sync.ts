// Bench of the central sync path: a day offline (100k events) drained to the server over
// loopback HTTP, on PGlite and (when reachable) PostgreSQL, beside a raw multi-row INSERT of
// the same rows into the same PostgreSQL table in the same run; and a hold's fan-out to
// fifty stations on the live channel.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import pino from 'pino';
import WebSocket from 'ws';
import { canonicalJson } from '../../../shared/events/canonical';
import { eventHashInput, GENESIS_HASH, type StoredEvent } from '../../../shared/events/event';
import { PROTOCOL_HEADER } from '../../../shared/sync/protocol';
import { addStation, enroll, setCentralUser } from '../../../server/auth';
import { openCentralDb, type CentralDb } from '../../../server/db/open';
import { startServer } from '../../../server/main';
import { figure, type BenchFigure, type BenchSuite } from '../figure';
import { withScratchPg } from '../scratch-pg';

const BATCH = 2000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(stationId: string, n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  const t0 = Date.parse('2026-03-01T06:00:00Z');
  for (let seq = 1; seq <= n; seq++) {
    const wallTime = new Date(t0 + seq * 300).toISOString();
    const c = { id: randomUUID(), stationId, seq, hlc: `${String(t0 + seq * 300).padStart(15, '0')}-0000-${stationId}`, wallTime, actor: 'U-OP', type: 'scan.received', schemaVersion: 1, payload: { text: `]C1LOT${seq}`, source: 'wedge', receivedAt: wallTime }, reason: null, signature: null, prevHash: prev };
    prev = sha(eventHashInput(c));
    out.push({ ...c, hash: prev });
  }
  return out;
}

async function drain(url: string, token: string, events: readonly StoredEvent[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const body = gzipSync(JSON.stringify({ stationTime: new Date().toISOString(), events: events.slice(i, i + BATCH) }));
    const r = await fetch(`${url}/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1', 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
    if (r.status !== 200) throw new Error(`push answered ${r.status}: ${await r.text()}`);
    await r.arrayBuffer();
  }
  return performance.now() - t0;
}

async function setup(central: CentralDb, stationId: string): Promise<string> {
  const { enrollmentCode } = await addStation(central.db, { stationId, name: stationId, type: 'smt', area: '', expiresInMinutes: 10 }, 'bench');
  return (await enroll(central.db, { code: enrollmentCode })).token;
}

/** The same rows, multi-row INSERT of BATCH rows per statement, one transaction per batch: the floor of any ingest. */
async function rawInsert(url: string, events: readonly StoredEvent[]): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += BATCH) {
      const rows = events.slice(i, i + BATCH);
      const params: unknown[] = [];
      const tuples = rows.map((e) => {
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

async function holdFanOut(url: string, central: CentralDb, stations: number): Promise<number> {
  const tokens: string[] = [];
  for (let i = 0; i < stations; i++) tokens.push(await setup(central, `FAN-${i}`));
  await setCentralUser(central.db, { userId: 'bench-qa', name: 'Bench QA', password: 'bench-password', roles: ['qa'] });
  const login = (await (await fetch(`${url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-qa', password: 'bench-password' }) })).json()) as { token: string };
  const sockets: WebSocket[] = [];
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  let armed = false;
  let pulled = 0;
  await Promise.all(
    tokens.map(
      (token) =>
        new Promise<void>((ready, fail) => {
          const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/live`, { headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1' } });
          sockets.push(ws);
          ws.on('error', fail);
          ws.on('message', (d) => {
            const m = JSON.parse(String(d)) as { topic: string; what?: string };
            if (m.topic === 'hello') ready();
            // A woken station pulls holds; the hold has reached it when the pull returns it.
            if (armed && m.topic === 'pull' && m.what === 'holds')
              void fetch(`${url}/sync/holds?after=0`, { headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1' } })
                .then((r) => r.json() as Promise<{ items: { lotId: string }[] }>)
                .then((b) => {
                  if (b.items.some((h) => h.lotId === 'LOT-FAN') && ++pulled === stations) resolveAll();
                });
          });
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 200)); // let the hello-time pull nudges pass
  armed = true;
  const t0 = performance.now();
  await fetch(`${url}/qa/lots/LOT-FAN/hold`, { method: 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'bench' }) });
  await all;
  const ms = performance.now() - t0;
  for (const ws of sockets) ws.close();
  return ms;
}

export const syncSuite: BenchSuite = {
  name: 'sync',
  summary: 'central sync: 100k events drained over loopback (PGlite, PostgreSQL) vs raw PostgreSQL INSERT; hold fan-out to 50 stations',
  async run({ quick, log }) {
    const n = quick ? 20_000 : 100_000;
    const figures: BenchFigure[] = [];
    const logger = pino({ level: 'silent' });
    const events = chain('BENCH-1', n);
    log(`${n} hash-chained events built`);

    {
      const central = await openCentralDb({ dataDir: 'memory://' });
      const server = await startServer({ db: central, port: 0, logger });
      try {
        const ms = await drain(server.url, await setup(central, 'BENCH-1'), events);
        log(`PGlite: ${n} events drained in ${(ms / 1000).toFixed(2)} s`);
        figures.push(figure({ metric: `drain ${n} events (PGlite, loopback)`, value: ms / 1000, unit: 's', budget: '100k in < 10 s' }));
        const fan = await holdFanOut(server.url, central, 50);
        figures.push(figure({ metric: 'hold reaches 50 stations (PGlite)', value: fan, unit: 'ms', budget: '< 2000 ms' }));
      } finally {
        await server.close();
        await central.close();
      }
    }

    await withScratchPg('lotline_bench', log, async (url) => {
      const central = await openCentralDb({ databaseUrl: url });
      const server = await startServer({ db: central, port: 0, logger });
      try {
        const ms = await drain(server.url, await setup(central, 'BENCH-1'), events);
        const raw = await rawInsert(url, events);
        log(`PostgreSQL: drained in ${(ms / 1000).toFixed(2)} s; raw INSERT ${(raw / 1000).toFixed(2)} s`);
        figures.push(figure({ metric: `drain ${n} events (PostgreSQL, loopback)`, value: ms / 1000, unit: 's', baseline: `raw multi-row INSERT of the same ${n} rows (${BATCH}/statement)`, baselineValue: raw / 1000, budget: '100k in < 10 s' }));
      } finally {
        await server.close();
        await central.close();
      }
    });
    return figures;
  },
};
