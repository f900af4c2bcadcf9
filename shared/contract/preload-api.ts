// What the Electron preload puts on `window.lotline`: one function per StationApi method
// (never ipcRenderer itself) and a push subscription.
import type { StationMethod } from './station';
import type { Response } from './wire';

export interface PreloadApi {
  readonly methods: { readonly [M in StationMethod]: (input: unknown) => Promise<Response> };
  onPush(listener: (push: unknown) => void): () => void;
}
