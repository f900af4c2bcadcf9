// Recording pulled data in the station's log, without a server: idempotent master records,
// holds on lots held here and elsewhere, resnapshots that replace, the cursor in the same
// transaction as the records, projections rebuilt identically — and the command path never
// waiting on a server that does not answer.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { LotStatusChange, MasterChange } from '../../../shared/sync/protocol';
import { StationRuntime } from '../../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../../electron/station/store/rebuild';
import { MemoryCredentialStore } from '../../../electron/station/sync/credential';
import { readSyncReport } from '../../../electron/station/sync/config';
import { tempDir } from '../helpers/station';
import { appendScans, localEvents, quietLog, until } from './helpers';

const user = (userId: string, active = true): MasterChange => ({ cursor: '1', type: 'master.user.upserted', payload: { userId, name: `User ${userId}`, badge: `B-${userId}`, roles: ['operator'], pinHash: 'scrypt$1$1$1$AA==$AA==', active } });
const item = (cursor: string, name = 'Resistor 10k'): MasterChange => ({
  cursor,
  type: 'master.item.upserted',
  payload: { itemId: 'I-10K', name, kind: 'component', uom: 'ea', msl: '3', partMappings: [{ kind: 'supplier', owner: 'DK', part: 'RC0603' }, { kind: 'manufacturer', owner: 'Yageo', part: 'RC0603FR-0710KL' }] },
});
const bom = (cursor: string): MasterChange => ({ cursor, type: 'master.bom.upserted', payload: { bomId: 'B-1', productItemId: 'P-1', revision: 'A', lines: [{ itemId: 'I-10K', qtyPer: 2, slot: 'F1' }, { itemId: 'I-C1', qtyPer: 1, alternates: [] }] } });
const hold = (cursor: string, lotId: string, kind: LotStatusChange['kind'], status: LotStatusChange['status']): LotStatusChange => ({ cursor, lotId, kind, status, reason: `${kind} ${lotId}`, byUserId: 'qa', byName: 'Quinn QA', stationId: null, at: new Date().toISOString() });

