// Bench of the supervisor board: an event at a station → visible on a supervisor's board
// (push → projection → live 'tiles' message), p50/p95, beside the push's own round trip in
// the same samples; projection throughput (events/s); then the floor board over a large
// central database — issue 9's "200 stations and 10M central events" on PostgreSQL in the
// full run — through the board's HTTP API (beside a hand-written GROUP BY of the same
// rejects) and as a page in Chromium (navigation → 200 tiles painted, beside the same page's
// sign-in form). The large event log is generated in SQL with synthetic ids and hashes
// (board-fill.ts), not pushed, to keep the run in minutes — said so in the figures' names.
// PGlite keeps a small form: it holds the whole database in this process's memory.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import type { BoardLiveMessage } from '../../../shared/board/api';
import { canonicalJson } from '../../../shared/events/canonical';
import { eventHashInput, GENESIS_HASH, type StoredEvent } from '../../../shared/events/event';
import { PROTOCOL_HEADER } from '../../../shared/sync/protocol';
import { addStation, enroll, login, setCentralUser } from '../../../server/auth';
import { openCentralDb, type CentralDb } from '../../../server/db/open';
import { startServer, type RunningServer } from '../../../server/main';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';
import { fillBoard, rowsOf } from '../board-fill';
import { measureBoardRender } from '../board-render';
import { withScratchPg } from '../scratch-pg';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

class Chain {
  events: StoredEvent[] = [];
  private prev = GENESIS_HASH;
  constructor(readonly stationId: string) {}
  append(type: string, payload: unknown, wallTime = new Date().toISOString()): StoredEvent {
    const seq = this.events.length + 1;
    const c = { id: randomUUID(), stationId: this.stationId, seq, hlc: `${String(Date.parse(wallTime)).padStart(15, '0')}-0000-${this.stationId}`, wallTime, actor: 'U-OP', type, schemaVersion: 1, payload: JSON.parse(canonicalJson(payload)) as unknown, reason: null, signature: null, prevHash: this.prev };
    this.prev = sha(eventHashInput(c));
    const e = { ...c, hash: this.prev };
    this.events.push(e);
    return e;
  }
}

async function push(url: string, token: string, events: readonly StoredEvent[]): Promise<void> {
  const r = await fetch(`${url}/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1', 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ stationTime: new Date().toISOString(), events })) });
  if (r.status !== 200) throw new Error(`push answered ${r.status}: ${await r.text()}`);
  await r.arrayBuffer();
}

async function enrollMany(central: CentralDb, n: number): Promise<{ id: string; token: string; chain: Chain }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = `B-${String(i).padStart(3, '0')}`;
    const { enrollmentCode } = await addStation(central.db, { stationId: id, name: id, type: 'smt', area: `L${i % 10}`, expiresInMinutes: 10 }, 'bench');
    out.push({ id, token: (await enroll(central.db, { code: enrollmentCode })).token, chain: new Chain(id) });
  }
  return out;
}

async function boardSocket(server: RunningServer, token: string, onMessage: (m: BoardLiveMessage) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/board/live`);
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ topic: 'auth', token })));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as BoardLiveMessage;
      if (m.topic === 'hello') resolve();
      onMessage(m);
    });
    ws.on('error', reject);
  });
  return ws;
}

/** How much of each part one run does. */
interface Size {
  /** Events generated into the central events table (spread over the 200 stations). */
  readonly events: number;
  /** Said in the floor-board figures' names. */
  readonly note: string;
  readonly samples: number;
  readonly backlog: number;
  readonly apiRuns: number;
  /** Timed navigations of the board page in Chromium; 0: not opened. */
  readonly renderRuns: number;
}

const SYNTHETIC = 'generated in SQL, hashes synthetic';

function sizeOf(backend: 'PGlite' | 'PostgreSQL', quick: boolean): Size {
  // Quick: the page in Chromium once per run is enough for a smoke (on PostgreSQL), and keeps it under two minutes.
  if (quick) return { events: 100_000, note: `${backend}, quick; ${SYNTHETIC}`, samples: 100, backlog: 10_000, apiRuns: 20, renderRuns: backend === 'PostgreSQL' ? 5 : 0 };
  if (backend === 'PGlite') return { events: 500_000, note: `PGlite, small form: 10M would not fit in its in-memory database; ${SYNTHETIC}`, samples: 400, backlog: 100_000, apiRuns: 50, renderRuns: 10 };
  return { events: 10_000_000, note: `PostgreSQL; ${SYNTHETIC}`, samples: 400, backlog: 100_000, apiRuns: 50, renderRuns: 20 };
}

