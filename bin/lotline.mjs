#!/usr/bin/env node
// `lotline` launcher: the built bundle when present (production, `npm run build`), otherwise
// the TypeScript sources through tsx (a developer checkout before its first build).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'node', 'cli.mjs');
if (existsSync(built) && process.env.LOTLINE_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'electron', 'cli', 'run.ts')).href);
}
