// Opens the station's SQLite file: WAL, durable commits, migrations in one transaction,
// and storage failures turned into errors an operator can act on.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StationError } from '../../../shared/contract/errors';
import { stationMigrationsDir } from '../paths';
import * as schema from './schema';

/** Drizzle over the store; `$client` is the better-sqlite3 connection under it (for the few statements bound by position). */
export type StationDb = BetterSQLite3Database<typeof schema> & { readonly $client: Database.Database };

export interface OpenStore {
  readonly sqlite: Database.Database;
  readonly db: StationDb;
  close(): void;
}

export function openStore(file: string, opts: { migrationsDir?: string; readonly?: boolean } = {}): OpenStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    // FULL: a scan acknowledged to an operator must survive a power cut, not only a crash.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 2000');
  } catch (err) {
    throw storageError(err);
  }
  const db = drizzle(sqlite, { schema });
  if (opts.readonly) {
    try {
      assertCurrentSchema(sqlite, opts.migrationsDir ?? stationMigrationsDir());
    } catch (err) {
      sqlite.close();
      throw err;
    }
  } else {
    try {
      migrate(db, { migrationsFolder: opts.migrationsDir ?? stationMigrationsDir() });
    } catch (err) {
      sqlite.close();
      throw storageError(err);
    }
  }
  return { sqlite, db, close: () => sqlite.close() };
}

/** Maps SQLite failures to the station's error codes, with a sentence for the operator. */
export function storageError(err: unknown): Error {
  if (err instanceof StationError) return err;
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StationError('storage_busy', 'The station database is busy (another program holds it). Nothing was recorded; try again.');
  if (code.startsWith('SQLITE_FULL'))
    return new StationError('storage_full', 'The station disk is full. Nothing was recorded. Call IT: free disk space before continuing.');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return new StationError('storage_read_only', `The station database cannot be written (${msg}). Nothing was recorded. Call IT.`);
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || /malformed/i.test(msg))
    return new StationError('storage_corrupt', `The station database is damaged (${msg}). Stop using this station and call IT; do not delete the data folder.`);
  return err instanceof Error ? err : new Error(msg);
}

/**
 * A read-only open (the CLI's trace, audit) cannot migrate: a store last written by an older
 * Lotline would otherwise fail deep inside a query ("no such table: serials"). Say so instead.
 */
function assertCurrentSchema(sqlite: Database.Database, migrationsDir: string): void {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  const applied = hasTable ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
  if (applied < journal.entries.length)
    throw new StationError(
      'storage_read_only',
      `This station database is at schema ${applied} of ${journal.entries.length}: an older Lotline last wrote it, and it is opened read-only here, so it cannot be upgraded. Start the station once (lotline station) so it upgrades its store, then run this again.`,
    );
}