const millions = (n: number) => `${(n / 1e6).toFixed(n >= 1e6 ? 1 : 2)}M`;

async function runOn(label: 'PGlite' | 'PostgreSQL', central: CentralDb, quick: boolean, say: (l: string) => void): Promise<BenchFigure[]> {
  const size = sizeOf(label, quick);
  const start = performance.now();
  const log = (l: string) => say(`board (${label}, ${((performance.now() - start) / 1000).toFixed(0)} s): ${l}`);
  const figures: BenchFigure[] = [];
  const server = await startServer({ db: central, port: 0, logger: pino({ level: 'silent' }) });
  try {
    await setCentralUser(central.db, { userId: 'bench-sup', name: 'Bench Supervisor', password: 'bench-password', roles: ['supervisor'] });
    const { token } = await login(central.db, 'bench-sup', 'bench-password');
    const stations = await enrollMany(central, 200);
    log('200 stations enrolled');

    // 1. Event at a station → on the board.
    const waiters = new Map<string, (at: number) => void>();
    const ws = await boardSocket(server, token, (m) => {
      if (m.topic !== 'tiles') return;
      for (const t of m.tiles) {
        const key = `${t.stationId}:${t.lastVerdict?.seq ?? 0}`;
        waiters.get(key)?.(performance.now());
      }
    });
    const samples = size.samples;
    const endToEnd: number[] = [];
    const pushOnly: number[] = [];
    for (let i = 0; i < samples; i++) {
      const s = stations[i % stations.length]!;
      const scan = s.chain.append('scan.received', { text: `]C1X${i}`, source: 'wedge', receivedAt: new Date().toISOString() });
      const v = s.chain.append('scan.verdict', { scanSeq: scan.seq, workflow: 'smt.reel', verdict: i % 5 ? 'ACCEPT' : 'REJECT', reasons: i % 5 ? [] : [{ code: 'wrong_item', severity: 'REJECT', message: 'wrong' }], message: 'x', overridable: false, workOrderId: 'WO', slot: `S${i}` });
      const seen = new Promise<number>((resolve) => waiters.set(`${s.id}:${v.seq}`, resolve));
      const t0 = performance.now();
      await push(server.url, s.token, [scan, v]);
      pushOnly.push(performance.now() - t0);
      endToEnd.push((await seen) - t0);
      waiters.delete(`${s.id}:${v.seq}`);
    }
    ws.close();
    log(`${samples} events pushed and seen on the board`);
    figures.push(
      figure({ metric: `event at a station → on the board, p95 (${label})`, value: percentile(endToEnd, 95), unit: 'ms', baseline: 'the push round trip alone, p95', baselineValue: percentile(pushOnly, 95), budget: '≤ 2 s (issue 9)' }),
      figure({ metric: `event at a station → on the board, p50 (${label})`, value: percentile(endToEnd, 50), unit: 'ms', baseline: 'the push round trip alone, p50', baselineValue: percentile(pushOnly, 50) }),
    );

    // 2. Projection throughput: a backlog of scans and verdicts pushed by one station.
    const n = size.backlog;
    const s0 = stations[0]!;
    const backlog: StoredEvent[] = [];
    for (let i = 0; i < n / 2; i++) {
      const scan = s0.chain.append('scan.received', { text: `]C1Y${i}`, source: 'wedge', receivedAt: new Date().toISOString() });
      backlog.push(scan, s0.chain.append('scan.verdict', { scanSeq: scan.seq, workflow: 'smt.reel', verdict: 'ACCEPT', reasons: [], message: 'ok', overridable: false, workOrderId: 'WO', slot: `T${i}` }));
    }
    let projected = 0;
    const done = new Promise<void>((resolve) => {
      server.board.onProjected = (id, events) => {
        if (id !== s0.id) return;
        projected += events;
        if (projected >= n) resolve();
      };
    });
    const tp = performance.now();
    for (let i = 0; i < backlog.length; i += 2000) await push(server.url, s0.token, backlog.slice(i, i + 2000));
    const pushedMs = performance.now() - tp;
    await done;
    const projectedMs = performance.now() - tp;
    server.board.onProjected = undefined;
    log(`${n} events projected`);
    figures.push(figure({ metric: `${n} events pushed and projected onto the board (${label})`, value: projectedMs / 1000, unit: 's', baseline: 'the same pushes without waiting for the board', baselineValue: pushedMs / 1000 }));

    // 3. The floor board over a large central database: `events` events in the events table
    // (generated in SQL, see board-fill.ts), the matching facts, then the board's HTTP API
    // and the board page in Chromium.
    const fill = await fillBoard(central, size.events / stations.length, (l) => log(l.trim()));
    const total = Number((await rowsOf<{ n: number }>(central, sql`SELECT count(*)::int AS n FROM events`))[0]!.n);
    log(`${fill.events} events and ${fill.facts} facts generated in ${fill.seconds.toFixed(1)} s; events table holds ${total}`);
    const what = `200 stations, ${millions(total)} central events (${size.note})`;
    // One untimed request first. With PGlite the fill blocked this process's event loop for
    // seconds, so the client's pooled keep-alive socket may meet the server closing it
    // (ECONNRESET): that first request is retried once.
    const getTiles = () => fetch(`${server.url}/board/api/stations`, { headers: { authorization: `Bearer ${token}` } });
    await (await getTiles().catch(getTiles)).arrayBuffer();
    const api: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < size.apiRuns; i++) {
      let t = performance.now();
      const r = await getTiles();
      const body = (await r.json()) as { tiles?: unknown[] };
      api.push(performance.now() - t);
      if (r.status !== 200 || body.tiles?.length !== 200) throw new Error(`GET /board/api/stations answered ${r.status} with ${body.tiles?.length} tiles`);
      t = performance.now();
      await central.db.execute(sql`SELECT station_id, count(*) FROM board_facts WHERE kind = 'verdict' AND code = 'REJECT' AND at >= now() - interval '1 hour' GROUP BY station_id`);
      base.push(performance.now() - t);
    }
    log(`${size.apiRuns} GET /board/api/stations timed`);
    figures.push(figure({ metric: `GET /board/api/stations, ${what}, p95`, value: percentile(api, 95), unit: 'ms', baseline: 'hand-written rejects-per-station GROUP BY alone, p95', baselineValue: percentile(base, 95) }));

    const render = size.renderRuns > 0 && (await measureBoardRender(server.url, { username: 'bench-sup', password: 'bench-password' }, 200, size.renderRuns, log));
    if (render) {
      log(`board page opened ${2 * (size.renderRuns + 1)} times in Chromium`);
      figures.push(
        figure({ metric: `board page in Chromium, navigation → 200 tiles painted, ${what}, p95`, value: percentile(render.board, 95), unit: 'ms', baseline: 'same page signed out: navigation → sign-in form painted, p95', baselineValue: percentile(render.signIn, 95), budget: '≤ 1 s with 200 stations and 10M events (issue 9)' }),
        figure({ metric: `board page in Chromium, navigation → 200 tiles painted, ${what}, p50`, value: percentile(render.board, 50), unit: 'ms', baseline: 'same page signed out: navigation → sign-in form painted, p50', baselineValue: percentile(render.signIn, 50) }),
      );
    }
  } finally {
    await server.close();
  }
  return figures;
}

export const boardSuite: BenchSuite = {
  name: 'board',
  summary: 'supervisor board: event → board latency, projection throughput, board API and page in Chromium at 200 stations and 10M events',
  async run({ quick, log }) {
    const figures: BenchFigure[] = [];
    const lite = await openCentralDb({ dataDir: 'memory://' });
    try {
      figures.push(...(await runOn('PGlite', lite, quick, log)));
    } finally {
      await lite.close();
    }
    await withScratchPg('lotline_bench_board', log, async (url) => {
      const central = await openCentralDb({ databaseUrl: url });
      try {
        figures.push(...(await runOn('PostgreSQL', central, quick, log)));
      } finally {
        await central.close();
      }
    });
    return figures;
  },
};