describe('recording pulled data', () => {
  const dirs: Array<{ remove(): void }> = [];
  const open = async (id: string) => {
    const d = tempDir('lotline-sync-rec-');
    dirs.push(d);
    return { rt: await StationRuntime.open({ dataDir: d.path, stationId: id, idleCheckMs: 3_600_000, logger: quietLog }), dir: d.path };
  };
  afterAll(() => dirs.forEach((d) => d.remove()));

  it('a master record identical to the projection is skipped; a changed one is recorded; the cursor moves with them', async () => {
    const { rt, dir } = await open('REC-1');
    try {
      expect(await rt.system('sync.record_master', { items: [user('u1'), item('2'), bom('3')], cursor: '3', resnapshot: false })).toEqual({ recorded: 3, skipped: 0 });
      // The same page again (mapping order differs, empty alternates omitted): nothing new.
      const again = item('5');
      (again.payload as { partMappings: unknown[] }).partMappings.reverse();
      expect(await rt.system('sync.record_master', { items: [user('u1'), again, bom('6')], cursor: '6', resnapshot: false })).toEqual({ recorded: 0, skipped: 3 });
      expect(await rt.system('sync.record_master', { items: [item('7', 'Resistor 10k 1%')], cursor: '7', resnapshot: false })).toEqual({ recorded: 1, skipped: 0 });
      expect(readSyncReport(dir)!.cursors.master).toBe('7');
      // A record the schema refuses is refused whole: no event, and the cursor stays.
      const before = rt.log.lastSeq;
      await expect(rt.system('sync.record_master', { items: [{ cursor: '8', type: 'master.item.upserted', payload: { itemId: 'X' } }], cursor: '8', resnapshot: false })).rejects.toThrow(/invalid/);
      expect(rt.log.lastSeq).toBe(before);
      expect(readSyncReport(dir)!.cursors.master).toBe('7');
    } finally {
      await rt.close();
    }
  });

  it("an unconfigured station takes its own name, type and area from the central list; a configured one keeps its settings", async () => {
    const station = (stationId: string, type: 'supervisor' | 'smt', cursor: string): MasterChange => ({ cursor, type: 'master.station.upserted', payload: { stationId, name: `Desk ${stationId}`, type, area: 'Office' } });
    const { rt } = await open('SUP-9');
    try {
      expect(rt.status().station).toBeNull();
      await rt.system('sync.record_master', { items: [station('OTHER-1', 'smt', '1'), station('SUP-9', 'supervisor', '2')], cursor: '2', resnapshot: false });
      expect(rt.status().station).toMatchObject({ stationId: 'SUP-9', name: 'Desk SUP-9', type: 'supervisor', area: 'Office' });
      const adopted = localEvents(rt).filter((e) => e.type === 'station.configured');
      expect(adopted).toHaveLength(1);
      expect(adopted[0]!.reason).toMatch(/central station list/);
      // Configured now: a later central change of its type does not override the station.
      await rt.system('sync.record_master', { items: [station('SUP-9', 'smt', '3')], cursor: '3', resnapshot: false });
      expect(rt.status().station?.type).toBe('supervisor');
      expect(localEvents(rt).filter((e) => e.type === 'station.configured')).toHaveLength(1);
    } finally {
      await rt.close();
    }
  });

  it('a master resnapshot replaces: a user it no longer lists can no longer log in here', async () => {
    const { rt } = await open('REC-2');
    try {
      await rt.system('sync.record_master', { items: [user('u1'), user('u2')], cursor: '2', resnapshot: false });
      expect(await rt.system('sync.record_master', { items: [user('u1')], cursor: '90', resnapshot: true })).toEqual({ recorded: 0, skipped: 1 });
      const u2 = rt.store.sqlite.prepare('SELECT active FROM users WHERE user_id = ?').get('u2') as { active: number };
      expect(u2.active).toBe(0);
      expect(localEvents(rt).filter((e) => e.type === 'sync.feed_resnapshot').map((e) => e.payload)).toEqual([{ feed: 'master', cursor: '90', items: 1, dropped: ['u2'] }]);
    } finally {
      await rt.close();
    }
  });

  it('holds: a lot held here goes on_hold, a lot known only centrally is remembered, a resnapshot records only differences', async () => {
    const { rt, dir } = await open('REC-3');
    try {
      await rt.system('lot.receive', { lotId: 'L-HERE', itemId: 'I-1', quantity: 3, uom: 'ea' });
      expect(await rt.system('sync.record_holds', { items: [hold('1', 'L-HERE', 'hold', 'on_hold'), hold('2', 'L-AWAY', 'recall', 'recalled')], cursor: '2', resnapshot: false })).toEqual({ recorded: 2, skipped: 0 });
      expect(rt.store.sqlite.prepare('SELECT status FROM lots WHERE lot_id = ?').get('L-HERE')).toEqual({ status: 'on_hold' });
      expect(rt.store.sqlite.prepare('SELECT status FROM lot_central_status WHERE lot_id = ?').get('L-AWAY')).toEqual({ status: 'recalled' });
      // The same change again (same cursor) is not recorded twice.
      expect(await rt.system('sync.record_holds', { items: [hold('1', 'L-HERE', 'hold', 'on_hold')], cursor: '2', resnapshot: false })).toEqual({ recorded: 0, skipped: 1 });
      // Snapshot: L-HERE unchanged, L-AWAY released, L-GONE not listed any more.
      await rt.system('sync.record_holds', { items: [hold('3', 'L-GONE', 'hold', 'on_hold')], cursor: '3', resnapshot: false });
      expect(await rt.system('sync.record_holds', { items: [hold('1', 'L-HERE', 'hold', 'on_hold'), hold('4', 'L-AWAY', 'release', 'released')], cursor: '4', resnapshot: true })).toEqual({ recorded: 1, skipped: 1 });
      expect(rt.store.sqlite.prepare('SELECT lot_id AS id, status FROM lot_central_status ORDER BY lot_id').all()).toEqual([
        { id: 'L-AWAY', status: 'released' },
        { id: 'L-HERE', status: 'on_hold' },
      ]);
      expect(readSyncReport(dir)!.cursors.holds).toBe('4');
      // Everything above is derived from the log: a rebuild gives the same projections.
      await rt.system('serial.record_block', { blockId: '9', itemId: 'I-S', first: 1, last: 100, allocatedAt: new Date().toISOString(), requestId: 'r1' });
      expect(await rt.system('serial.record_block', { blockId: '9', itemId: 'I-S', first: 1, last: 100, allocatedAt: new Date().toISOString(), requestId: 'r1' })).toEqual({ recorded: 0, skipped: 1 });
      expect(rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true })).toMatchObject({ identical: true });
    } finally {
      await rt.close();
    }
  });

  it('a stored credential of another station is not used: state error, nothing sent', async () => {
    const { rt } = await open('REC-5');
    try {
      const sync = await rt.startSync({ serverUrl: 'http://127.0.0.1:9', credentials: new MemoryCredentialStore({ serverUrl: 'http://127.0.0.1:9', stationId: 'SOMEONE-ELSE', token: 't', enrolledAt: new Date().toISOString() }), live: false });
      expect(sync.state()).toMatchObject({ state: 'error', errorCode: 'station_mismatch' });
      expect(sync.state().detail).toMatch(/credential is for station SOMEONE-ELSE.*belongs to station REC-5/);
      await new Promise((r) => setTimeout(r, 200)); // the loops have tried by now
      expect(sync.state()).toMatchObject({ state: 'error', errorCode: 'station_mismatch', queued: rt.log.lastSeq });
    } finally {
      await rt.close();
    }
  });

  describe('a server that accepts connections and never answers', () => {
    let srv: Server;
    const sockets = new Set<Socket>();
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => srv.close(r));
    });

    it('commands complete while every sync request hangs; the header says offline, not stuck', async () => {
      srv = createServer((s) => {
        sockets.add(s);
        s.on('error', () => undefined);
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
      const { rt } = await open('REC-4');
      try {
        await rt.startSync({ serverUrl: url, credentials: new MemoryCredentialStore({ serverUrl: url, stationId: 'REC-4', token: 'llst_t', enrolledAt: new Date().toISOString() }), requestTimeoutMs: 500, backoff: { baseMs: 20, maxMs: 100, minMs: 10 } });
        for (let i = 0; i < 50; i++) await rt.system('lot.receive', { lotId: `L-${i}`, itemId: 'I-1', quantity: 1, uom: 'ea' });
        appendScans(rt, 100);
        await until(() => rt.status().sync.state === 'offline' && /no answer within 500 ms/.test(rt.status().sync.lastError ?? ''), 'timeouts reported');
        expect(rt.status().sync.queued).toBe(rt.log.lastSeq);
      } finally {
        await rt.close();
      }
    });
  });
});
