// The StationApi transport over a WebSocket, written against the few members that both the
// browser's WebSocket and Node's `ws` share, so the UI and the tests use the same code.
// Timers come from the host too: shared/ has no global clock or scheduler.
import { StationError } from './errors';
import type { Push } from './station';
import type { Transport } from './client';
import { ServerMessageSchema, type Response } from './wire';

export interface MinimalSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

const OPEN = 1;

export interface SocketTransport extends Transport {
  /** Resolves once connected (again). */
  ready(): Promise<void>;
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  close(): void;
}

/**
 * Connects with `open()`, reconnects after a drop (the runtime may restart), and fails the
 * calls in flight when the connection is lost — an unanswered command may or may not have
 * been recorded, so the caller must look, never blindly resend.
 */
export function createSocketTransport(
  open: () => MinimalSocket,
  opts: { reconnectMs?: number; setTimer: (fn: () => void, ms: number) => unknown },
): SocketTransport {
  let socket: MinimalSocket | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (r: Response) => void>();
  const pushListeners = new Set<(p: Push) => void>();
  const connListeners = new Set<(c: boolean) => void>();
  let waiters: Array<() => void> = [];

  const connect = () => {
    const s = open();
    socket = s;
    s.onopen = () => {
      connListeners.forEach((l) => l(true));
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    };
    s.onmessage = (ev) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      const parsed = ServerMessageSchema.safeParse(msg);
      if (!parsed.success) return;
      const m = parsed.data;
      if ('push' in m) pushListeners.forEach((l) => l(m.push));
      else pending.get(m.id)?.(m);
    };
    s.onerror = () => undefined;
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      connListeners.forEach((l) => l(false));
      for (const [id, resolve] of pending) resolve({ id, ok: false, error: { code: 'internal', message: 'connection to the station runtime was lost before it answered' } });
      pending.clear();
      if (!closed) opts.setTimer(connect, opts.reconnectMs ?? 500);
    };
  };
  connect();

  const ready = () =>
    socket && socket.readyState === OPEN ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));

  return {
    ready,
    async request(method, input) {
      await ready();
      const id = nextId++;
      return new Promise<Response>((resolve) => {
        pending.set(id, (r) => {
          pending.delete(id);
          resolve(r);
        });
        try {
          socket!.send(JSON.stringify({ id, method, input }));
        } catch (err) {
          pending.delete(id);
          resolve({ id, ok: false, error: new StationError('internal', `could not send: ${(err as Error).message}`).toJSON() });
        }
      });
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connListeners.add(listener);
      return () => connListeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
