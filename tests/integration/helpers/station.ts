// Test helpers: a runtime on a real SQLite file in a temp folder, the real CLI as a child
// process, and StationApi clients over the in-process and WebSocket transports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { createStationClient, type StationClient, type Transport } from '../../../shared/contract/client';
import { createSocketTransport, type MinimalSocket, type SocketTransport } from '../../../shared/contract/socket-transport';
import { loadDemo } from '../../../electron/station/demo/load';
import { StationRuntime, type RuntimeOptions } from '../../../electron/station/runtime/runtime';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'lotline.mjs');
/** Cheap scrypt settings for tests: the hash string carries its parameters. */
export const TEST_KDF = { N: 1024, r: 8, p: 1 } as const;

export function tempDir(prefix = 'lotline-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function openDemoRuntime(dataDir: string, opts: Partial<RuntimeOptions> = {}): Promise<StationRuntime> {
  const rt = await StationRuntime.open({ dataDir, stationId: 'SMT-01', idleCheckMs: 3_600_000, ...opts });
  if (rt.isEmpty()) await loadDemo(rt, { kdf: TEST_KDF, ...(opts.clock ? { now: opts.clock() } : {}) });
  return rt;
}

/**
 * A demo station for one describe block: opened before its tests with `login` logged in,
 * closed and its folder removed after them. Read `rt` and `api` inside tests and hooks.
 */
export function demoStationForSuite(login = { badge: 'OP-100', pin: '1111' }): { readonly rt: StationRuntime; readonly api: StationClient } {
  const dir = tempDir();
  const station = {} as { rt: StationRuntime; api: StationClient };
  beforeAll(async () => {
    station.rt = await openDemoRuntime(dir.path);
    station.api = client(inProcessTransport(station.rt));
    await station.api.call('auth.login', login);
  });
  afterAll(async () => {
    await station.rt.close();
    dir.remove();
  });
  return station;
}

export function inProcessTransport(rt: StationRuntime): Transport {
  return { request: (method, input) => rt.call(method, input), onPush: (l) => rt.onPush(l) };
}

export function wsTransport(url: string, token: string, origin?: string): SocketTransport {
  const wsUrl = `${url.replace(/^http/, 'ws').replace(/\/#.*$/, '')}/api?token=${encodeURIComponent(token)}`;
  return createSocketTransport(() => new WebSocket(wsUrl, origin ? { origin } : {}) as unknown as MinimalSocket, { setTimer: (fn, ms) => setTimeout(fn, ms).unref() });
}

export function client(t: Transport): StationClient {
  return createStationClient(t);
}

export interface StationProcess {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/** Starts `lotline station --json` and waits for its ready line. */
export async function startStationProcess(dataDir: string, extra: string[] = []): Promise<StationProcess> {
  const proc = spawn(process.execPath, [BIN, 'station', '--data', dataDir, '--port', '0', '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    // A station that never gets ready fails here, saying what it printed, instead of
    // leaving the test to its own timeout with nothing to read.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`station not ready after ${READY_TIMEOUT_MS / 1000} s:\n${err}`));
    }, READY_TIMEOUT_MS);
    rl.once('line', (l) => (clearTimeout(timer), resolve(l)));
    proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`station exited with ${code} before it was ready:\n${err}`))));
  });
  const ready = JSON.parse(line) as { url: string; port: number };
  const token = /token=([^&]+)/.exec(ready.url)![1]!;
  return {
    proc,
    url: ready.url,
    port: ready.port,
    token,
    stderr: () => err,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve, reject) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
        // A station that does not stop on its signal is a failure to read about, not a hang.
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`station did not exit within ${STOP_TIMEOUT_MS / 1000} s of ${signal}:\n${err.slice(-4000)}`));
        }, STOP_TIMEOUT_MS);
        proc.once('exit', (code) => {
          clearTimeout(timer);
          // A stop asked for politely must end cleanly: not at the station's own deadline, not with an error.
          if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`station stopped with exit code ${code} after ${signal}:\n${err.slice(-4000)}`));
          else resolve(code);
        });
        proc.kill(signal);
      }),
  };
}
