// kill -9 between COMMIT and the answer: the server (a real `lotline server` child process)
// dies with 137 right after committing a batch, the station never hears the ack, retries
// against the restarted server, and every event is held exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addStation } from '../../../server/auth';
import { openCentralDb } from '../../../server/db/open';
import * as t from '../../../server/db/schema';
import { createPgDatabase, EventChain, SyncClient } from './helpers';

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

function spawnServer(dbArgs: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['bin/lotline.mjs', 'server', '--json', '--port', '0', ...dbArgs], {
    env: { ...process.env, LOTLINE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url, exited }));
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready: ${stderr}`)));
  });
}

describe.each(['pglite', 'postgres'] as const)('crash after commit, before the ack (%s)', (kind) => {
  it('the retried batches are acknowledged as duplicates; every event is held once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-crash-'));
    const pgdb = kind === 'postgres' ? await createPgDatabase() : undefined;
    const target = pgdb ? { databaseUrl: pgdb.url } : { dataDir: join(dir, 'central') };
    const dbArgs = pgdb ? ['--database-url', pgdb.url] : ['--data', join(dir, 'central')];
    try {
      let central = await openCentralDb(target);
      const { enrollmentCode } = await addStation(central.db, { stationId: 'CRASH-1', name: 'Crash', type: 'smt', area: '', expiresInMinutes: 10 }, 'test');
      await central.close();

      const chain = new EventChain('CRASH-1');
      chain.scans(500);
      // Crash right after the COMMIT of the third push.
      const first = await spawnServer(dbArgs, { LOTLINE_TEST_CRASH_AFTER_COMMIT: '3' });
      const client = new SyncClient(first.url, null);
      expect((await client.enroll(enrollmentCode)).status).toBe(200);
      await expect(client.drain(chain.events, 100)).rejects.toThrow();
      expect(await first.exited).toBe(137);

      const second = await spawnServer(dbArgs);
      const retry = new SyncClient(second.url, client.token);
      const status = await retry.request<{ ackSeq: number }>('GET', '/sync/status');
      expect(status.body.ackSeq).toBe(300); // the third batch was committed though never acknowledged
      // The station still believes 200 are acknowledged and re-sends from 201.
      const ack = await retry.drain(chain.events.slice(200), 100);
      expect(ack).toMatchObject({ ackSeq: 500, ackHash: chain.events[499]!.hash });
      second.child.kill('SIGTERM');
      await second.exited;

      central = await openCentralDb(target);
      const [agg] = await central.db
        .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct seq)::int`, max: sql<number>`max(seq)::int` })
        .from(t.events)
        .where(eq(t.events.stationId, 'CRASH-1'));
      await central.close();
      expect(agg).toEqual({ n: 500, distinct: 500, max: 500 });
    } finally {
      await pgdb?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
