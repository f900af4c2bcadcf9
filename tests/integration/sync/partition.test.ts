// A day offline: 100k events queue while the central server is down, then it comes back and
// the station's own client drains them. Every event arrives once and the chain verifies.
// (How fast is the bench's business: `lotline bench`, suite station-sync.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/station';
import { appendScans, DB_KINDS, expectSameLog, issueCode, openSyncedStation, startCentral, until, waitDrained, type Central } from './helpers';

const DAY = 100_000;

describe.each(DB_KINDS)('a day offline, central server on %s', (kind) => {
  let c: Central;
  const d = tempDir('lotline-partition-');
  beforeAll(async () => {
    c = await startCentral(kind);
  });
  afterAll(async () => {
    await c?.close();
    d.remove();
  });

  it(`${DAY} events queued during a partition drain once the server is back, each exactly once`, async () => {
    const id = `DAY-${kind}`;
    const { rt, traces } = await openSyncedStation(d.path, c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      await waitDrained(rt);
      await c.down();
      appendScans(rt, DAY, 10_000);
      await until(() => rt.status().sync.state === 'offline', 'offline noticed');
      const s = rt.status().sync;
      expect(s.queued).toBeGreaterThanOrEqual(DAY);
      expect(s.oldestUnsentAgeMs).not.toBeNull();
      expect(s.lastError).toMatch(/cannot be reached/);
      const mark = traces.length;
      await c.up();
      await waitDrained(rt, 300_000);
      const same = await expectSameLog(c, rt);
      expect(same).toEqual({ local: rt.log.lastSeq, central: rt.log.lastSeq, problem: null, mismatched: 0 });
      // Bounded batches: never more than the protocol allows.
      const pushes = traces.slice(mark).filter((t) => t.op === 'push_request') as Array<{ fromSeq: number; toSeq: number; bytes: number }>;
      expect(Math.max(...pushes.map((p) => p.toSeq - p.fromSeq + 1))).toBeLessThanOrEqual(2000);
      expect(Math.max(...pushes.map((p) => p.bytes))).toBeLessThanOrEqual(8 * 1024 * 1024);
    } finally {
      await rt.close();
    }
  });
});
