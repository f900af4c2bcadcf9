// The station reserves its WAL when it opens, so commits overwrite blocks the file owns
// instead of growing it (each growth costs the commit a filesystem journal commit). What
// must hold: the reservation never changes a byte SQLite wrote, the first commits after a
// start do not grow the file, and a crash with a reserved WAL recovers every commit.
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/station/store/event-log';
import { reserveWal, WAL_RESERVE_BYTES } from '../../electron/station/store/wal';
import { openDemoRuntime, tempDir } from './helpers/station';

const dirs: Array<ReturnType<typeof tempDir>> = [];
const newDir = () => {
  const d = tempDir('lotline-wal-');
  dirs.push(d);
  return d.path;
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function walDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  return db;
}

describe('reserveWal', () => {
  it('appends zeros up to the size and keeps every byte SQLite wrote', () => {
    const file = join(newDir(), 'a.db');
    const db = walDb(file);
    const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
    for (let i = 0; i < 20; i++) insert.run(`row ${i}`);
    const before = readFileSync(`${file}-wal`);
    expect(before.length).toBeGreaterThan(32);

    expect(reserveWal(file, 1024 * 1024)).toBe(1024 * 1024 - before.length);
    const after = readFileSync(`${file}-wal`);
    expect(after.length).toBe(1024 * 1024);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).every((b) => b === 0)).toBe(true);

    // Already that large, or no WAL at all: nothing to do.
    expect(reserveWal(file, 1024 * 1024)).toBe(0);
    expect(reserveWal(join(newDir(), 'none.db'), 1024 * 1024)).toBe(0);
    db.close();
  });

  it('leaves a database that commits, and recovers after a crash, with the zeros behind its frames', () => {
    const file = join(newDir(), 'b.db');
    const db = walDb(file);
    reserveWal(file, 2 * 1024 * 1024);
    const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
    for (let i = 0; i < 100; i++) insert.run(`row ${i}`);
    expect(statSync(`${file}-wal`).size).toBe(2 * 1024 * 1024);

    // What a power cut leaves: the database and the WAL as they are on disk, no shared memory.
    const crashed = join(newDir(), 'b.db');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    db.close();
    const recovered = new Database(crashed);
    expect(recovered.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(recovered.prepare('SELECT count(*) AS n, max(text) AS last FROM t').get()).toEqual({ n: 100, last: 'row 99' });
    recovered.close();
  });
});

describe('the station runtime', () => {
  it('reserves its WAL at open, so a burst of scans after a start never grows it, and a crash then loses nothing', async () => {
    const dataDir = newDir();
    const rt = await openDemoRuntime(dataDir);
    const wal = join(dataDir, 'station.db-wal');
    try {
      expect(statSync(wal).size).toBeGreaterThanOrEqual(WAL_RESERVE_BYTES);
      const reserved = statSync(wal).size;
      expect((await rt.call('auth.login', { badge: 'OP-100', pin: '1111' })).ok).toBe(true);
      for (let i = 0; i < 300; i++) {
        // Each scan on its own turn of the event loop, so the runtime's checkpoints run as on a station.
        await new Promise((resolve) => setImmediate(resolve));
        expect((await rt.call('scan.submit', { text: `WAL-${i}`, source: 'test', receivedAt: new Date().toISOString() })).ok).toBe(true);
      }
      expect(statSync(wal).size).toBe(reserved);

      const crashed = newDir();
      copyFileSync(join(dataDir, 'station.db'), join(crashed, 'station.db'));
      copyFileSync(wal, join(crashed, 'station.db-wal'));
      const db = new Database(join(crashed, 'station.db'));
      try {
        expect(db.prepare('SELECT max(seq) AS seq FROM events').get()).toEqual({ seq: rt.log.lastSeq });
        expect(db.prepare("SELECT count(*) AS n FROM events WHERE type = 'scan.received' AND json_extract(payload, '$.text') LIKE 'WAL-%'").get()).toEqual({ n: 300 });
        expect(verifyChain(db, 'SMT-01').ok).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await rt.close();
    }
  });
});
