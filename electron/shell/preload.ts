// The only bridge between the sandboxed renderer and the station: one function per
// StationApi method and a push subscription. ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { STATION_METHODS } from '../../shared/contract/station';
import type { PreloadApi } from '../../shared/contract/preload-api';

const methods = Object.freeze(
  Object.fromEntries(STATION_METHODS.map((m) => [m, (input: unknown) => ipcRenderer.invoke('lotline:call', m, input)])),
) as PreloadApi['methods'];

const api: PreloadApi = {
  methods,
  onPush(listener) {
    const handler = (_e: IpcRendererEvent, push: unknown) => listener(push);
    ipcRenderer.on('lotline:push', handler);
    return () => ipcRenderer.removeListener('lotline:push', handler);
  },
};

contextBridge.exposeInMainWorld('lotline', api);
