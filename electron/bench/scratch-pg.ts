// A throw-away PostgreSQL database for one bench run: created on the local server, dropped
// afterwards whatever happens; when no server answers, the PostgreSQL figures are skipped.
import pg from 'pg';

export const BENCH_PG_URL = process.env.LOTLINE_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `fn` with the URL of a fresh database; returns undefined (and says why) when PostgreSQL is not reachable. */
export async function withScratchPg<T>(name: string, log: (line: string) => void, fn: (url: string) => Promise<T>): Promise<T | undefined> {
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    log(`PostgreSQL not reachable at ${BENCH_PG_URL} (${(err as Error).message}); PostgreSQL figures skipped`);
    return undefined;
  }
  const db = `${name}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${db}`);
  try {
    return await fn(BENCH_PG_URL.replace(/\/[^/]*$/, `/${db}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}
