// Central migrations stay additive (a station with an older schema must still sync, and
// history is never rewritten): no DROP or RENAME of a table or column, ever. And the
// migrations apply from nothing on both databases.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DB_KINDS, openTestDb } from './helpers';

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
});
