// Storage faults have a defined behaviour: a full disk or a locked database answers the
// operator with a clear error, records nothing, and leaves the chain gapless afterwards.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/station/store/event-log';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { openDemoRuntime, tempDir } from './helpers/station';

let dir: ReturnType<typeof tempDir>;
let rt: StationRuntime;
beforeEach(async () => {
  dir = tempDir();
  rt = await openDemoRuntime(dir.path);
  const login = await rt.call('auth.login', { badge: 'OP-100', pin: '1111' });
  expect(login.ok).toBe(true);
});
afterEach(async () => {
  await rt.close();
  dir.remove();
});

const scan = (text: string) => rt.call('scan.submit', { text, source: 'test', receivedAt: new Date().toISOString() });

describe('storage faults', () => {
  it('a full disk refuses the command with storage_full and records nothing; the next command after space returns is gapless', async () => {
    const pages = rt.store.sqlite.pragma('page_count', { simple: true }) as number;
    rt.store.sqlite.pragma(`max_page_count = ${pages}`);
    const before = rt.log.lastSeq;
    let res = await scan('A'.repeat(4000));
    for (let i = 0; res.ok && i < 200; i++) res = await scan(`${'B'.repeat(4000)}${i}`);
    expect(res).toMatchObject({ ok: false, error: { code: 'storage_full', message: expect.stringMatching(/disk is full.*Nothing was recorded/) } });
    const stored = rt.log.lastSeq;
    expect((rt.store.sqlite.prepare('SELECT max(seq) AS m FROM events').get() as { m: number }).m).toBe(stored);
    rt.store.sqlite.pragma('max_page_count = 1073741823');
    const ok = await scan('after');
    expect(ok).toMatchObject({ ok: true, result: { seq: stored + 1 } });
    expect(stored).toBeGreaterThanOrEqual(before);
    expect(verifyChain(rt.store.sqlite, 'SMT-01').ok).toBe(true);
  });

  it('a database held by another program answers storage_busy and records nothing', async () => {
    const other = new Database(join(dir.path, 'station.db'));
    other.exec('BEGIN IMMEDIATE');
    const before = rt.log.lastSeq;
    const res = await scan('while locked');
    other.exec('ROLLBACK');
    other.close();
    expect(res).toMatchObject({ ok: false, error: { code: 'storage_busy' } });
    expect(rt.log.lastSeq).toBe(before);
    expect(await scan('after unlock')).toMatchObject({ ok: true, result: { seq: before + 1 } });
  });

  it('a burst of scans with no idle moment keeps the WAL bounded: it is checkpointed between scans and rewritten from its start, not grown', async () => {
    const wal = () => statSync(join(dir.path, 'station.db-wal')).size;
    rt.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect((await scan(`${'W'.repeat(3000)}first`)).ok).toBe(true);
    const oneCommit = wal();
    expect(oneCommit).toBeGreaterThan(0);
    const commits = 1200;
    for (let i = 0; i < commits; i++) {
      // One scan per turn of the event loop, as a scanner delivers them.
      await new Promise((resolve) => setImmediate(resolve));
      expect((await scan(`${'W'.repeat(3000)}${i}`)).ok).toBe(true);
    }
    // Unchecked, the WAL would hold all 1200 commits' frames; checkpointed every 250 commits
    // it is rewritten from its start and never grows past a few hundred commits' worth.
    expect(wal()).toBeLessThan((commits * oneCommit) / 2);
    expect(verifyChain(rt.store.sqlite, 'SMT-01').ok).toBe(true);
  });

  it('a caller that never lets the event loop turn still gets the WAL checkpointed, inline, every 2000 commits', async () => {
    const wal = () => statSync(join(dir.path, 'station.db-wal')).size;
    rt.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect((await scan(`${'V'.repeat(3000)}first`)).ok).toBe(true);
    const oneCommit = wal();
    const commits = 5000;
    for (let i = 0; i < commits; i++) expect((await scan(`${'V'.repeat(3000)}${i}`)).ok).toBe(true);
    expect(wal()).toBeLessThan((commits * oneCommit) / 2);
  });
});
