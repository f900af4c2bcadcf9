#!/usr/bin/env node
// Type-checks each layer with its own settings: shared/ without Node or DOM types, the
// runtime and server with Node's, the renderer with the DOM's, the tests with both.
import { spawnSync } from 'node:child_process';

const configs = ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.renderer.json', 'tsconfig.tests.json'];
let failed = 0;
for (const c of configs) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', c], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck: ${c} failed`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
