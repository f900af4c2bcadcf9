// The live channel: one WebSocket per online station at /sync/live. It carries only "pull
// now" nudges; the data always comes from the pull endpoints, so a lost nudge costs at
// most one poll interval and a station that reconnects simply pulls.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_HEADER, PROTOCOL_MAJOR, PROTOCOL_VERSION, parseProtocolVersion, type LiveMessage } from '../../shared/sync/protocol';
import { PING_MS, startHeartbeat, trackPong } from '../ws-heartbeat';

/** The close code a station's live channel gets when its credential is revoked (4000–4999: the application's own). */
export const CLOSE_CREDENTIAL_REVOKED = 4401;

export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  /** `token`: the credential the channel was opened with, checked again while it stays open. */
  private readonly sockets = new Map<WebSocket, { stationId: string; alive: boolean; token: string }>();
  private readonly pinger: NodeJS.Timeout;
  private readonly rechecker: NodeJS.Timeout;

  constructor(
    private readonly authenticate: (token: string) => Promise<{ stationId: string } | null>,
    /** Told when a station's channel opens or closes (the supervisor board's online state). */
    private readonly onPresence?: (stationId: string, connected: boolean) => void,
  ) {
    this.pinger = startHeartbeat(this.sockets);
    // A credential revoked by another process (the admin CLI on the database) is seen here.
    this.rechecker = setInterval(() => void this.recheck().catch(() => undefined), PING_MS);
    this.rechecker.unref();
  }

  /**
   * Authenticates every open channel again and closes those whose credential no longer works
   * (revoked, or replaced by a new enrollment): an authenticated upgrade is not trust for the
   * socket's lifetime. Returns how many were closed.
   */
  async recheck(): Promise<number> {
    const open = [...this.sockets];
    const verdicts = await Promise.all(open.map(([, s]) => this.authenticate(s.token).then((who) => who?.stationId === s.stationId)));
    let closed = 0;
    open.forEach(([ws], i) => {
      if (verdicts[i] || !this.sockets.has(ws)) return;
      ws.close(CLOSE_CREDENTIAL_REVOKED, 'credential revoked');
      this.gone(ws);
      closed++;
    });
    return closed;
  }

  get connected(): number {
    return this.sockets.size;
  }

  /** For the HTTP server's `upgrade` event. Refuses with a plain HTTP status before the handshake. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client gone while its credential is checked (a reset, a pulled cable) errors on the raw
    // socket before ws owns it: unheard, that error would end the whole server process.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n${PROTOCOL_HEADER}: ${PROTOCOL_VERSION}\r\n\r\n${text}\n`);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/sync/live') return refuse(404, 'Not Found');
    const v = parseProtocolVersion(req.headers[PROTOCOL_HEADER.toLowerCase()] as string | undefined);
    if (!v) return refuse(400, `send a ${PROTOCOL_HEADER} header`);
    if (v.major > PROTOCOL_MAJOR) return refuse(426, `this server speaks protocol ${PROTOCOL_VERSION}; upgrade the server`);
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (!token) return refuse(401, 'Unauthorized');
    void this.authenticate(token).then(
      (who) => {
        if (!who) return refuse(401, 'Unauthorized');
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, who.stationId, token));
      },
      () => refuse(500, 'Internal Server Error'),
    );
  }

  private accept(ws: WebSocket, stationId: string, token: string): void {
    const state = { stationId, alive: true, token };
    this.sockets.set(ws, state);
    trackPong(ws, state);
    ws.on('close', () => this.gone(ws));
    ws.on('error', () => this.gone(ws));
    this.onPresence?.(stationId, true);
    // Stations send nothing; anything they do send is ignored.
    this.send(ws, { topic: 'hello', stationId, serverTime: new Date().toISOString(), protocol: PROTOCOL_VERSION });
    // Whatever changed while the station was away, it should pull at once.
    this.send(ws, { topic: 'pull', what: 'holds' });
    this.send(ws, { topic: 'pull', what: 'master' });
  }

  private gone(ws: WebSocket): void {
    const s = this.sockets.get(ws);
    if (!s) return;
    this.sockets.delete(ws);
    if (this.onPresence && ![...this.sockets.values()].some((o) => o.stationId === s.stationId)) this.onPresence(s.stationId, false);
  }

  private send(ws: WebSocket, m: LiveMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  }

  notify(what: 'holds' | 'master'): void {
    const text = JSON.stringify({ topic: 'pull', what } satisfies LiveMessage);
    for (const ws of this.sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  close(): void {
    clearInterval(this.pinger);
    clearInterval(this.rechecker);
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
