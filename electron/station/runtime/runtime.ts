// The station runtime: owns the store, the command bus, the operator's session and the
// push channel. It does not know its host: Electron's utility process and the browser-mode
// host both drive it through `call` and `onPush`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import { stationContract, type EnrollmentView, type Push, type ScanView, type SessionView, type StationStatus } from '../../../shared/contract/station';
import type { Response } from '../../../shared/contract/wire';
import { afterWrongPin, isIdle, isLockedOut } from '../../../shared/domain/auth-policy';
import type { Role } from '../../../shared/domain/roles';
import type { StoredEvent } from '../../../shared/events/event';
import { verifyPin } from '../auth/pin';
import * as auth from '../handlers/auth';
import * as audit from '../handlers/audit';
import { internalHandlers } from '../handlers/internal';
import * as scan from '../handlers/scan';
import * as station from '../handlers/station';
import { openStore, type OpenStore } from '../store/db';
import { catchUpAuditIndex } from '../store/audit-index';
import { EventLog } from '../store/event-log';
import { reserveWal } from '../store/wal';
import { acquireStoreLock, type StoreLock } from '../store/lock';
import * as t from '../store/schema';
import { CommandBus, type Actor, type Caller, type Handlers, type SignatureVerifier } from './bus';
import { internalContract } from './internal-contract';
import { DeviceManager, type DeviceBinding, type DeviceManagerOptions } from '../devices/manager';
import { PrintQueue, type PrintJob } from '../devices/printer/print-queue';
import { SqlitePrintJobStore } from '../devices/printer/job-store-sqlite';
import type { LabelPrinter } from '../devices/types';
import { deviceHandlers, testLabelZpl } from '../handlers/devices';
import { labelHandlers, noLabelPrinter } from '../handlers/labels';
import { raiseAndon } from '../handlers/andon';
import type { DeviceStateView } from '../../../shared/contract/station';
import type { DeviceRole } from '../../../shared/devices/status';
import { WorkflowEngine } from '../workflows/engine';
import { workflowHandlers } from '../handlers/workflows';
import { StationSyncClient, type SyncClientOptions } from '../sync/client';
import type { CredentialStore } from '../sync/credential';
import { retryParkedDocuments } from '../sync/document-uploads';
import { enrollHandler } from '../handlers/sync-enroll';
import { DocumentStore } from '../documents/store';
import { packingContractHandlers } from '../handlers/packing-all';

export const RUNTIME_VERSION = '0.1.0';

export interface RuntimeOptions {
  /** Folder holding station.db and logs. */
  readonly dataDir: string;
  /** Identity for a new store; ignored when the store already has one. */
  readonly stationId?: string;
  readonly clock?: () => number;
  readonly logger?: Logger;
  /** How often the idle lock is checked. */
  readonly idleCheckMs?: number;
  readonly migrationsDir?: string;
  /** Badge/PIN hints shown on the login screen of a demo store. */
  readonly demoHints?: StationStatus['demo'];
  /** Replicate to a central server (started by `open`; or later with `startSync`). */
  readonly sync?: SyncClientOptions;
  /**
   * Where this process keeps the station's sync credential: the host decides (a file in the
   * data folder in browser mode, the OS keychain through the Electron shell), never the
   * runtime. Without one, `sync.enroll` (Settings) is refused; `startSync` callers still pass theirs.
   */
  readonly credentials?: CredentialStore;
  /** Device manager seams (HID opener, USB watcher); tests pass thin fakes for USB hardware. */
  readonly devices?: Omit<DeviceManagerOptions, 'logger'>;
  /** See BusDeps.checkOutputs; the test suites set LOTLINE_CHECK_OUTPUTS=strict. */
  readonly checkOutputs?: 'strict' | 'off';
}

interface Session {
  readonly actor: Actor;
  readonly badge: string;
  readonly startedAt: string;
  lastActivityMs: number;
  /** 21 CFR 11.200: after the first full (badge + PIN) signing, the PIN alone suffices. */
  signedFully: boolean;
}

