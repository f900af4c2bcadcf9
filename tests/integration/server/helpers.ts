// Test kit for the central server: databases of both kinds (a throwaway PostgreSQL database
// or an in-memory PGlite), hash-chained station events built exactly like the station's
// EventLog, and a small reference sync client that speaks the protocol over real HTTP.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import pino from 'pino';
import WebSocket from 'ws';
import { canonicalJson } from '../../../shared/events/canonical';
import { eventHashInput, GENESIS_HASH, type EventContent, type StoredEvent } from '../../../shared/events/event';
import {
  HoldsPullResponseSchema,
  LiveMessageSchema,
  MasterPullResponseSchema,
  PROTOCOL_HEADER,
  PushAckSchema,
  type ErrorBody,
  type LiveMessage,
  type PushAck,
} from '../../../shared/sync/protocol';
import { openCentralDb, type CentralDb } from '../../../server/db/open';
import { setCentralUser } from '../../../server/auth';

export const PG_ADMIN_URL = process.env.LOTLINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const quietLog = pino({ level: 'silent' });

/** The same digest as the station's EventLog. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface TestDb {
  readonly central: CentralDb;
  readonly url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database with a unique name; `drop()` removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lotline_t_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = ['pglite', 'postgres'];

export async function openTestDb(kind: DbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const central = await openCentralDb({ dataDir: 'memory://' });
    return { central, url: undefined, drop: () => central.close() };
  }
  const pgdb = await createPgDatabase();
  const central = await openCentralDb({ databaseUrl: pgdb.url, poolSize: 20 });
  return {
    central,
    url: pgdb.url,
    async drop() {
      await central.close();
      await pgdb.drop();
    },
  };
}

/** Builds a station's hash-chained log in memory, byte-for-byte like EventLog.append. */
export class EventChain {
  readonly events: StoredEvent[] = [];
  private head = { seq: 0, hash: GENESIS_HASH };
  private wallMs = Date.parse('2026-03-01T08:00:00.000Z');

  constructor(readonly stationId: string) {}

  /** A copy of this chain up to `seq` (a clone or a restored backup, which then goes its own way). */
  forkAt(seq: number): EventChain {
    const c = new EventChain(this.stationId);
    c.events.push(...this.events.slice(0, seq));
    const last = c.events.at(-1);
    c.head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    c.wallMs = this.wallMs + 7;
    return c;
  }

  append(type: string, payload: unknown, opts: { wallTime?: string; reason?: string | null; actor?: string | null } = {}): StoredEvent {
    this.wallMs += 1;
    const wallTime = opts.wallTime ?? new Date(this.wallMs).toISOString();
    const content: EventContent = {
      id: randomUUID(),
      stationId: this.stationId,
      seq: this.head.seq + 1,
      hlc: `${String(Date.parse(wallTime)).padStart(15, '0')}-0000-${this.stationId}`,
      wallTime,
      actor: opts.actor ?? 'U-OP',
      type,
      schemaVersion: 1,
      payload: JSON.parse(canonicalJson(payload)) as unknown,
      reason: opts.reason ?? null,
      signature: null,
      prevHash: this.head.hash,
    };
    const e: StoredEvent = { ...content, hash: sha256(eventHashInput(content)) };
    this.events.push(e);
    this.head = { seq: e.seq, hash: e.hash };
    return e;
  }

