// Where a station finds its central server without flags (so a restart keeps syncing), and
// a read-only look at its sync bookkeeping for `lotline sync status`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { StationCredential } from './credential';
import { normalizeServerUrl } from './enroll';

/** `<data>/sync.json`: `{"serverUrl": "https://central.example:4790"}` — for installers that provision a station. */
export const SYNC_CONFIG_FILE = 'sync.json';
const SyncConfigSchema = z.object({ serverUrl: z.string().min(1).optional() }).loose();

export function readSyncConfig(dataDir: string): { serverUrl?: string } {
  const file = join(dataDir, SYNC_CONFIG_FILE);
  if (!existsSync(file)) return {};
  const parsed = SyncConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: expected {"serverUrl": "http://…"}`);
  return parsed.data.serverUrl ? { serverUrl: parsed.data.serverUrl } : {};
}

/**
 * The server a station syncs with, first found: the `--server` flag, `LOTLINE_SERVER_URL`,
 * `<data>/sync.json`, then the server the stored credential was issued by.
 */
export function resolveServerUrl(opts: { flag?: string | undefined; env?: NodeJS.ProcessEnv; dataDir: string; credential?: StationCredential | null }): string | null {
  return opts.flag ?? opts.env?.LOTLINE_SERVER_URL ?? readSyncConfig(opts.dataDir).serverUrl ?? opts.credential?.serverUrl ?? null;
}

/**
 * The configured server when it is not the one the station is enrolled with (compared as
 * enrollment stores a URL, so `http://c:4790/` is `http://c:4790`), else null. The enrolled
 * one is used — it issued the credential — and the other is only reported.
 */
export function serverMismatch(configured: string | null | undefined, enrolled: string | null | undefined): string | null {
  if (!configured || !enrolled) return null;
  let c = configured;
  try {
    c = normalizeServerUrl(configured);
  } catch {
    // Not a URL at all: reported as written.
  }
  return c !== enrolled ? c : null;
}

/** The server the configuration names (environment, then `<data>/sync.json`), not the credential's. */
export function configuredServerUrl(dataDir: string, env: NodeJS.ProcessEnv): string | null {
  return env.LOTLINE_SERVER_URL ?? readSyncConfig(dataDir).serverUrl ?? null;
}

function openReadOnly(dataDir: string): Database.Database | null {
  const file = join(dataDir, 'station.db');
  if (!existsSync(file)) return null;
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** The station id of an existing store (null for a new data folder), without opening the runtime. */
export function storedStationId(dataDir: string): string | null {
  const db = openReadOnly(dataDir);
  if (!db) return null;
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'station'").get();
    return hasTable ? ((db.prepare('SELECT station_id AS id FROM station LIMIT 1').get() as { id: string } | undefined)?.id ?? null) : null;
  } finally {
    db.close();
  }
}

export interface SyncReport {
  readonly stationId: string | null;
  readonly server: string | null;
  readonly lastSeq: number;
  readonly ackedSeq: number;
  readonly queued: number;
  readonly oldestUnsent: { readonly seq: number; readonly wallTime: string; readonly ageMs: number } | null;
  readonly cursors: { readonly master: string | null; readonly holds: string | null };
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly halted: string | null;
  readonly clockOffsetMs: number | null;
}

/** Reads the store (read-only; a running station may hold it) and says where sync stands. */
export function readSyncReport(dataDir: string, now = Date.now()): SyncReport | null {
  const db = openReadOnly(dataDir);
  if (!db) return null;
  try {
    const stationId = (db.prepare('SELECT station_id AS id FROM station LIMIT 1').get() as { id: string } | undefined)?.id ?? null;
    const lastSeq = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
    const hasState = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
    const s = (hasState ? db.prepare('SELECT * FROM sync_state WHERE one = 1').get() : undefined) as
      | { server_url: string | null; acked_seq: number; master_cursor: string | null; holds_cursor: string | null; last_success_at: string | null; last_error: string | null; last_error_at: string | null; halted_reason: string | null; clock_offset_ms: number | null }
      | undefined;
    const ackedSeq = s?.acked_seq ?? 0;
    const oldest = lastSeq > ackedSeq ? (db.prepare('SELECT seq, wall_time AS wallTime FROM events WHERE seq = ?').get(ackedSeq + 1) as { seq: number; wallTime: string } | undefined) : undefined;
    return {
      stationId,
      server: s?.server_url ?? null,
      lastSeq,
      ackedSeq,
      queued: Math.max(0, lastSeq - ackedSeq),
      oldestUnsent: oldest ? { ...oldest, ageMs: Math.max(0, now - Date.parse(oldest.wallTime)) } : null,
      cursors: { master: s?.master_cursor ?? null, holds: s?.holds_cursor ?? null },
      lastSuccessAt: s?.last_success_at ?? null,
      lastError: s?.last_error ?? null,
      lastErrorAt: s?.last_error_at ?? null,
      halted: s?.halted_reason ?? null,
      clockOffsetMs: s?.clock_offset_ms ?? null,
    };
  } finally {
    db.close();
  }
}
