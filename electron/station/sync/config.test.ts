import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveServerUrl } from './config';

describe('where a station finds its server without flags', () => {
  const withConfig = mkdtempSync(join(tmpdir(), 'lotline-cfg-'));
  const empty = mkdtempSync(join(tmpdir(), 'lotline-cfg-'));
  writeFileSync(join(withConfig, 'sync.json'), JSON.stringify({ serverUrl: 'http://from-config:4790' }));
  afterAll(() => [withConfig, empty].forEach((d) => rmSync(d, { recursive: true, force: true })));
  const credential = { serverUrl: 'http://from-credential:4790', stationId: 'S', token: 't', enrolledAt: '2026-01-01T00:00:00Z' };

  it.each([
    ['the flag wins', { flag: 'http://flag', env: { LOTLINE_SERVER_URL: 'http://env' }, dataDir: withConfig, credential }, 'http://flag'],
    ['then the environment', { env: { LOTLINE_SERVER_URL: 'http://env' }, dataDir: withConfig, credential }, 'http://env'],
    ['then <data>/sync.json', { env: {}, dataDir: withConfig, credential }, 'http://from-config:4790'],
    ['then the credential', { env: {}, dataDir: empty, credential }, 'http://from-credential:4790'],
    ['else none', { env: {}, dataDir: empty, credential: null }, null],
  ])('%s', (_, opts, expected) => {
    expect(resolveServerUrl(opts)).toBe(expected);
  });
});
