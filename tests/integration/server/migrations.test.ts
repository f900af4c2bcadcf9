// Central migrations stay additive (a station with an older schema must still sync, and
// history is never rewritten): no DROP or RENAME of a table or column, ever. And the
// migrations apply from nothing on both databases.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCentralDb, type OpenOptions } from '../../../server/db/open';
import { createPgDatabase, DB_KINDS, openTestDb } from './helpers';

const DIR = join(process.cwd(), 'migrations', 'central');
const DESTRUCTIVE = [/\bDROP\s+(TABLE|COLUMN)\b/i, /\bALTER\s+TABLE\b[^;]*\bDROP\b(?!\s+(DEFAULT|NOT\s+NULL))/i, /\bRENAME\b/i, /\bTRUNCATE\b(?!\s+ON\b)/i];

/** SQL comments may mention anything; only statements count. */
const statements = (text: string) => text.replace(/--.*$/gm, '');

describe('central migrations', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

  it('exist and are listed in the journal in order', () => {
    const journal = JSON.parse(readFileSync(join(DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files);
  });

  it.each(files)('%s is additive', (f) => {
    const text = statements(readFileSync(join(DIR, f), 'utf8'));
    for (const re of DESTRUCTIVE) expect(re.test(text), `${f} matches ${re}`).toBe(false);
  });

  it.each([
    ['DROP TABLE "lots";'],
    ['ALTER TABLE "events" DROP COLUMN "hash";'],
    ['ALTER TABLE "events" RENAME COLUMN "hash" TO "digest";'],
    ['ALTER TABLE "lots" RENAME TO "lot";'],
  ])('the check catches %s', (stmt) => {
    expect(DESTRUCTIVE.some((re) => re.test(statements(stmt)))).toBe(true);
  });

  it.each(DB_KINDS)('apply from nothing on %s', async (kind) => {
    const db = await openTestDb(kind);
    try {
      const r = (await db.central.db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)) as unknown as { rows: { table_name: string }[] };
      expect(r.rows.map((x) => x.table_name)).toEqual(expect.arrayContaining(['events', 'integrity_alarms', 'lots', 'lot_status_changes', 'deviations', 'master_changes', 'serial_blocks', 'station_sync', 'documents', 'lot_certificates']));
    } finally {
      await db.drop();
    }
  });

  it.each(DB_KINDS)('0004 names the certificates of receiving records held before it, on %s', async (kind) => {
    const work = mkdtempSync(join(tmpdir(), 'lotline-central-mig-'));
    const journal = JSON.parse(readFileSync(join(DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0003_'));
    // A migrations folder as it was before certificates: the server that received these events.
    const before = join(work, 'before');
    mkdirSync(join(before, 'meta'), { recursive: true });
    for (const e of journal.entries.slice(0, upTo)) cpSync(join(DIR, `${e.tag}.sql`), join(before, `${e.tag}.sql`));
    writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    const pgdb = kind === 'postgres' ? await createPgDatabase() : null;
    const where: OpenOptions = pgdb ? { databaseUrl: pgdb.url } : { dataDir: join(work, 'pglite') };
    try {
      const old = await openCentralDb({ ...where, migrationsDir: before });
      const sha = 'c0'.repeat(32);
      const received = (seq: number, lotId: string, path: string | null) =>
        sql`INSERT INTO events (station_id, seq, id, hlc, wall_time, type, schema_version, payload, prev_hash, hash) VALUES ('RCV-01', ${seq}, ${`e${seq}`}, 'h', 'w', 'receiving.recorded', 1, ${JSON.stringify({ lotId, coc: path ? { kind: 'file', path } : null })}, 'p', ${`x${seq}`})`;
      await old.db.execute(received(1, 'L-1', `documents/${sha}/CoC 1.pdf`));
      await old.db.execute(received(2, 'L-2', '/scans/typed.pdf'));
      await old.db.execute(received(3, 'L-3', null));
      await old.close();
      const now = await openCentralDb(where);
      try {
        const r = (await now.db.execute(sql`SELECT station_id, seq::int AS seq, lot_id, sha256, name FROM lot_certificates ORDER BY seq`)) as unknown as { rows: unknown[] };
        expect(r.rows).toEqual([{ station_id: 'RCV-01', seq: 1, lot_id: 'L-1', sha256: sha, name: 'CoC 1.pdf' }]);
      } finally {
        await now.close();
      }
    } finally {
      await pgdb?.drop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
