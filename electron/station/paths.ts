// Where the app's own files are (migrations, resources, the built renderer), whether it runs
// from a checkout, from the built bundle or packaged inside Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../node/app-root';

export { appRoot };

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
