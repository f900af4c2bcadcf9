// The station's verification rule settings as an administrator sets them (Settings ›
// Verification rules): read back as in force, signed, refused to anyone else or out of range,
// and in force at once — the plant's UTC offset decides when an expiry date has passed.
// Real runtime on a real SQLite file, with the station's clock fixed at noon UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { processTimeZone } from '../../shared/clock/zone';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

const NOON = Date.parse('2026-11-22T12:00:00Z');
const ADMIN = { badge: 'AD-500', pin: '5555', meaning: 'approved' as const, reason: 'plant rules' };

describe('verification rule settings', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  /** A manual receipt of pouches expiring on `expiry` (a new supplier lot each time). */
  let n = 0;
  const receive = (expiry: string) =>
    api.call('receiving.receive', { scanSeq: null, verdictSeq: null, itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: `CP-RULES-${++n}`, quantityPerContainer: 100, containers: 1, expiry, coc: null, confirmDuplicate: false });

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path, { clock: () => NOON });
    api = client(inProcessTransport(rt));
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('reads the defaults in force', async () => {
    await login('OP-100', '1111');
    // No clock signed: the fixed offset, as every store before station zones; the station's zone (here the machine's) is shown beside it.
    expect(await api.call('rules.state', {})).toEqual({ fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' }, expiryWarnDays: 30, utcOffsetMinutes: 0, expiryClock: 'offset', stationZone: processTimeZone() });
  });

  it('only an administrator sets them, with a signature meaning approved, within range; refused attempts change nothing', async () => {
    const before = rt.log.lastSeq;
    await expect(api.call('rules.configure', { expiryWarnDays: 60, signature: ADMIN })).rejects.toMatchObject({ code: 'forbidden' });
    await login('AD-500', '5555');
    await expect(api.call('rules.configure', { utcOffsetMinutes: 50, signature: ADMIN })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.call('rules.configure', { utcOffsetMinutes: 900, signature: ADMIN })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.call('rules.configure', { expiryWarnDays: 60, signature: { ...ADMIN, meaning: 'reviewed' } })).rejects.toMatchObject({ details: { problem: 'signature_meaning' } });
    const configured = () => rt.store.sqlite.prepare("SELECT count(*) FROM events WHERE type = 'rules.configured'").pluck().get();
    expect(configured()).toBe(0);

    await api.call('rules.configure', { fifo: { mode: 'reject', order: 'expiry', overrideRole: 'qa' }, expiryWarnDays: 60, utcOffsetMinutes: 60, signature: ADMIN });
    expect(await api.call('rules.state', {})).toMatchObject({ fifo: { mode: 'reject', order: 'expiry', overrideRole: 'qa' }, expiryWarnDays: 60, utcOffsetMinutes: 60, expiryClock: 'offset' });
    expect(configured()).toBe(1);
    const ev = rt.store.sqlite.prepare("SELECT payload, signature FROM events WHERE type = 'rules.configured'").get() as { payload: string; signature: string };
    expect(JSON.parse(ev.payload)).toEqual({ fifo: { mode: 'reject', order: 'expiry', overrideRole: 'qa' }, expiryWarnDays: 60, utcOffsetMinutes: 60 });
    expect(JSON.parse(ev.signature)).toMatchObject({ signerName: expect.any(String), meaning: 'approved', reason: 'plant rules' });
    expect(rt.log.lastSeq).toBeGreaterThan(before);
    // A setting left out keeps its value.
    await api.call('rules.configure', { expiryWarnDays: 45, signature: ADMIN });
    expect(await api.call('rules.state', {})).toMatchObject({ fifo: { mode: 'reject' }, expiryWarnDays: 45, utcOffsetMinutes: 60 });
  });

  it('the plant offset decides when an expiry date has passed: at noon UTC, 22 November is over in UTC+14 and not in UTC', async () => {
    await api.call('rules.configure', { utcOffsetMinutes: 840, signature: ADMIN });
    await login('OP-100', '1111');
    await expect(receive('2026-11-22')).rejects.toMatchObject({ code: 'conflict', details: { problem: 'expiry_past', expiry: '2026-11-22' } });
    await login('AD-500', '5555');
    await api.call('rules.configure', { utcOffsetMinutes: 0, signature: ADMIN });
    await login('OP-100', '1111');
    await expect(receive('2026-11-22')).resolves.toMatchObject({ status: 'quarantined', expiry: '2026-11-22' });
  });

  describe('expiry days in the station\'s time zone', () => {
    // 22:30 UTC on 2026-03-29 is 00:30 CEST on the 30th in Berlin: the spring-forward day is over there, not on a +60 offset.
    const NIGHT = Date.parse('2026-03-29T22:30:00Z');
    const ndir = tempDir();
    let nrt: StationRuntime;
    let napi: StationClient;
    let m = 0;
    const receiveAt = (expiry: string) =>
      napi.call('receiving.receive', { scanSeq: null, verdictSeq: null, itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: `CP-ZONE-${++m}`, quantityPerContainer: 100, containers: 1, expiry, coc: null, confirmDuplicate: false });
    const asAdmin = () => napi.call('auth.login', { badge: 'AD-500', pin: '5555' });
    const asOperator = () => napi.call('auth.login', { badge: 'OP-100', pin: '1111' });
    const setStationZone = (timeZone: string | null) => {
      const st = nrt.store.sqlite.prepare('SELECT name, type, area, idle_lock_minutes AS idle FROM station').get() as { name: string; type: 'packing'; area: string; idle: number };
      return napi.call('station.configure', { name: st.name, type: st.type, area: st.area, idleLockMinutes: st.idle, timeZone, signature: { ...ADMIN, reason: 'station zone' } });
    };
    const open = async () => {
      nrt = await openDemoRuntime(ndir.path, { clock: () => NIGHT });
      napi = client(inProcessTransport(nrt));
    };
    beforeAll(open);
    afterAll(async () => {
      await nrt.close();
      ndir.remove();
    });

    it('a store on a signed offset keeps deciding by it when the station gets a zone; signing the station clock moves the day to the zone\'s midnight', async () => {
      await asAdmin();
      await napi.call('rules.configure', { utcOffsetMinutes: 60, signature: ADMIN });
      await setStationZone('Europe/Berlin');
      expect(await napi.call('rules.state', {})).toMatchObject({ utcOffsetMinutes: 60, expiryClock: 'offset', stationZone: 'Europe/Berlin' });
      await asOperator();
      await expect(receiveAt('2026-03-29')).resolves.toMatchObject({ status: 'quarantined', expiry: '2026-03-29' });
      await asAdmin();
      await napi.call('rules.configure', { expiryClock: 'station', signature: ADMIN });
      const ev = nrt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'rules.configured' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
      expect(JSON.parse(ev)).toEqual({ expiryClock: 'station' });
      await asOperator();
      await expect(receiveAt('2026-03-29')).rejects.toMatchObject({ code: 'conflict', details: { problem: 'expiry_past', expiry: '2026-03-29' } });
      await expect(receiveAt('2026-03-30')).resolves.toMatchObject({ status: 'quarantined' });
    });

    it('the station clock follows a change of the station\'s zone at once, and after a restart', async () => {
      await asAdmin();
      await setStationZone('America/Chicago'); // 17:30 CDT on the 29th: its day is not over
      await asOperator();
      await expect(receiveAt('2026-03-29')).resolves.toMatchObject({ status: 'quarantined' });
      await nrt.close();
      await open();
      await asAdmin();
      expect(await napi.call('rules.state', {})).toMatchObject({ expiryClock: 'station', stationZone: 'America/Chicago', utcOffsetMinutes: 60 });
      await setStationZone('Europe/Berlin');
      await nrt.close();
      await open();
      await asOperator();
      await expect(receiveAt('2026-03-29')).rejects.toMatchObject({ details: { problem: 'expiry_past' } });
    });
  });
});
