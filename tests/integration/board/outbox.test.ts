// The sync queue on the floor board, through the real sync path: a real station runtime and
// its own sync client reach the central server through a forwarding HTTP proxy that can fail
// pushes (as a broken upstream link would) while status and hold polls still pass. The
// station's outbox headers on those polls put its backlog on the board tile; once pushes go
// through, the tile says nothing waits. A station sending nonsense headers changes nothing.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationTileView } from '../../../shared/board/api';
import { tempDir } from '../helpers/station';
import { appendScans, DB_KINDS, issueCode, openSyncedStation, startCentral, until, waitDrained, type Central } from '../sync/helpers';
import { BoardClient, SimStation, addUser } from './kit';

/** Forwards every request to `target`; while `failPushes`, POST /sync/push gets a 503 instead. */
async function gate(target: string): Promise<{ url: string; failPushes: boolean; close(): Promise<void> }> {
  const upstream = new URL(target);
  const g = { url: '', failPushes: false, close: () => Promise.resolve() };
  const srv: Server = createServer((req, res) => {
    if (g.failPushes && req.url === '/sync/push') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'unavailable', message: 'upstream link down' }));
    }
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  g.url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  g.close = () =>
    new Promise<void>((r) => {
      srv.closeAllConnections();
      srv.close(() => r());
    });
  return g;
}

describe.each(DB_KINDS)('outbox report on the board, central on %s', (kind) => {
  let c: Central;
  const d = tempDir('lotline-board-outbox-');
  let board: BoardClient;
  const tile = async (stationId: string) => (await board.call<{ tiles: StationTileView[] }>('GET', '/stations')).body.tiles.find((t) => t.stationId === stationId);

  beforeAll(async () => {
    c = await startCentral(kind);
    await addUser(c.tdb.central, 'sofia', ['supervisor'], 'Sofia Rossi');
    board = new BoardClient(c.url);
    await board.login('sofia');
  });
  afterAll(async () => {
    await c?.close();
    d.remove();
  });

  it('a station with N unsent events shows N and the age of the oldest on its tile, then 0 once they are sent', async () => {
    const id = `OUTBOX-${kind}`;
    const code = await issueCode(c, id);
    const proxy = await gate(c.url);
    const { rt } = await openSyncedStation(d.path, proxy.url, { stationId: id, code, sync: { live: false } });
    try {
      await waitDrained(rt);
      proxy.failPushes = true;
      const before = Date.now();
      appendScans(rt, 7);
      const after = Date.now();
      // Pushes fail; the next status/holds poll carries the report.
      await until(async () => (await tile(id))?.outbox?.pending === 7, 'the tile shows 7 unsent');
      const t = (await tile(id))!;
      expect(rt.status().sync.queued).toBe(7);
      const oldest = Date.parse(t.outbox!.oldestAt!);
      // Same machine, so the clock offset is near 0: the oldest unsent event was recorded between `before` and `after`.
      expect(oldest).toBeGreaterThanOrEqual(before - 1000);
      expect(oldest).toBeLessThanOrEqual(after + 1000);
      expect(Date.parse(t.outbox!.reportedAt)).toBeGreaterThanOrEqual(oldest);

      proxy.failPushes = false;
      rt.sync?.notifyCommitted();
      await waitDrained(rt);
      await until(async () => (await tile(id))?.outbox?.pending === 0, 'the tile shows nothing waiting');
      expect((await tile(id))!.outbox!.oldestAt).toBeNull();
    } finally {
      await rt.close();
      await proxy.close();
    }
  });

  it.each([
    ['a count that is not a number', { 'Lotline-Outbox-Pending': 'lots', 'Lotline-Outbox-Oldest': '2026-01-01T00:00:00Z' }],
    ['a negative count', { 'Lotline-Outbox-Pending': '-4' }],
    ['a huge count', { 'Lotline-Outbox-Pending': '1e99' }],
    ['a time without a count', { 'Lotline-Outbox-Oldest': 'yesterday' }],
  ])('%s is ignored: the push is accepted and the tile keeps its report', async (_, headers) => {
    const sim = await SimStation.enroll(c.url, c.admin, `BAD-${kind}-${Math.random().toString(36).slice(2, 8)}`);
    sim.scan(']C1GOOD');
    await sim.sync({ 'Lotline-Outbox-Pending': '2', 'Lotline-Outbox-Oldest': new Date(Date.now() - 60_000).toISOString() });
    await until(async () => (await tile(sim.stationId))?.outbox?.pending === 2, 'the good report');
    const good = (await tile(sim.stationId))!.outbox;
    sim.scan(']C1MORE');
    await sim.sync(headers); // throws unless 200
    await until(async () => (await tile(sim.stationId))?.ackSeq === 2, 'the second push projected');
    expect((await tile(sim.stationId))!.outbox).toEqual(good);
  });
});
