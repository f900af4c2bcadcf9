// Test kit for the station side of sync: a central server in this process (PGlite or a
// throwaway PostgreSQL database), station runtimes with their real sync client, fast bulk
// appends to a station's log, and checks that the central copy is the station's log exactly.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { RunningServer } from '../../../server/main';
import { startServer } from '../../../server/main';
import * as ct from '../../../server/db/schema';
import { eventHashInput, GENESIS_HASH, type StoredEvent } from '../../../shared/events/event';
import { readEvents } from '../../../electron/station/store/event-log';
import { StationRuntime, type RuntimeOptions } from '../../../electron/station/runtime/runtime';
import type { SyncClientOptions, SyncTrace } from '../../../electron/station/sync/client';
import { FileCredentialStore } from '../../../electron/station/sync/credential';
import { enrollStation } from '../../../electron/station/sync/enroll';
import type { StationClient } from '../../../shared/contract/client';
import { COC_CHUNK_BASE64 } from '../../../shared/documents/coc-file';
import { adminSession, openTestDb, quietLog, sha256, type DbKind, type SyncClient, type TestDb } from '../server/helpers';

export { DB_KINDS, quietLog } from '../server/helpers';

/** Quick retries so tests do not wait on production delays. */
export const FAST = { backoff: { baseMs: 50, maxMs: 400, minMs: 20 }, refusedRetryMs: 400, holdsPollMs: 5_000, masterPollMs: 5_000, requestTimeoutMs: 15_000 } satisfies Partial<SyncClientOptions>;

export interface Central {
  readonly tdb: TestDb;
  server: RunningServer;
  readonly admin: SyncClient;
  readonly url: string;
  /** Stops answering (the database stays). */
  down(): Promise<void>;
  /** Answers again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startCentral(kind: DbKind): Promise<Central> {
  const tdb = await openTestDb(kind);
  let server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
  const port = server.port;
  const admin = await adminSession(server.url, tdb.central);
  let running = true;
  const c: Central = {
    tdb,
    server,
    admin,
    url: server.url,
    async down() {
      if (!running) return;
      running = false;
      await server.close();
    },
    async up() {
      if (running) return;
      server = await startServer({ db: tdb.central, port, logger: quietLog });
      c.server = server;
      running = true;
    },
    async close() {
      if (running) await server.close();
      running = false;
      await tdb.drop();
    },
  };
  return c;
}

export async function issueCode(c: Central, stationId: string, type = 'smt'): Promise<string> {
  const r = await c.admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId, name: stationId, type, area: 'L1' });
  if (r.status !== 200) throw new Error(`station add failed: ${JSON.stringify(r.body)}`);
  return r.body.enrollmentCode;
}

export interface SyncedStation {
  readonly rt: StationRuntime;
  readonly traces: SyncTrace[];
  readonly credentials: FileCredentialStore;
}

/** A runtime on `dataDir`, enrolled with `code` when given, its sync client running against `url`. */
export async function openSyncedStation(
  dataDir: string,
  url: string,
  opts: { stationId: string; code?: string; clock?: () => number; sync?: Partial<SyncClientOptions>; runtime?: Partial<RuntimeOptions> },
): Promise<SyncedStation> {
  const credentials = new FileCredentialStore(dataDir);
  const clock = opts.clock ?? Date.now;
  const enrolled = opts.code ? await enrollStation({ serverUrl: url, code: opts.code, stationId: opts.stationId, credentials, clock }) : null;
  const rt = await StationRuntime.open({ dataDir, stationId: opts.stationId, idleCheckMs: 3_600_000, clock, logger: quietLog, ...opts.runtime });
  if (enrolled) await rt.system('sync.record_enrollment', { serverUrl: enrolled.serverUrl, stationId: enrolled.stationId, protocol: enrolled.protocol });
  const traces: SyncTrace[] = [];
  await rt.startSync({ serverUrl: url, credentials, ...FAST, ...opts.sync, onTrace: (t) => (traces.push(t), opts.sync?.onTrace?.(t)) });
  return { rt, traces, credentials };
}

/**
 * Appends `n` scan events straight into the log in transactions of `perTx` (the store's own
 * EventLog, so the chain is real), as a day of scanning would leave them, then tells the
 * sync client. Far faster than one durable commit per scan.
 */
export function appendScans(rt: StationRuntime, n: number, perTx = 5000): void {
  for (let done = 0; done < n; ) {
    const k = Math.min(perTx, n - done);
    try {
      rt.store.sqlite.transaction(() => {
        for (let i = 0; i < k; i++) rt.log.append({ type: 'scan.received', payload: { text: `]C1SCAN${done + i}`, source: 'wedge', receivedAt: new Date().toISOString() }, actor: null });
      })();
      rt.log.committed();
    } catch (err) {
      rt.log.rolledBack();
      throw err;
    }
    done += k;
  }
  rt.sync?.notifyCommitted();
}

export function localEvents(rt: StationRuntime): StoredEvent[] {
  return [...readEvents(rt.store.sqlite)];
}

/** Waits until `pred` holds, polling; throws with `what` after `timeoutMs` (a guard against hangs, not an assertion on speed). */
export async function until(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitDrained(rt: StationRuntime, timeoutMs = 110_000): Promise<void> {
  await until(() => rt.status().sync.queued === 0 && rt.status().sync.state === 'online', `station ${rt.stationId} drained (${JSON.stringify(rt.status().sync)})`, timeoutMs);
}

/** Central rows of a station, in order, as StoredEvents. */
export async function centralEvents(c: Central, stationId: string): Promise<StoredEvent[]> {
  const rows = await c.tdb.central.db.select().from(ct.events).where(eq(ct.events.stationId, stationId)).orderBy(asc(ct.events.seq));
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    stationId: r.stationId,
    hlc: r.hlc,
    wallTime: r.wallTime,
    actor: r.actor,
    type: r.type,
    schemaVersion: r.schemaVersion,
    payload: JSON.parse(r.payload) as unknown,
    reason: r.reason,
    signature: r.signature ? (JSON.parse(r.signature) as StoredEvent['signature']) : null,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}

/** The central chain verifies on its own (sequence, links, hashes) — returns the first problem or null. */
export function verifyChain(events: readonly StoredEvent[]): string | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) return `expected seq ${i + 1}, found ${e.seq}`;
    if (e.prevHash !== prev) return `seq ${e.seq}: previous-hash link broken`;
    const { hash, ...content } = e;
    if (sha256(eventHashInput(content)) !== hash) return `seq ${e.seq}: content does not hash to its hash`;
    prev = hash;
  }
  return null;
}

