// The folder holding lotline's package.json, whether code runs from a checkout, from the
// built bundle or packaged: the station and the server both find their files from it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Walks up from this module; LOTLINE_APP_ROOT overrides. */
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
