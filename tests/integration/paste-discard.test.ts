// A solder paste jar emptied or scrapped is recorded as discarded: it leaves the SMT line's
// clocks and the station's list of clocks, a scan of it at the printer is refused for that
// alone, and its event carries the payload's new schema version. Real runtime, real SQLite.
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMA_VERSION } from '../../shared/events/types';
import { demoStationForSuite } from './helpers/station';

const WO = 'WO-24001';
const JAR = 'L-100008';

describe('a discarded paste jar', () => {
  const station = demoStationForSuite();
  const scan = async (text: string) => (await station.rt.submitScan(text, 'test')).seq;

  it('leaves the line, is refused at the printer, and is still answered when asked for by lot', async () => {
    const { api, rt } = station;
    await api.call('smt.load', { workOrderId: WO });
    const before = await api.call('smt.state', { workOrderId: WO });
    expect(before.clocks.filter((c) => c.lotId === JAR)).toHaveLength(1);
    expect((await api.call('material.clocks', {})).map((c) => c.lotId)).toContain(JAR);

    const jar = await api.call('material.paste', { kind: 'discarded', lotId: JAR, at: new Date().toISOString() });
    expect(jar).toMatchObject({ lotId: JAR, clock: 'paste', phase: 'discarded', running: false, remainingMs: null, problems: ['discarded'] });
    const row = rt.store.sqlite.prepare("SELECT schema_version AS v FROM events WHERE type = 'material.paste' ORDER BY seq DESC LIMIT 1").get() as { v: number };
    expect(row.v).toBe(EVENT_SCHEMA_VERSION['material.paste']);
    expect(row.v).toBe(2);

    expect((await api.call('smt.state', { workOrderId: WO })).clocks.map((c) => c.lotId)).not.toContain(JAR);
    expect((await api.call('material.clocks', {})).map((c) => c.lotId)).not.toContain(JAR);
    expect(await api.call('material.clocks', { lotIds: [JAR] })).toMatchObject([{ lotId: JAR, phase: 'discarded' }]);

    await api.call('smt.scan', { workOrderId: WO, scanSeq: await scan('LL-SLOT-SMT1-PRINTER') });
    const refused = await api.call('smt.scan', { workOrderId: WO, scanSeq: await scan(`LL-LOT-${JAR}`) });
    expect(refused.verdict).toMatchObject({ verdict: 'REJECT', lotId: JAR });
    expect(refused.verdict.reasons.map((r) => r.code)).toEqual(['paste_discarded']);
    expect(refused.setup?.slots.find((s) => s.slot === 'PRINTER')?.loaded).toBeNull();
  });
});
