// Migrations: generated from the Drizzle schema, additive only, each one applied to a store
// holding data from before it (Signal's habit), and the schema has no change without one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/station/store/db';
import { ROOT, tempDir } from './helpers/station';

const DIR = join(ROOT, 'migrations', 'station');
const sqlFiles = () => readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

/** Statements that lose data or break an older station's reads: never allowed. */
export function destructiveStatements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.replace(/--.*$/gm, '').trim())
    .filter((s) => /\bDROP\s+(TABLE|COLUMN|VIEW)\b|\bRENAME\s+(TO|COLUMN)\b|\bALTER\s+TABLE\s+\S+\s+DROP\b/i.test(s));
}

/**
 * A store file in `dir` migrated up to, not including, migration `tag` — a station last run
 * by the release before it — opened; the caller fills it with that release's data.
 */
function storeBefore(tag: string, dir: string): { file: string; store: ReturnType<typeof openStore> } {
  const journal = JSON.parse(readFileSync(join(DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  expect(upTo).toBeGreaterThan(0);
  const partial = join(dir, 'm');
  mkdirSync(join(partial, 'meta'), { recursive: true });
  for (const e of journal.entries.slice(0, upTo)) cpSync(join(DIR, `${e.tag}.sql`), join(partial, `${e.tag}.sql`));
  writeFileSync(join(partial, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  const file = join(dir, 'store.db');
  return { file, store: openStore(file, { migrationsDir: partial }) };
}

describe('station migrations', () => {
  it.each([
    ['CREATE TABLE `a` (`x` text);', 0],
    ['ALTER TABLE `a` ADD `y` integer;', 0],
    ['DROP TABLE `a`;', 1],
    ['ALTER TABLE `a` DROP COLUMN `x`;', 1],
    ['ALTER TABLE `a` RENAME TO `b`;', 1],
    ['ALTER TABLE `a` RENAME COLUMN `x` TO `z`;', 1],
    ['CREATE TABLE `__new_a` (`x` text);\n--> statement-breakpoint\nDROP TABLE `a`;\n--> statement-breakpoint\nALTER TABLE `__new_a` RENAME TO `a`;', 2],
  ])('the destructive-statement detector flags %s', (sql, n) => {
    expect(destructiveStatements(sql)).toHaveLength(n);
  });

  it.each(sqlFiles())('%s is additive', (file) => {
    const sql = readFileSync(join(DIR, file), 'utf8');
    expect(destructiveStatements(sql)).toEqual([]);
  });

  it('every migration applies to a store that holds data from before it', () => {
    const journal = JSON.parse(readFileSync(join(DIR, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const work = tempDir();
    try {
      for (let upTo = 1; upTo <= journal.entries.length; upTo++) {
        // A migrations folder holding only the first `upTo` migrations: the store "as it was".
        const partial = join(work.path, `m${upTo}`);
        mkdirSync(join(partial, 'meta'), { recursive: true });
        for (const e of journal.entries.slice(0, upTo)) cpSync(join(DIR, `${e.tag}.sql`), join(partial, `${e.tag}.sql`));
        writeFileSync(join(partial, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
        const file = join(work.path, `store${upTo}.db`);
        const old = openStore(file, { migrationsDir: partial });
        const fixture = old.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
        if (fixture) {
          old.sqlite
            .prepare("INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash) VALUES (1, 'e1', 'S', 'h', 'w', NULL, 'scan.received', 1, '{}', NULL, NULL, 'p', 'x')")
            .run();
        }
        old.close();
        const latest = openStore(file);
        expect((latest.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(fixture ? 1 : 0);
        latest.close();
      }
    } finally {
      work.remove();
    }
  });

  it('the committed migrations match the Drizzle schema (drizzle-kit generates nothing new)', () => {
    // drizzle-kit resolves `out` relative to the working directory, so the copy lives in the checkout.
    const rel = join('.scratch', `migrations-check-${process.pid}`);
    const out = join(ROOT, rel);
    const configFile = join(ROOT, '.scratch', `drizzle-check-${process.pid}.config.ts`);
    try {
      mkdirSync(join(ROOT, '.scratch'), { recursive: true });
      cpSync(DIR, out, { recursive: true });
      writeFileSync(configFile, `export default { dialect: 'sqlite', schema: './electron/station/store/schema.ts', out: './${rel}' };\n`);
      const log = execFileSync(process.execPath, [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', configFile], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      expect(log).toContain('No schema changes');
      expect(readdirSync(out).filter((f) => f.endsWith('.sql')).sort()).toEqual(sqlFiles());
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(configFile, { force: true });
    }
  });

  it('0011 adds the report time zone: a configured station from before keeps its settings and has none (reports use the process zone)', () => {
    const work = tempDir();
    try {
      const { file, store: old } = storeBefore('0011_station_time_zone', work.path);
      old.sqlite.prepare("INSERT INTO station (one, station_id, name, type, area, idle_lock_minutes) VALUES (1, 'PK-1', 'Cleanroom 1', 'packing', 'CR', 20)").run();
      old.close();
      const latest = openStore(file);
      expect(latest.sqlite.prepare('SELECT station_id, name, type, area, idle_lock_minutes, time_zone FROM station').get()).toEqual({ station_id: 'PK-1', name: 'Cleanroom 1', type: 'packing', area: 'CR', idle_lock_minutes: 20, time_zone: null });
      latest.close();
    } finally {
      work.remove();
    }
  });

  it('0012 adds permanent refusals of certificates: one parked before keeps its timed retry, as it was', () => {
    const work = tempDir();
    try {
      const { file, store: old } = storeBefore('0012_document_refusals', work.path);
      old.sqlite
        .prepare("INSERT INTO document_uploads (sha256, path, lot_id, event_seq, state, attempts, last_error, retry_at) VALUES ('a1', 'documents/a1/c.pdf', 'L-1', 3, 'refused', 2, 'central refused', '2026-05-04T09:00:00.000Z')")
        .run();
      old.close();
      const latest = openStore(file);
      expect(latest.sqlite.prepare('SELECT state, attempts, last_error, retry_at, parked_at, refused_by FROM document_uploads').get()).toEqual({
        state: 'refused',
        attempts: 2,
        last_error: 'central refused',
        retry_at: '2026-05-04T09:00:00.000Z',
        parked_at: null,
        refused_by: null,
      });
      latest.close();
    } finally {
      work.remove();
    }
  });

  it('0013 moves the audit lookups off the log: every event from before is in audit_index, and the log keeps only the indexes commands read', () => {
    const work = tempDir();
    try {
      const { file, store: old } = storeBefore('0013_audit_index', work.path);
      const insert = old.sqlite.prepare("INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash) VALUES (?, ?, 'S', 'h', ?, ?, 'scan.received', 1, '{}', NULL, NULL, 'p', 'x')");
      insert.run(1, 'e1', '2026-05-04T08:00:00.000Z', 'u-olivia');
      insert.run(2, 'e2', '2026-05-04T08:01:00.000Z', null);
      insert.run(3, 'e3', '2026-05-04T07:59:00.000Z', 'system');
      old.close();
      const latest = openStore(file);
      expect(latest.sqlite.prepare('SELECT seq, actor, wall_time FROM audit_index ORDER BY seq').all()).toEqual([
        { seq: 1, actor: 'u-olivia', wall_time: '2026-05-04T08:00:00.000Z' },
        { seq: 2, actor: null, wall_time: '2026-05-04T08:01:00.000Z' },
        { seq: 3, actor: 'system', wall_time: '2026-05-04T07:59:00.000Z' },
      ]);
      latest.close();
    } finally {
      work.remove();
    }
  });

  it('0014 moves the lookups by type off the log too: audit_index gains every indexed event\'s type, the log keeps only its id index', () => {
    const work = tempDir();
    try {
      const { file, store: old } = storeBefore('0014_type_index_off_the_log', work.path);
      const insert = old.sqlite.prepare("INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash) VALUES (?, ?, 'S', 'h', '2026-05-04T08:00:00.000Z', NULL, ?, 1, '{}', NULL, NULL, 'p', 'x')");
      insert.run(1, 'e1', 'scan.received');
      insert.run(2, 'e2', 'lot.held');
      insert.run(3, 'e3', 'scan.verdict');
      // Copied by an idle turn before the upgrade: the first two; the third is the log's tail.
      old.sqlite.prepare('INSERT INTO audit_index (seq, actor, wall_time) SELECT seq, actor, wall_time FROM events WHERE seq <= 2').run();
      old.close();
      const latest = openStore(file);
      expect(latest.sqlite.prepare('SELECT seq, type FROM audit_index ORDER BY seq').all()).toEqual([
        { seq: 1, type: 'scan.received' },
        { seq: 2, type: 'lot.held' },
      ]);
      const indexes = (table: string) => (latest.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(table) as Array<{ name: string }>).map((r) => r.name);
      expect(indexes('events')).toEqual(['events_id_unique']);
      expect(indexes('audit_index')).toEqual(['audit_index_actor', 'audit_index_time', 'audit_index_type']);
      latest.close();
    } finally {
      work.remove();
    }
  });

  it('a fresh store ends with the append-only triggers in place', () => {
    const work = tempDir();
    try {
      const s = openStore(join(work.path, 's.db'));
      const triggers = (s.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      s.close();
      expect(triggers).toEqual(['events_no_delete', 'events_no_update']);
      void Database;
    } finally {
      work.remove();
    }
  });
});
