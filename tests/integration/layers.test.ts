// The layer rules are a tool, not a memory: each rule refuses what it should, and the tree
// as committed has no violation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/station';

const { violation, check } = (await import(join(ROOT, 'scripts', 'check-layers.mjs'))) as {
  violation: (file: string, spec: string) => string | undefined;
  check: () => string[];
};

const f = (p: string) => join(ROOT, p);

describe('layer rules', () => {
  it.each([
    ['shared imports a Node built-in', 'shared/barcode/x.ts', 'node:fs', true],
    ['shared imports a Node built-in without prefix', 'shared/x.ts', 'crypto', true],
    ['shared imports the runtime', 'shared/x.ts', '../electron/station/runtime/runtime', true],
    ['shared imports a DOM-bound package', 'shared/x.ts', 'react', true],
    ['shared imports electron', 'shared/x.ts', 'electron', true],
    ['shared imports zod', 'shared/x.ts', 'zod', false],
    ['shared imports shared', 'shared/contract/x.ts', '../events/event', false],
    ['renderer imports the runtime', 'renderer/src/x.ts', '../../electron/station/runtime/runtime', true],
    ['renderer imports a Node built-in', 'renderer/src/x.ts', 'node:fs', true],
    ['renderer imports electron', 'renderer/src/x.ts', 'electron', true],
    ['renderer imports the contract', 'renderer/src/x.ts', '../../shared/contract/client', false],
    ['the runtime imports electron', 'electron/station/x.ts', 'electron', true],
    ['the runtime imports the renderer', 'electron/station/x.ts', '../../renderer/src/App', true],
    ['the shell imports electron', 'electron/shell/main.ts', 'electron', false],
    ['the preload imports a Node built-in', 'electron/shell/preload.ts', 'node:fs', true],
    ['the preload imports the contract', 'electron/shell/preload.ts', '../../shared/contract/station', false],
    ['the server imports the station runtime', 'server/x.ts', '../electron/station/runtime/runtime', true],
    ['the server imports the Node layer', 'server/reports/x.ts', '../../electron/node/pdf/render', false],
    ['the Node layer imports the runtime', 'electron/node/pdf/x.ts', '../../station/runtime/runtime', true],
    ['the Node layer imports the server', 'electron/node/x.ts', '../../server/app', true],
    ['the Node layer imports electron', 'electron/node/x.ts', 'electron', true],
    ['the runtime imports the Node layer', 'electron/station/x.ts', '../node/pdf/render', false],
  ])('%s → %s', (_, file, spec, refused) => {
    expect(Boolean(violation(f(file), spec))).toBe(refused);
  });

  it('the committed tree has no violation', () => {
    expect(check()).toEqual([]);
  });
});
