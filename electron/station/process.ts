// Entry of the station runtime as a process of its own: an Electron utility process in
// production (messages over process.parentPort), or any Node child forked with an IPC
// channel (process.send) — the same code either way, so it is tested here without Electron.
import { join } from 'node:path';
import { demoHints, loadDemo } from './demo/load';
import { createLogger } from './logging/logger';
import { defaultDataDir } from './paths';
import { dispatch } from './runtime/dispatch';
import { StationRuntime } from './runtime/runtime';
import { resolveServerUrl } from './sync/config';
import { FileCredentialStore, type CredentialStore } from './sync/credential';
import { ShellCredentialStore, type CredentialReply } from './sync/shell-credential';

/** The part of Electron's ParentPort this file uses (typed here so it never imports electron). */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

type Inbound = { kind: 'request'; id: number; method: string; input: unknown } | { kind: 'shutdown' } | CredentialReply;

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const post = (m: unknown) => (parentPort ? parentPort.postMessage(m) : process.send?.(m));
const onMessage = (fn: (m: unknown) => void) => (parentPort ? parentPort.on('message', (e) => fn(e.data)) : process.on('message', fn));

async function main(): Promise<void> {
  const dataDir = process.env.LOTLINE_DATA ?? defaultDataDir();
  const logger = createLogger(dataDir);
  const started = performance.now();
  // Inside Electron the credential lives in the OS keychain, kept by the shell.
  const file = new FileCredentialStore(dataDir);
  const shellStore = parentPort ? new ShellCredentialStore((m) => post(m), file) : null;
  const credentials: CredentialStore = shellStore ?? file;
  if (shellStore) onMessage((raw) => (raw as Inbound)?.kind === 'credential_result' && shellStore.receive(raw as CredentialReply));
  const serverUrl = resolveServerUrl({ env: process.env, dataDir, credential: await credentials.load().catch(() => null) });
  const runtime = await StationRuntime.open({ dataDir, logger, credentials });
  if (runtime.isEmpty() && !serverUrl && process.env.LOTLINE_NO_DEMO !== '1') await loadDemo(runtime);
  else if (runtime.isDemo()) runtime.setDemoHints(demoHints());
  await runtime.startDevices();
  if (serverUrl) await runtime.startSync({ serverUrl, credentials });
  runtime.onPush((push) => post({ kind: 'push', push }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runtime.close();
    post({ kind: 'stopped' });
    process.exit(0);
  };

  onMessage((raw) => {
    const m = raw as Inbound;
    if (m?.kind === 'shutdown') void stop();
    else if (m?.kind === 'request') void dispatch(runtime, { id: m.id, method: m.method, input: m.input }).then((res) => post({ kind: 'response', ...res }));
  });
  process.on('SIGTERM', () => void stop());
  logger.info({ startMs: performance.now() - started, dataDir: join(dataDir) }, 'station runtime ready (own process)');
  // The shell opens its window on this: a supervisor station shows the central server's board.
  post({ kind: 'ready', stationId: runtime.stationId, stationType: runtime.status().station?.type ?? null, serverUrl: runtime.sync?.serverUrl ?? serverUrl, startMs: performance.now() - started });
}

main().catch((err: unknown) => {
  post({ kind: 'fatal', message: (err as Error).message });
  process.stderr.write(`station runtime failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
