// The central server over real HTTP on 127.0.0.1, against PGlite and a real PostgreSQL:
// enrollment and trust, push (duplicates, reorder, gaps, alarms, clones, restored backups,
// bad input), pull feeds and the live channel, holds and deviations, serial blocks,
// master-data import, and fifty stations at once.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/events/event';
import { PROTOCOL_VERSION, type LiveMessage, type LotStatusChange, type MasterChange, type SerialBlock } from '../../../shared/sync/protocol';
import * as t from '../../../server/db/schema';
import { pruneMasterFeed } from '../../../server/sync/feeds';
import { startServer, type RunningServer } from '../../../server/main';
import { revokeStation } from '../../../server/auth';
import { CLOSE_CREDENTIAL_REVOKED } from '../../../server/sync/live';
import WebSocket from 'ws';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { adminSession, DB_KINDS, enrollStation, EventChain, openTestDb, quietLog, SyncClient, type TestDb } from './helpers';

describe.each(DB_KINDS)('central server on %s', (kind) => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: SyncClient;
  let n = 0;
  /** A fresh enrolled station and its own chain. */
  const newStation = async (prefix = 'ST') => {
    const id = `${prefix}-${++n}`;
    return { id, client: await enrollStation(server.url, admin, id), chain: new EventChain(id) };
  };
  const heldCount = async (stationId: string) =>
    (await tdb.central.db.select({ n: sql<number>`count(*)::int` }).from(t.events).where(eq(t.events.stationId, stationId)))[0]!.n;

  beforeAll(async () => {
    tdb = await openTestDb(kind);
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
    admin = await adminSession(server.url, tdb.central);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  describe('enrollment and trust', () => {
    it('a code works once, and the credential it gives authenticates', async () => {
      const r = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: 'ENR-1', name: 'Enr 1', type: 'receiving' });
      expect(r.status).toBe(200);
      const s = new SyncClient(server.url, null);
      expect((await s.enroll(r.body.enrollmentCode.toLowerCase(), 'ENR-1')).status).toBe(200);
      expect((await s.request('GET', '/sync/status')).body).toMatchObject({ stationId: 'ENR-1', ackSeq: 0, ackHash: GENESIS_HASH });
      const again = await new SyncClient(server.url, null).enroll(r.body.enrollmentCode);
      expect(again).toMatchObject({ status: 400, body: { error: 'enrollment_invalid' } });
    });

    it('a code for another station id is refused', async () => {
      const r = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: 'ENR-2', name: 'Enr 2', type: 'smt' });
      expect((await new SyncClient(server.url, null).enroll(r.body.enrollmentCode, 'ENR-X')).body).toMatchObject({ error: 'station_mismatch' });
    });

    it('a new code ends the station\'s earlier unused ones: a leaked old code enrolls nothing', async () => {
      const first = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: 'ENR-3', name: 'Enr 3', type: 'smt' });
      const second = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: 'ENR-3', name: 'Enr 3', type: 'smt' });
      expect(await new SyncClient(server.url, null).enroll(first.body.enrollmentCode, 'ENR-3')).toMatchObject({ status: 400, body: { error: 'enrollment_invalid' } });
      expect((await new SyncClient(server.url, null).enroll(second.body.enrollmentCode, 'ENR-3')).status).toBe(200);
    });

    /** Resolves with the close code the server ends `ws` with. */
    const closedWith = (ws: WebSocket) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

    it('re-enrolling revokes the old credential, and closes the live channel it opened', async () => {
      const { id, client } = await newStation('RE');
      const oldToken = client.token;
      const ws = await client.live(() => undefined);
      const closed = closedWith(ws);
      const r = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: id, name: id, type: 'smt' });
      await new SyncClient(server.url, null).enroll(r.body.enrollmentCode);
      expect((await new SyncClient(server.url, oldToken).request('GET', '/sync/status')).status).toBe(401);
      expect(await closed).toBe(CLOSE_CREDENTIAL_REVOKED);
    });

    it('an admin revokes a station: its requests are refused at once, its live channel is closed, its unused code enrolls nothing; only a new code restores it', async () => {
      const { id, client, chain } = await newStation('RV');
      const other = await newStation('RV');
      const otherWs = await other.client.live(() => undefined);
      const ws = await client.live(() => undefined);
      const closed = closedWith(ws);
      const unused = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: id, name: id, type: 'smt' });
      // Least privilege: QA reviews lots, it does not end a station's trust.
      const qaOnly = await adminSession(server.url, tdb.central, ['qa']);
      expect((await qaOnly.request('POST', `/admin/stations/${id}/revoke`, {})).status).toBe(403);
      expect((await client.request('GET', '/sync/status')).status).toBe(200);
      expect(await admin.request('POST', '/admin/stations/NO-SUCH/revoke', {})).toMatchObject({ status: 404, body: { error: 'not_found' } });

      expect(await admin.request('POST', `/admin/stations/${id}/revoke`, {})).toMatchObject({ status: 200, body: { stationId: id, revoked: 1 } });
      expect(await closed).toBe(CLOSE_CREDENTIAL_REVOKED);
      const batch = chain.scans(2);
      expect(await client.push(batch)).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
      expect(await heldCount(id)).toBe(0);
      expect(await new SyncClient(server.url, null).enroll(unused.body.enrollmentCode, id)).toMatchObject({ status: 400, body: { error: 'enrollment_invalid' } });
      // Another station's channel is untouched.
      expect(otherWs.readyState).toBe(WebSocket.OPEN);
      otherWs.close();

      const fresh = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: id, name: id, type: 'smt' });
      const back = new SyncClient(server.url, null);
      expect((await back.enroll(fresh.body.enrollmentCode, id)).status).toBe(200);
      expect((await back.push(batch)).status).toBe(200);
      expect(await heldCount(id)).toBe(2);
    });

    it('a credential revoked in the database by another process (the admin CLI) closes the live channel at the next check', async () => {
      const { id, client } = await newStation('RVC');
      const ws = await client.live(() => undefined);
      const closed = closedWith(ws);
      expect(await server.hub.recheck()).toBe(0);
      expect(await revokeStation(tdb.central.db, id)).toEqual({ stationId: id, revoked: 1 });
      expect(await server.hub.recheck()).toBe(1);
      expect(await closed).toBe(CLOSE_CREDENTIAL_REVOKED);
      expect((await client.request('GET', '/sync/status')).status).toBe(401);
    });

    it.each([
      ['missing', null],
      ['wrong', 'llst_not-a-real-token'],
    ])('%s credential → 401', async (_, token) => {
      const r = await new SyncClient(server.url, token).push(new EventChain('X').scans(1));
      expect(r).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    });

    it('a station cannot push another station’s events (403), and nothing is stored', async () => {
      const a = await newStation();
      const b = await newStation();
      const r = await a.client.push(b.chain.scans(3));
      expect(r).toMatchObject({ status: 403, body: { error: 'impersonation', seq: 1 } });
      expect(await heldCount(b.id)).toBe(0);
    });

    it('admin routes need an admin session; a station token is not one', async () => {
      const s = await newStation();
      expect((await s.client.request('POST', '/admin/stations', { stationId: 'NOPE', name: 'x', type: 'smt' })).status).toBe(401);
      const qaOnly = await adminSession(server.url, tdb.central, ['qa']);
      expect((await qaOnly.request('POST', '/admin/stations', { stationId: 'NOPE', name: 'x', type: 'smt' })).status).toBe(403);
    });
  });

  describe('push', () => {
    it('stores a batch, answers the contiguous head, and a retry changes nothing', async () => {
      const { id, client, chain } = await newStation();
      const events = chain.scans(50);
      const first = await client.push(events);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ackSeq: 50, ackHash: events[49]!.hash, stored: 50, duplicates: 0, integrityAlarms: [] });
      const retry = await client.push(events, { gzip: true });
      expect(retry.body).toMatchObject({ ackSeq: 50, stored: 0, duplicates: 50 });
      expect(await heldCount(id)).toBe(50);
      const stored = await tdb.central.db.select().from(t.events).where(and(eq(t.events.stationId, id), eq(t.events.seq, 17)));
      expect(stored[0]!.hash).toBe(events[16]!.hash);
    });

    it('reordered batches: the later one is refused with expectedSeq, then both land', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(30);
      const later = await client.push(chain.range(11, 30));
      expect(later).toMatchObject({ status: 409, body: { error: 'sequence_gap', expectedSeq: 1 } });
      expect((await client.push(chain.range(1, 10))).body.ackSeq).toBe(10);
      expect((await client.push(chain.range(11, 30))).body.ackSeq).toBe(30);
      // Events inside one batch may come in any order; the server sorts them.
      chain.scans(5);
      expect((await client.push([...chain.range(31, 35)].reverse())).body.ackSeq).toBe(35);
      expect(await heldCount(id)).toBe(35);
    });

    it('a gap is refused with the sequence the server expects, and nothing is stored', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(20);
      await client.push(chain.range(1, 5));
      expect(await client.push(chain.range(8, 20))).toMatchObject({ status: 409, body: { error: 'sequence_gap', expectedSeq: 6 } });
      expect(await heldCount(id)).toBe(5);
      expect(await client.push([...chain.range(6, 7), ...chain.range(9, 10)])).toMatchObject({ status: 400, body: { error: 'batch_not_contiguous' } });
    });

    it('overlapping and replayed batches store each event once', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(40);
      await client.push(chain.range(1, 20));
      expect((await client.push(chain.range(15, 40))).body).toMatchObject({ ackSeq: 40, stored: 20, duplicates: 6 });
      expect((await client.push(chain.range(1, 40))).body).toMatchObject({ ackSeq: 40, stored: 0, duplicates: 40 });
      expect(await heldCount(id)).toBe(40);
    });

    it('same sequence, other hash → integrity alarm; nothing is overwritten, a retry adds no second alarm', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(10);
      await client.push(chain.range(1, 10));
      const forged = chain.forkAt(6);
      forged.scans(4);
      const r = await client.push(forged.range(7, 10));
      expect(r.status).toBe(200);
      expect(r.body.ackSeq).toBe(10);
      expect(r.body.integrityAlarms).toEqual([{ seq: 7, problem: 'hash_conflict', heldHash: chain.events[6]!.hash, receivedHash: forged.events[6]!.hash }]);
      await client.push(forged.range(7, 10));
      const alarms = await tdb.central.db.select().from(t.integrityAlarms).where(eq(t.integrityAlarms.stationId, id));
      expect(alarms).toHaveLength(1);
      expect(JSON.parse(alarms[0]!.receivedEvent)).toMatchObject({ seq: 7, hash: forged.events[6]!.hash });
      const held = await tdb.central.db.select({ seq: t.events.seq, hash: t.events.hash }).from(t.events).where(eq(t.events.stationId, id)).orderBy(t.events.seq);
      expect(held.map((h) => h.hash)).toEqual(chain.events.map((e) => e.hash));
      expect((await client.request('GET', '/sync/status')).body).toMatchObject({ ackSeq: 10, openAlarms: 1 });
    });

    it('a cloned station reusing sequences raises an alarm; the original keeps syncing', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(5);
      await client.push(chain.range(1, 5));
      const clone = chain.forkAt(5);
      chain.scans(5);
      clone.scans(5);
      expect((await client.push(chain.range(6, 10))).body.ackSeq).toBe(10);
      const cloneAck = await new SyncClient(server.url, client.token).push(clone.range(6, 10));
      expect(cloneAck.body.integrityAlarms[0]).toMatchObject({ seq: 6, problem: 'hash_conflict' });
      // A clone that is ahead links its new events to its own chain, not the held one.
      clone.scans(1);
      expect((await client.push(clone.range(11, 11))).body.integrityAlarms[0]).toMatchObject({ seq: 11, problem: 'prev_hash_mismatch' });
      expect(await heldCount(id)).toBe(10);
    });

    it('a station restored from an old backup: the old prefix is acknowledged, diverging events raise an alarm', async () => {
      const { id, client, chain } = await newStation();
      chain.scans(100);
      await client.drain(chain.events, 25);
      const restored = chain.forkAt(60);
      expect((await client.drain(restored.events, 25)).ackSeq).toBe(100);
      restored.scans(10);
      const r = await client.push(restored.range(55, 70));
      expect(r.body).toMatchObject({ ackSeq: 100, stored: 0, duplicates: 6 });
      expect(r.body.integrityAlarms[0]).toMatchObject({ seq: 61, problem: 'hash_conflict' });
      expect(await heldCount(id)).toBe(100);
    });

    it.each([
      ['not JSON', { raw: '{"stationTime": ' }, 'invalid_body'],
      ['no events', { body: { stationTime: new Date().toISOString(), events: [] } }, 'invalid_body'],
      ['missing stationTime', { body: { events: [] } }, 'invalid_body'],
      ['an extra field on an event', { mutate: (e: Record<string, unknown>) => ({ ...e, extra: 1 }) }, 'invalid_body'],
      ['a changed payload (hash no longer matches)', { mutate: (e: Record<string, unknown>) => ({ ...e, payload: { text: 'X', source: 'wedge', receivedAt: '2026-01-01T00:00:00Z' } }) }, 'hash_mismatch'],
      ['a payload its type refuses', { badPayload: true }, 'invalid_body'],
    ] as const)('malformed push (%s) → 400, nothing stored', async (_, how, code) => {
      const { id, client, chain } = await newStation();
      let r;
      if ('raw' in how) r = await client.request('POST', '/sync/push', undefined, { raw: how.raw, headers: { 'content-type': 'application/json' } });
      else if ('body' in how) r = await client.request('POST', '/sync/push', how.body);
      else if ('badPayload' in how) {
        chain.append('lot.received', { lotId: 'L1', quantity: -5 });
        r = await client.push(chain.events);
      } else {
        const events = chain.scans(3).map((e, i) => (i === 1 ? how.mutate(e as unknown as Record<string, unknown>) : e));
        r = await client.request('POST', '/sync/push', { stationTime: new Date().toISOString(), events });
      }
      expect(r.status).toBe(400);
      expect((r.body as { error: string }).error).toBe(code);
      expect(await heldCount(id)).toBe(0);
    });

    it('an event type this server does not know (a newer station) is stored as it is', async () => {
      const { id, client, chain } = await newStation();
      chain.append('future.thing', { anything: [1, 2.5, 'x'] });
      expect((await client.push(chain.events)).body.ackSeq).toBe(1);
      expect(await heldCount(id)).toBe(1);
    });

    it('measures clock drift, stores it, and answers its own time', async () => {
      const { id, client, chain } = await newStation();
      const r = await client.request<{ clockOffsetMs: number; serverTime: string }>('POST', '/sync/push', { stationTime: new Date(Date.now() - 3_600_000).toISOString(), events: chain.scans(1) });
      expect(r.status).toBe(200);
      expect(r.body.clockOffsetMs).toBeGreaterThanOrEqual(3_600_000);
      expect(r.headers.get('lotline-server-time')).toBeTruthy();
      const [sync] = await tdb.central.db.select().from(t.stationSync).where(eq(t.stationSync.stationId, id));
      expect(sync!.clockOffsetMs).toBe(r.body.clockOffsetMs);
    });

    it.each([
      ['1', 200],
      ['1.0', 200],
      ['1.9', 200],
      ['0.9', 200],
      ['2', 426],
      ['2.0', 426],
      ['banana', 400],
    ])('protocol %s → %i', async (version, status) => {
      const { client, chain } = await newStation();
      const c = new SyncClient(server.url, client.token, version);
      const r = await c.push(chain.scans(1));
      expect(r.status).toBe(status);
      expect(r.headers.get('lotline-protocol')).toBe(PROTOCOL_VERSION);
      if (status === 426) expect(r.body).toMatchObject({ error: 'unsupported_protocol', serverProtocol: PROTOCOL_VERSION });
    });

    it('20k events in batches: every one exactly once, the chain intact', async () => {
      const { id, client, chain } = await newStation('BIG');
      chain.scans(20_000);
      const ack = await client.drain(chain.events, 2000, { gzip: true });
      expect(ack).toMatchObject({ ackSeq: 20_000, ackHash: chain.events.at(-1)!.hash });
      expect(await heldCount(id)).toBe(20_000);
      const [agg] = await tdb.central.db
        .select({ min: sql<number>`min(seq)::int`, max: sql<number>`max(seq)::int`, distinctIds: sql<number>`count(distinct id)::int` })
        .from(t.events)
        .where(eq(t.events.stationId, id));
      expect(agg).toEqual({ min: 1, max: 20_000, distinctIds: 20_000 });
    });

    it('the database itself refuses to change a stored event', async () => {
      const { id, client, chain } = await newStation();
      await client.push(chain.scans(1));
      const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`);
      expect(await refusal(tdb.central.db.update(t.events).set({ hash: 'x' }).where(eq(t.events.stationId, id)))).toMatch(/append-only: UPDATE refused/);
      expect(await refusal(tdb.central.db.delete(t.events).where(eq(t.events.stationId, id)))).toMatch(/append-only: DELETE refused/);
    });
  });

  describe('holds, deviations and the live channel', () => {
    it('a hold placed by QA reaches a connected station and is in /sync/holds after its cursor', async () => {
      const { client } = await newStation();
      const start = await client.pullAll('holds');
      const got: LiveMessage[] = [];
      let wake!: () => void;
      const woken = new Promise<void>((r) => (wake = r));
      const ws = await client.live((m) => {
        got.push(m);
        if (m.topic === 'pull' && m.what === 'holds' && got.filter((x) => x.topic === 'pull' && x.what === 'holds').length >= 2) wake();
      });
      try {
        const hold = await admin.request<LotStatusChange>('POST', '/qa/lots/LOT-H1/hold', { reason: 'supplier notice 42' });
        expect(hold.status).toBe(200);
        await woken;
        const after = await client.pullAll('holds', start.cursor);
        expect(after.items).toEqual([expect.objectContaining({ lotId: 'LOT-H1', kind: 'hold', status: 'on_hold', reason: 'supplier notice 42', byUserId: expect.any(String) })]);
        expect((await client.pullAll('holds', after.cursor)).items).toEqual([]);
      } finally {
        ws.close();
      }
    });

    it('a connection reset in the middle of a live channel\'s handshake (station or board) is dropped, and the server keeps serving', async () => {
      const { client } = await newStation();
      const { port } = new URL(server.url);
      for (const [path, token] of [['/sync/live', client.token!], ['/sync/live', 'llst_nope'], ['/board/live', 'none']] as const) {
        // Reset (RST) right after the upgrade request: the server is still checking the credential.
        await new Promise<void>((resolve, reject) => {
          const s = connect(Number(port), '127.0.0.1', () => {
            s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nAuthorization: Bearer ${token}\r\nLotline-Protocol: 1.1\r\n\r\n`, () => {
              s.resetAndDestroy();
              resolve();
            });
          });
          s.on('error', reject);
        });
      }
      await new Promise((r) => setTimeout(r, 200));
      expect((await client.request('GET', '/sync/status')).status).toBe(200);
      const ws = await client.live(() => undefined);
      ws.close();
    });

    it('the live channel refuses a wrong credential and a newer protocol', async () => {
      await expect(new SyncClient(server.url, 'llst_nope').live(() => undefined)).rejects.toThrow(/401/);
      const { client } = await newStation();
      await expect(new SyncClient(server.url, client.token, '2').live(() => undefined)).rejects.toThrow(/426/);
    });

    it('a release at a station after a central hold: recorded, the hold stands, a deviation is raised for QA', async () => {
      const { id, client, chain } = await newStation('RCV');
      chain.append('lot.received', { lotId: 'LOT-D1', itemId: 'IT-1', quantity: 100, uom: 'ea' }, { wallTime: new Date(Date.now() - 60_000).toISOString() });
      await client.push(chain.events);
      await admin.request('POST', '/qa/lots/LOT-D1/hold', { reason: 'visual defect' });
      const heldFeed = await client.pullAll('holds');
      chain.append('lot.released', { lotId: 'LOT-D1' }, { wallTime: new Date(Date.now() + 1000).toISOString() });
      const r = await client.push(chain.range(2, 2));
      expect(r.body.deviations).toEqual([expect.objectContaining({ seq: 2, rule: 'released_while_held', lotId: 'LOT-D1' })]);
      expect(await heldCount(id)).toBe(2);
      const lot = await admin.request<{ lot: { status: string } }>('GET', '/qa/lots/LOT-D1');
      expect(lot.body.lot.status).toBe('on_hold');
      const q = await admin.request<{ deviations: { lotId: string; rule: string; stationId: string }[] }>('GET', '/qa/deviations');
      expect(q.body.deviations).toContainEqual(expect.objectContaining({ lotId: 'LOT-D1', rule: 'released_while_held', stationId: id }));
      // The station that released it holds it released: the central hold is said again in the feed, as central's, so it takes it back.
      const restated = await client.pullAll('holds', heldFeed.cursor);
      expect(restated.items).toEqual([expect.objectContaining({ lotId: 'LOT-D1', kind: 'hold', status: 'on_hold', stationId: null, reason: `the central on hold stands over the release at station ${id}` })]);
      // Retrying the push raises nothing twice.
      await client.push(chain.events);
      expect((await admin.request<{ deviations: { lotId: string }[] }>('GET', '/qa/deviations')).body.deviations.filter((d) => d.lotId === 'LOT-D1')).toHaveLength(1);
      expect((await client.pullAll('holds', restated.cursor)).items).toEqual([]);
    });

    it('a hold placed at a station reaches every station: in the holds feed naming the station and who held it; a use elsewhere after it is a deviation; a station may lift it', async () => {
      const pck = await newStation('PCK');
      const mld = await newStation('MLD');
      const start = await mld.client.pullAll('holds');
      pck.chain.append('lot.received', { lotId: 'LOT-SH1', itemId: 'IT-RESIN', quantity: 100, uom: 'kg' }, { wallTime: new Date(Date.now() - 60_000).toISOString() });
      pck.chain.append('lot.released', { lotId: 'LOT-SH1' }, { wallTime: new Date(Date.now() - 50_000).toISOString() });
      await pck.client.push(pck.chain.events);
      // A defect found at packing: the suspect resin lot is held there, signed by QA.
      const heldAt = new Date(Date.now() - 40_000).toISOString();
      pck.chain.append('lot.held', { lotId: 'LOT-SH1' }, { wallTime: heldAt, reason: 'defect on serial S-17', actor: 'u-quinn' });
      const pushed = await pck.client.push(pck.chain.range(3, 3));
      expect(pushed.status).toBe(200);
      expect((await admin.request<{ lot: { status: string } }>('GET', '/qa/lots/LOT-SH1')).body.lot.status).toBe('on_hold');
      const feed = await mld.client.pullAll('holds', start.cursor);
      expect((feed.items as LotStatusChange[]).filter((h) => h.lotId === 'LOT-SH1')).toEqual([
        expect.objectContaining({ kind: 'station_release', status: 'released', stationId: pck.id }),
        expect.objectContaining({ kind: 'hold', status: 'on_hold', stationId: pck.id, reason: 'defect on serial S-17', byUserId: 'u-quinn', at: heldAt }),
      ]);
      // The molding station, offline, started a batch on that resin after the hold.
      mld.chain.append('molding.batch_started', { batchLotId: 'B-SH1', workOrderId: 'WO-1', itemId: 'IT-PART', machine: 'M1', mold: 'MO1', cavities: [1], resinLotId: 'LOT-SH1', resinVerdictSeq: 1, dryingHours: 4, dryingTempC: 80, meltTempC: 230, injectionPressureBar: 900, cycleTimeS: 30, shift: 'A' }, { wallTime: new Date(Date.now() - 30_000).toISOString() });
      const used = await mld.client.push(mld.chain.events);
      expect(used.body.deviations).toEqual([expect.objectContaining({ seq: 1, rule: 'consumed_after_hold', lotId: 'LOT-SH1' })]);
      // Rejected at the station since: harsher, still the station's block; then released there — a station lifts a station's block, no deviation.
      pck.chain.append('lot.rejected', { lotId: 'LOT-SH1' }, { wallTime: new Date(Date.now() - 20_000).toISOString(), actor: 'u-quinn' });
      pck.chain.append('lot.released', { lotId: 'LOT-SH1' }, { wallTime: new Date(Date.now() - 10_000).toISOString(), actor: 'u-quinn' });
      const lifted = await pck.client.push(pck.chain.range(4, 5));
      expect(lifted.body.deviations).toEqual([]);
      expect((await admin.request<{ lot: { status: string } }>('GET', '/qa/lots/LOT-SH1')).body.lot.status).toBe('released');
      const later = await mld.client.pullAll('holds', feed.cursor);
      expect((later.items as LotStatusChange[]).map((h) => [h.kind, h.status, h.stationId])).toEqual([['hold', 'rejected', pck.id], ['station_release', 'released', pck.id]]);
      // A lot held at a station before its receipt reached the server keeps the hold, and gets its item when the receipt arrives.
      pck.chain.append('lot.held', { lotId: 'LOT-SH2' }, { reason: 'label mix-up' });
      await pck.client.push(pck.chain.range(6, 6));
      const rcv = await newStation('RCV');
      rcv.chain.append('lot.received', { lotId: 'LOT-SH2', itemId: 'IT-LID', quantity: 10, uom: 'ea' });
      await rcv.client.push(rcv.chain.events);
      const [sh2] = await tdb.central.db.select().from(t.lots).where(eq(t.lots.lotId, 'LOT-SH2'));
      expect(sh2).toMatchObject({ status: 'on_hold', itemId: 'IT-LID', stationId: rcv.id });
    });

    it('a reel spliced onto a line after a central hold raises a deviation, as a reel loaded does', async () => {
      const { client, chain } = await newStation('SMT');
      chain.append('lot.received', { lotId: 'LOT-S1', itemId: 'IT-1', quantity: 100, uom: 'ea' }, { wallTime: new Date(Date.now() - 60_000).toISOString() });
      await client.push(chain.events);
      await admin.request('POST', '/qa/lots/LOT-S1/hold', { reason: 'supplier notice 7' });
      chain.append('smt.spliced', { workOrderId: 'WO-1', slot: 'F02', oldLotId: 'LOT-S0', newLotId: 'LOT-S1', itemId: 'IT-1', verdictSeq: 1, via: 'accepted' }, { wallTime: new Date(Date.now() + 1000).toISOString() });
      const r = await client.push(chain.range(2, 2));
      expect(r.body.deviations).toEqual([expect.objectContaining({ seq: 2, rule: 'consumed_after_hold', lotId: 'LOT-S1' })]);
    });

    it('a use between a hold and a recall of the same lot is a use after the hold: the recall keeps the time the lot was first blocked', async () => {
      const { client, chain } = await newStation('SMT');
      chain.append('lot.received', { lotId: 'LOT-RH', itemId: 'IT-1', quantity: 100, uom: 'ea' }, { wallTime: new Date(Date.now() - 60_000).toISOString() });
      await client.push(chain.events);
      await admin.request('POST', '/qa/lots/LOT-RH/hold', { reason: 'supplier notice 9' });
      await new Promise((r) => setTimeout(r, 20));
      chain.append('smt.reel_loaded', { workOrderId: 'WO-1', slot: 'F01', lotId: 'LOT-RH', itemId: 'IT-1', scanSeq: 1, verdictSeq: 1, via: 'accepted' }, { wallTime: new Date().toISOString() });
      await new Promise((r) => setTimeout(r, 20));
      await admin.request('POST', '/qa/lots/LOT-RH/recall', { reason: 'field failures' });
      const r = await client.push(chain.range(2, 2));
      expect(r.body.deviations).toEqual([expect.objectContaining({ seq: 2, rule: 'consumed_after_hold', lotId: 'LOT-RH' })]);
    });

    it('a use while a lot was held is a deviation even when QA released it before the offline station pushed', async () => {
      const { client, chain } = await newStation('SMT');
      chain.append('lot.received', { lotId: 'LOT-HR', itemId: 'IT-1', quantity: 100, uom: 'ea' }, { wallTime: new Date(Date.now() - 60_000).toISOString() });
      await client.push(chain.events);
      await admin.request('POST', '/qa/lots/LOT-HR/hold', { reason: 'check the supplier notice' });
      await new Promise((r) => setTimeout(r, 20));
      chain.append('smt.reel_loaded', { workOrderId: 'WO-1', slot: 'F01', lotId: 'LOT-HR', itemId: 'IT-1', scanSeq: 1, verdictSeq: 1, via: 'accepted' }, { wallTime: new Date().toISOString() });
      await new Promise((r) => setTimeout(r, 20));
      await admin.request('POST', '/qa/lots/LOT-HR/release', { reason: 'notice does not apply' });
      chain.append('smt.reel_loaded', { workOrderId: 'WO-1', slot: 'F02', lotId: 'LOT-HR', itemId: 'IT-1', scanSeq: 2, verdictSeq: 2, via: 'accepted' }, { wallTime: new Date(Date.now() + 1000).toISOString() });
      const r = await client.push(chain.range(2, 3));
      // The load while held is one; the load after the release is none.
      expect(r.body.deviations).toEqual([expect.objectContaining({ seq: 2, rule: 'consumed_after_hold', lotId: 'LOT-HR' })]);
    });

    it('a station release of a lot that is not held goes into the holds feed', async () => {
      const { client, chain } = await newStation('RCV');
      const before = await client.pullAll('holds');
      chain.append('lot.received', { lotId: 'LOT-R1', itemId: 'IT-1', quantity: 5, uom: 'ea' });
      chain.append('lot.released', { lotId: 'LOT-R1' });
      await client.push(chain.events);
      const after = await client.pullAll('holds', before.cursor);
      expect(after.items).toEqual([expect.objectContaining({ lotId: 'LOT-R1', kind: 'station_release', status: 'released' })]);
    });

    it('release and recall are recorded with who and why', async () => {
      await admin.request('POST', '/qa/lots/LOT-Q1/hold', { reason: 'check' });
      await admin.request('POST', '/qa/lots/LOT-Q1/release', { reason: 'checked, fine' });
      await admin.request('POST', '/qa/lots/LOT-Q1/recall', { reason: 'field failure' });
      expect((await admin.request('POST', '/qa/lots/LOT-Q1/hold', { reason: '' })).status).toBe(400);
      const h = await admin.request<{ lot: { status: string }; changes: { kind: string; reason: string; byName: string }[] }>('GET', '/qa/lots/LOT-Q1');
      expect(h.body.lot.status).toBe('recalled');
      expect(h.body.changes.map((c) => [c.kind, c.reason])).toEqual([['recall', 'field failure'], ['release', 'checked, fine'], ['hold', 'check']]);
    });
  });

  describe('master data', () => {
    it('an import with bad rows imports nothing and lists every bad row', async () => {
      const before = await (await newStation()).client.pullAll('master');
      const r = await admin.request<{ error: string; rows: { kind: string; line: number; field: string }[] }>('POST', '/admin/import', {
        items: [
          { itemId: 'GOOD-1', name: 'Resistor', kind: 'component', uom: 'ea' },
          { itemId: 'BAD 2', name: 'x', kind: 'component', uom: 'ea' },
          { itemId: 'BAD-3', name: 'x', kind: 'plutonium', uom: 'ea' },
        ],
        boms: [{ bomId: 'B1', productItemId: 'NOPE', revision: 'A', itemId: 'GOOD-1', qtyPer: 2 }],
        users: [{ userId: 'u1', name: 'U', badge: 'B1', roles: 'operator', pin: '12' }],
      });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('invalid_rows');
      expect(r.body.rows.map((x) => `${x.kind}:${x.line}:${x.field}`)).toEqual(['users:1:pin', 'items:2:itemId', 'items:3:kind', 'boms:1:productItemId']);
      const [item] = await tdb.central.db.select().from(t.items).where(eq(t.items.itemId, 'GOOD-1'));
      expect(item).toBeUndefined();
      const s = await newStation();
      expect((await s.client.pullAll('master', before.cursor)).items.filter((i) => (i as MasterChange).type !== 'master.station.upserted')).toEqual([]);
    });

    it('CSV rows are named by their line in the file', async () => {
      const csv = 'itemId,name,kind,uom,gtin\nC-1,Cap,component,ea,\n"C-2","Cap, big",component,ea,123\nC-3,Cap,component,litre,\n';
      const r = await admin.request<{ rows: { line: number; field: string }[] }>('POST', '/admin/import?kind=items', undefined, { raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(r.status).toBe(400);
      expect(r.body.rows.map((x) => `${x.line}:${x.field}`)).toEqual(['3:gtin', '4:uom']);
    });

    it('a good import reaches stations by cursor, in the station event shapes; an unchanged re-import adds nothing', async () => {
      const { client } = await newStation();
      const start = await client.pullAll('master');
      const bundle = {
        suppliers: [{ supplierId: 'SUP-1', name: 'Acme' }],
        items: [
          { itemId: 'PCB-1', name: 'Board', kind: 'pcb', uom: 'ea' },
          { itemId: 'R-10K', name: 'Resistor 10k', kind: 'component', uom: 'ea', msl: '1' },
          { itemId: 'FG-1', name: 'Widget', kind: 'finished_good', uom: 'ea', gtin: '09501101530003' },
        ],
        part_mappings: [{ itemId: 'R-10K', kind: 'supplier', owner: 'SUP-1', part: 'RC0603-10K' }],
        boms: [
          { bomId: 'BOM-FG1', productItemId: 'FG-1', revision: 'A', itemId: 'PCB-1', qtyPer: 1 },
          { bomId: 'BOM-FG1', productItemId: 'FG-1', revision: 'A', itemId: 'R-10K', qtyPer: 4, slot: 'F1' },
        ],
        work_orders: [{ workOrderId: 'WO-1', productItemId: 'FG-1', bomId: 'BOM-FG1', quantity: 500, stationType: 'smt', status: 'released' }],
        users: [{ userId: 'op-1', name: 'Operator One', badge: 'B-OP1', roles: 'operator|packer', pin: '1234' }],
      };
      const r = await admin.request<{ changed: number }>('POST', '/admin/import', bundle);
      expect(r.status).toBe(200);
      expect(r.body.changed).toBe(7);
      const pulled = await client.pullAll('master', start.cursor);
      const byType = (ty: string) => pulled.items.filter((i) => (i as MasterChange).type === ty).map((i) => (i as MasterChange).payload);
      expect(byType('master.item.upserted')).toContainEqual({ itemId: 'R-10K', name: 'Resistor 10k', kind: 'component', uom: 'ea', msl: '1', partMappings: [{ kind: 'supplier', owner: 'SUP-1', part: 'RC0603-10K' }] });
      expect(byType('master.bom.upserted')).toEqual([{ bomId: 'BOM-FG1', productItemId: 'FG-1', revision: 'A', lines: [{ itemId: 'PCB-1', qtyPer: 1 }, { itemId: 'R-10K', qtyPer: 4, slot: 'F1' }] }]);
      expect(byType('master.user.upserted')[0]).toMatchObject({ userId: 'op-1', roles: ['operator', 'packer'], pinHash: expect.stringMatching(/^scrypt\$/), active: true });
      expect((await admin.request<{ changed: number }>('POST', '/admin/import', bundle)).body.changed).toBe(0);
      // A serial block for an imported item.
      const blk = await client.request<SerialBlock>('POST', '/sync/serial-blocks', { itemId: 'FG-1', size: 100 });
      expect(blk.body).toMatchObject({ itemId: 'FG-1', first: expect.any(Number), last: blk.body.first + 99 });
    });

    it('feed cursors carry their row\'s fingerprint for a 1.1 station: a cursor from a restored database\'s other history gets a snapshot instead of skipping rows; a 1.0 station gets plain cursors', async () => {
      const { client } = await newStation();
      const v11 = new SyncClient(server.url, client.token, '1.1');
      await admin.request('POST', '/qa/lots/LOT-FC1/hold', { reason: 'fingerprint' });
      expect((await client.pullAll('holds')).cursor).toMatch(/^\d+$/);
      const holds = await v11.pullAll('holds');
      const master = await v11.pullAll('master');
      for (const r of [holds, master]) expect(r.cursor).toMatch(/^\d+\.[0-9a-f]{8}$/);
      // The same history: served incrementally.
      expect(await v11.pullAll('holds', holds.cursor)).toMatchObject({ resnapshot: false, items: [] });
      expect(await v11.pullAll('master', master.cursor)).toMatchObject({ resnapshot: false, items: [] });
      // A fingerprint this database's row does not have: a snapshot, on both feeds.
      for (const feed of ['holds', 'master'] as const) {
        const r = feed === 'holds' ? holds : master;
        const forged = await v11.pullAll(feed, `${r.cursor.split('.')[0]}.00000000`);
        expect(forged.resnapshot).toBe(true);
        expect(forged.items.length).toBeGreaterThan(0);
      }

      // Restored from a backup older than the station's cursor, then more holds: the ids the
      // station has passed now name other rows. By id alone it would skip them; by fingerprint it gets a snapshot.
      const restoredDb = await openTestDb(kind);
      const restored = await startServer({ db: restoredDb.central, port: 0, logger: quietLog });
      try {
        const admin2 = await adminSession(restored.url, restoredDb.central);
        const upTo = Number(holds.cursor.split('.')[0]);
        for (let i = 0; i <= upTo; i++) await admin2.request('POST', `/qa/lots/LOT-RST-${i}/hold`, { reason: 'placed after the restore' });
        const st = await enrollStation(restored.url, admin2, 'ST-RESTORED');
        const after = await new SyncClient(restored.url, st.token, '1.1').pullAll('holds', holds.cursor);
        expect(after.resnapshot).toBe(true);
        expect((after.items as LotStatusChange[]).map((h) => h.lotId)).toContain('LOT-RST-0');
        // What a 1.0 cursor cannot tell: served from its id, the rows before it are never seen.
        const blind = await new SyncClient(restored.url, st.token).pullAll('holds', String(upTo));
        expect(blind.resnapshot).toBe(false);
        expect((blind.items as LotStatusChange[]).map((h) => h.lotId)).not.toContain('LOT-RST-0');
      } finally {
        await restored.close();
        await restoredDb.drop();
      }
    });

    it('a cursor older than retention gets a full snapshot', async () => {
      const { client } = await newStation();
      await admin.request('POST', '/admin/import', { suppliers: [{ supplierId: 'SUP-OLD', name: 'Old' }] });
      await pruneMasterFeed(tdb.central.db, new Date(Date.now() + 1000));
      const r = await client.pullAll('master', '0');
      expect(r.resnapshot).toBe(true);
      expect(r.items).toContainEqual(expect.objectContaining({ type: 'master.supplier.upserted', payload: { supplierId: 'SUP-OLD', name: 'Old' } }));
      const next = await client.pullAll('master', r.cursor);
      expect(next).toMatchObject({ resnapshot: false, items: [] });
    });
  });

  describe('serial blocks', () => {
    it('blocks never overlap across concurrent stations; a retried request gets the same block', async () => {
      await admin.request('POST', '/admin/import', { items: [{ itemId: 'SER-1', name: 'Serialized', kind: 'finished_good', uom: 'ea' }] });
      const stations = await Promise.all(Array.from({ length: 5 }, () => newStation('SER')));
      const blocks = (await Promise.all(stations.flatMap((s) => Array.from({ length: 4 }, (_, i) => s.client.request<SerialBlock>('POST', '/sync/serial-blocks', { itemId: 'SER-1', size: 10 + i }))))).map(
        (r) => r.body,
      );
      const sorted = [...blocks].sort((a, b) => a.first - b.first);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.first).toBeGreaterThan(sorted[i - 1]!.last);
      const once = await stations[0]!.client.request<SerialBlock>('POST', '/sync/serial-blocks', { itemId: 'SER-1', size: 5, requestId: 'req-1' });
      const twice = await stations[0]!.client.request<SerialBlock>('POST', '/sync/serial-blocks', { itemId: 'SER-1', size: 5, requestId: 'req-1' });
      expect(twice.body).toEqual(once.body);
      // The id of another request is not a retry: refused, nothing allocated.
      expect((await stations[0]!.client.request('POST', '/sync/serial-blocks', { itemId: 'SER-1', size: 6, requestId: 'req-1' })).status).toBe(400);
      expect((await stations[0]!.client.request('POST', '/sync/serial-blocks', { itemId: 'UNKNOWN', size: 5 })).status).toBe(404);
    });
  });

  it('fifty stations push and pull at once', async () => {
    const stations = await Promise.all(Array.from({ length: 50 }, () => newStation('FLEET')));
    for (const s of stations) s.chain.scans(300);
    await Promise.all(
      stations.map(async (s, i) => {
        for (let from = 1; from <= 300; from += 60) {
          const r = await s.client.push(s.chain.range(from, from + 59));
          expect(r.status).toBe(200);
          if (i % 5 === 0) await s.client.pullAll('holds');
          if (i % 7 === 0) await s.client.pullAll('master');
        }
      }),
    );
    const rows = await tdb.central.db
      .select({ stationId: t.events.stationId, n: sql<number>`count(*)::int`, max: sql<number>`max(seq)::int` })
      .from(t.events)
      .where(sql`${t.events.stationId} LIKE 'FLEET-%'`)
      .groupBy(t.events.stationId);
    expect(rows).toHaveLength(50);
    for (const r of rows) expect(r).toMatchObject({ n: 300, max: 300 });
  });
});
