// The Electron shell: one locked-down window, the station runtime in a utility process,
// and IPC forwarded between them. The window shows the station UI, or — on a supervisor
// station — the central server's board (window-plan.ts decides; same lockdown either way). It never touches the store itself, so its event loop
// stays free for the window. Cannot run on machines without the Electron binary; kept thin.
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, utilityProcess, type UtilityProcess } from 'electron';
import { STATION_METHODS } from '../../shared/contract/station';
import type { Response } from '../../shared/contract/wire';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { mayNavigate, originOf, planWindow, type WindowPlan } from './window-plan';

const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://lotline`;
const distDir = join(import.meta.dirname, '..');
const rendererDir = join(distDir, 'renderer');
const kiosk = process.argv.includes('--kiosk') || process.env.LOTLINE_KIOSK === '1';

const CSP = contentSecurityPolicy([]);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let plan: WindowPlan | null = null;
  let station: UtilityProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Response) => void>();

  const startStation = () => {
    station = utilityProcess.fork(join(distDir, 'node', 'station-process.mjs'), [], {
      serviceName: 'Lotline station runtime',
      env: { ...process.env, LOTLINE_DATA: join(app.getPath('userData'), 'station') },
      stdio: 'inherit',
    });
    station.on('message', (m: { kind: string; push?: unknown; id?: number; op?: string; value?: string; stationType?: string | null; serverUrl?: string | null } & Response) => {
      if (m.kind === 'ready') openWindow(planWindow({ appOrigin: APP_ORIGIN, stationType: m.stationType, serverUrl: m.serverUrl }));
      else if (m.kind === 'fatal') openWindow(planWindow({ appOrigin: APP_ORIGIN, stationType: null, serverUrl: null }));
      else if (m.kind === 'push') win?.webContents.send('lotline:push', m.push);
      else if (m.kind === 'credential' && typeof m.id === 'number') station?.postMessage(credentialOp(m.id, m.op ?? '', m.value));
      else if (m.kind === 'response' && typeof m.id === 'number') {
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      }
    });
    station.on('exit', (code) => {
      if (!win && !quitting) openWindow(planWindow({ appOrigin: APP_ORIGIN, stationType: null, serverUrl: null }));
      for (const [id, resolve] of pending) resolve({ id, ok: false, error: { code: 'internal', message: `the station runtime stopped (exit ${code})` } });
      pending.clear();
      station = null;
    });
  };

  // The sync credential in the OS keychain: only ciphertext touches the disk.
  const credentialFile = () => join(app.getPath('userData'), 'station-credential.bin');
  const credentialOp = (id: number, op: string, value?: string) => {
    if (!safeStorage.isEncryptionAvailable()) return { kind: 'credential_result', id, ok: false, unavailable: true };
    try {
      if (op === 'load') return { kind: 'credential_result', id, ok: true, value: existsSync(credentialFile()) ? safeStorage.decryptString(readFileSync(credentialFile())) : null };
      if (op === 'save' && value !== undefined) {
        writeFileSync(credentialFile(), safeStorage.encryptString(value), { mode: 0o600 });
        return { kind: 'credential_result', id, ok: true };
      }
      if (op === 'clear') {
        rmSync(credentialFile(), { force: true });
        return { kind: 'credential_result', id, ok: true };
      }
      return { kind: 'credential_result', id, ok: false, error: `unknown operation ${op}` };
    } catch (err) {
      return { kind: 'credential_result', id, ok: false, error: (err as Error).message };
    }
  };

  ipcMain.handle('lotline:call', (event, method: unknown, input: unknown) => {
    // Only our own page may call, and only contract methods; the runtime validates input.
    if (originOf(event.senderFrame?.url ?? 'about:blank') !== APP_ORIGIN) throw new Error('refused: unknown sender');
    if (typeof method !== 'string' || !(STATION_METHODS as string[]).includes(method)) throw new Error('refused: unknown method');
    if (!station) return { id: 0, ok: false, error: { code: 'internal', message: 'the station runtime is not running' } } satisfies Response;
    const id = nextId++;
    return new Promise<Response>((resolve) => {
      pending.set(id, resolve);
      station!.postMessage({ kind: 'request', id, method, input });
    });
  });

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const guard = (e: { preventDefault(): void }, url: string) => {
      if (!plan || !mayNavigate(plan, url)) e.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    protocol.handle(APP_SCHEME, async (req) => {
      const path = normalize(join(rendererDir, decodeURIComponent(new URL(req.url).pathname)));
      if (!path.startsWith(rendererDir + sep)) return new globalThis.Response('forbidden', { status: 403 });
      const res = await net.fetch(pathToFileURL(path).toString());
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new globalThis.Response(res.body, { status: res.status, headers });
    });
    // The window opens when the runtime says what this station is (or that it failed).
    startStation();
  });

  /** One window, created once, loading what the plan says; the station UI's preload only into our own page. */
  function openWindow(next: WindowPlan): void {
    if (win) return;
    plan = next;
    if (next.problem) console.warn(`lotline: ${next.problem}`);
    win = new BrowserWindow({
      width: 1280,
      height: 800,
      kiosk,
      fullscreen: kiosk,
      autoHideMenuBar: true,
      backgroundColor: '#0f1419',
      webPreferences: {
        ...(next.preload ? { preload: join(distDir, 'electron', 'preload.cjs') } : {}),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: false,
      },
    });
    void win.loadURL(next.url);
    win.on('closed', () => (win = null));
  }

  // Clean shutdown: the runtime closes the session (an audited logout) and the database
  // before the app exits; a runtime that does not answer in 5 s is killed.
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !station) return;
    e.preventDefault();
    quitting = true;
    const proc = station;
    const timer = setTimeout(() => proc.kill(), 5000);
    proc.once('exit', () => {
      clearTimeout(timer);
      app.quit();
    });
    proc.postMessage({ kind: 'shutdown' });
  });
  app.on('window-all-closed', () => app.quit());
}
