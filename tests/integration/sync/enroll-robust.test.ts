// Enrollment from Settings with two real central servers (PGlite): an enrollment whose
// event cannot be committed (a full disk) leaves the credential the station held before,
// still accepted by its server, and no event.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationRuntime } from '../../../electron/station/runtime/runtime';
import { CREDENTIAL_FILE, FileCredentialStore, type StationCredential } from '../../../electron/station/sync/credential';
import { loadDemo } from '../../../electron/station/demo/load';
import { SyncClient } from '../server/helpers';
import { TEST_KDF, tempDir } from '../helpers/station';
import { issueCode, quietLog, startCentral, until, type Central } from './helpers';

const ADMIN = { badge: 'AD-500', pin: '5555' };
const ADMIN_SIG = { ...ADMIN, meaning: 'approved' as const, reason: 'connect the station to central' };

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

  const open = async (data: string, stationId: string) => {
    const rt = await StationRuntime.open({ dataDir: data, stationId, idleCheckMs: 3_600_000, logger: quietLog, credentials: new FileCredentialStore(data) });
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
});
