// `sync.enroll` keeps the token in the credential store its host gave the runtime, never one
// it picks itself: the station's own process (`station-process.mjs`, forked with an IPC
// channel as the Electron shell forks it, here without Electron: the file store) enrolls and
// syncs; a runtime given the shell's keychain store hands the token to the shell and writes
// no credential file; a runtime given no store refuses with its problem and records nothing;
// a second enrollment while one is under way is refused as busy.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/contract/errors';
import { StationRuntime } from '../../../electron/station/runtime/runtime';
import { CREDENTIAL_FILE, FileCredentialStore, MemoryCredentialStore } from '../../../electron/station/sync/credential';
import { ShellCredentialStore, type CredentialRequest } from '../../../electron/station/sync/shell-credential';
import { loadDemo } from '../../../electron/station/demo/load';
import { ROOT, TEST_KDF, tempDir } from '../helpers/station';
import { centralEvents, issueCode, quietLog, startCentral, until, type Central } from './helpers';

const ADMIN_SIG = { badge: 'AD-500', pin: '5555', meaning: 'approved' as const, reason: 'install the station' };

describe('the credential store sync.enroll uses is the host\'s', () => {
  let c: Central;
  const dirs: Array<{ path: string; remove(): void }> = [];
  const dir = () => {
    const d = tempDir('lotline-enroll-host-');
    dirs.push(d);
    return d.path;
  };
  beforeAll(async () => {
    c = await startCentral('pglite');
  });
  afterAll(async () => {
    await c?.close();
    for (const d of dirs) d.remove();
  });

  it('the station process (forked with IPC, as the shell forks it) enrolls into its file store and syncs', async () => {
    const data = dir();
    const proc: ChildProcess = fork(join(ROOT, 'dist', 'node', 'station-process.mjs'), [], { env: { ...process.env, LOTLINE_DATA: data }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const pending = new Map<number, (r: { ok: boolean; result?: unknown; error?: { code: string; details?: Record<string, unknown> } }) => void>();
      let ready: (m: { stationId: string }) => void;
      const isReady = new Promise<{ stationId: string }>((r) => (ready = r));
      proc.on('message', (m: { kind: string; id?: number; stationId?: string }) => {
        if (m.kind === 'ready') ready(m as { stationId: string });
        if (m.kind === 'response') pending.get(m.id!)?.(m as never);
      });
      let next = 1;
      const call = (method: string, input: unknown) =>
        new Promise<{ ok: boolean; result?: unknown; error?: { code: string; details?: Record<string, unknown> } }>((resolve) => {
          const id = next++;
          pending.set(id, resolve);
          proc.send({ kind: 'request', id, method, input });
        });
      const { stationId } = await isReady;
      expect((await call('auth.login', { badge: 'AD-500', pin: '5555' })).ok).toBe(true);
      const res = await call('sync.enroll', { serverUrl: c.url, code: await issueCode(c, stationId), signature: ADMIN_SIG });
      expect(res).toMatchObject({ ok: true, result: { serverUrl: c.url, stationId } });
      const file = join(data, CREDENTIAL_FILE);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      await until(async () => (await centralEvents(c, stationId)).some((e) => e.type === 'sync.enrolled'), 'the enrollment reached central', 60_000);
    } finally {
      proc.send({ kind: 'shutdown' });
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    }
    expect(stderr).not.toMatch(/failed/);
  });

  it('a runtime given the shell\'s keychain store hands the token to the shell and writes no credential file', async () => {
    const data = dir();
    const kept: string[] = [];
    // The shell's side of the port, as electron/shell/main.ts answers it (encryption available).
    const store: ShellCredentialStore = new ShellCredentialStore((m: CredentialRequest) => {
      queueMicrotask(() => {
        if (m.op === 'save') kept.push(m.value!);
        store.receive({ kind: 'credential_result', id: m.id, ok: true, ...(m.op === 'load' ? { value: kept.at(-1) ?? null } : {}) });
      });
    }, new FileCredentialStore(data));
    const rt = await StationRuntime.open({ dataDir: data, stationId: 'KEY-01', idleCheckMs: 3_600_000, logger: quietLog, credentials: store });
    try {
      await loadDemo(rt, { kdf: TEST_KDF });
      expect((await rt.call('auth.login', { badge: 'AD-500', pin: '5555' })).ok).toBe(true);
      const res = await rt.call('sync.enroll', { serverUrl: c.url, code: await issueCode(c, 'KEY-01'), signature: ADMIN_SIG });
      expect(res.ok).toBe(true);
      expect(kept).toHaveLength(1);
      expect(JSON.parse(kept[0]!)).toMatchObject({ serverUrl: c.url, stationId: 'KEY-01', token: expect.any(String) });
      expect(existsSync(join(data, CREDENTIAL_FILE))).toBe(false);
      await until(() => rt.status().sync.state === 'online', 'online with the keychain credential', 60_000);
    } finally {
      await rt.close();
    }
  });

  it('a second enrollment while one waits on its server is refused as busy', async () => {
    const data = dir();
    // A central server that takes its time, then speaks a newer protocol.
    const slow = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(426, { 'content-type': 'application/json', 'Lotline-Protocol': '9.0' });
        res.end(JSON.stringify({ error: 'unsupported_protocol', message: 'newer', serverProtocol: '9.0' }));
      }, 1500);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const rt = await StationRuntime.open({ dataDir: data, stationId: 'BUSY-01', idleCheckMs: 3_600_000, logger: quietLog, credentials: new MemoryCredentialStore() });
    try {
      await loadDemo(rt, { kdf: TEST_KDF });
      await rt.call('auth.login', { badge: 'AD-500', pin: '5555' });
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      const first = rt.call('sync.enroll', { serverUrl: url, code: 'ABCD-EFGH', signature: ADMIN_SIG });
      await new Promise((r) => setTimeout(r, 300));
      const second = await rt.call('sync.enroll', { serverUrl: url, code: 'ABCD-EFGH', signature: { ...ADMIN_SIG, badge: undefined } });
      const problem = (r: Awaited<typeof first>) => (r.ok ? null : r.error.details?.problem);
      expect(problem(second)).toBe('sync_enroll_busy');
      expect(problem(await first)).toBe('sync_enroll_protocol');
    } finally {
      await rt.close();
      await new Promise((r) => slow.close(r));
    }
  });

  it('a runtime given no credential store refuses, and records nothing', async () => {
    const data = dir();
    const rt = await StationRuntime.open({ dataDir: data, stationId: 'NOSTORE-01', idleCheckMs: 3_600_000, logger: quietLog });
    try {
      await loadDemo(rt, { kdf: TEST_KDF });
      await rt.call('auth.login', { badge: 'AD-500', pin: '5555' });
      const before = rt.log.lastSeq;
      const res = await rt.call('sync.enroll', { serverUrl: c.url, code: await issueCode(c, 'NOSTORE-01'), signature: ADMIN_SIG });
      if (res.ok) throw new Error('sync.enroll without a credential store was accepted');
      const err = StationError.from(res.error);
      expect(err.details).toMatchObject({ problem: 'sync_enroll_unavailable' });
      expect(rt.log.lastSeq).toBe(before);
      expect(existsSync(join(data, CREDENTIAL_FILE))).toBe(false);
      expect(rt.status().sync.state).toBe('not_configured');
    } finally {
      await rt.close();
    }
  });
});
