// `lotline station`: the station runtime in this Node process, its UI served to a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StationTypeSchema } from '../../../shared/domain/roles';
import { startBrowserHost } from '../../host/browser-host';
import { demoHints, loadDemo } from '../../station/demo/load';
import { createLogger } from '../../station/logging/logger';
import { defaultDataDir, rendererDistDir } from '../../station/paths';
import { RUNTIME_VERSION, StationRuntime } from '../../station/runtime/runtime';
import { resolveServerUrl, storedStationId } from '../../station/sync/config';
import { FileCredentialStore } from '../../station/sync/credential';
import { enrollStation } from '../../station/sync/enroll';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const stationCommand: CliCommand = {
  name: 'station',
  summary: 'run the station in browser mode (runtime here, UI on http://127.0.0.1)',
  usage: `lotline station [--port N] [--data DIR] [--demo | --no-demo] [--station-id ID] [--station-type TYPE]
                [--server URL [--enroll CODE]] [--open] [--json]

  --port          TCP port on 127.0.0.1 (default 4780; 0 picks a free one)
  --data          data folder (default $LOTLINE_DATA or ~/.local/share/lotline/station)
  --demo          load the demo floor (also the default when the store is empty and no
                  central server is configured); --no-demo starts an empty store
  --station-id    identity of a new store (default: generated; demo: the demo station of the type)
  --station-type  receiving | smt | molding | packing | supervisor (demo only; default smt)
  --server        central server to sync with (else $LOTLINE_SERVER_URL, <data>/sync.json,
                  or the server this station enrolled with)
  --enroll        one-time enrollment code from the administrator; the credential is kept
                  in <data>/sync-credential.json, readable only by this OS user (mode 0600)
  --open          open the UI in Chromium in app mode, when one is installed
  --json          print one JSON line {url, port, stationId, dataDir} when ready (for scripts)`,
  async run(argv, io) {
    const { values } = parseCli(argv, {
      port: { type: 'string', default: '4780' },
      data: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'station-id': { type: 'string' },
      'station-type': { type: 'string' },
      open: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      server: { type: 'string' },
      enroll: { type: 'string' },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${values.port}`);
    const typeParse = StationTypeSchema.safeParse(values['station-type'] ?? 'smt');
    if (!typeParse.success) throw new UsageError(`--station-type must be one of ${StationTypeSchema.options.join(', ')}`);
    const dataDir = values.data ?? defaultDataDir();
    const logger = createLogger(dataDir, { alsoStderr: true });

    const started = performance.now();
    // Sync: enroll before the store is opened, so a new store takes the enrolled identity.
    const credentials = new FileCredentialStore(dataDir);
    const serverUrl = resolveServerUrl({ flag: values.server, env: io.env, dataDir, credential: await credentials.load().catch(() => null) });
    let enrolled: Awaited<ReturnType<typeof enrollStation>> | null = null;
    if (values.enroll) {
      if (!serverUrl) throw new UsageError('--enroll needs --server URL (or LOTLINE_SERVER_URL)');
      const existing = storedStationId(dataDir);
      if (existing && values['station-id'] && values['station-id'] !== existing) throw new UsageError(`this data folder belongs to station ${existing}, not ${values['station-id']}`);
      enrolled = await enrollStation({ serverUrl, code: values.enroll, stationId: existing ?? values['station-id'], credentials, runtimeVersion: RUNTIME_VERSION });
      write(io.stderr, `Enrolled as station ${enrolled.stationId} with ${enrolled.serverUrl}; the credential is kept in ${credentials.describe()}.`);
    }
    const runtime = await StationRuntime.open({
      dataDir,
      logger,
      credentials,
      stationId: enrolled?.stationId ?? values['station-id'] ?? (values['no-demo'] || serverUrl ? undefined : demoStationId(typeParse.data)),
    });
    if (enrolled) {
      if (runtime.stationId !== enrolled.stationId) {
        await runtime.close();
        throw new Error(`this data folder belongs to station ${runtime.stationId}, but the code enrolled station ${enrolled.stationId}`);
      }
      await runtime.system('sync.record_enrollment', { serverUrl: enrolled.serverUrl, stationId: enrolled.stationId, protocol: enrolled.protocol });
    }
    // A station that syncs gets its master data from the server, not the demo floor.
    const wantDemo = values.demo || (!values['no-demo'] && !serverUrl && runtime.isEmpty());
    if (wantDemo && runtime.isEmpty()) {
      write(io.stderr, 'Loading the demo floor (users, items, BOMs, work orders, lots)…');
      await loadDemo(runtime, { stationType: typeParse.data });
    } else if (runtime.isDemo()) runtime.setDemoHints(demoHints());

    await runtime.startDevices();
    if (serverUrl) {
      const sync = await runtime.startSync({ serverUrl, credentials });
      const st = sync.state();
      if (st.state === 'not_configured') write(io.stderr, `warning: syncing with ${serverUrl} needs an enrollment: restart with --enroll CODE.`);
      if (st.configuredServer) write(io.stderr, `warning: this station is enrolled with ${st.server} and syncs there; the configured server ${st.configuredServer} is not used (restart with --server ${st.configuredServer} --enroll CODE to move it).`);
    }
    const rendererDir = rendererDistDir();
    if (!existsSync(join(rendererDir, 'index.html'))) write(io.stderr, `warning: the UI is not built (${rendererDir}); run \`npm run build\`.`);
    const host = await startBrowserHost({ runtime, rendererDir, port, logger });
    logger.info({ port: host.port, stationId: runtime.stationId, startMs: performance.now() - started }, 'station ready (browser mode)');

    // Signals are handled before the ready line goes out: a parent that stops the station as soon
    // as it reads it must find it ready to stop cleanly, and a second signal while stopping is
    // absorbed (not the default kill).
    const stopped = new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        // A stop that does not finish (a sync request or socket that will not let go) must not
        // keep the station alive after it was told to stop: the store is durable at every commit
        // and a dead process's lock is taken over, so after 10 s the process exits anyway.
        setTimeout(() => {
          write(io.stderr, `stopping took over ${STOP_DEADLINE_MS / 1000} s: exiting without waiting further`);
          process.exit(1);
        }, STOP_DEADLINE_MS).unref();
        void host
          .close()
          .then(() => runtime.close())
          .then(() => resolve(0), (err: unknown) => {
            write(io.stderr, `error while stopping: ${(err as Error).message}`);
            resolve(1);
          });
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
    if (values.json) write(io.stdout, JSON.stringify({ url: host.url, port: host.port, stationId: runtime.stationId, dataDir }));
    else {
      write(io.stdout, `Lotline station ${runtime.stationId} — browser mode (the runtime runs in this Node process)`);
      write(io.stdout, `Open: ${host.url}`);
      write(io.stdout, `Data: ${dataDir}   Stop: Ctrl+C`);
    }
    if (values.open) openBrowser(host.url, join(dataDir, 'chromium-profile'), (m) => write(io.stderr, m));

    return stopped;
  },
};

const STOP_DEADLINE_MS = 10_000;

function demoStationId(type: string): string {
  return { receiving: 'RCV-01', smt: 'SMT-01', molding: 'MLD-01', packing: 'PCK-01', supervisor: 'SUP-01' }[type] ?? 'SMT-01';
}

function openBrowser(url: string, profile: string, warn: (m: string) => void): void {
  const exe = BROWSERS.find((b) => existsSync(b));
  if (!exe) {
    warn('--open: no Chromium or Chrome found; open the URL yourself.');
    return;
  }
  const child = spawn(exe, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], {
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', (err) => warn(`--open: ${err.message}`));
  child.unref();
}
