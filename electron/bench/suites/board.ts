// Bench of the supervisor board: an event at a station → visible on a supervisor's board
// (push → projection → live 'tiles' message), p50/p95, beside the push's own round trip in
// the same samples; the floor-board query with 200 stations over a large fact table, beside
// a hand-written GROUP BY of the same rejects; and projection throughput (events/s).
// The tiles query reads the board's read models, never the events table, so the "large
// event count" is represented by its facts (one per verdict/output/state event): generated
// in SQL, not pushed, to keep the run short — said so in the figure's name.
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

async function runOn(label: string, central: CentralDb, quick: boolean, log: (l: string) => void): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const server = await startServer({ db: central, port: 0, logger: pino({ level: 'silent' }) });
  try {
    await setCentralUser(central.db, { userId: 'bench-sup', name: 'Bench Supervisor', password: 'bench-password', roles: ['supervisor'] });
    const { token } = await login(central.db, 'bench-sup', 'bench-password');
    const stations = await enrollMany(central, 200);
    log(`board (${label}): 200 stations enrolled`);

    // 1. Event at a station → on the board.
    const waiters = new Map<string, (at: number) => void>();
    const ws = await boardSocket(server, token, (m) => {
      if (m.topic !== 'tiles') return;
      for (const t of m.tiles) {
        const key = `${t.stationId}:${t.lastVerdict?.seq ?? 0}`;
        waiters.get(key)?.(performance.now());
      }
    });
    const samples = quick ? 100 : 400;
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
    figures.push(
      figure({ metric: `event at a station → on the board, p95 (${label})`, value: percentile(endToEnd, 95), unit: 'ms', baseline: 'the push round trip alone, p95', baselineValue: percentile(pushOnly, 95), budget: 'seconds on a wall board; no DESIGN.md figure' }),
      figure({ metric: `event at a station → on the board, p50 (${label})`, value: percentile(endToEnd, 50), unit: 'ms', baseline: 'the push round trip alone, p50', baselineValue: percentile(pushOnly, 50) }),
    );

    // 2. Projection throughput: a backlog of scans and verdicts pushed by one station.
    const n = quick ? 20_000 : 100_000;
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
    figures.push(figure({ metric: `${n} events pushed and projected onto the board (${label})`, value: projectedMs / 1000, unit: 's', baseline: 'the same pushes without waiting for the board', baselineValue: pushedMs / 1000 }));

    // 3. The floor-board query: 200 stations, a large fact table (generated in SQL).
    const facts = quick ? 500_000 : 5_000_000;
    const t1 = performance.now();
    await central.db.execute(sql`
      INSERT INTO board_facts (station_id, seq, kind, at, work_order_id, code, reason, unit, n)
      SELECT 'B-' || lpad((g % 200)::text, 3, '0'), 1000000 + g, 'verdict', now() - ((g % 172800) || ' seconds')::interval, 'WO',
             CASE WHEN g % 7 = 0 THEN 'REJECT' ELSE 'ACCEPT' END, CASE WHEN g % 7 = 0 THEN 'wrong_item' END, 'u' || g, 1
      FROM generate_series(1, ${facts}) g`);
    await central.db.execute(sql`ANALYZE board_facts`);
    log(`board (${label}): ${facts} facts generated in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const q: number[] = [];
    const base: number[] = [];
    const runs = quick ? 20 : 50;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const tiles = await server.board.tiles();
      q.push(performance.now() - t);
      if (tiles.length !== 200) throw new Error(`expected 200 tiles, got ${tiles.length}`);
      t = performance.now();
      await central.db.execute(sql`SELECT station_id, count(*) FROM board_facts WHERE kind = 'verdict' AND code = 'REJECT' AND at >= now() - interval '1 hour' GROUP BY station_id`);
      base.push(performance.now() - t);
    }
    figures.push(figure({ metric: `floor board query, 200 stations, ${facts} facts (${label}), p95`, value: percentile(q, 95), unit: 'ms', baseline: 'hand-written rejects-per-station GROUP BY alone, p95', baselineValue: percentile(base, 95) }));
  } finally {
    await server.close();
  }
  return figures;
}

export const boardSuite: BenchSuite = {
  name: 'board',
  summary: 'supervisor board: event → board latency, projection throughput, floor-board query at 200 stations',
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
