// Where the app's own files are (migrations, resources, the built renderer), whether it runs
// from a checkout, from the built bundle or packaged inside Electron.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding package.json of lotline (walks up from this module). */
export function appRoot(): string {
  if (cached) return cached;
  if (process.env.LOTLINE_APP_ROOT) return (cached = process.env.LOTLINE_APP_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'lotline') return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the lotline package root (set LOTLINE_APP_ROOT)');
    dir = up;
  }
}

/** Packaged Electron apps keep migrations and resources outside the asar, in resourcesPath. */
function packaged(...parts: string[]): string | null {
  const res = (process as unknown as { resourcesPath?: string }).resourcesPath;
  const p = res ? join(res, ...parts) : null;
  return p && existsSync(p) ? p : null;
}

export const stationMigrationsDir = () => packaged('migrations', 'station') ?? join(appRoot(), 'migrations', 'station');
export const rendererDistDir = () => join(appRoot(), 'dist', 'renderer');
export const resourcesDir = () => packaged('resources') ?? join(appRoot(), 'resources');

/** The station's data folder when none is given: $LOTLINE_DATA, else the user's data folder. */
export function defaultDataDir(): string {
  if (process.env.LOTLINE_DATA) return process.env.LOTLINE_DATA;
  const base = process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? process.cwd(), '.local', 'share');
  return join(base, 'lotline', 'station');
}
