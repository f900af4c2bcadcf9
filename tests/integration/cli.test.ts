// The `lotline` command as a technician uses it: help, audit verify, demo reset, store rebuild.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, startStationProcess, tempDir } from './helpers/station';
import { enroll } from '../../server/auth';
import { openCentralDb } from '../../server/db/open';

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('lotline', () => {
  it('lists its commands with --help and refuses an unknown one', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const c of ['station', 'audit', 'demo', 'store', 'parse', 'bench']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const bad = run('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
    expect(run('station', '--port', 'x').status).toBe(2);
  });

  it('server --tz: an unknown plant zone is a usage error, said before any database is opened', () => {
    const r = run('server', '--tz', 'Mars/Olympus', '--data', join(dir.path, 'central'), '--port', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--tz: "Mars/Olympus" is not a known IANA time zone');
  });

  it('server station revoke ends a station\'s unused code (and credentials) in the database, and names an unknown station', async () => {
    const db = join(dir.path, 'central');
    const added = run('server', 'station', 'add', 'ST-CLI-1', '--type', 'smt', '--data', db, '--json');
    expect(added.status).toBe(0);
    const { enrollmentCode } = JSON.parse(added.stdout) as { enrollmentCode: string };
    const revoked = run('server', 'station', 'revoke', 'ST-CLI-1', '--data', db, '--json');
    expect(revoked.status).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({ stationId: 'ST-CLI-1', revoked: 0 });
    const central = await openCentralDb({ dataDir: db });
    try {
      await expect(enroll(central.db, { code: enrollmentCode, stationId: 'ST-CLI-1' })).rejects.toMatchObject({ code: 'enrollment_invalid' });
    } finally {
      await central.close();
    }
    const unknown = run('server', 'station', 'revoke', 'ST-NOPE', '--data', db);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No station ST-NOPE/);
  });

  it('demo reset builds a demo store that verifies, and refuses a store with real records', () => {
    const reset = run('demo', 'reset', '--data', dir.path, '--station-type', 'packing');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/station PCK-01/);
    expect(run('audit', 'verify', '--data', dir.path).stdout).toMatch(/audit trail OK: \d+ events verified \(station PCK-01/);
    expect(run('demo', 'reset', '--data', dir.path).status).toBe(0);

    // The same store with its demo flag gone stands for a production store.
    const db = new Database(join(dir.path, 'station.db'));
    db.prepare('UPDATE station SET demo = 0').run();
    db.close();
    const refused = run('demo', 'reset', '--data', dir.path);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not a demo store/);
  });

  it('audit verify names the first broken event and exits 1', () => {
    run('demo', 'reset', '--data', dir.path);
    const db = new Database(join(dir.path, 'station.db'));
    db.exec("DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'Olivia', 'Oliver') WHERE seq = 2;");
    db.close();
    const r = run('audit', 'verify', '--data', dir.path);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at sequence 2 .*hash_mismatch/);
    expect(run('audit', 'verify', '--db', join(dir.path, 'nope.db')).status).toBe(2);
  });

  it('store rebuild --check reports identical projections without changing anything', () => {
    run('demo', 'reset', '--data', dir.path);
    const r = run('store', 'rebuild', '--check', '--data', dir.path, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ identical: true });
  });

  it('refuses demo reset and store rebuild while a station runs on the folder', async () => {
    const station = await startStationProcess(dir.path);
    try {
      expect(run('demo', 'reset', '--data', dir.path).stderr).toMatch(/is running on/);
      expect(run('store', 'rebuild', '--data', dir.path).status).toBe(1);
    } finally {
      await station.stop();
    }
    expect(run('audit', 'verify', '--data', dir.path).status).toBe(0);
  });

  it('trace and audit on a store an older Lotline wrote say to start the station once, instead of failing in a query', () => {
    expect(run('demo', 'reset', '--data', dir.path, '--station-type', 'packing').status).toBe(0);
    const file = join(dir.path, 'station.db');
    const db = new Database(file);
    // What a store from before the latest migration looks like to the migrator.
    db.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    db.close();
    for (const args of [['trace', 'FL-1', '--data', dir.path], ['audit', 'verify', '--data', dir.path]]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(/older Lotline last wrote it.*Start the station once/s);
    }
  });
});
