// The station's sync client: background loops that push the local log to the central
// server and pull holds and master data into it. Nothing here is on the command path: a
// commit only sets a flag (`notifyCommitted`), and every write the client makes goes through
// the runtime's command bus as a system command, so pulled data is audited like the rest.
//
// Loops (each single-flight, each with its own timer and backoff):
// - connect: GET /sync/status (protocol, credential, resume point, clock), then the holds
//   feed drained — shared by the others, so after any (re)connect holds are recorded
//   before the first push, however long the upload backlog.
// - holds:  pulls /sync/holds; woken by the live channel, else every `holdsPollMs`.
// - master: pulls /sync/master, tops up serial blocks; woken by the live channel, else every `masterPollMs`.
// - push:   sends unacknowledged events; woken by commits, retried on a timer when failing.
// - documents: uploads the certificates acknowledged receiving records name, one at a time,
//   only while no event waits (woken when a push leaves nothing to send, else every
//   `documentPollMs`), so a 10 MB upload never holds up the events.
// - live:   the /sync/live WebSocket; reconnects with backoff; its nudges wake holds/master.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { SyncStateView } from '../../../shared/contract/station';
import {
  DocumentHeldSchema,
  DocumentReceiptSchema,
  HoldsPullResponseSchema,
  LiveMessageSchema,
  MasterPullResponseSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PushAckSchema,
  SerialBlockSchema,
  SyncStatusSchema,
  type ErrorBody,
  type PushAck,
} from '../../../shared/sync/protocol';
import { outboxHeaders } from '../../../shared/sync/outbox';
import { remainingSerials } from '../../../shared/sync/serials';
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { CredentialStore, StationCredential } from './credential';
import { enrollStation } from './enroll';
import { serverMismatch } from './config';
import { protocolMessage, SyncHttp, SyncRequestError, type Exchange, type FailureKind } from './http';
import { BatchReader, DEFAULT_BATCH, type BatchLimits } from './push';
import { DocumentUploads } from './document-uploads';

/** What the client needs from the runtime: read access to the store and the command path. */
export interface SyncHost {
  readonly stationId: string;
  readonly sqlite: Database.Database;
  lastSeq(): number;
  /** Records through the command bus (validate → transaction → events + projections). */
  system(method: string, input: unknown): Promise<unknown>;
  clock(): number;
  readonly logger?: Logger | undefined;
  readonly runtimeVersion?: string;
  /** A stored document's bytes, checked against the hash in its path; null when missing or damaged. Without it, no document is uploaded. */
  readDocument?(path: string): Promise<{ readonly bytes: Buffer } | null>;
}

export interface SerialItemPolicy {
  readonly itemId: string;
  /** Ask for a block when fewer serials than this are held. */
  readonly lowWater: number;
  readonly blockSize: number;
}

/** For a serialized item the options do not name: about a shift of single units ahead, so a day offline does not stop packing. */
export const DEFAULT_SERIAL_POLICY = { lowWater: 500, blockSize: 2000 } as const;

export interface SyncClientOptions {
  readonly serverUrl: string;
  readonly credentials: CredentialStore;
  /** Protocol version sent (default PROTOCOL_VERSION). */
  readonly protocol?: string;
  readonly batch?: Partial<BatchLimits>;
  readonly backoff?: BackoffPolicy;
  /** Ceiling of retry delays while the credential or the protocol is refused (a person must act). */
  readonly refusedRetryMs?: number;
  readonly holdsPollMs?: number;
  readonly masterPollMs?: number;
  /** |server − station| above this is recorded as sync.clock_drift (default 2000 ms). */
  readonly driftThresholdMs?: number;
  /** Open the live channel (default true). */
  readonly live?: boolean;
  readonly requestTimeoutMs?: number;
  readonly pullPageSize?: { readonly holds?: number; readonly master?: number };
  readonly serialItems?: readonly SerialItemPolicy[];
  /** How long a document that could not be read here, or that central refused, waits before another try (default 1 h). */
  readonly documentRetryMs?: number;
  /** How often the documents loop looks for due retries on its own (default 5 min). */
  readonly documentPollMs?: number;
  /** Timeout of one document upload (default 5 min: 10 MB over a slow link). */
  readonly documentTimeoutMs?: number;
  readonly random?: () => number;
  /** Instrumentation: each step the client takes, in order (tests assert ordering with it). */
  readonly onTrace?: (t: SyncTrace) => void;
  /** Called when the visible state changes (the runtime pushes a status to the UI). */
  readonly onChange?: () => void;
}

export type SyncTrace =
  | { readonly op: 'connect'; readonly ackSeq: number; readonly localSeq: number }
  | { readonly op: 'holds_applied'; readonly recorded: number; readonly localSeq: number; readonly cursor: string }
  | { readonly op: 'master_applied'; readonly recorded: number; readonly skipped: number; readonly cursor: string }
  | { readonly op: 'push_request'; readonly fromSeq: number; readonly toSeq: number; readonly bytes: number }
  | { readonly op: 'push_ack'; readonly ackSeq: number; readonly stored: number; readonly duplicates: number }
  | { readonly op: 'push_gap'; readonly expectedSeq: number }
  | { readonly op: 'document_uploaded'; readonly sha256: string; readonly bytes: number; readonly stored: boolean }
  /** `retry`: false when central refused it for good (not tried again until central or this station changes). */
  | { readonly op: 'document_parked'; readonly sha256: string; readonly state: 'unreadable' | 'refused'; readonly message: string; readonly retry: boolean }
  | { readonly op: 'documents_reconsidered'; readonly count: number; readonly by: string }
  /** Central holds this station's log only up to `ackSeq` now (restored): certificates named after it start over, the others are asked about. */
  | { readonly op: 'documents_central_went_back'; readonly ackSeq: number; readonly forgotten: number; readonly recheck: number }
  /** Asked again after central went back: it still holds the certificate, so its bytes were not sent. */
  | { readonly op: 'document_held'; readonly sha256: string }
  | { readonly op: 'failure'; readonly loop: string; readonly kind: FailureKind; readonly message: string }
  | { readonly op: 'live'; readonly message: string }
  | { readonly op: 'halted'; readonly reason: string };