  scans(n: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < n; i++) out.push(this.append('scan.received', { text: `]C1TEST${this.head.seq + 1}`, source: 'wedge', receivedAt: new Date(this.wallMs).toISOString() }));
    return out;
  }

  range(from: number, to: number): StoredEvent[] {
    return this.events.slice(from - 1, to);
  }
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The reference station client: what the station's sync client does, in a few lines. */
export class SyncClient {
  constructor(
    readonly baseUrl: string,
    public token: string | null,
    readonly protocol = '1',
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, opts: { gzip?: boolean; headers?: Record<string, string>; raw?: string | Buffer } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: this.protocol, ...opts.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: string | Buffer | undefined = opts.raw;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (payload !== undefined && opts.gzip) {
      payload = gzipSync(payload);
      headers['content-encoding'] = 'gzip';
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(payload !== undefined ? { body: typeof payload === "string" ? payload : new Uint8Array(payload) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  async enroll(code: string, stationId?: string): Promise<Answer<{ stationId: string; token: string }>> {
    const r = await this.request<{ stationId: string; token: string }>('POST', '/sync/enroll', { code, ...(stationId ? { stationId } : {}) });
    if (r.status === 200) this.token = r.body.token;
    return r;
  }

  push(events: readonly StoredEvent[], opts: { gzip?: boolean } = {}): Promise<Answer<PushAck & ErrorBody>> {
    return this.request('POST', '/sync/push', { stationTime: new Date().toISOString(), events }, opts);
  }

  /**
   * Drains a log: pushes batches from the server's ack onward, resuming where a 409 says,
   * retrying a failed request (the server may have died between commit and answer).
   */
  async drain(events: readonly StoredEvent[], batch = 1000, opts: { gzip?: boolean; retries?: number; onRetry?: () => Promise<void> } = {}): Promise<PushAck> {
    const base = events[0]!.seq;
    const lastSeq = events.at(-1)!.seq;
    let next = base;
    let last: PushAck | undefined;
    let failures = 0;
    while (next <= lastSeq) {
      let r: Answer<PushAck & ErrorBody>;
      try {
        r = await this.push(events.slice(next - base, next - base + batch), opts);
      } catch (err) {
        if (++failures > (opts.retries ?? 0)) throw err;
        await opts.onRetry?.();
        continue;
      }
      if (r.status === 409 && r.body.error === 'sequence_gap') {
        if (r.body.expectedSeq! < base) throw new Error(`the server expects ${r.body.expectedSeq}, before this outbox`);
        next = r.body.expectedSeq!;
        continue;
      }
      if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
      last = PushAckSchema.parse(r.body);
      if (last.integrityAlarms.length) return last;
      next = last.ackSeq + 1;
    }
    return last!;
  }

  async pullAll(feed: 'holds' | 'master', after?: string) {
    const schema = feed === 'holds' ? HoldsPullResponseSchema : MasterPullResponseSchema;
    const items: unknown[] = [];
    let cursor = after;
    for (;;) {
      const r = await this.request('GET', `/sync/${feed}${cursor !== undefined ? `?after=${cursor}` : ''}`);
      if (r.status !== 200) throw new Error(`pull ${feed} answered ${r.status}: ${JSON.stringify(r.body)}`);
      const page = schema.parse(r.body);
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.more) return { items, cursor, resnapshot: page.resnapshot };
    }
  }

  /** Opens the live channel; resolves once the server said hello. */
  live(onMessage: (m: LiveMessage) => void): Promise<WebSocket> {
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/sync/live`, { headers: { authorization: `Bearer ${this.token}`, [PROTOCOL_HEADER]: this.protocol } });
    return new Promise((resolve, reject) => {
      ws.on('message', (data) => {
        const m = LiveMessageSchema.parse(JSON.parse(String(data)));
        if (m.topic === 'hello') resolve(ws);
        onMessage(m);
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`live channel refused: ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }
}

/** Admin session + enrolled station in one step. */
export async function adminSession(baseUrl: string, central: CentralDb, roles: string[] = ['admin', 'qa']): Promise<SyncClient> {
  const userId = `admin-${randomUUID().slice(0, 6)}`;
  await setCentralUser(central.db, { userId, name: `Admin ${userId}`, password: 'correct horse', roles });
  const c = new SyncClient(baseUrl, null);
  const r = await c.request<{ token: string }>('POST', '/admin/login', { username: userId, password: 'correct horse' });
  if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
  c.token = r.body.token;
  return c;
}

export async function enrollStation(baseUrl: string, admin: SyncClient, stationId: string, type = 'smt'): Promise<SyncClient> {
  const r = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId, name: stationId, type, area: 'L1' });
  if (r.status !== 200) throw new Error(`station add failed: ${JSON.stringify(r.body)}`);
  const s = new SyncClient(baseUrl, null);
  const e = await s.enroll(r.body.enrollmentCode);
  if (e.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(e.body)}`);
  return s;
}
