#!/usr/bin/env node
// Builds everything with Vite: the renderer (browser code), the Node bundles (CLI and the
// station runtime process) and the Electron shell (main as ESM, preload as CommonJS
// because sandboxed preloads cannot be ES modules). Dependencies stay external: native
// modules (better-sqlite3, serialport, usb) must be loaded from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'vite';

const quiet = { logLevel: 'warn' };
rmSync('dist', { recursive: true, force: true });

await build({ ...quiet, configFile: 'vite.config.ts' });

await build({
  ...quiet,
  configFile: false,
  build: {
    ssr: true,
    outDir: 'dist/node',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { cli: 'electron/cli/run.ts', 'station-process': 'electron/station/process.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});

await build({
  ...quiet,
  configFile: false,
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'electron/shell/main.ts' },
      external: ['electron'],
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});

await build({
  ...quiet,
  configFile: false,
  build: {
    ssr: true,
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node20',
    rollupOptions: {
      input: { preload: 'electron/shell/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
    // The preload must carry its few shared imports inside it: a sandboxed preload can
    // require only `electron` and a handful of Node polyfills.
  },
  ssr: { noExternal: true },
});
console.log('build: dist/renderer, dist/node, dist/electron');
