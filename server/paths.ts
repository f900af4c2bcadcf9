// Where the server's own files are (its migrations), from a checkout or from the built bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding lotline's package.json (walks up from this module; LOTLINE_APP_ROOT overrides). */
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

export const centralMigrationsDir = () => join(appRoot(), 'migrations', 'central');
