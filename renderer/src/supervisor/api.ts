// The supervisor views' connection to the central server: the REST API with the user's
// session token (kept in sessionStorage, so it dies with the tab), and the live channel
// (first frame authenticates), reconnecting with backoff. Everything else goes through here.
import type { BoardLiveMessage } from '../../../shared/board/api';

const TOKEN_KEY = 'lotline.board.token';
const USER_KEY = 'lotline.board.user';

export interface BoardUser {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export class BoardApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function savedSession(): { token: string; user: BoardUser } | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const user = sessionStorage.getItem(USER_KEY);
  if (!token || !user) return null;
  try {
    return { token, user: JSON.parse(user) as BoardUser };
  } catch {
    return null;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}

async function request<T>(method: string, path: string, body?: unknown, token?: string | null): Promise<T> {
  const res = await fetch(`/board/api${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const b = (parsed ?? {}) as { error?: string; message?: string };
    throw new BoardApiError(res.status, b.error ?? 'internal', b.message ?? res.statusText);
  }
  return parsed as T;
}

export async function login(username: string, password: string): Promise<{ token: string; user: BoardUser }> {
  const r = await request<{ token: string; userId: string; name: string; roles: string[] }>('POST', '/login', { username, password });
  const user = { userId: r.userId, name: r.name, roles: r.roles };
  sessionStorage.setItem(TOKEN_KEY, r.token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  return { token: r.token, user };
}

export interface BoardApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** A file download (CSV, PDF, a certificate) with the session token; without `filename`, the one the server names. */
  download(path: string, filename?: string): Promise<void>;
}

export function boardApi(token: string, onUnauthenticated: () => void): BoardApi {
  const guard = async <T>(p: Promise<T>) => {
    try {
      return await p;
    } catch (err) {
      if (err instanceof BoardApiError && err.status === 401 && err.code === 'unauthenticated' && !/password/i.test(err.message)) onUnauthenticated();
      throw err;
    }
  };
  return {
    get: (path) => guard(request('GET', path, undefined, token)),
    post: (path, body) => guard(request('POST', path, body ?? {}, token)),
    async download(path, filename) {
      const res = await fetch(`/board/api${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) {
        // The server's own sentence (e.g. a certificate that has not reached central yet), when it sent one.
        const b = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
        throw new BoardApiError(res.status, b.error ?? 'download', b.message ?? res.statusText);
      }
      const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
      saveBlob(await res.blob(), filename ?? named ?? 'download');
    },
  };
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The live channel: calls `onMessage` for each message, `onState` on connect/disconnect; reconnects until closed. */
export function openLive(token: string, onMessage: (m: BoardLiveMessage) => void, onState: (connected: boolean) => void): () => void {
  let ws: WebSocket | null = null;
  let closed = false;
  let delay = 500;
  let timer: number | undefined;
  const connect = () => {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/board/live`);
    ws.onopen = () => ws?.send(JSON.stringify({ topic: 'auth', token }));
    ws.onmessage = (ev) => {
      let m: BoardLiveMessage;
      try {
        m = JSON.parse(String(ev.data)) as BoardLiveMessage;
      } catch {
        return;
      }
      if (m.topic === 'hello') {
        delay = 500;
        onState(true);
      }
      onMessage(m);
    };
    ws.onclose = () => {
      onState(false);
      if (closed) return;
      timer = window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();
  return () => {
    closed = true;
    window.clearTimeout(timer);
    ws?.close();
  };
}