/** Every local event is held centrally exactly once, byte-identical (same hash), and the central chain verifies. */
export async function expectSameLog(c: Central, rt: StationRuntime): Promise<{ local: number; central: number; problem: string | null; mismatched: number }> {
  const local = localEvents(rt);
  const central = await centralEvents(c, rt.stationId);
  const ids = new Set(central.map((e) => e.id));
  let mismatched = ids.size === central.length ? 0 : central.length - ids.size;
  for (let i = 0; i < Math.max(local.length, central.length); i++) if (local[i]?.hash !== central[i]?.hash) mismatched++;
  return { local: local.length, central: central.length, problem: verifyChain(central), mismatched };
}

const COC_CHUNK_BYTES = (COC_CHUNK_BASE64 / 4) * 3;

/**
 * The receiving clerk attaches a certificate (sent in chunks, as the screen does), then
 * receives a lot of CAP-100N-0402 on it; returns the lot, the stored path and the sha256.
 */
export async function receiveWithCertificate(api: StationClient, supplierLot: string, bytes: Buffer, name = `${supplierLot}.pdf`): Promise<{ lotId: string; path: string; sha: string }> {
  const uploadId = randomUUID();
  let path: string | null = null;
  for (let i = 0; i * COC_CHUNK_BYTES < bytes.length; i++) {
    const last = (i + 1) * COC_CHUNK_BYTES >= bytes.length;
    const r = await api.call('receiving.attach_coc', { uploadId, index: i, data: bytes.subarray(i * COC_CHUNK_BYTES, (i + 1) * COC_CHUNK_BYTES).toString('base64'), last, name });
    if (r.done) path = r.coc.path;
  }
  const lot = await api.call('receiving.receive', {
    scanSeq: null,
    verdictSeq: null,
    itemId: 'CAP-100N-0402',
    supplierId: 'SUP-MOUSER',
    supplierLot,
    quantityPerContainer: 2000,
    containers: 1,
    expiry: new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10),
    coc: { kind: 'file', path: path! },
    confirmDuplicate: false,
  });
  return { lotId: lot.lotId, path: path!, sha: createHash('sha256').update(bytes).digest('hex') };
}

/** The sha256 (hex) of bytes: a stored certificate's name. */
export const shaOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A certificate of `size` bytes that central takes as a PDF (by its first bytes). */
export const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

/** The traces of one kind, typed. */
export const tracesOf = <K extends SyncTrace['op']>(traces: readonly SyncTrace[], op: K) => traces.filter((t): t is Extract<SyncTrace, { op: K }> => t.op === op);
