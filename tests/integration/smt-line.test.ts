// The SMT line a work order is loaded on is the station's own — its configured area, as on
// its slot labels — decided by the runtime, never by the screen: a station whose area names
// no line refuses to load (and says how to set it), and a caller expecting another line is
// refused. Real runtime on a real SQLite file with the demo floor (SMT station, area SMT1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, demoStationForSuite, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

const WO = 'WO-24001';

describe('the SMT line comes from the station configuration', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  const loadedEvents = () => rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'smt.work_order_loaded' ORDER BY seq").all().map((r) => JSON.parse((r as { payload: string }).payload) as Record<string, unknown>);
  /** An administrator's signed change of the station's area (Settings › Area). */
  const setArea = async (area: string) => {
    await login('AD-500', '5555');
    await api.call('station.configure', { name: 'SMT line 1', type: 'smt', area, idleLockMinutes: 15, signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: `area ${area}` } });
    await login('OP-100', '1111');
  };

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    api = client(inProcessTransport(rt));
    await login('OP-100', '1111');
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('the demo SMT station runs line SMT1: its area, as on its slot labels', () => {
    expect(rt.status().station).toMatchObject({ type: 'smt', area: 'SMT1' });
  });

  it('a station whose area names no line refuses to load, says how to set the line, and records nothing', async () => {
    await setArea('Electronics');
    const before = rt.log.lastSeq;
    await expect(api.call('smt.load', { workOrderId: WO })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining("An administrator sets the line as the station's area in Settings."),
      details: { problem: 'no_smt_line', area: 'Electronics' },
    });
    expect(rt.log.lastSeq).toBe(before);
    expect(loadedEvents()).toEqual([]);
  });

  it('with the area set to SMT1 the work order loads on SMT1 without the screen naming a line', async () => {
    await setArea('SMT1');
    const v = await api.call('smt.load', { workOrderId: WO });
    expect(v).toMatchObject({ workOrderId: WO, lineId: 'SMT1' });
    expect(loadedEvents()).toEqual([expect.objectContaining({ workOrderId: WO, lineId: 'SMT1' })]);
    // The station's own slot labels select their slot.
    const slot = await api.call('smt.scan', { workOrderId: WO, scanSeq: (await rt.submitScan('LL-SLOT-SMT1-F03', 'test')).seq });
    expect(slot.verdict).toMatchObject({ verdict: 'ACCEPT', slot: 'F03' });
  });

  it('a caller expecting another line is refused; expecting the station’s own is answered', async () => {
    const before = rt.log.lastSeq;
    await expect(api.call('smt.load', { workOrderId: WO, lineId: 'SMT2' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'other_smt_line', line: 'SMT1', expected: 'SMT2' } });
    expect(rt.log.lastSeq).toBe(before);
    await expect(api.call('smt.load', { workOrderId: WO, lineId: 'SMT1' })).resolves.toMatchObject({ lineId: 'SMT1' });
    expect(loadedEvents()).toHaveLength(1);
  });

  it('a line holds one setup: a second work order is refused while the first is loaded, and loads once it is unloaded', async () => {
    const wo = (await api.call('smt.work_orders', {})).find((w) => w.workOrderId === WO)!;
    await rt.system('master.apply', { records: [{ type: 'master.work_order.upserted', payload: { workOrderId: 'WO-24009', productItemId: wo.productItemId, bomId: wo.bomId, quantity: 20, stationType: 'smt', status: 'released' } }] });
    const before = rt.log.lastSeq;
    await expect(api.call('smt.load', { workOrderId: 'WO-24009' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'line_has_work_order', lineId: 'SMT1', workOrderId: WO } });
    expect(rt.log.lastSeq).toBe(before);
    await api.call('smt.unload', { workOrderId: WO, remaining: [] });
    await expect(api.call('smt.load', { workOrderId: 'WO-24009' })).resolves.toMatchObject({ workOrderId: 'WO-24009', lineId: 'SMT1' });
    await api.call('smt.unload', { workOrderId: 'WO-24009', remaining: [] });
    await expect(api.call('smt.load', { workOrderId: WO })).resolves.toMatchObject({ lineId: 'SMT1' });
  });

  it('a complete setup whose work order moved to another revision does not offer the start', async () => {
    for (const [slot, lot] of [['F01', 'L-100001'], ['F02', 'L-100002'], ['F03', 'L-100004'], ['F04', 'L-100006'], ['F05', 'L-100007'], ['LOADER', 'L-100009'], ['PRINTER', 'L-100008']] as const) {
      await api.call('smt.scan', { workOrderId: WO, scanSeq: (await rt.submitScan(`LL-SLOT-SMT1-${slot}`, 'test')).seq });
      const v = await api.call('smt.scan', { workOrderId: WO, scanSeq: (await rt.submitScan(`LL-LOT-${lot}`, 'test')).seq });
      if (v.verdict.verdict === 'WARN') await api.call('verdict.acknowledge', { verdictSeq: v.verdict.verdictSeq });
    }
    expect(await api.call('smt.state', { workOrderId: WO })).toMatchObject({ canStart: true, missing: [], revisionPending: null });
    const wo = (await api.call('smt.work_orders', {})).find((w) => w.workOrderId === WO)!;
    await rt.system('master.apply', { records: [{ type: 'master.work_order.upserted', payload: { workOrderId: WO, productItemId: wo.productItemId, bomId: 'BOM-CTRL-A-B', quantity: wo.quantity, stationType: 'smt', status: 'released' } }] });
    expect(await api.call('smt.state', { workOrderId: WO })).toMatchObject({ canStart: false, missing: [], revisionPending: { revision: 'B' } });
    await expect(api.call('smt.start', { workOrderId: WO })).rejects.toMatchObject({ details: { problem: 'revision_pending' } });
  });

  it('a loaded work order stays on the line it was loaded on when the area changes later', async () => {
    await setArea('SMT2');
    await expect(api.call('smt.load', { workOrderId: WO })).resolves.toMatchObject({ lineId: 'SMT1' });
    await expect(api.call('smt.state', { workOrderId: WO })).resolves.toMatchObject({ lineId: 'SMT1' });
    await setArea('SMT1');
  });
});