export class StationRuntime {
  /** The station's data folder (station.db, logs, stored documents). */
  get dataDir(): string {
    return this.opts.dataDir;
  }

  readonly store: OpenStore;
  readonly log: EventLog;
  private readonly bus: CommandBus;
  private readonly clock: () => number;
  private readonly listeners = new Set<(p: Push) => void>();
  private session: Session | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private demoHints: StationStatus['demo'];
  private lock: StoreLock | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private checkpointSoon: NodeJS.Immediate | undefined;
  /** Started by the host (station CLI, runtime process); absent in tests of the runtime alone. */
  devices: DeviceManager | null = null;
  printQueue: PrintQueue | null = null;
  /** The background sync client, when a central server is configured. */
  sync: StationSyncClient | null = null;
  /** What the sync client was last started with (a Settings enrollment restarts it with them). */
  private syncOptions: SyncClientOptions | null = null;
  private readonly printers = new Map<string, LabelPrinter>();
  private commitsSinceCheckpoint = 0;
  /** Issue 6: the rules snapshot and SMT runs in memory, advanced by every committed event. */
  readonly workflows: WorkflowEngine;
  /**
   * The station's certificates on disk. One per runtime: the receiving handlers write and read
   * through it and the sync client uploads from it, so what it knows (open uploads) is one state.
   */
  readonly documents: DocumentStore;

  private constructor(
    private readonly opts: RuntimeOptions,
    store: OpenStore,
    stationId: string,
  ) {
    this.store = store;
    this.clock = opts.clock ?? Date.now;
    this.log = new EventLog(store.sqlite, stationId, this.clock);
    this.demoHints = opts.demoHints ?? null;
    this.bus = new CommandBus({
      sqlite: store.sqlite,
      db: store.db,
      log: this.log,
      clock: this.clock,
      verifySignature: this.verifySignature,
      onCommitted: (events) => this.committed(events),
      onSlow: (method, ms) => opts.logger?.warn({ method, ms }, 'slow command'),
      onAfterFailed: (method, err) => opts.logger?.error({ err, method }, 'a committed command\'s follow-up failed'),
      checkOutputs: opts.checkOutputs ?? (process.env.LOTLINE_CHECK_OUTPUTS === 'strict' ? 'strict' : 'off'),
    });
    // SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, which
    // puts a multi-millisecond stall on a scan. Checkpoint when the station is idle instead,
    // or inline only when the WAL has grown large.
    store.sqlite.pragma('wal_autocheckpoint = 0');
    this.workflows = new WorkflowEngine(store.db, store.sqlite);
    this.documents = new DocumentStore(opts.dataDir);
    this.bus.register(stationContract, stationHandlers(this, { publish: (p) => this.emit(p), enrolled: (v) => this.syncWithEnrolledServer(v), statusChanged: () => this.pushStatus(), certificatesDue: () => this.sync?.certificatesDue() }));
    this.bus.register(internalContract, internalHandlers);
  }

