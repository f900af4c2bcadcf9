// Enrollment from Settings with two real central servers (PGlite): an enrollment whose
// event cannot be committed (a full disk) leaves the credential the station held before,
// still accepted by its server, and no event; re-enrolling with another server sends that
// server the whole log, from what it says it holds — nothing the first one acknowledged is
// skipped, nothing is sent twice; and after a restart a configured server other than the
// enrolled one is reported, while the station keeps syncing with the server that issued its
// credential (the token is never sent to the other).
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ct from '../../../server/db/schema';
import { StationRuntime } from '../../../electron/station/runtime/runtime';
import { CREDENTIAL_FILE, FileCredentialStore, type CredentialStore, type StationCredential } from '../../../electron/station/sync/credential';
import { resolveServerUrl, SYNC_CONFIG_FILE } from '../../../electron/station/sync/config';
import { ShellCredentialStore, type CredentialRequest } from '../../../electron/station/sync/shell-credential';
import { loadDemo } from '../../../electron/station/demo/load';
import { SyncClient } from '../server/helpers';
import { exchangeEnrollmentCode } from '../../../electron/station/sync/enroll';
import { BIN, client, inProcessTransport, TEST_KDF, tempDir } from '../helpers/station';
import { centralEvents, FAST, issueCode, localEvents, quietLog, receiveWithCertificate, startCentral, until, type Central } from './helpers';

const ADMIN = { badge: 'AD-500', pin: '5555' };
const ADMIN_SIG = { ...ADMIN, meaning: 'approved' as const, reason: 'connect the station to central' };

/** A lot received on a certificate (a PDF attached in chunks); returns the certificate's sha256. */
async function receivePdf(rt: StationRuntime, supplierLot: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]);
  return (await receiveWithCertificate(client(inProcessTransport(rt)), supplierLot, bytes)).sha;
}
const holdsDocument = async (c: Central, sha: string) => (await c.tdb.central.db.select({ sha: ct.documents.sha256 }).from(ct.documents).where(eq(ct.documents.sha256, sha))).length === 1;

