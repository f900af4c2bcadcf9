// Both live channels (stations, supervisor boards) drop a socket that missed a whole ping
// interval — a pulled cable leaves no FIN — so notifications never write into the void.
import type { WebSocket } from 'ws';

export const PING_MS = 30_000;

/** Pings every socket in `sockets` each interval and terminates the ones that did not answer the last ping. */
export function startHeartbeat(sockets: ReadonlyMap<WebSocket, { alive: boolean }>, everyMs = PING_MS): NodeJS.Timeout {
  const timer = setInterval(() => {
    for (const [ws, s] of sockets) {
      if (!s.alive) ws.terminate();
      else {
        s.alive = false;
        ws.ping();
      }
    }
  }, everyMs);
  timer.unref();
  return timer;
}

/** Marks a socket alive whenever it answers a ping. */
export function trackPong(ws: WebSocket, state: { alive: boolean }): void {
  ws.on('pong', () => (state.alive = true));
}
