// Picks the StationApi transport: Electron's preload bridge when present, otherwise the
// browser-mode WebSocket with the per-run token from the URL fragment.
import { createStationClient, type StationClient, type Transport } from '../../../shared/contract/client';
import { PushSchema } from '../../../shared/contract/station';
import type { PreloadApi } from '../../../shared/contract/preload-api';
import { createSocketTransport, type MinimalSocket } from '../../../shared/contract/socket-transport';

declare global {
  interface Window {
    lotline?: PreloadApi;
  }
}

export interface Connection {
  readonly client: StationClient;
  readonly mode: 'electron' | 'browser';
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

const TOKEN_KEY = 'lotline.token';

function takeToken(): string | null {
  const m = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function connect(): Connection {
  const bridge = window.lotline;
  if (bridge) {
    const transport: Transport = {
      request: (method, input) => {
        const fn = bridge.methods[method as keyof PreloadApi['methods']];
        if (!fn) return Promise.resolve({ id: 0, ok: false as const, error: { code: 'unknown_method' as const, message: `unknown method ${method}` } });
        return fn(input);
      },
      onPush: (listener) =>
        bridge.onPush((raw) => {
          const p = PushSchema.safeParse(raw);
          if (p.success) listener(p.data);
        }),
    };
    return { client: createStationClient(transport), mode: 'electron', onConnectionChange: () => () => undefined };
  }
  const token = takeToken() ?? '';
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  const transport = createSocketTransport(() => new WebSocket(wsUrl) as unknown as MinimalSocket, { setTimer: (fn, ms) => window.setTimeout(fn, ms) });
  return { client: createStationClient(transport), mode: 'browser', onConnectionChange: (l) => transport.onConnectionChange(l) };
}
