// The live channel: one WebSocket per online station at /sync/live. It carries only "pull
// now" nudges; the data always comes from the pull endpoints, so a lost nudge costs at
// most one poll interval and a station that reconnects simply pulls.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_HEADER, PROTOCOL_MAJOR, PROTOCOL_VERSION, parseProtocolVersion, type LiveMessage } from '../../shared/sync/protocol';
import { startHeartbeat, trackPong } from '../ws-heartbeat';


export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Map<WebSocket, { stationId: string; alive: boolean }>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly authenticate: (token: string) => Promise<{ stationId: string } | null>,
    /** Told when a station's channel opens or closes (the supervisor board's online state). */
    private readonly onPresence?: (stationId: string, connected: boolean) => void,
  ) {
    this.pinger = startHeartbeat(this.sockets);
  }

  get connected(): number {
    return this.sockets.size;
  }

  /** For the HTTP server's `upgrade` event. Refuses with a plain HTTP status before the handshake. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
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
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, who.stationId));
      },
      () => refuse(500, 'Internal Server Error'),
    );
  }

  private accept(ws: WebSocket, stationId: string): void {
    const state = { stationId, alive: true };
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
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