describe('enrollment from Settings is all or nothing, across two central servers', () => {
  let a: Central;
  let b: Central;
  const dirs: Array<{ path: string; remove(): void }> = [];
  const dir = () => {
    const d = tempDir('lotline-enroll-robust-');
    dirs.push(d);
    return d.path;
  };
  beforeAll(async () => {
    [a, b] = await Promise.all([startCentral('pglite'), startCentral('pglite')]);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const d of dirs) d.remove();
  });

  const open = async (data: string, stationId: string, credentials: CredentialStore = new FileCredentialStore(data)) => {
    const rt = await StationRuntime.open({ dataDir: data, stationId, idleCheckMs: 3_600_000, logger: quietLog, credentials });
    if (rt.isEmpty()) await loadDemo(rt, { kdf: TEST_KDF });
    expect((await rt.call('auth.login', ADMIN)).ok).toBe(true);
    return rt;
  };
  const stored = (data: string): StationCredential | null => (existsSync(join(data, CREDENTIAL_FILE)) ? (JSON.parse(readFileSync(join(data, CREDENTIAL_FILE), 'utf8')) as StationCredential) : null);
  const enrolledEvents = (rt: StationRuntime) => rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'sync.enrolled' ORDER BY seq").all().map((r) => JSON.parse((r as { payload: string }).payload) as { serverUrl: string });
  /** Fills the store up to a page limit until even a short scan cannot be committed: the disk is full. */
  const fillDisk = async (rt: StationRuntime) => {
    rt.store.sqlite.pragma(`max_page_count = ${rt.store.sqlite.pragma('page_count', { simple: true }) as number}`);
    for (const size of [4000, 400, 40]) {
      for (let i = 0; i < 2000; i++) {
        const r = await rt.call('scan.submit', { text: `${'F'.repeat(size)}${i}`, source: 'fill', receivedAt: new Date().toISOString() });
        if (!r.ok) {
          expect(r.error.code).toBe('storage_full');
          break;
        }
      }
    }
  };
  const freeDisk = (rt: StationRuntime) => rt.store.sqlite.pragma('max_page_count = 1073741823');

  it('a full disk refuses the enrollment of a station enrolled nowhere: no event, no credential, sync not configured', async () => {
    const data = dir();
    const rt = await open(data, 'FULL-01');
    try {
      const code = await issueCode(a, 'FULL-01');
      await fillDisk(rt);
      const res = await rt.call('sync.enroll', { serverUrl: a.url, code, signature: ADMIN_SIG });
      expect(res).toMatchObject({ ok: false, error: { code: 'storage_full' } });
      expect(enrolledEvents(rt)).toEqual([]);
      expect(stored(data)).toBeNull();
      expect(rt.status().sync.state).toBe('not_configured');
      freeDisk(rt);
    } finally {
      await rt.close();
    }
  });

  /**
   * The shell's keychain store, answered as electron/shell/main.ts answers: the ciphertext
   * kept in `kept`, and a save refused (as safeStorage throws) while `refuse.saves` > 0.
   */
  const keychain = (data: string) => {
    const kept: { value: string | null } = { value: null };
    const refuse = { saves: 0 };
    const store: ShellCredentialStore = new ShellCredentialStore((m: CredentialRequest) => {
      queueMicrotask(() => {
        if (m.op === 'save' && refuse.saves > 0) {
          refuse.saves--;
          return store.receive({ kind: 'credential_result', id: m.id, ok: false, error: 'the keychain is locked' });
        }
        if (m.op === 'save') kept.value = m.value!;
        if (m.op === 'clear') kept.value = null;
        store.receive({ kind: 'credential_result', id: m.id, ok: true, ...(m.op === 'load' ? { value: kept.value } : {}) });
      });
    }, new FileCredentialStore(data));
    return { store, kept, refuse };
  };

  it('a keychain that refuses the token refuses the enrollment with its problem, and records nothing', async () => {
    const data = dir();
    const k = keychain(data);
    const rt = await open(data, 'KEY-02', k.store);
    try {
      k.refuse.saves = 1;
      const res = await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'KEY-02'), signature: ADMIN_SIG });
      expect(res).toMatchObject({ ok: false, error: { code: 'conflict', details: { problem: 'sync_enroll_not_stored', server: a.url } } });
      expect(enrolledEvents(rt)).toEqual([]);
      expect(k.kept.value).toBeNull();
      expect(rt.status().sync.state).toBe('not_configured');
    } finally {
      await rt.close();
    }
  });

  it('a full disk, then a keychain that cannot take the previous credential back: refused as not restored, and no unrecorded credential is left', async () => {
    const data = dir();
    const k = keychain(data);
    const rt = await open(data, 'KEY-03', k.store);
    try {
      expect((await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'KEY-03'), signature: ADMIN_SIG })).ok).toBe(true);
      const code = await issueCode(b, 'KEY-03');
      await fillDisk(rt);
      // The new credential is taken; putting the previous one back is refused.
      const realSave = k.store.save.bind(k.store);
      let saves = 0;
      k.store.save = async (c) => {
        if (++saves === 2) k.refuse.saves = 1;
        return realSave(c);
      };
      const res = await rt.call('sync.enroll', { serverUrl: b.url, code, signature: ADMIN_SIG });
      // The cause first: the full disk is what to fix before enrolling again.
      expect(res).toMatchObject({ ok: false, error: { code: 'conflict', details: { problem: 'sync_enroll_not_restored', server: b.url, cause: 'storage_full' } } });
      expect(!res.ok && res.error.message).toContain('was not recorded (The station disk is full.');
      expect(enrolledEvents(rt).map((e) => e.serverUrl)).toEqual([a.url]);
      expect(k.kept.value).toBeNull();
      freeDisk(rt);
    } finally {
      await rt.close();
    }
  });

  it('a full disk refuses re-enrolling with another server: the credential from the first server stays, and that server still accepts it', async () => {
    const data = dir();
    const rt = await open(data, 'FULL-02');
    try {
      expect((await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'FULL-02'), signature: ADMIN_SIG })).ok).toBe(true);
      const first = stored(data)!;
      expect(first.serverUrl).toBe(a.url);
      await until(() => rt.status().sync.state === 'online' && rt.status().sync.queued === 0, 'drained to the first server', 60_000);

      const code = await issueCode(b, 'FULL-02');
      await fillDisk(rt);
      const res = await rt.call('sync.enroll', { serverUrl: b.url, code, signature: ADMIN_SIG });
      expect(res).toMatchObject({ ok: false, error: { code: 'storage_full' } });
      expect(enrolledEvents(rt).map((e) => e.serverUrl)).toEqual([a.url]);
      expect(stored(data)).toEqual(first);
      // Still usable: the first server answers it, and the station keeps syncing there.
      const status = await new SyncClient(a.url, first.token).request<{ stationId: string }>('GET', '/sync/status');
      expect(status).toMatchObject({ status: 200, body: { stationId: 'FULL-02' } });
      freeDisk(rt);
      expect((await rt.call('scan.submit', { text: 'AFTER-FULL', source: 'test', receivedAt: new Date().toISOString() })).ok).toBe(true);
      await until(() => rt.status().sync.state === 'online' && rt.status().sync.queued === 0, 'still syncing with the first server', 60_000);
      expect(rt.status().sync.server).toBe(a.url);
    } finally {
      await rt.close();
    }
  });

  it('re-enrolling with another server sends it every event and certificate, including those the first server acknowledged, each once', async () => {
    const data = dir();
    const rt = await open(data, 'MOVE-01');
    const synced = () => rt.status().sync.state === 'online' && rt.status().sync.queued === 0;
    try {
      expect((await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'MOVE-01'), signature: ADMIN_SIG })).ok).toBe(true);
      for (let i = 0; i < 5; i++) expect((await rt.call('scan.submit', { text: `AT-A-${i}`, source: 'test', receivedAt: new Date().toISOString() })).ok).toBe(true);
      const sha = await receivePdf(rt, 'MOVE-COC-1');
      await until(synced, 'drained to the first server', 60_000);
      await until(() => holdsDocument(a, sha), 'the certificate reached the first server', 60_000);
      const atA = rt.log.lastSeq;
      expect((await centralEvents(a, 'MOVE-01')).length).toBe(atA);
      expect(rt.status().sync.ackedSeq).toBe(atA);

      expect((await rt.call('sync.enroll', { serverUrl: b.url, code: await issueCode(b, 'MOVE-01'), signature: ADMIN_SIG })).ok).toBe(true);
      expect((await rt.call('scan.submit', { text: 'AT-B', source: 'test', receivedAt: new Date().toISOString() })).ok).toBe(true);
      await until(async () => synced() && rt.status().sync.server === b.url && (await centralEvents(b, 'MOVE-01')).length === rt.log.lastSeq, 'drained to the second server', 60_000);
      // The second server holds the log exactly (it verified the chain from event 1); the first kept what it had.
      expect(await centralEvents(b, 'MOVE-01')).toEqual(localEvents(rt));
      expect((await centralEvents(a, 'MOVE-01')).length).toBe(atA);
      expect(rt.status().sync).toMatchObject({ server: b.url, ackedSeq: rt.log.lastSeq, queued: 0 });
      // The certificate the first server took is uploaded to the second as well.
      await until(() => holdsDocument(b, sha), 'the certificate reached the second server', 60_000);
    } finally {
      await rt.close();
    }
  });

  it('after a restart, a server configured in sync.json or the environment that is not the enrolled one is reported, and the enrolled one is used', async () => {
    const data = dir();
    let rt = await open(data, 'CONF-01');
    try {
      expect((await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'CONF-01'), signature: ADMIN_SIG })).ok).toBe(true);
      await until(() => rt.status().sync.state === 'online' && rt.status().sync.queued === 0, 'drained to the enrolled server', 60_000);
      expect(rt.status().sync.configuredServer).toBeUndefined();
      await rt.close();

      // An installer's sync.json names the other server; the station process resolves its
      // server as it does at start-up (the environment would be taken the same way, first).
      writeFileSync(join(data, SYNC_CONFIG_FILE), JSON.stringify({ serverUrl: `${b.url}/` }));
      const credentials = new FileCredentialStore(data);
      for (const env of [{}, { LOTLINE_SERVER_URL: b.url }]) {
        const serverUrl = resolveServerUrl({ env, dataDir: data, credential: await credentials.load() });
        expect(serverUrl?.replace(/\/$/, '')).toBe(b.url);
        rt = await StationRuntime.open({ dataDir: data, idleCheckMs: 3_600_000, logger: quietLog, credentials });
        await rt.startSync({ serverUrl: serverUrl!, credentials, ...FAST });
        expect((await rt.call('auth.login', ADMIN)).ok).toBe(true);
        expect((await rt.call('scan.submit', { text: `AFTER-RESTART-${Object.keys(env).length}`, source: 'test', receivedAt: new Date().toISOString() })).ok).toBe(true);
        await until(() => rt.status().sync.state === 'online' && rt.status().sync.queued === 0, 'drained to the enrolled server after the restart', 60_000);
        const sync = rt.status().sync;
        expect(sync).toMatchObject({ server: a.url, configuredServer: b.url });
        expect(sync.detail).toContain(a.url);
        expect(sync.detail).toContain(b.url);
        expect((await centralEvents(a, 'CONF-01')).length).toBe(rt.log.lastSeq);
        expect(await centralEvents(b, 'CONF-01')).toEqual([]);
        await rt.close();
      }
      // `lotline sync status` reads the store and the configuration as they lie, and says the same.
      const env = { ...process.env };
      delete env.LOTLINE_SERVER_URL;
      const json = spawnSync(process.execPath, [BIN, 'sync', 'status', '--data', data, '--json'], { encoding: 'utf8', env });
      expect(JSON.parse(json.stdout)).toMatchObject({ server: a.url, configuredServer: b.url });
      const text = spawnSync(process.execPath, [BIN, 'sync', 'status', '--data', data], { encoding: 'utf8', env }).stdout;
      expect(text).toContain(`Config    names ${b.url}, which is not used: the station is enrolled with ${a.url}`);
      rmSync(join(data, SYNC_CONFIG_FILE));
      expect(JSON.parse(spawnSync(process.execPath, [BIN, 'sync', 'status', '--data', data, '--json'], { encoding: 'utf8', env }).stdout).configuredServer).toBeUndefined();
    } finally {
      await rt.close();
    }
  });

  it('a credential stored by an enrollment whose event was never committed (a crash between the two) is recorded as the system\'s at the next start, and its server gets the whole log', async () => {
    const data = dir();
    let rt = await open(data, 'CRASH-01');
    try {
      expect((await rt.call('sync.enroll', { serverUrl: a.url, code: await issueCode(a, 'CRASH-01'), signature: ADMIN_SIG })).ok).toBe(true);
      await until(() => rt.status().sync.state === 'online' && rt.status().sync.queued === 0, 'drained to the first server', 60_000);
      await rt.close();
      // What the crash leaves: the second server's credential stored, no event naming it.
      const credentials = new FileCredentialStore(data);
      const { protocol: _p, ...fromB } = await exchangeEnrollmentCode({ serverUrl: b.url, code: await issueCode(b, 'CRASH-01'), stationId: 'CRASH-01' });
      await credentials.save(fromB);

      rt = await StationRuntime.open({ dataDir: data, idleCheckMs: 3_600_000, logger: quietLog, credentials });
      const serverUrl = resolveServerUrl({ env: {}, dataDir: data, credential: await credentials.load() });
      await rt.startSync({ serverUrl: serverUrl!, credentials, ...FAST });
      const recorded = rt.store.sqlite.prepare("SELECT actor, reason, payload FROM events WHERE type = 'sync.enrolled' ORDER BY seq").all() as Array<{ actor: string; reason: string | null; payload: string }>;
      expect(recorded.map((e) => JSON.parse(e.payload).serverUrl)).toEqual([a.url, b.url]);
      expect(recorded[1]).toMatchObject({ actor: 'system', reason: expect.stringContaining('no enrollment event records') });
      await until(async () => rt.status().sync.state === 'online' && rt.status().sync.queued === 0 && (await centralEvents(b, 'CRASH-01')).length === rt.log.lastSeq, 'the whole log on the second server', 60_000);
      expect(await centralEvents(b, 'CRASH-01')).toEqual(localEvents(rt));
    } finally {
      await rt.close();
    }
  });
});
