// Pass-through operations (issue 7) in a real runtime on a real SQLite file: molded batches
// are scanned at the molding station, lot / work order / next operation / quantity are derived,
// and one confirm records operation.passed — in routing order, only for a released lot, and a
// lower quantity only with a scrap reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { CLEARANCE_CHECKLIST, moldSettings, sig } from './helpers/packing';

const MOLD = moldSettings([1, 2]);

describe('pass-through operations at the molding station', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  const problem = (p: string) => ({ details: expect.objectContaining({ problem: p }) });
  const batches: string[] = [];

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    api = client(inProcessTransport(rt));
    await login('OP-100', '1111');
    for (const resin of ['L-200001', 'L-200002']) {
      const r = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan(`LL-LOT-${resin}`), acknowledgeWarn: true });
      const id = r.batch!.batchLotId;
      await api.call('molding.record_output', { batchLotId: id, perCavity: [{ cavity: 1, quantity: 120 }, { cavity: 2, quantity: 80 }] });
      await api.call('molding.close_batch', { batchLotId: id });
      batches.push(id);
    }
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('derives work order, next operation and quantity; passes DEGATE then INSPECT in order; then the routing is complete', async () => {
    const lot = batches[0]!;
    const s1 = await scan(`LL-LOT-${lot}`);
    const d1 = await api.call('operation.derive', { scanSeq: s1 });
    expect(d1).toMatchObject({ lotId: lot, itemId: 'MP-LUER-CAP', workOrderId: 'WO-24002', operation: { code: 'DEGATE' }, quantity: 200, passed: [] });

    // Out of order, or fewer parts without a scrap reason: refused, nothing recorded.
    await expect(api.call('operation.pass', { scanSeq: s1, lotId: lot, operation: 'INSPECT', quantity: 200 })).rejects.toMatchObject(problem('operation_out_of_order'));
    await expect(api.call('operation.pass', { scanSeq: s1, lotId: lot, operation: 'DEGATE', quantity: 190 })).rejects.toMatchObject(problem('operation_scrap_reason'));
    await expect(api.call('operation.pass', { scanSeq: s1, lotId: lot, operation: 'DEGATE', quantity: 201 })).rejects.toMatchObject(problem('operation_quantity_more'));
    expect(rt.store.sqlite.prepare("SELECT count(*) FROM events WHERE type IN ('operation.passed', 'scan.verdict') AND json_extract(payload, '$.lotId') = ?").pluck().get(lot)).toBe(0);

    const p1 = await api.call('operation.pass', { scanSeq: s1, lotId: lot, operation: 'DEGATE', quantity: 200 });
    expect(p1.verdict.verdict).toBe('ACCEPT');
    expect(p1.passed).toMatchObject({ operation: 'DEGATE', quantity: 200, scrap: 0 });
    // The same scan cannot be confirmed twice.
    await expect(api.call('operation.pass', { scanSeq: s1, lotId: lot, operation: 'INSPECT', quantity: 200 })).rejects.toMatchObject(problem('scan_already_answered'));

    const s2 = await scan(`LL-LOT-${lot}`);
    const d2 = await api.call('operation.derive', { scanSeq: s2 });
    expect(d2).toMatchObject({ operation: { code: 'INSPECT' }, quantity: 200 });
    expect(d2.passed.map((p) => [p.operation, p.quantity, p.by])).toEqual([['DEGATE', 200, p1.passed!.by]]);
    expect(d2.passed[0]!.by).toBeTruthy();
    await expect(api.call('operation.pass', { scanSeq: s2, lotId: lot, operation: 'DEGATE', quantity: 200 })).rejects.toMatchObject(problem('operation_already_passed'));
    const p2 = await api.call('operation.pass', { scanSeq: s2, lotId: lot, operation: 'INSPECT', quantity: 195, reason: 'flash on 5 caps' });
    expect(p2.passed).toMatchObject({ operation: 'INSPECT', quantity: 195, scrap: 5, reason: 'flash on 5 caps' });
    // The scrapped parts leave the lot: in the rules snapshot, in the lots table and after a
    // replay of the log; the batch still says what was molded.
    expect(rt.workflows.snapshot.lots.get(lot as never)?.quantity).toBe(195);
    expect(rt.store.sqlite.prepare('SELECT quantity FROM lots WHERE lot_id = ?').pluck().get(lot)).toBe(195);
    expect(rt.store.sqlite.prepare('SELECT quantity FROM produced_lots WHERE lot_id = ?').pluck().get(lot)).toBe(200);
    expect(rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true }).identical).toBe(true);

    await expect(api.call('operation.derive', { scanSeq: await scan(`LL-LOT-${lot}`) })).rejects.toMatchObject(problem('operation_routing_complete'));

    // Recorded: one ACCEPT verdict per confirm, and the two events with the work order.
    const evs = rt.store.sqlite.prepare("SELECT type, payload FROM events WHERE type IN ('operation.passed', 'scan.verdict') AND json_extract(payload, '$.lotId') = ? ORDER BY seq").all(lot) as Array<{ type: string; payload: string }>;
    expect(evs.map((e) => e.type)).toEqual(['scan.verdict', 'operation.passed', 'scan.verdict', 'operation.passed']);
    expect(JSON.parse(evs[3]!.payload)).toMatchObject({ lotId: lot, workOrderId: 'WO-24002', operation: 'INSPECT', quantity: 195, scrap: 5, reason: 'flash on 5 caps' });
  });

  it('the DHR of a finished lot packed from the batch lists the operations it passed, who and how many', async () => {
    const lot = batches[0]!;
    await login('PK-200', '2222');
    const perf = await api.call('packing.clearance_perform', { lineId: 'CR1', workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    await api.call('packing.clearance_verify', { lineId: 'CR1', finishedLotId: perf.finishedLotId, signature: sig('PK-201', '2223', 'verified', 'second person check') });
    const used = await api.call('packing.scan', { lineId: 'CR1', scanSeq: await scan(`LL-LOT-${lot}`) });
    expect(used.verdict.verdict).not.toBe('REJECT');
    if (used.verdict.verdict === 'WARN') await api.call('packing.acknowledge', { lineId: 'CR1', verdictSeq: used.verdict.verdictSeq });
    const dhr = await api.call('quality.dhr', { finishedLotId: perf.finishedLotId });
    const ops = dhr.records.filter((r) => r.type === 'operation.passed');
    expect(ops.map((r) => r.summary)).toEqual([expect.stringContaining('operation=DEGATE'), expect.stringContaining('operation=INSPECT')]);
    expect(ops[1]!.summary).toContain('quantity=195');
    expect(ops[1]!.summary).toContain('scrap=5');
    expect(ops.every((r) => r.actor && r.at)).toBe(true);
    await login('OP-100', '1111');
  });

  it('a held lot is refused; a lot not molded here or unknown has no pass-through', async () => {
    const lot = batches[1]!;
    await login('QA-400', '4444');
    await api.call('quality.hold', { lotId: lot, signature: sig('QA-400', '4444', 'approved', 'suspect') });
    await login('OP-100', '1111');
    const s = await scan(`LL-LOT-${lot}`);
    await expect(api.call('operation.derive', { scanSeq: s })).rejects.toMatchObject(problem('operation_not_released'));
    // Confirming anyway records the engine's REJECT and no operation.
    const r = await api.call('operation.pass', { scanSeq: s, lotId: lot, operation: 'DEGATE', quantity: 200 });
    expect(r.verdict.verdict).toBe('REJECT');
    expect(r.verdict.reasons[0]!.code).toBe('lot_not_released');
    expect(r.passed).toBeNull();
    expect(rt.store.sqlite.prepare("SELECT count(*) FROM events WHERE type = 'operation.passed' AND json_extract(payload, '$.lotId') = ?").pluck().get(lot)).toBe(0);

    await expect(api.call('operation.derive', { scanSeq: await scan('LL-LOT-L-200001') })).rejects.toMatchObject(problem('operation_not_molded_here'));
    await expect(api.call('operation.derive', { scanSeq: await scan('LL-LOT-NOPE-1') })).rejects.toMatchObject(problem('lot_unknown'));
  });
});
