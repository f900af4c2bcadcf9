// The board's live channel for browsers at /board/live. A browser cannot set headers on a
// WebSocket, so the first frame carries the user's session token (never the URL, which
// ends up in logs); a socket that does not authenticate within five seconds, or whose
// user may not see the board, is closed. The Origin must be this server's own.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BoardAuthFrameSchema, canView, type BoardLiveMessage } from '../../shared/board/api';
import type { UserPrincipal } from '../auth';
import { startHeartbeat, trackPong } from '../ws-heartbeat';

const AUTH_MS = 5_000;

export class BoardLiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly sockets = new Map<WebSocket, { user: UserPrincipal; alive: boolean }>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly authenticate: (token: string) => Promise<UserPrincipal | null>,
    private readonly onJoin: (ws: WebSocket) => void,
  ) {
    this.pinger = startHeartbeat(this.sockets);
  }

  get connected(): number {
    return this.sockets.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A browser gone in the middle of the handshake errors on the raw socket: unheard, that would end the server process.
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin;
    const host = req.headers.host;
    // Browsers always send Origin: a page of another site may not open the board's channel.
    let sameOrigin = true;
    try {
      sameOrigin = origin === undefined || host === undefined || new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.pending(ws));
  }

  private pending(ws: WebSocket): void {
    // Until it authenticates, a socket is in no list whose listener would hear its errors.
    ws.on('error', () => ws.terminate());
    const timer = setTimeout(() => ws.close(4401, 'authenticate first'), AUTH_MS);
    ws.once('message', (data) => {
      clearTimeout(timer);
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        frame = null;
      }
      const auth = BoardAuthFrameSchema.safeParse(frame);
      if (!auth.success) return ws.close(4400, 'the first frame must be {topic:"auth", token}');
      void this.authenticate(auth.data.token).then(
        (user) => {
          if (!user) return this.deny(ws, 4401, 'log in again');
          if (!canView(user.roles)) return this.deny(ws, 4403, `${user.name} may not open the supervisor views`);
          const state = { user, alive: true };
          this.sockets.set(ws, state);
          trackPong(ws, state);
          ws.on('close', () => this.sockets.delete(ws));
          ws.on('error', () => this.sockets.delete(ws));
          this.send(ws, { topic: 'hello', userId: user.userId, serverTime: new Date().toISOString() });
          this.onJoin(ws);
        },
        () => ws.close(1011, 'server error'),
      );
    });
    ws.on('error', () => clearTimeout(timer));
  }

  private deny(ws: WebSocket, code: number, message: string): void {
    this.send(ws, { topic: 'denied', message });
    ws.close(code, message.slice(0, 100));
  }

  send(ws: WebSocket, m: BoardLiveMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  }

  broadcast(m: BoardLiveMessage): void {
    if (!this.sockets.size) return;
    const text = JSON.stringify(m);
    for (const ws of this.sockets.keys()) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  close(): void {
    clearInterval(this.pinger);
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