describe('a scan answers one verdict, however scans and verdicts interleave', () => {
  const station = demoStationForSuite();
  beforeAll(() => station.api.call('smt.load', { workOrderId: WO }));

  it('a verdict is found for its scan among the later ones, and a scan left waiting is still answered once', async () => {
    const { rt, api } = station;
    // Three scans recorded before any verdict; answered last, first, then the middle one.
    const [a, b, c] = [(await rt.submitScan('LL-SLOT-SMT1-F03', 'test')).seq, (await rt.submitScan('LL-SLOT-SMT1-F03', 'test')).seq, (await rt.submitScan('LL-SLOT-SMT1-F03', 'test')).seq];
    const vc = (await api.call('smt.scan', { workOrderId: WO, scanSeq: c })).verdict.verdictSeq;
    const va = (await api.call('smt.scan', { workOrderId: WO, scanSeq: a })).verdict.verdictSeq;
    expect([rt.workflows.verdictOfScan(a), rt.workflows.verdictOfScan(b), rt.workflows.verdictOfScan(c)]).toEqual([va, null, vc]);
    for (const seq of [a, c]) await expect(api.call('smt.scan', { workOrderId: WO, scanSeq: seq })).rejects.toMatchObject({ details: { problem: 'scan_already_answered' } });
    const vb = (await api.call('smt.scan', { workOrderId: WO, scanSeq: b })).verdict.verdictSeq;
    expect(rt.workflows.verdictOfScan(b)).toBe(vb);
    const before = rt.log.lastSeq;
    await expect(api.call('smt.scan', { workOrderId: WO, scanSeq: b })).rejects.toMatchObject({ details: { problem: 'scan_already_answered' } });
    expect(rt.log.lastSeq).toBe(before);
  });
});
