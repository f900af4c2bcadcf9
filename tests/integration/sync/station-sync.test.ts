// The station's sync client against a real central server on 127.0.0.1 (PGlite and
// PostgreSQL): enrollment, push exactly once, holds before uploads, master data, clock
// drift, protocol versions, a refused credential, a cloned station, serial blocks.
import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHold } from '../../../server/holds';
import * as ct from '../../../server/db/schema';
import { lots } from '../../../electron/station/store/schema';
import { applyEvent } from '../../../electron/station/projections/apply';
import { FileCredentialStore } from '../../../electron/station/sync/credential';
import { enrollStation, EnrollmentError } from '../../../electron/station/sync/enroll';
import { tempDir } from '../helpers/station';
import { SyncClient } from '../server/helpers';
import { DEFAULT_SERIAL_POLICY } from '../../../electron/station/sync/client';
import { appendScans, DB_KINDS, expectSameLog, FAST, issueCode, localEvents, openSyncedStation, startCentral, until, waitDrained, type Central } from './helpers';

const QA = { userId: 'qa-central', name: 'Quinn QA', roles: ['qa'] };

describe.each(DB_KINDS)('station sync client with a central server on %s', (kind) => {
  let c: Central;
  const dirs: Array<{ remove(): void }> = [];
  const dir = () => {
    const d = tempDir('lotline-sync-');
    dirs.push(d);
    return d.path;
  };
  let n = 0;
  const sid = (p = 'SYN') => `${p}-${kind === 'pglite' ? 'L' : 'P'}${++n}`;

  beforeAll(async () => {
    c = await startCentral(kind);
  });
  afterAll(async () => {
    await c?.close();
    for (const d of dirs) d.remove();
  });

  it('enrolls, records events, and they arrive centrally exactly once with the chain intact', async () => {
    const id = sid();
    const data = dir();
    const { rt, credentials } = await openSyncedStation(data, c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      expect((statSync(credentials.file).mode & 0o777).toString(8)).toBe('600');
      await rt.system('lot.receive', { lotId: 'L-1', itemId: 'I-1', quantity: 5, uom: 'ea' });
      appendScans(rt, 3000, 700);
      await waitDrained(rt);
      const same = await expectSameLog(c, rt);
      expect(same).toEqual({ local: same.local, central: same.local, problem: null, mismatched: 0 });
      const s = rt.status().sync;
      expect(s).toMatchObject({ state: 'online', queued: 0, server: c.url, ackedSeq: rt.log.lastSeq, oldestUnsentAgeMs: null, lastError: null });
      expect(s.lastSuccessAt).toBeTruthy();
      // Bookkeeping writes skip the fsync; every other commit stays FULL.
      expect(rt.store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      const enrolled = localEvents(rt).filter((e) => e.type === 'sync.enrolled');
      expect(enrolled).toHaveLength(1);
      expect(JSON.stringify(enrolled[0])).not.toContain((await credentials.load())!.token);
    } finally {
      await rt.close();
    }
  });

  it('a restart resumes from the server’s ack without flags and sends nothing twice', async () => {
    const id = sid();
    const data = dir();
    let s = await openSyncedStation(data, c.url, { stationId: id, code: await issueCode(c, id) });
    appendScans(s.rt, 500);
    await waitDrained(s.rt);
    const closedAt = s.rt.log.lastSeq;
    await s.rt.close();
    // The acked sequence on disk is older than the server's (as after a crash between the server's commit and our write).
    const { openStore } = await import('../../../electron/station/store/db');
    const st = openStore(join(data, 'station.db'));
    st.sqlite.prepare('UPDATE sync_state SET acked_seq = 100').run();
    st.close();
    s = await openSyncedStation(data, c.url, { stationId: id });
    try {
      appendScans(s.rt, 200);
      await waitDrained(s.rt);
      const pushes = s.traces.filter((t) => t.op === 'push_request');
      expect(pushes[0]).toMatchObject({ fromSeq: closedAt + 1 }); // resumed after the server's ack, not after 100
      expect(await expectSameLog(c, s.rt)).toMatchObject({ problem: null, mismatched: 0 });
    } finally {
      await s.rt.close();
    }
  });

  it('a store that belongs to another station id is refused at enrollment, and nothing changes', async () => {
    const id = sid();
    const data = dir();
    const code = await issueCode(c, id);
    await expect(enrollStation({ serverUrl: c.url, code, stationId: 'SOMEONE-ELSE', credentials: new FileCredentialStore(data) })).rejects.toThrow(EnrollmentError);
    await expect(enrollStation({ serverUrl: c.url, code, stationId: 'SOMEONE-ELSE', credentials: new FileCredentialStore(data) })).rejects.toThrow(/another station|refused/);
    expect(await new FileCredentialStore(data).load()).toBeNull();
  });

  it('a hold placed while the station is offline is recorded before any upload after reconnect, however long the backlog', async () => {
    const id = sid();
    const { rt, traces } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      await rt.system('lot.receive', { lotId: `LOT-H-${id}`, itemId: 'I-1', quantity: 10, uom: 'ea' });
      await waitDrained(rt);
      await c.down();
      appendScans(rt, 20_000);
      await until(() => rt.status().sync.state === 'offline', 'the station notices the server is gone');
      // QA holds the lot centrally while the station cannot hear about it.
      await changeHold(c.tdb.central.db, `LOT-H-${id}`, 'hold', 'suspect resin moisture', QA);
      const mark = traces.length;
      await c.up();
      await until(() => rt.store.db.select().from(lots).all().some((l) => l.status === 'on_hold'), 'the hold reaches the station');
      await waitDrained(rt);
      const after = traces.slice(mark);
      const firstHolds = after.findIndex((t) => t.op === 'holds_applied' && t.recorded > 0);
      const firstPush = after.findIndex((t) => t.op === 'push_request');
      expect(firstHolds).toBeGreaterThanOrEqual(0);
      expect(firstPush).toBeGreaterThan(firstHolds);
      const held = localEvents(rt).filter((e) => e.type === 'lot.status_changed');
      expect(held.map((e) => e.payload)).toEqual([expect.objectContaining({ lotId: `LOT-H-${id}`, status: 'on_hold', kind: 'hold', reason: 'suspect resin moisture', byName: 'Quinn QA' })]);
      // The hold event was appended after the whole backlog, yet uploads only resumed after it.
      expect(held[0]!.seq).toBeGreaterThan(20_000);
      expect(await expectSameLog(c, rt)).toMatchObject({ problem: null, mismatched: 0 });
    } finally {
      await c.up();
      await rt.close();
    }
  });

  it('a hold reaches an online station through the live channel and a release follows it', async () => {
    const id = sid();
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id), sync: { holdsPollMs: 600_000 } });
    try {
      await rt.system('lot.receive', { lotId: `LOT-L-${id}`, itemId: 'I-1', quantity: 1, uom: 'ea' });
      await waitDrained(rt);
      const lotStatus = () => (rt.store.sqlite.prepare('SELECT status FROM lots WHERE lot_id = ?').get(`LOT-L-${id}`) as { status: string }).status;
      const h = await c.admin.request('POST', `/qa/lots/LOT-L-${id}/hold`, { reason: 'check' });
      expect(h.status).toBe(200);
      await until(() => lotStatus() === 'on_hold', 'live hold');
      await c.admin.request('POST', `/qa/lots/LOT-L-${id}/release`, { reason: 'checked' });
      await until(() => lotStatus() === 'released', 'live release');
      // A lot this station never received is still known as held.
      await c.admin.request('POST', `/qa/lots/LOT-ELSEWHERE-${id}/hold`, { reason: 'recall check' });
      await until(() => !!rt.store.sqlite.prepare('SELECT 1 FROM lot_central_status WHERE lot_id = ? AND status = ?').get(`LOT-ELSEWHERE-${id}`, 'on_hold'), 'central status of a foreign lot');
    } finally {
      await rt.close();
    }
  });

  it('a hold placed at one station reaches the others (and not its own log twice); that station\'s release lifts it everywhere', async () => {
    const [idA, idB] = [sid('PCK'), sid('MLD')];
    const a = await openSyncedStation(dir(), c.url, { stationId: idA, code: await issueCode(c, idA) });
    const b = await openSyncedStation(dir(), c.url, { stationId: idB, code: await issueCode(c, idB), sync: { holdsPollMs: 600_000 } });
    const lotId = `LOT-SH-${idA}`;
    try {
      for (const s of [a, b]) await s.rt.system('lot.receive', { lotId, itemId: 'I-RESIN', quantity: 25, uom: 'kg' });
      // What quality.hold records (a defect found at packing), written as its handler does: the event and its projection.
      const record = (type: 'lot.held' | 'lot.released', reason: string, lot = lotId) => {
        a.rt.store.sqlite.transaction(() => applyEvent(a.rt.store.db, a.rt.log.append({ type, payload: { lotId: lot }, actor: 'u-quinn', reason })))();
        a.rt.log.committed();
        a.rt.sync?.notifyCommitted();
      };
      const statusAt = (s: typeof a) => s.rt.store.sqlite.prepare('SELECT status FROM lots WHERE lot_id = ?').pluck().get(lotId);
      record('lot.held', 'defect on serial S-17');
      // B is told through the live channel (its poll is ten minutes away).
      await until(() => statusAt(b) === 'on_hold', 'the hold at the other station');
      expect(b.rt.store.sqlite.prepare('SELECT kind, reason FROM lot_central_status WHERE lot_id = ?').get(lotId)).toEqual({ kind: 'hold', reason: 'defect on serial S-17' });
      const changed = localEvents(b.rt).filter((e) => e.type === 'lot.status_changed').at(-1)!;
      expect(changed.payload).toMatchObject({ lotId, status: 'on_hold', kind: 'hold', fromStationId: idA });
      record('lot.released', 'not the resin: a mould insert');
      await until(() => statusAt(b) === 'released', 'the release at the other station');
      await waitDrained(a.rt);
      // Its own hold and release came back in the feed and were not recorded a second time.
      const [head] = await c.tdb.central.db.select({ id: sql<number>`max(id)::int` }).from(ct.lotStatusChanges).where(eq(ct.lotStatusChanges.lotId, lotId));
      await until(() => Number(String(a.rt.store.sqlite.prepare('SELECT holds_cursor FROM sync_state').pluck().get()).split('.')[0]) >= head!.id, 'the station pulled its own changes back');
      expect(localEvents(a.rt).filter((e) => e.type === 'lot.status_changed' && (e.payload as { lotId: string }).lotId === lotId)).toEqual([]);
      expect(statusAt(a)).toBe('released');

      // Held and released while offline: both arrive; the echo of the hold does not put the lot back on hold here.
      const lot2 = `LOT-SH2-${idA}`;
      await a.rt.system('lot.receive', { lotId: lot2, itemId: 'I-RESIN', quantity: 25, uom: 'kg' });
      await a.rt.sync!.stop();
      record('lot.held', 'suspect', lot2);
      record('lot.released', 'cleared', lot2);
      await a.rt.startSync({ serverUrl: c.url, credentials: a.credentials, ...FAST });
      await until(() => localEvents(b.rt).filter((e) => e.type === 'lot.status_changed' && (e.payload as { lotId: string }).lotId === lot2).length === 2, 'both changes at the other station');
      const [head2] = await c.tdb.central.db.select({ id: sql<number>`max(id)::int` }).from(ct.lotStatusChanges).where(eq(ct.lotStatusChanges.lotId, lot2));
      await until(() => Number(String(a.rt.store.sqlite.prepare('SELECT holds_cursor FROM sync_state').pluck().get()).split('.')[0]) >= head2!.id, 'the station pulled its own offline changes back');
      expect(localEvents(a.rt).filter((e) => e.type === 'lot.status_changed' && [lotId, lot2].includes((e.payload as { lotId: string }).lotId))).toEqual([]);
      expect(a.rt.store.sqlite.prepare('SELECT status FROM lots WHERE lot_id = ?').pluck().get(lot2)).toBe('released');
    } finally {
      await a.rt.close();
      await b.rt.close();
    }
  });

  it('a station that releases a lot central QA holds gets the hold back: it does not go on using the lot', async () => {
    const id = sid('REL');
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id), sync: { holdsPollMs: 600_000 } });
    const lotId = `LOT-CH-${id}`;
    try {
      await rt.system('lot.receive', { lotId, itemId: 'I-1', quantity: 1, uom: 'ea' });
      await waitDrained(rt);
      const statusHere = () => rt.store.sqlite.prepare('SELECT status FROM lots WHERE lot_id = ?').pluck().get(lotId);
      await c.admin.request('POST', `/qa/lots/${lotId}/hold`, { reason: 'supplier notice' });
      await until(() => statusHere() === 'on_hold', 'the central hold here');
      // QA at this station releases it (what lot.release records: the event and its projection).
      rt.store.sqlite.transaction(() => applyEvent(rt.store.db, rt.log.append({ type: 'lot.released', payload: { lotId }, actor: 'u-quinn', reason: 'looks fine' })))();
      rt.log.committed();
      expect(statusHere()).toBe('released');
      rt.sync?.notifyCommitted();
      await until(() => statusHere() === 'on_hold', 'the central hold said again');
      const last = localEvents(rt).filter((e) => e.type === 'lot.status_changed').at(-1)!;
      expect(last.payload).toMatchObject({ lotId, status: 'on_hold', kind: 'hold', fromStationId: null });
    } finally {
      await rt.close();
    }
  });

  it('master data is pulled into the log by cursor; an unchanged record is not recorded twice', async () => {
    const id = sid();
    const imp = await c.admin.request('POST', '/admin/import', {
      suppliers: [{ supplierId: `SUP-${id}`, name: 'Acme Resins' }],
      items: [{ itemId: `ITM-${id}`, name: 'Resin PC', kind: 'resin', uom: 'kg' }],
    });
    expect(imp.status).toBe(200);
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      await until(() => !!rt.store.sqlite.prepare('SELECT 1 FROM items WHERE item_id = ?').get(`ITM-${id}`), 'item pulled');
      const count = () => localEvents(rt).filter((e) => e.type === 'master.item.upserted' && (e.payload as { itemId: string }).itemId === `ITM-${id}`).length;
      expect(count()).toBe(1);
      const cursor = (rt.store.sqlite.prepare('SELECT master_cursor AS c FROM sync_state').get() as { c: string }).c;
      // Replaying the feed from the beginning (a lost cursor) records nothing new for unchanged records.
      rt.store.sqlite.prepare('UPDATE sync_state SET master_cursor = NULL').run();
      await c.admin.request('POST', '/admin/import', { suppliers: [{ supplierId: `SUP2-${id}`, name: 'Other' }] });
      await until(() => !!rt.store.sqlite.prepare('SELECT 1 FROM suppliers WHERE supplier_id = ?').get(`SUP2-${id}`), 'second import pulled');
      expect(count()).toBe(1);
      // The station speaks 1.1: its cursors carry the row's fingerprint (ID.TAG).
      const idOf = (c: string) => Number(/^(\d+)\.[0-9a-f]{8}$/.exec(c)?.[1]);
      expect(idOf((rt.store.sqlite.prepare('SELECT master_cursor AS c FROM sync_state').get() as { c: string }).c)).toBeGreaterThan(idOf(cursor));
    } finally {
      await rt.close();
    }
  });

  it.each([
    ['ahead', 24 * 3_600_000],
    ['behind', -24 * 3_600_000],
  ])('a station clock 24 h %s: records are accepted and the drift is recorded once', async (_, skew) => {
    const id = sid();
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id), clock: () => Date.now() + skew });
    try {
      appendScans(rt, 50);
      await until(() => localEvents(rt).some((e) => e.type === 'sync.clock_drift'), 'drift recorded');
      appendScans(rt, 50);
      await waitDrained(rt);
      const drift = localEvents(rt).filter((e) => e.type === 'sync.clock_drift');
      expect(drift).toHaveLength(1);
      const p = drift[0]!.payload as { offsetMs: number; thresholdMs: number };
      expect(Math.abs(p.offsetMs + skew)).toBeLessThan(60_000);
      expect(p.thresholdMs).toBe(2000);
      expect(rt.status().sync.clockOffsetMs).toBeCloseTo(-skew, -5);
      expect(await expectSameLog(c, rt)).toMatchObject({ problem: null, mismatched: 0 });
      const [st] = await c.tdb.central.db.select().from(ct.stations).where(eq(ct.stations.stationId, id));
      expect(st).toBeTruthy();
    } finally {
      await rt.close();
    }
  });

  it('a station speaking a newer protocol than the server: a clear error, nothing lost, nothing sent', async () => {
    const id = sid();
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id), sync: { protocol: '2.0' } });
    try {
      appendScans(rt, 10);
      await until(() => rt.status().sync.state === 'error', 'protocol error');
      expect(rt.status().sync).toMatchObject({ state: 'error', errorCode: 'protocol', queued: rt.log.lastSeq });
      expect(rt.status().sync.detail).toMatch(/newer than the central server.*update the central server/);
    } finally {
      await rt.close();
    }
  });

  it('a wrong credential (401): state error, nothing lost; after re-enrollment everything arrives once', async () => {
    const id = sid();
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      appendScans(rt, 100);
      await waitDrained(rt);
      // Someone enrolls the station id again elsewhere: this station's token is revoked.
      const other = new SyncClient(c.url, null);
      expect((await other.enroll(await issueCode(c, id))).status).toBe(200);
      appendScans(rt, 300);
      await until(() => rt.status().sync.state === 'error', '401 noticed');
      expect(rt.status().sync).toMatchObject({ state: 'error', errorCode: 'unauthenticated' });
      expect(rt.status().sync.queued).toBeGreaterThan(0);
      appendScans(rt, 100);
      await rt.sync!.enroll(await issueCode(c, id));
      await waitDrained(rt);
      expect(await expectSameLog(c, rt)).toMatchObject({ problem: null, mismatched: 0 });
    } finally {
      await rt.close();
    }
  });

  it('a cloned station (same identity and token): the server raises an integrity alarm, the clone stops pushing and says so', async () => {
    const id = sid();
    const a = dir();
    const b = dir();
    let s = await openSyncedStation(a, c.url, { stationId: id, code: await issueCode(c, id) });
    appendScans(s.rt, 200);
    await waitDrained(s.rt);
    await s.rt.close();
    cpSync(a, b, { recursive: true });
    s = await openSyncedStation(a, c.url, { stationId: id });
    try {
      appendScans(s.rt, 100);
      await waitDrained(s.rt);
      const clone = await openSyncedStation(b, c.url, { stationId: id });
      try {
        appendScans(clone.rt, 100);
        await until(() => clone.rt.status().sync.state === 'error', 'clone halted');
        expect(clone.rt.status().sync).toMatchObject({ state: 'error', errorCode: 'integrity' });
        expect(clone.rt.status().sync.detail).toMatch(/pushing stopped/);
        const alarms = localEvents(clone.rt).filter((e) => e.type === 'sync.integrity_alarm');
        expect(alarms).toHaveLength(1);
        expect(alarms[0]!.payload).toMatchObject({ problem: expect.stringMatching(/hash_conflict|prev_hash_mismatch|ack_hash_mismatch/) });
        const [{ n: central }] = (await c.tdb.central.db.select({ n: sql<number>`count(*)::int` }).from(ct.integrityAlarms).where(eq(ct.integrityAlarms.stationId, id))) as [{ n: number }];
        expect(central).toBeGreaterThanOrEqual(1);
        // Stays stopped: more local events are not pushed.
        const pushesBefore = clone.traces.filter((t) => t.op === 'push_request').length;
        appendScans(clone.rt, 10);
        await new Promise((r) => setTimeout(r, 300));
        expect(clone.traces.filter((t) => t.op === 'push_request').length).toBe(pushesBefore);
        // The original is unaffected: its log is the central one.
        appendScans(s.rt, 10);
        await waitDrained(s.rt);
        expect(await expectSameLog(c, s.rt)).toMatchObject({ problem: null, mismatched: 0 });
      } finally {
        await clone.rt.close();
      }
    } finally {
      await s.rt.close();
    }
  });

  it('serial blocks are requested ahead of need and recorded; a retried request gets the same block', async () => {
    const id = sid();
    expect((await c.admin.request('POST', '/admin/import', { items: [{ itemId: `SER-${id}`, name: 'Serialized pump', kind: 'finished_good', uom: 'ea' }] })).status).toBe(200);
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id), sync: { serialItems: [{ itemId: `SER-${id}`, lowWater: 50, blockSize: 100 }] } });
    try {
      await until(() => localEvents(rt).some((e) => e.type === 'serial.block_received'), 'block received');
      const blocks = rt.store.sqlite.prepare('SELECT * FROM serial_blocks WHERE item_id = ?').all(`SER-${id}`) as { first: number; last: number; request_id: string }[];
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.last - blocks[0]!.first + 1).toBe(100);
      // Its own request id, not one a clone or a restored backup of this station would derive again.
      expect(blocks[0]!.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const again = await rt.sync!.requestSerialBlock(`SER-${id}`, 100, blocks[0]!.request_id);
      expect(again).toMatchObject({ first: blocks[0]!.first, last: blocks[0]!.last });
      expect(localEvents(rt).filter((e) => e.type === 'serial.block_received')).toHaveLength(1);
    } finally {
      await rt.close();
    }
  });

  it('an item the master data marks serialized gets a block without being named in the options', async () => {
    const id = sid();
    const item = { itemId: `SERM-${id}`, name: 'Serialized cap', kind: 'finished_good', uom: 'ea', serialized: true, serialPrefix: 'SM' };
    // A serialized item without a prefix is refused at import, naming the field.
    const bad = await c.admin.request<{ errors: Array<{ field: string }> }>('POST', '/admin/import', { items: [{ ...item, serialPrefix: undefined }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('serialPrefix');
    expect((await c.admin.request('POST', '/admin/import', { items: [item] })).status).toBe(200);
    const { rt } = await openSyncedStation(dir(), c.url, { stationId: id, code: await issueCode(c, id) });
    try {
      await until(() => localEvents(rt).some((e) => e.type === 'serial.block_received'), 'block received');
      expect(rt.workflows.snapshot.items.get(item.itemId as never)).toMatchObject({ serialized: true, serialPrefix: 'SM' });
      const blocks = rt.store.sqlite.prepare('SELECT first, last FROM serial_blocks WHERE item_id = ?').all(item.itemId) as { first: number; last: number }[];
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.last - blocks[0]!.first + 1).toBe(DEFAULT_SERIAL_POLICY.blockSize);
    } finally {
      await rt.close();
    }
  });
});

