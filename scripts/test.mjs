#!/usr/bin/env node
// `npm test`: every tier in order — type check per layer, layer rules, build, unit and
// integration tests (vitest: real SQLite, ptys, TCP, PostgreSQL), end-to-end (Playwright in
// Debian's Chromium) — then one closing line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const out = join('test-results');
mkdirSync(out, { recursive: true });
const node = process.execPath;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

// Gate steps count as one check each: a broken type or layer fails the run.
for (const [name, args] of [
  ['type check (per layer)', ['scripts/typecheck.mjs']],
  ['layer rules', ['scripts/check-layers.mjs']],
  ['build', ['scripts/build.mjs']],
]) {
  if (step(name, node, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const vitestJson = join(out, 'vitest.json');
rmSync(vitestJson, { force: true });
step('unit + integration tests (vitest)', node, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests || r.numFailedTestSuites) failures.push('vitest');
  // A file that failed to load has no test results but is still a failure.
  if (r.numFailedTestSuites && !r.numFailedTests) failed += r.numFailedTestSuites;
} else {
  failed++;
  failures.push('vitest (no report)');
}

const pwJson = join(out, 'playwright.json');
rmSync(pwJson, { force: true });
step('end-to-end tests (Playwright, Debian Chromium)', node, ['node_modules/@playwright/test/cli.js', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
if (existsSync(pwJson)) {
  const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped;
  if (s.unexpected) failures.push('playwright');
} else {
  failed++;
  failures.push('playwright (no report)');
}

console.log(failures.length ? `\nFailed: ${failures.join(', ')}` : '\nAll tiers green.');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
