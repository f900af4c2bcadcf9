#!/usr/bin/env node
// `npm start`: the Electron app when its binary is installed; otherwise browser mode (the
// same runtime and UI, the UI in Chromium) — saying which, and why, in one line.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronBinary = null;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = null;
}
const passthrough = process.argv.slice(2);
if (typeof electronBinary === 'string') {
  console.log('Starting the Electron app (its binary is installed).');
  spawn(electronBinary, ['.', ...passthrough], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 0));
} else {
  console.log('Electron binary not installed (it cannot be downloaded here) — starting browser mode: runtime in Node, UI in your browser.');
  spawn(process.execPath, ['bin/lotline.mjs', 'station', '--open', ...passthrough], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 0));
}