describe('a server that needs a newer station (426)', () => {
  let srv: Server;
  let url: string;
  const d = tempDir('lotline-sync-426-');
  beforeAll(async () => {
    srv = createServer((req, res) => {
      req.resume();
      res.writeHead(426, { 'content-type': 'application/json', 'lotline-protocol': '2.0', 'lotline-server-time': new Date().toISOString() });
      res.end(JSON.stringify({ error: 'unsupported_protocol', message: 'protocol 1 is no longer served', serverProtocol: '2.0' }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
    d.remove();
  });

  it('says the station must be updated, keeps everything, and keeps retrying slowly', async () => {
    const credentials = new FileCredentialStore(d.path);
    await credentials.save({ serverUrl: url, stationId: 'OLD-1', token: 'llst_x', enrolledAt: new Date().toISOString() });
    const { rt } = await openSyncedStation(d.path, url, { stationId: 'OLD-1' });
    try {
      appendScans(rt, 5);
      await until(() => rt.status().sync.state === 'error', '426 noticed');
      expect(rt.status().sync).toMatchObject({ state: 'error', errorCode: 'protocol', queued: rt.log.lastSeq });
      expect(rt.status().sync.detail).toMatch(/needs a newer station.*update this station/);
    } finally {
      await rt.close();
    }
  });
});
