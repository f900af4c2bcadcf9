// Starting the central server: open the database (PGlite folder or PostgreSQL URL), apply
// migrations, serve the Hono app over HTTP or HTTPS on one address, attach the live channel.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app';
import { authenticateStation } from './auth';
import { openCentralDb, type CentralDb } from './db/open';
import { LiveHub } from './sync/live';
import { Board } from './board/service';
import { checkTimeZone } from '../shared/clock/zone';

export interface ServerOptions {
  /** PGlite data folder (default) — ignored when `databaseUrl` is given. */
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly port?: number;
  /** Default 127.0.0.1: listening on the network is a deliberate choice. */
  readonly host?: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  readonly logger?: Logger;
  /** The plant's IANA zone for shift reports when the line's stations report none or disagree (default: the server's own zone). */
  readonly timeZone?: string;
  /** Open an existing database instead (tests reuse one across server restarts). */
  readonly db?: CentralDb;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly central: CentralDb;
  readonly hub: LiveHub;
  /** The supervisor views' read models and live channel. */
  readonly board: Board;
  close(): Promise<void>;
}

/**
 * Test hook for the crash test: with LOTLINE_TEST_CRASH_AFTER_COMMIT=N the process exits
 * with 137 right after the COMMIT of its Nth push, before answering — as a kill -9 would.
 */
function crashHook(): (() => void) | undefined {
  const n = Number(process.env.LOTLINE_TEST_CRASH_AFTER_COMMIT ?? 0);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  let pushes = 0;
  return () => {
    if (++pushes >= n) process.exit(137);
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  // Checked before anything opens: an unknown zone is a usage error, not a half-started server.
  const plantZone = opts.timeZone === undefined ? undefined : checkTimeZone(opts.timeZone);
  const log = opts.logger ?? pino({ level: process.env.LOTLINE_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const central = opts.db ?? (await openCentralDb({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl }));
  let board: Board | undefined;
  const hub = new LiveHub(
    (token) => authenticateStation(central.db, token),
    (stationId, connected) => board?.presence(stationId, connected),
  );
  board = new Board(central.db, log, (what) => hub.notify(what), plantZone === undefined ? {} : { timeZone: plantZone });
  const afterCommit = crashHook();
  const notify = (what: 'holds' | 'master') => {
    hub.notify(what);
    if (what === 'holds') board?.holdsChanged();
  };
  const app = createApp({ db: central.db, log, notify, board, credentialsChanged: () => void hub.recheck().catch((err: unknown) => log.error({ err }, 'live channel recheck failed')), ...(afterCommit ? { pushHooks: { afterCommit } } : {}) });
  const server = (
    opts.tls
      ? createAdaptorServer({ fetch: app.fetch, createServer: createHttpsServer, serverOptions: { cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) } })
      : createAdaptorServer({ fetch: app.fetch })
  ) as Server;
  // Clients reuse idle connections for up to the server's keep-alive hint minus a second; with
  // Node's 5 s default, a station (or the fifty-station test) under load could send on a socket
  // the server was closing at that moment and see ECONNRESET. A long keep-alive makes that race rare.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', (req, socket, head) => (new URL(req.url ?? '/', 'http://x').pathname === '/board/live' ? board.live.handleUpgrade(req, socket, head) : hub.handleUpgrade(req, socket, head)));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4790, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ url, database: central.kind }, 'central server ready');
  // Whatever was pushed while the board was not projecting (an older server, a crash): caught up in the background.
  void board.catchUpAll().catch((err: unknown) => log.error({ err }, 'board catch-up failed'));
  return {
    url,
    port,
    central,
    hub,
    board,
    async close() {
      board.close();
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      if (!opts.db) await central.close();
    },
  };
}
