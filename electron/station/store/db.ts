// Opens the station's SQLite file: WAL, durable commits, migrations in one transaction,
// and storage failures turned into errors an operator can act on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StationError } from '../../../shared/contract/errors';
import { stationMigrationsDir } from '../paths';
import * as schema from './schema';

export type StationDb = BetterSQLite3Database<typeof schema>;

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
  if (!opts.readonly) {
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
