// A customer BOM may leave lines without a position on the line (hand-placed parts, paste
// printed elsewhere). Those lines are not verified at the SMT station, and the setup says so,
// naming the material clocks that go unchecked. Real runtime on a real SQLite file.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoStationForSuite } from './helpers/station';

describe('BOM lines without a slot at the SMT line', () => {
  const station = demoStationForSuite();
  const rt = () => station.rt;
  const api = () => station.api;

  beforeAll(async () => {
    await rt().system('master.apply', {
      records: [
        {
          type: 'master.bom.upserted',
          payload: {
            bomId: 'BOM-CTRL-A-X', productItemId: 'ASSY-CTRL-A', revision: 'X',
            lines: [
              { itemId: 'PCB-CTRL-A', qtyPer: 1, slot: 'LOADER' },
              { itemId: 'PASTE-SAC305', qtyPer: 0.8 },
              { itemId: 'RES-10K-0603', qtyPer: 8, slot: 'F01' },
              { itemId: 'MCU-RP2040', qtyPer: 1 },
              { itemId: 'CAP-100N-0402', qtyPer: 2 },
            ],
          },
        },
        { type: 'master.work_order.upserted', payload: { workOrderId: 'WO-24090', productItemId: 'ASSY-CTRL-A', bomId: 'BOM-CTRL-A-X', quantity: 10, stationType: 'smt', status: 'released' } },
      ],
    });
  });

  it('the setup lists them with the clock each leaves unchecked: paste, MSL floor life, none', async () => {
    const v = await api().call('smt.load', { workOrderId: 'WO-24090' });
    expect(v.slots.map((s) => s.slot)).toEqual(['F01', 'LOADER']);
    expect(v.unslotted).toEqual([
      { itemId: 'PASTE-SAC305', qtyRequired: 8, clock: 'paste' },
      { itemId: 'MCU-RP2040', qtyRequired: 10, clock: 'msl' },
      { itemId: 'CAP-100N-0402', qtyRequired: 20, clock: null },
    ]);
    // They do not hold the line: only positions are verified here.
    for (const [slot, lot] of [['LOADER', 'L-100009'], ['F01', 'L-100001']] as const) {
      await api().call('smt.scan', { workOrderId: 'WO-24090', scanSeq: (await rt().submitScan(`LL-SLOT-SMT1-${slot}`, 'test')).seq });
      const r = await api().call('smt.scan', { workOrderId: 'WO-24090', scanSeq: (await rt().submitScan(`LL-LOT-${lot}`, 'test')).seq });
      if (r.verdict.verdict === 'WARN') await api().call('verdict.acknowledge', { verdictSeq: r.verdict.verdictSeq });
    }
    expect(await api().call('smt.state', { workOrderId: 'WO-24090' })).toMatchObject({ canStart: true, missing: [] });
  });
});
