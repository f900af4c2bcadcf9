// Test kit for the supervisor board: users of each role, simulated stations that record
// realistic events (logins, scans, verdicts, andon calls, lots) and push them through the
// real sync path, and a browser-like client of the board's API and live channel.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { BoardLiveMessage, StationTileView } from '../../../shared/board/api';
import type { StoredEvent } from '../../../shared/events/event';
import { setCentralUser } from '../../../server/auth';
import type { CentralDb } from '../../../server/db/open';
import { EventChain, SyncClient, adminSession, enrollStation } from '../server/helpers';

export const PASSWORD = 'correct horse';

export async function addUser(central: CentralDb, userId: string, roles: string[], name = userId): Promise<void> {
  await setCentralUser(central.db, { userId, name, password: PASSWORD, roles });
}

/** A simulated station: its own hash chain, enrolled, pushing through /sync/push. */
export class SimStation {
  readonly chain: EventChain;
  constructor(
    readonly stationId: string,
    readonly client: SyncClient,
  ) {
    this.chain = new EventChain(stationId);
  }

  static async enroll(baseUrl: string, admin: SyncClient, stationId: string, type = 'smt', area = 'L1'): Promise<SimStation> {
    const r = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId, name: `Station ${stationId}`, type, area });
    if (r.status !== 200) throw new Error(`station add failed: ${JSON.stringify(r.body)}`);
    const c = new SyncClient(baseUrl, null);
    const e = await c.enroll(r.body.enrollmentCode);
    if (e.status !== 200) throw new Error(`enroll failed ${JSON.stringify(e.body)}`);
    return new SimStation(stationId, c);
  }

  /** Records an event now (wall time = now unless given). */
  record(type: string, payload: unknown, opts: { actor?: string; reason?: string; wallTime?: string } = {}): StoredEvent {
    return this.chain.append(type, payload, { wallTime: opts.wallTime ?? new Date().toISOString(), actor: opts.actor ?? 'U-OP', reason: opts.reason ?? null });
  }

  login(userId: string) {
    return this.record('auth.login', { userId, badge: userId });
  }
  scan(text: string) {
    return this.record('scan.received', { text, source: 'wedge', receivedAt: new Date().toISOString() });
  }
  /** A scan and its verdict, shaped like the SMT workflow's scan.verdict. */
  verdict(verdict: 'ACCEPT' | 'WARN' | 'REJECT', opts: { code?: string; message?: string; workOrderId?: string; slot?: string; lotId?: string } = {}) {
    const scan = this.scan(`]C1${opts.lotId ?? 'LOT'}`);
    return this.record('scan.verdict', {
      scanSeq: scan.seq,
      workflow: 'smt.reel',
      verdict,
      reasons: verdict === 'ACCEPT' ? [] : [{ code: opts.code ?? 'wrong_item', severity: verdict === 'WARN' ? 'WARN' : 'REJECT', message: opts.message ?? 'Wrong part for this slot' }],
      message: opts.message ?? (verdict === 'ACCEPT' ? 'OK' : 'Wrong part for this slot'),
      overridable: false,
      ...(opts.workOrderId ? { workOrderId: opts.workOrderId } : {}),
      ...(opts.slot ? { slot: opts.slot } : {}),
      ...(opts.lotId ? { lotId: opts.lotId } : {}),
    });
  }
  andon(kind: 'material' | 'quality' | 'maintenance' | 'help', note?: string): string {
    const callId = randomUUID();
    this.record('andon.raised', { callId, kind, ...(note ? { note } : {}) });
    return callId;
  }

  /** Pushes everything not yet acknowledged. */
  async sync(headers: Record<string, string> = {}): Promise<void> {
    const status = await this.client.request<{ ackSeq: number }>('GET', '/sync/status');
    const pending = this.chain.events.filter((e) => e.seq > status.body.ackSeq);
    if (!pending.length) return;
    const r = await this.client.request('POST', '/sync/push', { stationTime: new Date().toISOString(), events: pending }, { headers });
    if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
}

/** What a supervisor's browser does: log in, call the API, listen on the live channel. */
export class BoardClient {
  token: string | null = null;
  constructor(readonly baseUrl: string) {}

  async login(username: string, password = PASSWORD): Promise<{ status: number; body: { token?: string; error?: string } }> {
    const r = await fetch(`${this.baseUrl}/board/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await r.json()) as { token?: string };
    if (r.status === 200) this.token = body.token!;
    return { status: r.status, body };
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string; headers: Headers }> {
    const r = await fetch(`${this.baseUrl}/board/api${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: r.status, body: parsed as T, text, headers: r.headers };
  }

  /** Opens the live channel and resolves after hello; messages go to `onMessage`. */
  live(onMessage: (m: BoardLiveMessage) => void, token = this.token): Promise<WebSocket> {
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/board/live`);
    return new Promise((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ topic: 'auth', token })));
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as BoardLiveMessage;
        if (m.topic === 'hello') resolve(ws);
        if (m.topic === 'denied') reject(new Error(m.message));
        onMessage(m);
      });
      ws.on('close', (code) => reject(new Error(`closed ${code}`)));
      ws.on('error', reject);
    });
  }
}

/** Resolves when `pred` holds for a tile pushed on the live channel (or rejects after `ms`). */
export function waitForTile(messages: BoardLiveMessage[], pred: (t: StationTileView) => boolean, ms = 5000): Promise<StationTileView> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      for (const m of messages) if (m.topic === 'tiles') for (const t of m.tiles) if (pred(t)) return resolve(t);
      if (Date.now() - t0 > ms) return reject(new Error('no such tile on the live channel'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export { adminSession, enrollStation };