  static async open(opts: RuntimeOptions): Promise<StationRuntime> {
    mkdirSync(opts.dataDir, { recursive: true });
    const lock = acquireStoreLock(opts.dataDir);
    let store: OpenStore;
    try {
      store = openStore(join(opts.dataDir, 'station.db'), opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : {});
    } catch (err) {
      lock.release();
      throw err;
    }
    const existing = store.db.select().from(t.station).get();
    const stationId = existing?.stationId ?? opts.stationId ?? `ST-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    try {
      // Events recorded after the last idle turn of the previous run (a crash, a power cut),
      // before the workflow engine reads its event types back.
      catchUpAuditIndex(store.sqlite);
    } catch (err) {
      opts.logger?.warn({ err }, 'audit index catch-up failed (lookups by type, user and time read the log meanwhile)');
    }
    const rt = new StationRuntime(opts, store, stationId);
    rt.lock = lock;
    try {
      reserveWal(join(opts.dataDir, 'station.db'));
    } catch (err) {
      opts.logger?.warn({ err }, 'could not reserve the WAL (the first commits will grow it)');
    }
    if (!existing) await rt.system('station.initialize', { stationId, runtimeVersion: RUNTIME_VERSION });
    // A session left open by a crash or power cut is closed: the next operator logs in again.
    if (auth.openSessionUser(store)) await rt.system('auth.end_session', { cause: 'shutdown' });
    rt.idleTimer = setInterval(() => void rt.checkIdle(), opts.idleCheckMs ?? 15_000);
    rt.idleTimer.unref();
    if (opts.sync) await rt.startSync(opts.sync);
    return rt;
  }

  /** Starts the sync client; it runs in the background and never holds up a command. */
  async startSync(options: SyncClientOptions): Promise<StationSyncClient> {
    await this.sync?.stop();
    this.syncOptions = options;
    const host = {
      stationId: this.stationId,
      sqlite: this.store.sqlite,
      lastSeq: () => this.log.lastSeq,
      system: (m: string, i: unknown) => this.system(m, i),
      clock: this.clock,
      logger: this.opts.logger,
      runtimeVersion: RUNTIME_VERSION,
      readDocument: (path: string) => this.documents.read(path),
    };
    this.sync = new StationSyncClient(host, { ...options, onChange: () => (options.onChange?.(), this.pushStatus()) });
    await this.sync.start();
    return this.sync;
  }

  nowMs(): number {
    return this.clock();
  }

  /** The credential store of this process: the host's, else the one sync was started with. */
  credentialStore(): CredentialStore | null {
    return this.opts.credentials ?? this.syncOptions?.credentials ?? null;
  }

  /**
   * After a Settings enrollment committed: (re)start the sync client against the server the
   * station enrolled with, keeping the rest of its options. Starting does no network I/O.
   */
  private async syncWithEnrolledServer(enrolled: EnrollmentView): Promise<void> {
    const credentials = this.credentialStore();
    if (!credentials) return; // sync.enroll refuses before this without a store
    try {
      await this.startSync({ ...(this.syncOptions ?? {}), serverUrl: enrolled.serverUrl, credentials });
      this.opts.logger?.info({ serverUrl: enrolled.serverUrl, stationId: enrolled.stationId }, 'enrolled from Settings: sync started');
    } catch (err) {
      this.opts.logger?.error({ err }, 'enrolled, but the sync client did not start');
    }
    this.pushStatus();
  }

  get stationId(): string {
    return this.log.stationId;
  }

  isEmpty(): boolean {
    return !this.store.db.select({ id: t.users.userId }).from(t.users).limit(1).get();
  }

  isDemo(): boolean {
    return this.store.db.select({ demo: t.station.demo }).from(t.station).get()?.demo ?? false;
  }

  setDemoHints(hints: StationStatus['demo']): void {
    this.demoHints = hints;
    this.pushStatus();
  }

  /** A call from a UI client: the station's current session decides who is calling. */
  async call(method: string, input: unknown): Promise<Response & { id: 0 }> {
    if (method.length > 64 || !this.bus.has(method) || !(method in stationContract)) {
      return { id: 0, ok: false, error: { code: 'unknown_method', message: `unknown method "${String(method).slice(0, 64)}"` } };
    }
    if (this.session) this.session.lastActivityMs = this.clock();
    const res = await this.bus.call(method, input, { kind: 'client', session: this.session?.actor ?? null });
    return res.ok ? { id: 0, ok: true, result: res.result } : { id: 0, ok: false, error: res.error };
  }

  /** A call by the runtime itself (demo loader, timers, later the sync client). */
  async system(method: string, input: unknown, as?: Actor): Promise<unknown> {
    const res = await this.bus.call(method, input, as ? { kind: 'system', as } : { kind: 'system' });
    if (!res.ok) throw StationError.from(res.error);
    return res.result;
  }

  onPush(listener: (p: Push) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): StationStatus {
    return {
      station: station.readStation(this.store),
      session: this.sessionView(),
      devices: this.deviceStates(),
      sync: this.sync?.state() ?? { state: 'not_configured', queued: 0 },
      demo: this.isDemo() ? this.demoHints ?? { hints: [], labels: [] } : null,
      now: new Date(this.clock()).toISOString(),
    };
  }

  /** Each role's device and live state; configured roles of a runtime without devices say so. */
  deviceStates(): DeviceStateView[] {
    if (this.devices) {
      return this.devices.states().map((d) => ({
        role: d.role,
        uri: d.uri,
        state: d.state.state,
        ...(d.state.state === 'error' ? { code: d.state.code, detail: d.state.message } : {}),
        ...(d.state.state === 'busy' && d.state.what ? { detail: d.state.what } : {}),
      }));
    }
    const bound = new Map(this.bindings().map((b) => [b.role, b.uri]));
    return (['scanner', 'scale', 'labelPrinter', 'ticketPrinter'] as const).map((role) => {
      const uri = bound.get(role) ?? null;
      return uri ? { role, uri, state: 'error' as const, code: 'not_started', detail: 'devices are not started in this process' } : { role, uri, state: 'not_configured' as const };
    });
  }

  bindings(): DeviceBinding[] {
    return this.store.db.select().from(t.stationDevices).all().map((r) => ({ role: r.role as DeviceRole, uri: r.uri }));
  }

  /**
   * Starts the configured devices and the label print queue. Jobs a crash left `sending`
   * become uncertain (recorded as events) and wait for the operator.
   */
  async startDevices(): Promise<void> {
    if (this.devices) return;
    const dm = new DeviceManager({ ...this.opts.devices, ...(this.opts.logger ? { logger: this.opts.logger } : {}) });
    this.devices = dm;
    this.printQueue = new PrintQueue(new SqlitePrintJobStore(this.store.sqlite), this.printers, { confirmByStatus: true });
    this.printQueue.on('job', (job) => void this.onPrintJob(job));
    for (const j of this.printQueue.recover()) {
      await this.system('print.record_uncertain', { jobId: j.id, printer: j.printer, note: j.note ?? 'may have printed' });
    }
    dm.on('changed', () => {
      const p = dm.labelPrinter();
      if (p) this.printers.set('label', p);
      else this.printers.delete('label');
      this.pushStatus();
    });
    dm.on('scan', (ev) => {
      if (!this.session) return this.emit({ topic: 'badge_scan', data: { text: ev.text, source: ev.source.uri } });
      // A symbology identifier the device sent apart (HID POS reports) goes back in front: the parser reads GS1 from it.
      void this.submitScan((ev.symbologyId ?? '') + ev.text, ev.source.uri, ev.receivedAt).catch((err: unknown) => this.opts.logger?.error({ err }, 'a device scan could not be recorded'));
    });
    await dm.apply(this.bindings());
  }

  hasLabelPrinter(): boolean {
    return this.printers.has('label');
  }

  /** A label's job that reached the printer (or an operator said it printed) makes the label printed. */
  private async onPrintJob(job: PrintJob): Promise<void> {
    if (job.state !== 'sent' && job.state !== 'confirmed') return;
    const byJob = (id: string) => this.store.db.select({ labelId: t.labels.labelId }).from(t.labels).where(eq(t.labels.jobId, id)).get();
    const label = byJob(job.id) ?? (job.reprintOf ? byJob(job.reprintOf) : undefined);
    if (!label) return;
    await this.system('labels.record_printed', { labelId: label.labelId, jobId: job.id }).catch((err: unknown) => this.opts.logger?.error({ err }, 'could not record a printed label'));
  }

  /** Records a scan from any source through the command path, attributed to the session. */
  async submitScan(text: string, source: string, receivedAt: number = this.clock()): Promise<ScanView> {
    const res = await this.call('scan.submit', { text, source, receivedAt: new Date(receivedAt).toISOString() });
    if (!res.ok) throw StationError.from(res.error);
    return res.result as ScanView;
  }

  async printTestLabel(): Promise<PrintJob> {
    const q = this.printQueue;
    if (!q || !this.printers.has('label')) throw noLabelPrinter();
    const job = q.enqueue('label', testLabelZpl(this.status().station?.name ?? this.stationId, new Date(this.clock()).toISOString()));
    await q.drain();
    return q.get(job.id)!;
  }

  /** Label jobs through the print queue, one per ZPL, drained before the answer (issue 6). */
  sessionView(): SessionView | null {
    const s = this.session;
    if (!s) return null;
    return { userId: s.actor.userId, name: s.actor.name, badge: s.badge, roles: [...s.actor.roles], startedAt: s.startedAt, idleLockMinutes: auth.stationIdleMinutes(this.store) };
  }

  touch(): void {
    if (this.session) this.session.lastActivityMs = this.clock();
  }

  async checkIdle(): Promise<void> {
    const s = this.session;
    if (s && isIdle(s.lastActivityMs, auth.stationIdleMinutes(this.store), this.clock())) {
      await this.system('auth.end_session', { cause: 'idle' }).catch((err: unknown) => this.opts.logger?.error({ err }, 'idle lock failed'));
    }
  }

  async close(): Promise<void> {
    await this.sync?.stop();
    await this.devices?.close();
    if (this.idleTimer) clearInterval(this.idleTimer);
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    if (this.checkpointSoon) clearImmediate(this.checkpointSoon);
    if (this.session) await this.system('auth.end_session', { cause: 'shutdown' }).catch(() => undefined);
    this.listeners.clear();
    this.store.close();
    this.lock?.release();
  }

  private scheduleCheckpoint(): void {
    // The checkpoint never sits between a scan and its verdict: when the station is idle
    // (500 ms after the last commit), or — in a burst of scans with no idle moment — every
    // 250 commits, in a setImmediate, which runs once the event loop turns, after the
    // command's answer has left. The WAL then stays a few MB and is rewritten from its start
    // instead of growing, and a grown WAL costs every commit (measured at 1M events: p50
    // 0.38 ms at 250 commits vs 0.51 ms at 5000). Only if the loop never turns for 2000
    // commits (a caller awaiting command after command in one task) does it run inline.
    const n = ++this.commitsSinceCheckpoint;
    if (n >= 2000) return this.checkpoint();
    if (n >= 250 && !this.checkpointSoon) this.checkpointSoon = setImmediate(() => this.checkpoint()).unref();
    if (this.checkpointTimer) this.checkpointTimer.refresh();
    else {
      this.checkpointTimer = setTimeout(() => this.checkpoint(), 500);
      this.checkpointTimer.unref();
    }
  }

  private checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    if (this.checkpointSoon) clearImmediate(this.checkpointSoon);
    this.checkpointTimer = undefined;
    this.checkpointSoon = undefined;
    this.commitsSinceCheckpoint = 0;
    // The audit index is copied in the same idle turn, so its batch is in the WAL that is
    // about to be checkpointed; the audit viewer reads events not copied yet from the log.
    try {
      catchUpAuditIndex(this.store.sqlite);
    } catch (err) {
      this.opts.logger?.warn({ err }, 'audit index catch-up failed (will retry; lookups by type, user and time read the log meanwhile)');
    }
    try {
      this.store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      this.opts.logger?.warn({ err }, 'WAL checkpoint failed (will retry)');
    }
  }

  private committed(events: readonly StoredEvent[]): void {
    this.scheduleCheckpoint();
    this.sync?.notifyCommitted();
    let statusChanged = false;
    let drain = false;
    for (const e of events) {
      this.workflows.apply(e);
      if (e.type === 'auth.login') this.session = this.loadSession(e);
      else if (e.type === 'auth.logout') this.session = null;
      if (/^(auth\.(login|logout)|station\.|demo\.|device\.(configured|removed))/.test(e.type)) statusChanged = true;
      if (e.type === 'label.issued') drain = true;
      if (this.devices && (e.type === 'device.configured' || e.type === 'device.removed')) {
        void this.devices.apply(this.bindings()).catch((err: unknown) => this.opts.logger?.error({ err }, 'device binding failed'));
      }
      this.emit({ topic: 'event', data: { seq: e.seq, type: e.type } });
    }
    if (statusChanged) this.pushStatus();
    // Labels leave for the printer only after their issue is on disk.
    if (drain) void this.printQueue?.drain().catch((err: unknown) => this.opts.logger?.error({ err }, 'label print failed'));
  }

  private pushStatus(): void {
    this.emit({ topic: 'status', data: this.status() });
  }

  private emit(p: Push): void {
    for (const l of this.listeners) {
      try {
        l(p);
      } catch (err) {
        this.opts.logger?.error({ err }, 'push listener failed');
      }
    }
  }

  private loadSession(e: StoredEvent): Session | null {
    const p = e.payload as { userId: string };
    const u = this.store.db.select().from(t.users).where(eq(t.users.userId, p.userId)).get();
    if (!u) return null;
    return { actor: { userId: u.userId, name: u.name, roles: u.roles as Role[] }, badge: u.badge, startedAt: e.wallTime, lastActivityMs: this.clock(), signedFully: false };
  }

  /** Re-authentication for an electronic signature; failures are recorded and count toward lockout. */
  private readonly verifySignature: SignatureVerifier = async (input, caller, allowedRoles) => {
    const nowMs = this.clock();
    const session = caller.kind === 'client' ? this.session : null;
    let badge = input.badge ?? null;
    if (!badge) {
      if (caller.kind === 'client' && session?.signedFully) badge = session.badge;
      else {
        await this.system('auth.record_signature_failure', { badge: null, userId: session?.actor.userId, cause: 'first_signature_needs_badge', consecutiveFailures: 0, lockUntil: null });
        throw refusal('signature_invalid', 'signature_needs_badge', {}, 'The first signature of a session needs your badge and your PIN.');
      }
    }
    const user = auth.findUserByBadge(this.store, badge);
    const pinOk = await verifyPin(input.pin, user?.pinHash ?? 'scrypt$1$1$1$AA==$AA==');
    /** Records the failure (it counts toward lockout), then refuses with `error`, whose problem the signer reads in their language. */
    const fail = async (cause: 'unknown_badge' | 'wrong_pin' | 'inactive' | 'locked_out' | 'role', error: StationError, lockUntil: string | null = null, failures = user?.consecutiveFailures ?? 0) => {
      await this.system('auth.record_signature_failure', { badge, ...(user ? { userId: user.userId } : {}), cause, consecutiveFailures: failures, lockUntil });
      throw error;
    };
    if (!user) return fail('unknown_badge', refusal('signature_invalid', 'signature_unknown_badge', {}, 'Signature refused: this badge is not known.'));
    if (!user.active) return fail('inactive', refusal('signature_invalid', 'signature_inactive', { name: user.name }, `Signature refused: ${user.name} is not active.`));
    if (isLockedOut(user, nowMs)) return fail('locked_out', refusal('locked_out', 'signature_locked_out', { name: user.name, until: user.lockedUntil ?? '' }, `Signature refused: ${user.name} is locked out until ${user.lockedUntil}.`));
    if (!pinOk) {
      const next = afterWrongPin(user, nowMs);
      const error = next.lockUntil
        ? refusal('locked_out', 'signature_now_locked_out', { name: user.name, until: next.lockUntil }, `Wrong PIN: ${user.name} is now locked out until ${next.lockUntil}.`)
        : refusal('signature_invalid', 'signature_wrong_pin', { remaining: next.remaining }, `Signature refused: wrong PIN. ${next.remaining} attempt(s) left before lockout.`);
      return fail('wrong_pin', error, next.lockUntil, next.failures);
    }
    const roles = user.roles as Role[];
    if (allowedRoles && !roles.some((r) => allowedRoles.includes(r)))
      return fail('role', refusal('signature_invalid', 'signature_role', { name: user.name, needed: allowedRoles.join(','), roles: roles.join(',') }, `Signature refused: this needs one of ${allowedRoles.join(', ')}; ${user.name} has ${roles.join(', ')}.`));
    if (session && session.actor.userId === user.userId && input.badge) session.signedFully = true;
    return {
      signer: { userId: user.userId, name: user.name, roles },
      signature: { signerId: user.userId, signerName: user.name, meaning: input.meaning, reason: input.reason, signedAt: new Date(nowMs).toISOString(), components: input.badge ? 'badge+pin' : 'pin' },
    };
  };
}

/** What handlers' `after` steps do outside the store, through the runtime's private hands. */
interface RuntimeEffects {
  publish(p: Push): void;
  enrolled(v: EnrollmentView): Promise<void>;
  statusChanged(): void;
  /** Certificates parked for a retry are sent on the sync loop's next turn, not its next timer. */
  certificatesDue(): void;
}

function stationHandlers(rt: StationRuntime, fx: RuntimeEffects): Handlers<typeof stationContract> {
  const dev = deviceHandlers(rt);
  const lab = labelHandlers(rt);
  return {
    'labels.templates': lab.templates,
    'labels.preview': lab.preview,
    'labels.print': lab.print,
    'labels.list': lab.list,
    'labels.verify': lab.verify,
    'labels.void': lab.voidLabel,
    'labels.reprint': lab.reprint,
    'labels.apply': lab.apply,
    'labels.reconciliation': lab.reconciliation,
    'labels.reconcile': lab.reconcile,
    'labels.policy': lab.getPolicy,
    'labels.set_policy': lab.setPolicy,
    'devices.sim_scan_printed': dev.simScanPrinted,
    'tickets.print': dev.printTicket,
    'devices.discover': dev.discover,
    'devices.configure': dev.configure,
    'devices.remove': dev.remove,
    'devices.test': dev.test,
    'devices.sim_scan': dev.simScan,
    'devices.sim_scale': dev.simScale,
    'print.jobs': dev.jobs,
    'print.resolve': dev.resolve,
    'station.status': { kind: 'query', run: () => rt.status() },
    'session.touch': {
      kind: 'query',
      run: () => {
        rt.touch();
        return { ok: true as const };
      },
    },
    'auth.login': auth.login,
    'auth.logout': auth.logout,
    'station.configure': station.configure,
    'sync.enroll': {
      ...enrollHandler({
        stationId: () => rt.stationId,
        credentials: () => rt.credentialStore(),
        runtimeVersion: RUNTIME_VERSION,
        clock: () => rt.nowMs(),
        pauseSync: async () => void (await rt.sync?.stop()),
        resumeSync: async () => void (await rt.sync?.start()),
      }),
      after: (enrolled) => fx.enrolled(enrolled),
    },
    'sync.retry_certificates': {
      kind: 'command',
      // The act is on the record with the queue it changed (one transaction); a retry that finds nothing parked changed nothing.
      run: (ctx) => {
        const count = retryParkedDocuments(rt.store.sqlite);
        if (count > 0) ctx.emit('sync.certificates_retried', { count });
        return { count };
      },
      after: () => {
        fx.certificatesDue();
        fx.statusChanged();
      },
    },
    'audit.list': audit.list,
    'audit.verify': audit.verify,
    'directory.users': audit.directoryUsers,
    'scan.submit': { ...scan.submit, after: (view) => fx.publish({ topic: 'scan', data: view }) },
    ...workflowHandlers(rt),
    'andon.raise': raiseAndon,
    ...packingContractHandlers(rt),
  };
}
