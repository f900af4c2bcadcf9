#!/usr/bin/env node
// Fails (exit 1) when an import crosses a layer boundary. Dependencies point one way:
// renderer → shared (the contract) ← station runtime → shared. shared/ has no I/O: it imports
// no Node built-in, no DOM-bound package and no Electron. Only electron/shell/ touches
// the `electron` module. The per-layer tsconfigs (no Node or DOM types for shared/) catch
// globals; this catches imports, which a type check would let through when types leak in.
// electron/node/ is VS Code's `node` layer: Node-only helpers (PDF, scrypt) that both the
// station runtime and the central server use, so neither keeps a copy of the other's.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Packages shared/ may use: pure, no I/O, no host. */
const SHARED_PACKAGES = new Set(['zod']);

function layerOf(file) {
  const rel = relative(root, file).split(sep).join('/');
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('renderer/')) return 'renderer';
  if (rel === 'electron/shell/preload.ts') return 'preload';
  if (rel.startsWith('electron/node/')) return 'node';
  if (rel.startsWith('electron/shell/')) return 'shell';
  if (rel.startsWith('electron/')) return 'runtime';
  if (rel.startsWith('server/')) return 'server';
  return 'other';
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

/** Returns a reason string when `spec` imported from `file` breaks a rule, else undefined. */
export function violation(file, spec) {
  const from = layerOf(file);
  const isRelative = spec.startsWith('.') || spec.startsWith('/');
  const target = isRelative ? layerOf(resolve(dirname(file), spec)) : undefined;
  const pkg = isRelative ? undefined : packageName(spec);
  const isTest = /\.test\.tsx?$/.test(file);
  switch (from) {
    case 'shared':
      if (target && target !== 'shared') return `shared/ may import only shared/ (imports ${target})`;
      if (pkg && builtins.has(spec)) return 'shared/ must not import Node built-ins';
      if (pkg && !isTest && !SHARED_PACKAGES.has(pkg)) return `shared/ may import only pure packages (${[...SHARED_PACKAGES].join(', ')}); "${pkg}" is not one`;
      return undefined;
    case 'renderer':
      if (target && target !== 'renderer' && target !== 'shared') return `renderer/ may import only renderer/ and shared/ (imports ${target})`;
      if (pkg && (builtins.has(spec) || pkg === 'electron')) return `renderer/ must not import "${spec}"`;
      return undefined;
    case 'preload':
      if (target && target !== 'shared') return `the preload may import only shared/ (imports ${target})`;
      if (pkg && pkg !== 'electron') return `the preload may import only "electron" and shared/ ("${spec}")`;
      return undefined;
    case 'runtime':
      if (target === 'renderer' || target === 'shell' || target === 'preload') return `the station runtime must not import ${target} code`;
      if (pkg === 'electron') return 'only electron/shell/ may import the electron module';
      return undefined;
    case 'shell':
      if (target === 'renderer' || target === 'server') return `the Electron shell must not import ${target} code`;
      return undefined;
    case 'node':
      if (target && target !== 'node' && target !== 'shared') return `electron/node/ may import only electron/node/ and shared/ (imports ${target})`;
      if (pkg === 'electron') return 'electron/node/ must not import electron';
      return undefined;
    case 'server':
      if (target && target !== 'server' && target !== 'shared' && target !== 'node' && !isTest) return `server/ may import only server/, electron/node/ and shared/ (imports ${target})`;
      if (pkg === 'electron') return 'server/ must not import electron';
      return undefined;
    default:
      return undefined;
  }
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

export function check(dirs = ['shared', 'renderer', 'electron', 'server']) {
  const problems = [];
  for (const d of dirs) {
    let entries;
    try { entries = [...walk(join(root, d))]; } catch { continue; }
    for (const file of entries) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const ref of info.importedFiles) {
        const why = violation(file, ref.fileName);
        if (why) problems.push(`${relative(root, file)}: import "${ref.fileName}" — ${why}`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = check();
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`\n${problems.length} layer violation(s).`);
    process.exit(1);
  }
  console.log('layers: ok');
}
