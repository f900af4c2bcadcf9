#!/usr/bin/env node
// Builds everything with Vite: the renderer (browser code), the Node bundles (CLI and the
// station runtime process) and the Electron shell (main as ESM, preload as CommonJS
// because sandboxed preloads cannot be ES modules). Dependencies stay external: native
// modules (better-sqlite3, serialport, usb) must be loaded from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'vite';

// Always a production build: run from vitest's global setup this process inherits
// NODE_ENV=test, and Vite then bundles React's development build (jsxDEV, dev warnings; the
// board page painted ~2× slower) into the dist/ that Playwright and the bench use.
process.env.NODE_ENV = 'production';

const quiet = { logLevel: 'warn' };
rmSync('dist', { recursive: true, force: true });

await build({ ...quiet, configFile: 'vite.config.ts' });

/** A Node-side bundle (SSR mode: dependencies stay external unless `bundleDeps`). */
function nodeBundle({ outDir, input, format, ext, emptyOutDir, bundleDeps = false, external = [] }) {
  return build({
    ...quiet,
    configFile: false,
    build: {
      ssr: true,
      outDir,
      emptyOutDir,
      target: 'node20',
      sourcemap: format === 'es',
      rollupOptions: { input, external, output: { format, entryFileNames: `[name].${ext}`, chunkFileNames: `chunks/[name]-[hash].${ext}` } },
    },
    ...(bundleDeps ? { ssr: { noExternal: true } } : {}),
  });
}

await nodeBundle({ outDir: 'dist/node', emptyOutDir: true, format: 'es', ext: 'mjs', input: { cli: 'electron/cli/run.ts', 'station-process': 'electron/station/process.ts' } });
await nodeBundle({ outDir: 'dist/electron', emptyOutDir: true, format: 'es', ext: 'mjs', input: { main: 'electron/shell/main.ts' }, external: ['electron'] });
// The preload carries its few shared imports inside it: a sandboxed preload can require
// only `electron` and a handful of Node polyfills, and cannot be an ES module.
await nodeBundle({ outDir: 'dist/electron', emptyOutDir: false, format: 'cjs', ext: 'cjs', input: { preload: 'electron/shell/preload.ts' }, external: ['electron'], bundleDeps: true });
console.log('build: dist/renderer, dist/node, dist/electron');
