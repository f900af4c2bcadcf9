// The whole loop of a central hold against an offline station: QA holds a lot while the
// station is cut off; the station, not knowing, loads that reel (the physical act happened
// and is recorded); on reconnect the hold is recorded before the upload, the server raises a
// consumed-after-hold deviation for QA, and the station refuses the lot from then on.
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../electron/station/demo/load';
import { client, inProcessTransport, tempDir, TEST_KDF } from '../helpers/station';
import { FAST, issueCode, openSyncedStation, startCentral, until, waitDrained, type Central } from './helpers';
import { FileCredentialStore } from '../../../electron/station/sync/credential';
import type { StationRuntime } from '../../../electron/station/runtime/runtime';

describe('consumed after a central hold', () => {
  const dir = tempDir();
  let central: Central;
  let rt: StationRuntime | undefined;
  afterAll(async () => {
    await rt?.close();
    await central?.close();
    dir.remove();
  });

  it('is recorded at the station, raised centrally as a deviation, and the lot is blocked afterwards', async () => {
    central = await startCentral('pglite');
    const code = await issueCode(central, 'SMT-01');
    const station = await openSyncedStation(dir.path, central.url, { stationId: 'SMT-01', code });
    rt = station.rt;
    await loadDemo(rt, { kdf: TEST_KDF, stationType: 'smt' });
    await waitDrained(rt);

    // The station drops off the network; QA holds reel L-100007 centrally meanwhile.
    await rt.sync!.stop();
    const hold = await central.admin.request('POST', '/qa/lots/L-100007/hold', { reason: 'supplier notice 17' });
    expect(hold.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));

    const api = client(inProcessTransport(rt));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    await api.call('smt.load', { workOrderId: 'WO-24001', lineId: 'SMT1' });
    const scan = async (text: string) => (await rt!.submitScan(text, 'test')).seq;
    await api.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: await scan('LL-SLOT-SMT1-F05') });
    const offline = await api.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: await scan('LL-LOT-L-100007') });
    expect(offline.verdict.verdict).toBe('ACCEPT');

    // Back online: the hold comes down first, the upload follows, QA sees the deviation.
    await rt.startSync({ serverUrl: central.url, credentials: new FileCredentialStore(dir.path), ...FAST });
    await waitDrained(rt);
    const status = rt.store.sqlite.prepare("SELECT status FROM lots WHERE lot_id = 'L-100007'").get() as { status: string };
    expect(status.status).toBe('on_hold');
    await until(async () => {
      const q = await central.admin.request<{ deviations: Array<{ lotId: string; rule: string; stationId: string }> }>('GET', '/qa/deviations');
      return q.body.deviations.some((d) => d.lotId === 'L-100007' && d.rule === 'consumed_after_hold' && d.stationId === 'SMT-01');
    }, 'a consumed-after-hold deviation for L-100007');

    await api.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: await scan('LL-SLOT-SMT1-F05') });
    const after = await api.call('smt.scan', { workOrderId: 'WO-24001', scanSeq: await scan('LL-LOT-L-100007') });
    expect(after.verdict.verdict).toBe('REJECT');
    expect(after.verdict.reasons[0]?.code).toBe('lot_not_released');
  });
});