type LoopResult = 'idle' | 'more' | 'retry' | 'halt';

/**
 * Central's answers to a certificate upload that say what is wrong with the document itself
 * (server/documents.ts): its bytes do not hash to its name, it is not a PDF/JPEG/PNG, it is
 * over the size limit, no receiving record of this station names it. Sending the same bytes
 * to the same central gives the same answer; anything else (a 404 from an older central, an
 * unknown code, a proxy's page) may not, and keeps the timed retry.
 */
const FINAL_REFUSALS: Readonly<Record<number, readonly string[]>> = { 400: ['hash_mismatch', 'invalid_body'], 403: ['forbidden'], 413: ['too_large'] };

function isFinalRefusal(err: SyncRequestError): boolean {
  return err.status !== null && !!err.body && (FINAL_REFUSALS[err.status]?.includes(err.body.error) ?? false);
}

/** A single-flight loop: runs its body, then waits for a kick, its poll interval or its backoff. */
class Loop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private kicked = false;
  private waitingBackoff = false;
  private stopped = true;
  readonly backoff: Backoff;

  constructor(
    readonly name: string,
    private readonly body: () => Promise<LoopResult>,
    private readonly pollMs: number | null,
    policy: BackoffPolicy,
    random: () => number,
    private readonly onError: (loop: string, err: unknown) => LoopResult,
    private readonly capMs: () => number | null = () => null,
  ) {
    this.backoff = new Backoff(policy, random);
  }

  start(): void {
    this.stopped = false;
    this.kick(true);
  }

  /** Runs now (or right after the current run). A kick during backoff waits for the backoff, unless `force`. */
  kick(force = false): void {
    if (this.stopped) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    if (this.waitingBackoff && !force) return;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.waitingBackoff = false;
      this.running = this.run().finally(() => (this.running = null));
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.kicked = false;
    let result: LoopResult;
    try {
      result = await this.body();
    } catch (err) {
      result = this.onError(this.name, err);
    }
    if (this.stopped) return;
    if (result === 'retry') {
      const cap = this.capMs();
      const d = this.backoff.next();
      this.waitingBackoff = true;
      return this.schedule(cap !== null ? Math.min(Math.max(d, cap / 4), cap) : d);
    }
    this.backoff.reset();
    if (result === 'more' || this.kicked) return this.schedule(0);
    if (result === 'halt') return;
    if (this.pollMs !== null) this.schedule(this.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

type ErrorCode = 'unauthenticated' | 'protocol' | 'integrity' | 'refused' | 'station_mismatch' | 'not_enrolled';

interface SyncRow {
  acked_seq: number;
  acked_hash: string | null;
  master_cursor: string | null;
  holds_cursor: string | null;
  last_success_at: string | null;
  last_error: string | null;
  halted_reason: string | null;
  drift_recorded_ms: number | null;
  clock_offset_ms: number | null;
  station_id: string | null;
  server_url: string | null;
}

export class StationSyncClient {
  private http: SyncHttp;
  private credential: StationCredential | null = null;
  private readonly reader: BatchReader;
  private readonly limits: { maxEvents: number; maxBytes: number };
  private readonly loops: { holds: Loop; master: Loop; push: Loop; documents: Loop };
  private readonly uploads: DocumentUploads;
  /** The central and station versions a permanent refusal is held against; set at each connect. */
  private refuser = 'not connected';
  private connected = false;
  private connecting: Promise<void> | null = null;
  private ackedSeq = 0;
  /** Where the next push starts: the ack, or what a 409 said. Not persisted. */
  private sendAfter = 0;
  private lastSuccessAt: string | null = null;
  private lastError: string | null = null;
  private errorCode: ErrorCode | null = null;
  private haltedReason: string | null = null;
  private clockOffsetMs: number | null = null;
  private serverProtocol: string | null = null;
  /** A configured server other than the enrolled one (see noteConfiguredServer). */
  private configuredServer: string | null = null;
  private stopped = true;
  private abort = new AbortController();
  /** Item → the request id of a serial block asked for and not yet recorded (reused by its retries). */
  private readonly pendingSerialRequests = new Map<string, string>();
  private ws: WebSocket | null = null;
  private liveTimer: NodeJS.Timeout | undefined;
  private readonly liveBackoff: Backoff;
  private changeTimer: NodeJS.Timeout | undefined;
  private driftRecording = false;
  private readonly stmt: { oldest: Database.Statement; hashAt: Database.Statement; saveAck: Database.Statement; saveOutcome: Database.Statement; row: Database.Statement };

  constructor(
    private readonly host: SyncHost,
    private readonly opts: SyncClientOptions,
  ) {
    this.http = this.makeHttp(opts.serverUrl);
    this.reader = new BatchReader(host.sqlite);
    this.limits = { ...DEFAULT_BATCH, ...opts.batch };
    const policy = opts.backoff ?? DEFAULT_BACKOFF;
    const random = opts.random ?? Math.random;
    this.liveBackoff = new Backoff(policy, random);
    const onError = (loop: string, err: unknown) => this.failed(loop, err);
    // Refusals that need a person (credential, protocol) are retried slowly, not hammered.
    const cap = () => (this.errorCode === 'unauthenticated' || this.errorCode === 'protocol' ? (opts.refusedRetryMs ?? policy.maxMs) : null);
    this.loops = {
      holds: new Loop('holds', () => this.holdsOnce(), opts.holdsPollMs ?? 30_000, policy, random, onError, cap),
      master: new Loop('master', () => this.masterOnce(), opts.masterPollMs ?? 60_000, policy, random, onError, cap),
      push: new Loop('push', () => this.pushOnce(), null, policy, random, onError, cap),
      documents: new Loop('documents', () => this.documentsOnce(), opts.documentPollMs ?? 300_000, policy, random, onError, cap),
    };
    this.uploads = new DocumentUploads(host.sqlite, opts.documentRetryMs ?? 3_600_000);
    const s = host.sqlite;
    s.prepare('INSERT OR IGNORE INTO sync_state (one, acked_seq) VALUES (1, 0)').run();
    this.stmt = {
      row: s.prepare('SELECT * FROM sync_state WHERE one = 1'),
      oldest: s.prepare('SELECT wall_time FROM events WHERE seq = ?'),
      hashAt: s.prepare('SELECT hash FROM events WHERE seq = ?'),
      saveAck: s.prepare('UPDATE sync_state SET acked_seq = ?, acked_hash = ?, last_success_at = ?, clock_offset_ms = ?, updated_at = ? WHERE one = 1'),
      saveOutcome: s.prepare('UPDATE sync_state SET last_success_at = coalesce(?, last_success_at), last_error = ?, last_error_at = ?, updated_at = ? WHERE one = 1'),
    };
    const row = this.row();
    this.ackedSeq = row.acked_seq;
    this.sendAfter = row.acked_seq;
    this.lastSuccessAt = row.last_success_at;
    this.lastError = row.last_error;
    this.haltedReason = row.halted_reason;
    this.clockOffsetMs = row.clock_offset_ms;
    if (this.haltedReason) this.errorCode = 'integrity';
  }

  private makeHttp(baseUrl: string): SyncHttp {
    return new SyncHttp({ baseUrl, protocol: this.opts.protocol ?? PROTOCOL_VERSION, clock: () => this.host.clock(), timeoutMs: this.opts.requestTimeoutMs ?? 30_000, headers: () => this.outboxReport(this.ackedSeq) });
  }

  /** The outbox report headers: what will still wait here once the server holds everything up to `deliveredSeq`. */
  private outboxReport(deliveredSeq: number): Record<string, string> {
    const pending = Math.max(0, this.host.lastSeq() - deliveredSeq);
    const oldest = pending > 0 ? ((this.stmt.oldest.get(deliveredSeq + 1) as { wall_time: string } | undefined)?.wall_time ?? null) : null;
    return outboxHeaders(pending, oldest, this.clockOffsetMs);
  }

  /**
   * Writes bookkeeping without waiting for the disk (synchronous = NORMAL for this one
   * statement): the acked sequence and the last outcome are a cache of what the server
   * knows — lost in a power cut, they cost a resend that the server answers as duplicates —
   * so they need not put an fsync on the event loop a scan shares. The next durable commit
   * (any event) makes them durable too, since the WAL is written in order.
   */
  private bookkeep(stmt: Database.Statement, ...params: unknown[]): void {
    const sqlite = this.host.sqlite;
    const level = sqlite.pragma('synchronous', { simple: true }) as number;
    sqlite.pragma('synchronous = NORMAL');
    try {
      stmt.run(...params);
    } finally {
      sqlite.pragma(`synchronous = ${level}`);
    }
  }

  private row(): SyncRow {
    return this.stmt.row.get() as SyncRow;
  }

  get serverUrl(): string {
    return this.http.baseUrl;
  }

  /** Starts the loops. Returns at once: nothing here waits on the network. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    await this.loadCredential();
    await this.recordUnrecordedEnrollment();
    this.loops.holds.start();
    this.loops.master.start();
    this.loops.push.start();
    if (this.host.readDocument) this.loops.documents.start();
    if (this.opts.live !== false) this.openLive();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    if (this.liveTimer) clearTimeout(this.liveTimer);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.ws?.terminate();
    this.ws = null;
    await Promise.all([this.loops.holds.stop(), this.loops.master.stop(), this.loops.push.stop(), this.loops.documents.stop()]);
    await this.connecting?.catch(() => undefined);
  }

  /** Called after every local commit: O(1), never waits. */
  notifyCommitted(): void {
    if (!this.stopped && this.connected && !this.haltedReason) this.loops.push.kick();
    this.changed();
  }

  /** Certificates put back to pending by an administrator (after commit): the documents loop looks at once. */
  certificatesDue(): void {
    this.loops.documents.kick(true);
    this.changed();
  }

  /** Enrolls again (new code, same station) and resumes at once; clears a halt only the new credential can clear. */
  async enroll(code: string, serverUrl = this.http.baseUrl): Promise<void> {
    const c = await enrollStation({ serverUrl, code, stationId: this.host.stationId, credentials: this.opts.credentials, clock: () => this.host.clock(), ...(this.host.runtimeVersion ? { runtimeVersion: this.host.runtimeVersion } : {}) });
    await this.host.system('sync.record_enrollment', { serverUrl: c.serverUrl, stationId: c.stationId, protocol: c.protocol });
    // Another server starts from nothing (recordEnrollment reset the row); until it answers, count from there.
    this.ackedSeq = this.sendAfter = this.row().acked_seq;
    this.http = this.makeHttp(c.serverUrl);
    this.credential = c;
    this.haltedReason = null;
    this.errorCode = null;
    this.connected = false;
    for (const l of Object.values(this.loops)) l.kick(true);
    if (this.opts.live !== false) this.openLive(true);
    this.changed();
  }

  /** Asks the server for a block of serial numbers and records it (a retry with the same request id gets the same block). */
  async requestSerialBlock(itemId: string, size: number, requestId: string = randomUUID()): Promise<{ blockId: string; first: number; last: number }> {
    const token = await this.token();
    const r = await this.http.request<unknown>('POST', '/sync/serial-blocks', { token, body: JSON.stringify({ itemId, size, requestId }), signal: this.abort.signal });
    const b = SerialBlockSchema.parse(r.body);
    await this.host.system('serial.record_block', { blockId: b.blockId, itemId: b.itemId, first: b.first, last: b.last, allocatedAt: b.allocatedAt, requestId });
    return b;
  }

  state(): SyncStateView {
    const localSeq = this.host.lastSeq();
    const queued = Math.max(0, localSeq - this.ackedSeq);
    let oldestUnsentAgeMs: number | null = null;
    if (queued > 0) {
      const r = this.stmt.oldest.get(this.ackedSeq + 1) as { wall_time: string } | undefined;
      if (r) oldestUnsentAgeMs = Math.max(0, this.host.clock() - Date.parse(r.wall_time));
    }
    const docs = this.uploads.counts();
    const documents = { pending: docs.pending, failed: docs.failed, refused: docs.refused, problem: docs.problem, latest: docs.latest };
    const base = { queued, server: this.http.baseUrl, ackedSeq: this.ackedSeq, oldestUnsentAgeMs, lastSuccessAt: this.lastSuccessAt, lastError: this.lastError, clockOffsetMs: this.clockOffsetMs, serverProtocol: this.serverProtocol, documents, ...(this.configuredServer ? { configuredServer: this.configuredServer } : {}) };
    const view = this.stateView(base, queued, docs);
    if (!this.configuredServer) return view;
    return { ...view, detail: `${view.detail ?? ''} · enrolled with ${this.http.baseUrl}, which it syncs with; the configured server ${this.configuredServer} is not used (enroll again with it to move the station)` };
  }

  private stateView(base: Omit<SyncStateView, 'state'>, queued: number, docs: ReturnType<DocumentUploads['counts']>): SyncStateView {
    if (!this.credential) return { ...base, state: this.errorCode ? 'error' : 'not_configured', detail: this.lastError ?? 'not enrolled: an administrator enrolls the station in Settings › Central server (or lotline station --server URL --enroll CODE)', ...(this.errorCode ? { errorCode: this.errorCode } : {}) };
    if (this.errorCode) return { ...base, state: 'error', errorCode: this.errorCode, detail: this.haltedReason ? `pushing stopped: ${this.haltedReason}` : this.lastError ?? this.errorCode };
    const forGood = docs.refused ? ` (${docs.refused} refused by central, not retried)` : '';
    const parked = docs.failed ? ` · ${docs.failed} certificate${docs.failed === 1 ? '' : 's'} not uploaded${forGood}: ${docs.problem ?? ''}` : '';
    if (this.connected) return { ...base, state: 'online', detail: `${queued ? `${queued} to send` : 'up to date'}${parked}` };
    return { ...base, state: 'offline', detail: this.lastError ?? 'connecting' };
  }

  // ---------------------------------------------------------------- connect

  private async loadCredential(): Promise<void> {
    let c: StationCredential | null;
    try {
      c = await this.opts.credentials.load();
    } catch (err) {
      this.setError('not_enrolled', (err as Error).message);
      return;
    }
    if (c && c.stationId !== this.host.stationId) {
      this.credential = null;
      this.setError('station_mismatch', `the stored credential is for station ${c.stationId}, but this data folder belongs to station ${this.host.stationId}; enroll with a code issued for ${this.host.stationId}`);
      return;
    }
    if (c && c.serverUrl !== this.http.baseUrl) this.http = this.makeHttp(c.serverUrl);
    this.noteConfiguredServer(c);
    this.credential = c;
  }

  /**
   * The credential belongs to the server that issued it, so that server is used whatever the
   * configuration names: the token is never shown to another server, and the holds feed keeps
   * coming from the server that holds this station's log. A different configured server is a
   * setting left behind or a move not finished; it is reported (status, log), not obeyed and
   * not a reason to stop syncing.
   */
  private noteConfiguredServer(c: StationCredential | null): void {
    const mismatch = serverMismatch(this.opts.serverUrl, c?.serverUrl);
    if (mismatch && mismatch !== this.configuredServer)
      this.host.logger?.warn({ configured: mismatch, enrolled: c!.serverUrl }, `sync: the configured server ${mismatch} is not the one this station is enrolled with; syncing with ${c!.serverUrl}, which issued its credential (enroll again with ${mismatch} to move the station)`);
    this.configuredServer = mismatch;
  }

  /**
   * Settings stores the credential just before committing its enrollment event (and puts the
   * old one back if the commit fails); a crash between the two leaves a credential from a
   * server the log never recorded. It is used — the server did enroll this station — and
   * the log says so now, as the system's act with the reason, rather than syncing with a
   * server the audit trail does not name. (An unrecorded re-enrollment with the same server
   * cannot be told apart, and changes nothing the log says.)
   */
  private async recordUnrecordedEnrollment(): Promise<void> {
    const c = this.credential;
    const recorded = this.row().server_url;
    if (!c || recorded === null || recorded === c.serverUrl) return;
    this.host.logger?.warn({ recorded, stored: c.serverUrl }, 'sync: the stored credential is from a server no enrollment event records; recording the enrollment now');
    try {
      await this.host.system('sync.record_unrecorded_enrollment', { serverUrl: c.serverUrl, stationId: c.stationId, protocol: this.opts.protocol ?? PROTOCOL_VERSION });
    } catch (err) {
      // Not recorded (a full disk): tried again at the next start; syncing goes on meanwhile.
      this.host.logger?.error({ err }, 'sync: could not record the enrollment found stored');
      return;
    }
    this.ackedSeq = this.sendAfter = this.row().acked_seq;
  }

  private async token(): Promise<string> {
    // Reloaded each time it is needed after a refusal, so a credential replaced by another
    // process (or the shell) is picked up without a restart.
    if (!this.credential || this.errorCode === 'unauthenticated' || this.errorCode === 'station_mismatch' || this.errorCode === 'not_enrolled') await this.loadCredential();
    if (!this.credential) throw new SyncRequestError('unauthenticated', this.lastError ?? 'this station is not enrolled: an administrator enrolls it in Settings › Central server (or lotline station --server URL --enroll CODE)');
    return this.credential.token;
  }

  /** Status, then the holds feed drained: holds are enforced before anything is uploaded. */
  private ensureConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const token = await this.token();
    const r = await this.http.request<unknown>('GET', '/sync/status', { token, signal: this.abort.signal });
    const st = SyncStatusSchema.parse(r.body);
    this.noteResponse(r);
    if (st.stationId !== this.host.stationId) throw new SyncRequestError('refused', `the server knows this credential as station ${st.stationId}, not ${this.host.stationId}`);
    await this.adoptAck(st.ackSeq, st.ackHash, true);
    this.host.logger?.info({ server: this.http.baseUrl, ackSeq: st.ackSeq, localSeq: this.host.lastSeq() }, 'sync: connected');
    // A certificate refused for good by another central, or by this one before an update of
    // either side, may be accepted now: the rule that refused it may be the thing that changed.
    this.refuser = `central ${this.http.baseUrl} (sync protocol ${st.protocol}), station ${this.host.runtimeVersion ?? 'unknown'}`;
    const reconsidered = this.uploads.reconsider(this.refuser);
    if (reconsidered) {
      this.trace({ op: 'documents_reconsidered', count: reconsidered, by: this.refuser });
      this.host.logger?.info({ count: reconsidered, by: this.refuser }, 'sync: certificates refused by another central or version are tried again');
    }
    this.trace({ op: 'connect', ackSeq: st.ackSeq, localSeq: this.host.lastSeq() });
    await this.drainHolds(token);
    const wasConnected = this.connected;
    this.connected = true;
    if (this.errorCode !== 'integrity') this.errorCode = null;
    this.succeeded();
    if (!wasConnected) {
      this.loops.push.kick(true);
      this.loops.master.kick(true);
    }
  }

  /**
   * The server's resume point: agree on the hash, never trust a server ahead of this log.
   * At connect, a server holding another event at `ackSeq` (a clone of this station pushed
   * first) is shown our event there, so the server raises and keeps the alarm too; the
   * push reply then halts this client.
   */
  private async adoptAck(ackSeq: number, ackHash: string, atConnect = false): Promise<boolean> {
    const localSeq = this.host.lastSeq();
    if (ackSeq > localSeq) {
      await this.alarm({ problem: 'server_ahead', seq: ackSeq, heldHash: ackHash, receivedHash: null, message: `the server holds ${ackSeq} events of this station, this log only ${localSeq} (restored backup or cloned station)` });
      return false;
    }
    if (ackSeq > 0) {
      const local = (this.stmt.hashAt.get(ackSeq) as { hash: string } | undefined)?.hash ?? null;
      if (local !== ackHash && local !== null && atConnect && !this.haltedReason) {
        this.sendAfter = ackSeq - 1;
        return true;
      }
      if (local !== ackHash) {
        await this.alarm({ problem: 'ack_hash_mismatch', seq: ackSeq, heldHash: ackHash, receivedHash: local, message: `the server's event ${ackSeq} is not this station's event ${ackSeq}` });
        return false;
      }
    }
    if (ackSeq !== this.ackedSeq || this.sendAfter < ackSeq) {
      if (ackSeq < this.ackedSeq) this.centralWentBack(ackSeq);
      this.ackedSeq = ackSeq;
      this.sendAfter = ackSeq;
      this.bookkeep(this.stmt.saveAck, ackSeq, ackHash, new Date(this.host.clock()).toISOString(), this.clockOffsetMs, new Date(this.host.clock()).toISOString());
    } else this.sendAfter = Math.max(this.sendAfter, ackSeq);
    return true;
  }

  // ---------------------------------------------------------------- pull

  private async holdsOnce(): Promise<LoopResult> {
    if (!this.connected) {
      await this.ensureConnected(); // drains holds itself
      return 'idle';
    }
    await this.drainHolds(await this.token());
    this.succeeded();
    return 'idle';
  }

  private async drainHolds(token: string): Promise<void> {
    const limit = this.opts.pullPageSize?.holds ?? 500;
    let recorded = 0;
    for (;;) {
      const cursor = this.row().holds_cursor;
      const r = await this.http.request<unknown>('GET', `/sync/holds?limit=${limit}${cursor !== null ? `&after=${cursor}` : ''}`, { token, signal: this.abort.signal });
      this.noteResponse(r);
      const page = HoldsPullResponseSchema.parse(r.body);
      if (page.items.length || page.resnapshot || page.cursor !== cursor) {
        const res = (await this.host.system('sync.record_holds', { items: page.items, cursor: page.cursor, resnapshot: page.resnapshot })) as { recorded: number };
        recorded += res.recorded;
      }
      if (!page.more) break;
    }
    this.trace({ op: 'holds_applied', recorded, localSeq: this.host.lastSeq(), cursor: this.row().holds_cursor ?? '' });
    if (recorded) this.changed();
  }

  private async masterOnce(): Promise<LoopResult> {
    await this.ensureConnected();
    const token = await this.token();
    const limit = this.opts.pullPageSize?.master ?? 200;
    const cursor = this.row().master_cursor;
    const r = await this.http.request<unknown>('GET', `/sync/master?limit=${limit}${cursor !== null ? `&after=${cursor}` : ''}`, { token, signal: this.abort.signal });
    this.noteResponse(r);
    const page = MasterPullResponseSchema.parse(r.body);
    if (page.items.length || page.resnapshot || page.cursor !== cursor) {
      const res = (await this.host.system('sync.record_master', { items: page.items, cursor: page.cursor, resnapshot: page.resnapshot })) as { recorded: number; skipped: number };
      this.trace({ op: 'master_applied', recorded: res.recorded, skipped: res.skipped, cursor: page.cursor });
    }
    this.succeeded();
    if (page.more) return 'more';
    await this.topUpSerials();
    return 'idle';
  }

  /** Items to keep serials for: those the options name, and every item the master data marks serialized. */
  private serialPolicies(): SerialItemPolicy[] {
    const named = [...(this.opts.serialItems ?? [])];
    const serialized = this.host.sqlite.prepare('SELECT item_id AS itemId FROM items WHERE serialized = 1 ORDER BY item_id').pluck().all() as string[];
    for (const itemId of serialized) if (!named.some((p) => p.itemId === itemId)) named.push({ itemId, ...DEFAULT_SERIAL_POLICY });
    return named;
  }

  private async topUpSerials(): Promise<void> {
    for (const p of this.serialPolicies()) {
      const blocks = this.host.sqlite.prepare('SELECT block_id AS blockId, first, last FROM serial_blocks WHERE item_id = ?').all(p.itemId) as { blockId: string; first: number; last: number }[];
      // Serials issued by cleanroom packing (packing.serials_assigned → serials) are used up.
      const lastIssued = (this.host.sqlite.prepare('SELECT max(number) AS n FROM serials WHERE item_id = ?').get(p.itemId) as { n: number | null }).n;
      if (remainingSerials(blocks, lastIssued) >= p.lowWater) continue;
      // A request id of its own, kept for the retries of this request only. One derived from
      // the local block count was the same on a cloned station, or on one restored from a
      // backup, as on the machine that had already used it — and the server gave both the same
      // block, so two stations issued the same serials. A crash between the server's
      // allocation and our record now costs an unused block, never a shared one.
      let requestId = this.pendingSerialRequests.get(p.itemId);
      if (requestId === undefined) this.pendingSerialRequests.set(p.itemId, (requestId = randomUUID()));
      try {
        await this.requestSerialBlock(p.itemId, p.blockSize, requestId);
        this.pendingSerialRequests.delete(p.itemId);
      } catch (err) {
        // Only a request that may have reached the server is retried under its id; one it refused is not a retry.
        if (!(err instanceof SyncRequestError && err.kind === 'offline')) this.pendingSerialRequests.delete(p.itemId);
        throw err;
      }
    }
  }

  // ---------------------------------------------------------------- push

  private async pushOnce(): Promise<LoopResult> {
    if (this.haltedReason) return 'halt';
    await this.ensureConnected();
    if (this.haltedReason) return 'halt';
    const token = await this.token();
    const stationTime = new Date(this.host.clock()).toISOString();
    const batch = await this.reader.read(this.sendAfter, this.limits, stationTime);
    if (!batch) {
      this.changed();
      this.loops.documents.kick();
      return 'idle';
    }
    this.trace({ op: 'push_request', fromSeq: batch.firstSeq, toSeq: batch.lastSeq, bytes: batch.bytes });
    // The report counts what will wait after this batch, so the last push of a backlog says 0.
    const r = await this.http.request<PushAck & ErrorBody>('POST', '/sync/push', { token, body: batch.body, signal: this.abort.signal, pass: [409, 413], headers: this.outboxReport(batch.lastSeq) });
    if (r.status === 409 && r.body?.error === 'sequence_gap' && r.body.expectedSeq) {
      // The server lost what it had acknowledged (restored) or we skipped ahead: resend from where it is.
      this.trace({ op: 'push_gap', expectedSeq: r.body.expectedSeq });
      this.sendAfter = Math.min(r.body.expectedSeq - 1, this.host.lastSeq());
      if (this.sendAfter < this.ackedSeq) {
        this.centralWentBack(this.sendAfter);
        this.ackedSeq = this.sendAfter;
        this.bookkeep(this.stmt.saveAck, this.ackedSeq, (this.stmt.hashAt.get(this.ackedSeq) as { hash: string } | undefined)?.hash ?? null, null, this.clockOffsetMs, new Date(this.host.clock()).toISOString());
      }
      return 'more';
    }
    if (r.status === 409) throw new SyncRequestError('refused', `push refused: ${r.body?.message ?? '409'}`, 409, r.body);
    if (r.status === 413) {
      if (batch.count === 1) throw new SyncRequestError('refused', `event ${batch.firstSeq} alone is larger than the server accepts`, 413, r.body);
      this.limits.maxEvents = Math.max(1, Math.floor(batch.count / 2));
      this.limits.maxBytes = Math.max(64 * 1024, Math.floor(batch.bytes / 2));
      return 'more';
    }
    const ack = PushAckSchema.parse(r.body);
    this.trace({ op: 'push_ack', ackSeq: ack.ackSeq, stored: ack.stored, duplicates: ack.duplicates });
    this.noteResponse(r, ack.clockOffsetMs, 'push');
    if (ack.integrityAlarms.length) {
      const a = ack.integrityAlarms[0]!;
      await this.alarm({ problem: a.problem, seq: a.seq, heldHash: a.heldHash, receivedHash: a.receivedHash, message: `the server holds a different event ${a.seq} for this station (${a.problem}): a cloned station, a restored backup, or tampering` });
      return 'halt';
    }
    if (!(await this.adoptAck(ack.ackSeq, ack.ackHash))) return 'halt';
    if (ack.ackSeq < batch.lastSeq && ack.ackSeq <= batch.firstSeq - 1) throw new SyncRequestError('refused', `the server acknowledged ${ack.ackSeq} after a batch ${batch.firstSeq}–${batch.lastSeq} without saying why`);
    this.succeeded('push');
    if (this.host.lastSeq() > this.sendAfter) return 'more';
    this.loops.documents.kick();
    return 'idle';
  }

  // ---------------------------------------------------------------- documents

  /** One certificate per run: collect what acknowledged receiving records name, upload the next due. */
  private async documentsOnce(): Promise<LoopResult> {
    const read = this.host.readDocument?.bind(this.host);
    if (!read || this.haltedReason) return 'halt';
    await this.ensureConnected();
    if (this.haltedReason) return 'halt';
    // Events first: while any wait, the push loop is busy, and it wakes this loop when it has sent them.
    if (this.host.lastSeq() > this.sendAfter) return 'idle';
    if (this.uploads.collect(this.ackedSeq)) return 'more';
    const doc = this.uploads.next(this.host.clock());
    if (!doc) return 'idle';
    if (doc.uploadedBefore && (await this.centralHolds(doc.sha256))) {
      this.uploads.markUploaded(doc.sha256, this.host.clock());
      this.trace({ op: 'document_held', sha256: doc.sha256 });
      this.changed();
      return 'more';
    }
    const file = await read(doc.path);
    if (!file) return this.parkDocument(doc.sha256, 'unreadable', `certificate ${doc.path} of lot ${doc.lotId} is missing or damaged on this station's disk`);
    const token = await this.token();
    let receipt;
    try {
      const r = await this.http.request<unknown>('PUT', `/sync/documents/${doc.sha256}`, { token, body: file.bytes as Uint8Array<ArrayBuffer>, signal: this.abort.signal, timeoutMs: this.opts.documentTimeoutMs ?? 300_000 });
      this.noteResponse(r);
      receipt = DocumentReceiptSchema.parse(r.body);
    } catch (err) {
      // Offline, 5xx/busy, credential and protocol failures are the loop's (backoff, as for
      // pushes); a refusal is this document's — for good when central says what is wrong with it.
      if (err instanceof SyncRequestError && err.kind === 'refused') {
        if (isFinalRefusal(err)) return this.parkDocument(doc.sha256, 'refused', `central refused certificate ${doc.path} of lot ${doc.lotId} (${err.body!.error}): ${err.body!.message}`, this.refuser);
        return this.parkDocument(doc.sha256, 'refused', `central refused certificate ${doc.path} of lot ${doc.lotId}: ${err.message}`);
      }
      if (!(err instanceof SyncRequestError)) return this.parkDocument(doc.sha256, 'refused', `central's answer to certificate ${doc.path} is not a receipt: ${(err as Error).message}`);
      throw err;
    }
    this.uploads.markUploaded(doc.sha256, this.host.clock());
    this.trace({ op: 'document_uploaded', sha256: doc.sha256, bytes: receipt.bytes, stored: receipt.stored });
    this.host.logger?.info({ sha256: doc.sha256, lotId: doc.lotId, bytes: receipt.bytes, stored: receipt.stored }, 'sync: certificate uploaded');
    this.changed();
    return 'more';
  }

  /**
   * Whether central still holds a certificate it took once, asked before its bytes go again.
   * A central without the question (older, 404) or refusing it is answered by the upload itself.
   */
  private async centralHolds(sha256: string): Promise<boolean> {
    try {
      const r = await this.http.request<unknown>('GET', `/sync/documents/${sha256}`, { token: await this.token(), signal: this.abort.signal, pass: [404] });
      this.noteResponse(r);
      return r.status === 200 && DocumentHeldSchema.parse(r.body).held;
    } catch (err) {
      if (err instanceof SyncRequestError && err.kind !== 'refused') throw err;
      return false;
    }
  }

  /**
   * Central acknowledges less of this log than it did (restored from a backup): what it lost is
   * sent again by the push loop, and the certificates it may have lost with it by this one.
   */
  private centralWentBack(ackSeq: number): void {
    const r = this.uploads.centralWentBack(ackSeq);
    this.trace({ op: 'documents_central_went_back', ackSeq, ...r });
    this.host.logger?.warn({ ackSeq, was: this.ackedSeq, ...r }, 'sync: central holds less of this station\'s log than it acknowledged (restored from a backup?); sending again what it lost, certificates too');
  }

  /** Parks a document: for `retryMs`, or — given the central that refused it for good — until that changes. */
  private parkDocument(sha256: string, state: 'unreadable' | 'refused', message: string, refusedForGoodBy?: string): LoopResult {
    if (refusedForGoodBy) this.uploads.refuse(sha256, message, refusedForGoodBy, this.host.clock());
    else this.uploads.park(sha256, state, message, this.host.clock());
    this.trace({ op: 'document_parked', sha256, state, message, retry: !refusedForGoodBy });
    this.host.logger?.warn({ sha256, state, ...(refusedForGoodBy ? { refusedBy: refusedForGoodBy } : { retryInMs: this.opts.documentRetryMs ?? 3_600_000 }) }, `sync: ${message}`);
    this.changed();
    return 'more';
  }

  private async alarm(a: { problem: 'hash_conflict' | 'prev_hash_mismatch' | 'ack_hash_mismatch' | 'server_ahead'; seq: number; heldHash: string | null; receivedHash: string | null; message: string }): Promise<void> {
    const already = this.row().halted_reason;
    this.haltedReason = already ?? `${a.problem} at sequence ${a.seq}: ${a.message}`;
    this.errorCode = 'integrity';
    this.lastError = `integrity alarm: ${a.message}`;
    if (!already) {
      this.host.logger?.error({ alarm: a }, 'sync: integrity alarm — pushing stopped');
      await this.host.system('sync.record_integrity_alarm', a);
    }
    this.trace({ op: 'halted', reason: this.haltedReason });
    this.changed();
  }

  // ---------------------------------------------------------------- outcomes

  private failed(loop: string, err: unknown): LoopResult {
    if (this.stopped) return 'halt';
    const e = err instanceof SyncRequestError ? err : new SyncRequestError('refused', `${loop}: ${(err as Error).message ?? String(err)}`);
    this.trace({ op: 'failure', loop, kind: e.kind, message: e.message });
    const wasConnected = this.connected;
    if (e.kind === 'offline') {
      this.connected = false;
      this.lastError = e.message;
    } else if (e.kind === 'unauthenticated') {
      this.connected = false;
      // Without a usable credential, keep saying why (not enrolled, another station's credential, an unreadable file).
      if (this.credential) this.setError('unauthenticated', e.message);
      else this.lastError ??= e.message;
    } else if (e.kind === 'protocol') {
      this.connected = false;
      this.serverProtocol = e.body?.serverProtocol ?? this.serverProtocol;
      this.setError('protocol', e.message);
    } else {
      this.lastError = e.message;
      if (loop === 'push') this.setError('refused', e.message);
    }
    if (wasConnected && !this.connected) this.host.logger?.warn({ loop, err: e.message }, 'sync: offline');
    else this.host.logger?.debug?.({ loop, err: e.message }, 'sync: attempt failed');
    const at = new Date(this.host.clock()).toISOString();
    try {
      this.bookkeep(this.stmt.saveOutcome, null, this.lastError, at, at);
    } catch {
      // the store may be closing
    }
    this.changed();
    return 'retry';
  }

  private setError(code: ErrorCode, message: string): void {
    this.errorCode = code;
    this.lastError = message;
    this.changed();
  }

  /** A refused push stays reported until a push succeeds; pulls succeeding do not hide it. */
  private succeeded(loop: 'push' | 'pull' = 'pull'): void {
    const now = new Date(this.host.clock()).toISOString();
    this.lastSuccessAt = now;
    if (this.errorCode !== 'integrity' && (this.errorCode !== 'refused' || loop === 'push')) {
      this.lastError = null;
      this.errorCode = null;
    }
    this.bookkeep(this.stmt.saveOutcome, now, this.lastError, null, now);
    this.changed();
  }

  /** Clock offset from a response; a drift beyond the threshold is recorded (once per change), never refused. */
  private noteResponse(r: Exchange<unknown>, pushOffset?: number, source: 'push' | 'response' = 'response'): void {
    if (r.serverProtocol) this.serverProtocol = r.serverProtocol;
    const offset = pushOffset ?? r.offsetMs;
    if (offset === null || offset === undefined || !Number.isFinite(offset)) return;
    this.clockOffsetMs = Math.round(offset);
    const threshold = this.opts.driftThresholdMs ?? 2000;
    const recorded = this.row().drift_recorded_ms ?? 0;
    const flagged = Math.abs(offset) > threshold;
    const wasFlagged = Math.abs(recorded) > threshold;
    if (this.driftRecording || (flagged === wasFlagged && (!flagged || Math.abs(offset - recorded) <= threshold))) return;
    this.driftRecording = true;
    const stationTime = new Date(this.host.clock()).toISOString();
    const serverTime = r.serverTime ?? new Date(this.host.clock() + offset).toISOString();
    this.host.logger?.warn({ offsetMs: Math.round(offset), threshold }, 'sync: station clock differs from the server');
    void this.host
      .system('sync.record_clock_drift', { offsetMs: Math.round(offset), thresholdMs: threshold, serverTime, stationTime, source })
      .catch((err: unknown) => this.host.logger?.error({ err }, 'sync: could not record clock drift'))
      .finally(() => (this.driftRecording = false));
  }

  private trace(t: SyncTrace): void {
    try {
      this.opts.onTrace?.(t);
    } catch {
      // instrumentation must not break syncing
    }
  }

  /** Coalesced: a draining backlog changes the queue length thousands of times a second. */
  private changed(): void {
    if (!this.opts.onChange || this.changeTimer || this.stopped) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.opts.onChange?.();
    }, 250);
    this.changeTimer.unref();
  }

  // ---------------------------------------------------------------- live channel

  private openLive(now = false): void {
    if (this.stopped) return;
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    if (this.ws) {
      this.ws.removeAllListeners();
      this.ws.on('error', () => undefined);
      this.ws.terminate();
      this.ws = null;
    }
    const retry = () => {
      if (this.stopped || this.liveTimer) return;
      this.liveTimer = setTimeout(() => this.openLive(), this.liveBackoff.next());
      this.liveTimer.unref();
    };
    if (!now && !this.credential) return retry();
    const token = this.credential?.token;
    if (!token) return retry();
    const ws = new WebSocket(`${this.http.baseUrl.replace(/^http/, 'ws')}/sync/live`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: this.opts.protocol ?? PROTOCOL_VERSION },
      handshakeTimeout: this.opts.requestTimeoutMs ?? 30_000,
    });
    this.ws = ws;
    let dead: NodeJS.Timeout | undefined;
    // The server pings every 30 s; silence for longer than two pings means the link is gone.
    const alive = () => {
      if (dead) clearTimeout(dead);
      dead = setTimeout(() => ws.terminate(), 75_000);
      dead.unref();
    };
    ws.on('open', alive);
    ws.on('ping', alive);
    ws.on('message', (data) => {
      alive();
      let m;
      try {
        m = LiveMessageSchema.parse(JSON.parse(String(data)));
      } catch {
        return;
      }
      if (m.topic === 'hello') {
        this.liveBackoff.reset();
        this.trace({ op: 'live', message: 'hello' });
        // A reconnect: holds first (connect drains them), and everything else wakes up.
        if (!this.connected) for (const l of Object.values(this.loops)) l.kick(true);
      } else if (m.what === 'holds') this.loops.holds.kick(true);
      else this.loops.master.kick(true);
    });
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      this.trace({ op: 'live', message: `refused ${status}` });
      if (status === 401) this.loops.holds.kick(); // the holds loop reports the credential problem
      if (status === 426) this.setError('protocol', protocolMessage(this.opts.protocol ?? PROTOCOL_VERSION, res.headers[PROTOCOL_HEADER.toLowerCase()] as string | undefined));
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (dead) clearTimeout(dead);
      if (this.ws === ws) {
        this.ws = null;
        retry();
      }
    });
  }
}
