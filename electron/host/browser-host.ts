// Browser mode: serves the built UI on 127.0.0.1 and carries StationApi over a WebSocket
// guarded by a per-run token and an Origin check, so other local pages and programs cannot
// drive the station.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/wire';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { dispatch } from '../station/runtime/dispatch';
import type { StationRuntime } from '../station/runtime/runtime';
import { contentTypeOf } from '../node/mime';


export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export async function startBrowserHost(opts: { runtime: StationRuntime; rendererDir: string; port?: number; logger?: Logger; token?: string }): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => serveStatic(opts.rendererDir, req, res, port));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const allowedOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const tokenOk = given.length === token.length && timingSafeEqual(given, Buffer.from(token));
    // Browsers always send Origin on a WebSocket handshake; a missing one is a non-browser
    // client, which must still present the token.
    if (url.pathname !== '/api' || !tokenOk || (origin !== undefined && !allowedOrigins.includes(origin))) {
      opts.logger?.warn({ path: url.pathname, origin, tokenOk }, 'refused WebSocket connection');
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  const unsubscribe = opts.runtime.onPush((push) => {
    const frame = JSON.stringify({ push });
    for (const c of clients) if (c.readyState === c.OPEN) c.send(frame);
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', (err) => opts.logger?.warn({ err }, 'WebSocket error'));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'invalid_input', message: 'binary messages are not accepted' } }));
        return;
      }
      void dispatch(opts.runtime, data.toString()).then((res) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(res));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#token=${token}`;

  return {
    url,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const c of clients) c.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() ends only idle keep-alives: a socket Chromium opened ahead of need, or one
      // half-way through a request, would hold the stop until node:http's own timeouts.
      server.closeAllConnections();
      await closed;
    },
  };
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, port: number): void {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(["'self'", `ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  let file = normalize(join(root, pathname));
  if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
    res.writeHead(403, headers).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { ...headers, 'Content-Type': 'text/plain' }).end('The station UI is not built. Run `npm run build`.');
    return;
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(file),
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
