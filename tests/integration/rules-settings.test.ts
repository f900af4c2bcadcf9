// The station's verification rule settings as an administrator sets them (Settings ›
// Verification rules): read back as in force, signed, refused to anyone else or out of range,
// and in force at once — the plant's UTC offset decides when an expiry date has passed.
// Real runtime on a real SQLite file, with the station's clock fixed at noon UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
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
    expect(await api.call('rules.state', {})).toEqual({ fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' }, expiryWarnDays: 30, utcOffsetMinutes: 0 });
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
    expect(await api.call('rules.state', {})).toEqual({ fifo: { mode: 'reject', order: 'expiry', overrideRole: 'qa' }, expiryWarnDays: 60, utcOffsetMinutes: 60 });
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
});
