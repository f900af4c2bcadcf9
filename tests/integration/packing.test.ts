// Issue 7 end to end in the runtime on a real SQLite file with the simulated scale and Zebra:
// molding batches with a resin change, a cleanroom lot from a two-person line clearance to a
// signed close (scale counting, check-weight, verified labels, reconciliation), a defect
// leading to a hold of the suspect lot and a recall report, and trace forward / backward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import { WorkflowEngine } from '../../electron/station/workflows/engine';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { CLEARANCE_CHECKLIST, moldSettings, sig } from './helpers/packing';

const LINE = 'CR1';
const MOLD = moldSettings([1, 2, 3, 4]);

describe('molding, cleanroom packing, genealogy, defects and recall', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  let batch1 = '';
  let batch2 = '';
  let finished = '';

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    await rt.startDevices();
    for (let i = 0; i < 100 && !rt.hasLabelPrinter(); i++) await new Promise((r) => setTimeout(r, 50));
    api = client(inProcessTransport(rt));
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('molding: a verified resin lot starts a batch; a resin change closes it and starts a second batch', async () => {
    await login('OP-100', '1111');
    const wrong = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-300001') });
    expect(wrong.verdict.verdict).toBe('REJECT');
    expect(wrong.batch).toBeNull();
    const a = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true });
    expect(a.verdict.verdict).not.toBe('REJECT');
    batch1 = a.batch!.batchLotId;
    await api.call('molding.record_output', { batchLotId: batch1, perCavity: [{ cavity: 1, quantity: 50 }, { cavity: 2, quantity: 50 }, { cavity: 3, quantity: 48 }, { cavity: 4, quantity: 52 }] });
    await expect(api.call('molding.record_output', { batchLotId: batch1, perCavity: [{ cavity: 7, quantity: 1 }] })).rejects.toMatchObject({ code: 'invalid_input' });
    // The same resin again is the running batch; with another mold or other cavities it is not,
    // and nothing of it is recorded under this batch.
    expect((await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true })).batch?.batchLotId).toBe(batch1);
    const quiet = rt.log.lastSeq;
    await expect(api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, mold: 'M-LC-4', cavities: [1, 2], resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'batch_running_other', batchLotId: batch1, workOrderId: 'WO-24002' } });
    expect(rt.log.lastSeq).toBe(quiet + 1); // the scan itself
    const b = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200002'), acknowledgeWarn: true });
    expect(b.closed).toMatchObject({ batchLotId: batch1, state: 'closed', quantity: 200, resinLotId: 'L-200001' });
    batch2 = b.batch!.batchLotId;
    expect(batch2).not.toBe(batch1);
    expect(b.batch).toMatchObject({ resinLotId: 'L-200002', state: 'open' });
    await api.call('molding.record_output', { batchLotId: batch2, perCavity: [{ cavity: 1, quantity: 100 }] });
    await api.call('molding.close_batch', { batchLotId: batch2 });
    const edges = rt.store.sqlite.prepare("SELECT input_lot_id, output_id FROM genealogy_edges WHERE output_kind = 'batch' ORDER BY event_seq").all();
    expect(edges).toEqual([{ input_lot_id: 'L-200001', output_id: batch1 }, { input_lot_id: 'L-200002', output_id: batch2 }]);
    expect(rt.workflows.snapshot.lots.get(batch1 as never)?.status).toBe('released');
  });

  it('line clearance needs two different people; materials are verified with the packing context', async () => {
    await login('PK-200', '2222');
    const before = await scan('LL-LOT-L-300001');
    await expect(api.call('packing.scan', { lineId: LINE, scanSeq: before })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.call('packing.clearance_perform', { lineId: LINE, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST.slice(1), signature: sig('PK-200', '2222', 'performed', 'line cleared') })).rejects.toMatchObject({ code: 'invalid_input' });
    const perf = await api.call('packing.clearance_perform', { lineId: LINE, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    expect(perf).toMatchObject({ state: 'clearance_pending', mode: 'precise', productItemId: 'FG-LUER-CAP-STERILE' });
    finished = perf.finishedLotId;
    await expect(api.call('packing.clearance_verify', { lineId: LINE, finishedLotId: finished, signature: sig('PK-200', '2222', 'verified', 'checked') })).rejects.toMatchObject({ code: 'forbidden' });
    expect(rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'packing.clearance_signed'").get()).toEqual({ n: 0 });
    const ver = await api.call('packing.clearance_verify', { lineId: LINE, finishedLotId: finished, signature: sig('PK-201', '2223', 'verified', 'second person check') });
    expect(ver).toMatchObject({ state: 'open', clearance: { verifiedBy: 'Lee Martin' } });

    for (const lot of ['L-300001', 'L-300002', 'L-300003', 'L-300004', batch1]) {
      const r = await api.call('packing.scan', { lineId: LINE, scanSeq: await scan(`LL-LOT-${lot}`) });
      const out = r.outcome === 'warn' ? await api.call('packing.acknowledge', { lineId: LINE, verdictSeq: r.verdict.verdictSeq }) : r;
      expect(out.outcome, `${lot}: ${r.message}`).toBe('used');
      // The outcome as data, for the UI to say in the operator's language (the message stays English).
      expect(out.detail).toMatchObject({ lotId: lot, finishedLotId: finished, replaces: null });
      // An acknowledged WARN's answer is rebuilt from the log with its reasons' parameters.
      if (r.outcome === 'warn') expect(out.verdict.reasons.every((x) => x.params !== undefined)).toBe(true);
    }
    // Precise mode: another lot of the molded part means a new finished lot.
    const split = await api.call('packing.scan', { lineId: LINE, scanSeq: await scan(`LL-LOT-${batch2}`) });
    expect(split.outcome === 'split' || split.outcome === 'warn').toBe(true);
    const splitAnswer = split.outcome === 'warn' ? await api.call('packing.acknowledge', { lineId: LINE, verdictSeq: split.verdict.verdictSeq }) : split;
    expect(splitAnswer).toMatchObject({ outcome: 'split', detail: { lotId: batch2, replaces: batch1, finishedLotId: finished } });
    const st = await api.call('packing.state', { lineId: LINE });
    expect(st!.missingItems).toEqual([]);
    expect(st!.materials.map((m) => m.lotId)).not.toContain(batch2);
  });

  it('counts by weight on the scale, check-weighs boxes, verifies labels and closes the lot with reconciliation, signed', async () => {
    const scale = rt.devices!.scaleSim!;
    scale.set({ grossG: 42 }); // 20 caps of 2.1 g
    const sample = await api.call('packing.count', { method: 'weight', lineId: LINE, samplePieces: 20 });
    expect(sample.pieceGrams).toBeCloseTo(2.1, 6);
    scale.set({ grossG: 63 }); // 30 caps = 3 cartons of 10
    const c = await api.call('packing.count', { method: 'weight', lineId: LINE });
    expect(c.counted).toBe(3);
    // The next pan is counted with the same sample.
    scale.set({ grossG: 42 }); // 20 caps = 2 cartons
    expect((await api.call('packing.count', { method: 'weight', lineId: LINE })).counted).toBe(2);
    expect((await api.call('packing.state', { lineId: LINE }))!.quantity).toBe(5);
    scale.set({ grossG: 51.5 }); // 10 × 2.1 + 30 g packaging
    expect((await api.call('packing.check_weight', { lineId: LINE, units: 10, tareGrams: 30, toleranceGrams: 1 })).ok).toBe(true);
    scale.set({ grossG: 49 }); // a cap missing
    const bad = await api.call('packing.check_weight', { lineId: LINE, units: 10, tareGrams: 30, toleranceGrams: 1 });
    expect(bad).toMatchObject({ ok: false, targetGrams: 51 });
    const sign = sig('PK-200', '2222', 'approved', 'lot complete');
    await expect(api.call('packing.close_lot', { lineId: LINE, used: {}, boxes: 3, signature: sign })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('check-weight') });
  });

  it('a lot with every box within tolerance closes once labels and materials reconcile', async () => {
    // A second lot on the line: clearance, materials, count by unit, good boxes, labels.
    const sign = sig('PK-200', '2222', 'approved', 'lot complete');
    // The first lot cannot close with a failed box; its recorded failure stays in the DHR. Start over on line CR2.
    const L2 = 'CR2';
    const perf = await api.call('packing.clearance_perform', { lineId: L2, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    await api.call('packing.clearance_verify', { lineId: L2, finishedLotId: perf.finishedLotId, signature: sig('SV-300', '3333', 'verified', 'second person check') });
    for (const lot of ['L-300001', 'L-300002', 'L-300003', 'L-300004', batch1]) {
      const r = await api.call('packing.scan', { lineId: L2, scanSeq: await scan(`LL-LOT-${lot}`) });
      if (r.outcome === 'warn') await api.call('packing.acknowledge', { lineId: L2, verdictSeq: r.verdict.verdictSeq });
    }
    // A wrong material tried on this lot: refused, and kept in the lot's record.
    const wrong = await api.call('packing.scan', { lineId: L2, scanSeq: await scan('LL-LOT-L-100001') });
    expect(wrong.verdict.verdict).toBe('REJECT');
    // Segregation: CR1's lot is still open but on another line, so CR2 is not blocked.
    rt.devices!.scaleSim!.set({ grossG: 42 });
    await api.call('packing.count', { method: 'weight', lineId: L2, samplePieces: 20 });
    await api.call('packing.count', { method: 'unit', lineId: L2, quantity: 2 });
    rt.devices!.scaleSim!.set({ grossG: 51.2 });
    expect((await api.call('packing.check_weight', { lineId: L2, units: 10, tareGrams: 30, toleranceGrams: 1 })).ok).toBe(true);
    // Labels not yet printed: the close is refused.
    await expect(api.call('packing.close_lot', { lineId: L2, used: {}, boxes: 2, signature: sign })).rejects.toMatchObject({ message: expect.stringContaining('Labels') });
    const UDI = { gtin: '09506000134352', productName: 'Sterile luer cap, box of 10', ref: 'LC-10', lot: perf.finishedLotId, productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 10, manufacturer: 'Lotline Medical Devices GmbH' };
    for (let i = 0; i < 2; i++) {
      const [label] = await api.call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: perf.finishedLotId, copies: 1 });
      await expect.poll(() => rt.store.sqlite.prepare('SELECT printed FROM labels WHERE label_id = ?').pluck().get(label!.labelId), { timeout: 90_000 }).toBe(1);
      const { text } = await api.call('devices.sim_scan_printed', { barcode: 0, damage: false });
      const v = await api.call('labels.verify', { labelId: label!.labelId, scanSeq: await scan(text) });
      expect(v.match).toBe(true);
      await api.call('labels.apply', { labelId: label!.labelId });
    }
    await expect(api.call('packing.close_lot', { lineId: L2, used: { 'PKG-POUCH': 30 }, boxes: 2, signature: sign })).rejects.toMatchObject({ message: expect.stringContaining('reconcile') });
    const closed = await api.call('packing.close_lot', { lineId: L2, used: { 'MP-LUER-CAP': 20, 'PKG-POUCH': 20 }, boxes: 2, signature: sign });
    expect(closed.lot.state).toBe('closed');
    expect(closed.labels).toMatchObject({ issued: 2, applied: 2, verified: 2, balanced: true });
    // Closed with its signed reconciliation: no label is printed for it any more.
    const quiet = rt.log.lastSeq;
    await expect(api.call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: perf.finishedLotId, copies: 1 })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'lot_closed_for_labels', lotId: perf.finishedLotId } });
    expect(rt.log.lastSeq).toBe(quiet);
    expect(closed.materials.find((m) => m.itemId === 'MP-LUER-CAP')).toMatchObject({ planned: 20, used: 20, lotIds: [batch1] });
    const ev = rt.store.sqlite.prepare("SELECT signature FROM events WHERE type = 'packing.lot_closed'").get() as { signature: string };
    expect(JSON.parse(ev.signature)).toMatchObject({ signerName: 'Priya Shah', meaning: 'approved' });
    finished = perf.finishedLotId;
    // The next lot on this line needs its own clearance.
    await expect(api.call('packing.scan', { lineId: L2, scanSeq: await scan('LL-LOT-L-300001') })).rejects.toMatchObject({ code: 'conflict' });

    const dhr = await api.call('quality.dhr', { finishedLotId: finished });
    expect(dhr).toMatchObject({ bomId: 'BOM-FG-LUER-10-A', revision: 'A', state: 'closed', quantity: 2 });
    expect(dhr.batches.map((b) => b.batchLotId)).toEqual([batch1]);
    expect(dhr.materials.map((m) => m.lotId)).toEqual(expect.arrayContaining(['L-300001', batch1, 'L-200001']));
    const signed = dhr.records.filter((r) => r.signature).map((r) => `${r.type}:${r.signature!.signerName}:${r.signature!.meaning}`);
    expect(signed).toEqual(expect.arrayContaining(['packing.clearance_performed:Priya Shah:performed', 'packing.clearance_signed:Sofia Rossi:verified', 'packing.lot_closed:Priya Shah:approved']));
    expect(dhr.records.some((r) => r.type === 'label.verified')).toBe(true);
    expect(dhr.records.some((r) => r.type === 'scan.verdict')).toBe(true);
    expect(dhr.records.find((r) => r.seq === wrong.verdict.verdictSeq)).toMatchObject({ type: 'scan.verdict' });
    expect(dhr.html).toContain('Device history record');
  });

  it('a WARN is answered only for the finished lot it was given for, not on another line open for the same work order', async () => {
    // A newer pouch lot: FIFO warns that L-300001 should be used first.
    await rt.system('lot.receive', { lotId: 'L-300011', itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-P-7790', quantity: 5000, uom: 'ea' });
    await rt.system('lot.release', { lotId: 'L-300011', signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'incoming inspection passed' } }, { userId: 'u-quinn', name: 'Quinn Okafor', roles: ['qa'] });
    const L3 = 'CR3';
    const perf = await api.call('packing.clearance_perform', { lineId: L3, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    await api.call('packing.clearance_verify', { lineId: L3, finishedLotId: perf.finishedLotId, signature: sig('PK-201', '2223', 'verified', 'second person check') });
    const r = await api.call('packing.scan', { lineId: L3, scanSeq: await scan('LL-LOT-L-300011') });
    expect(r).toMatchObject({ outcome: 'warn', verdict: { reasons: [{ code: 'fifo_older_lot' }] } });
    const other = (await api.call('packing.state', { lineId: LINE }))!;
    expect(other).toMatchObject({ state: 'open', workOrderId: 'WO-24003' });
    const before = rt.log.lastSeq;
    await expect(api.call('packing.acknowledge', { lineId: LINE, verdictSeq: r.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_other_lot', finishedLotId: other.finishedLotId } });
    expect(rt.log.lastSeq).toBe(before);
    const ok = await api.call('packing.acknowledge', { lineId: L3, verdictSeq: r.verdict.verdictSeq });
    expect(ok).toMatchObject({ outcome: 'used', detail: { lotId: 'L-300011', finishedLotId: perf.finishedLotId } });
  });

  it('a FIFO REJECT at packing is used only with the signature of its override role, as the setting stands now, and not once the lot changed or cannot be used', async () => {
    const L4 = 'CR4';
    const fifo = async (mode: 'off' | 'warn' | 'reject', overrideRole: 'supervisor' | 'qa' = 'supervisor') => {
      await login('AD-500', '5555');
      await api.call('rules.configure', { fifo: { mode, order: 'received', overrideRole }, signature: sig('AD-500', '5555', 'approved', `FIFO ${mode} by ${overrideRole}`) });
      await login('PK-200', '2222');
    };
    const resolution = (verdictSeq: number) => rt.store.sqlite.prepare('SELECT resolution FROM scan_verdicts WHERE verdict_seq = ?').pluck().get(verdictSeq);
    try {
      await login('PK-200', '2222');
      const perf = await api.call('packing.clearance_perform', { lineId: L4, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
      await api.call('packing.clearance_verify', { lineId: L4, finishedLotId: perf.finishedLotId, signature: sig('PK-201', '2223', 'verified', 'second person check') });
      // Newer lid lots, while L-300002 is older.
      for (const [lotId, supplierLot] of [['L-300021', 'CP-L-9001'], ['L-300022', 'CP-L-9002'], ['L-300023', 'CP-L-9003']]) {
        await rt.system('lot.receive', { lotId, itemId: 'PKG-LID', supplierId: 'SUP-CLEANPACK', supplierLot, quantity: 5000, uom: 'ea' });
        await rt.system('lot.release', { lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'incoming inspection passed' } }, { userId: 'u-quinn', name: 'Quinn Okafor', roles: ['qa'] });
      }
      const used = () => rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'packing.material_used' AND json_extract(payload, '$.finishedLotId') = ?").pluck().get(perf.finishedLotId) as number;
      const overridden = () => rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'scan.verdict_overridden'").pluck().get() as number;

      // A WARN turned REJECT by the setting since is not confirmed with a tap.
      await fifo('warn');
      const warned = await api.call('packing.scan', { lineId: L4, scanSeq: await scan('LL-LOT-L-300021') });
      expect(warned).toMatchObject({ outcome: 'warn', verdict: { reasons: [{ code: 'fifo_older_lot' }] } });
      await fifo('reject');
      await expect(api.call('packing.acknowledge', { lineId: L4, verdictSeq: warned.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_stale', lotId: 'L-300021' } });
      expect(resolution(warned.verdict.verdictSeq)).toBe('none');
      // A WARN whose reason is gone (FIFO off since) has nothing left to confirm: scanned again, the lot is used plainly.
      await fifo('warn');
      const warnedAgain = await api.call('packing.scan', { lineId: L4, scanSeq: await scan('LL-LOT-L-300021') });
      expect(warnedAgain).toMatchObject({ outcome: 'warn' });
      await fifo('off');
      const quiet = rt.log.lastSeq;
      await expect(api.call('packing.acknowledge', { lineId: L4, verdictSeq: warnedAgain.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_not_needed', lotId: 'L-300021', verdictSeq: warnedAgain.verdict.verdictSeq } });
      expect([rt.log.lastSeq, resolution(warnedAgain.verdict.verdictSeq), used()]).toEqual([quiet, 'none', 0]);
      await fifo('reject');

      const r = await api.call('packing.scan', { lineId: L4, scanSeq: await scan('LL-LOT-L-300021') });
      expect(r).toMatchObject({ outcome: 'rejected', verdict: { verdict: 'REJECT', overridable: true, overrideRole: 'supervisor', reasons: [{ code: 'fifo_older_lot' }] } });
      const overriddenBefore = overridden();
      // The packer's own signature is not a supervisor's (refused by the signature check itself).
      await expect(api.call('packing.override', { lineId: L4, verdictSeq: r.verdict.verdictSeq, signature: sig('PK-200', '2222', 'overridden', 'no time') })).rejects.toMatchObject({ code: 'signature_invalid', details: { problem: 'signature_role' } });
      expect([used(), overridden()]).toEqual([0, overriddenBefore]);
      const ok = await api.call('packing.override', { lineId: L4, verdictSeq: r.verdict.verdictSeq, signature: sig('SV-300', '3333', 'overridden', 'older lid lot is in the other cleanroom') });
      expect(ok).toMatchObject({ outcome: 'used', detail: { lotId: 'L-300021', finishedLotId: perf.finishedLotId } });
      const ev = rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'packing.material_used' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
      expect(JSON.parse(ev.payload)).toMatchObject({ lotId: 'L-300021', via: 'overridden', verdictSeq: r.verdict.verdictSeq });
      const ov = rt.store.sqlite.prepare("SELECT payload, signature FROM events WHERE type = 'scan.verdict_overridden' ORDER BY seq DESC LIMIT 1").get() as { payload: string; signature: string };
      expect(JSON.parse(ov.payload)).toMatchObject({ verdictSeq: r.verdict.verdictSeq, codes: ['fifo_older_lot'] });
      expect(JSON.parse(ov.signature)).toMatchObject({ meaning: 'overridden', reason: 'older lid lot is in the other cleanroom' });
      await expect(api.call('packing.override', { lineId: L4, verdictSeq: r.verdict.verdictSeq, signature: sig('SV-300', '3333', 'overridden', 'again') })).rejects.toMatchObject({ details: { problem: 'verdict_already_answered' } });

      // Held after its refusal: the override would sign the hold away with the FIFO.
      const second = await api.call('packing.scan', { lineId: L4, scanSeq: await scan('LL-LOT-L-300022') });
      expect(second.verdict).toMatchObject({ verdict: 'REJECT', overridable: true });
      await login('QA-400', '4444');
      await api.call('quality.hold', { lotId: 'L-300022', signature: sig('QA-400', '4444', 'approved', 'supplier notice') });
      await login('PK-200', '2222');
      await expect(api.call('packing.override', { lineId: L4, verdictSeq: second.verdict.verdictSeq, signature: sig('SV-300', '3333', 'overridden', 'use it') })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_stale', lotId: 'L-300022' } });

      // Refused under "supervisor", then the setting names QA: a supervisor no longer may; and a
      // lot that would split this precise lot is not signed away only to stay unused.
      const third = await api.call('packing.scan', { lineId: L4, scanSeq: await scan('LL-LOT-L-300023') });
      expect(third.verdict).toMatchObject({ verdict: 'REJECT', overrideRole: 'supervisor' });
      await fifo('reject', 'qa');
      await expect(api.call('packing.override', { lineId: L4, verdictSeq: third.verdict.verdictSeq, signature: sig('SV-300', '3333', 'overridden', 'use it') })).rejects.toMatchObject({ code: 'forbidden', details: { problem: 'override_role', role: 'qa' } });
      await expect(api.call('packing.override', { lineId: L4, verdictSeq: third.verdict.verdictSeq, signature: sig('QA-400', '4444', 'overridden', 'use it') })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'material_split', itemId: 'PKG-LID', lotId: 'L-300023', replaces: 'L-300021' } });
      // The SMT answer does not take a material verdict: it would mark it answered without its use.
      await expect(api.call('verdict.override', { verdictSeq: third.verdict.verdictSeq, signature: sig('QA-400', '4444', 'overridden', 'use it') })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('material verdict') });
      expect([used(), overridden(), resolution(third.verdict.verdictSeq)]).toEqual([1, overriddenBefore + 1, 'none']);
    } finally {
      await fifo('warn');
    }
  });

  it('a FIFO REJECT of a resin lot starts its batch only with the signature of the override role, and not once the lot changed', async () => {
    await login('AD-500', '5555');
    await api.call('rules.configure', { fifo: { mode: 'reject', order: 'received', overrideRole: 'supervisor' }, signature: sig('AD-500', '5555', 'approved', 'FIFO enforced at molding') });
    try {
      for (const [lotId, supplierLot] of [['L-200011', 'PM24-9001'], ['L-200012', 'PM24-9002']]) {
        await rt.system('lot.receive', { lotId, itemId: 'RESIN-PC-MED', supplierId: 'SUP-POLYMED', supplierLot, quantity: 500, uom: 'kg' });
        await rt.system('lot.release', { lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'incoming inspection passed' } }, { userId: 'u-quinn', name: 'Quinn Okafor', roles: ['qa'] });
      }
      await login('OP-100', '1111');
      const seq = await scan('LL-LOT-L-200011');
      const r = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq });
      expect(r).toMatchObject({ verdict: { verdict: 'REJECT', overridable: true, overrideRole: 'supervisor', reasons: [{ code: 'fifo_older_lot' }] } });
      const batches = () => rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'molding.batch_started'").pluck().get() as number;
      const before = batches();
      // An operator's signature is not a supervisor's; a fresh scan has no refusal to override.
      await expect(api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq, signature: sig('OP-101', '1112', 'overridden', 'x') })).rejects.toMatchObject({ code: 'signature_invalid', details: { problem: 'signature_role' } });
      await expect(api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200002'), signature: sig('SV-300', '3333', 'overridden', 'x') })).rejects.toMatchObject({ code: 'conflict' });
      expect(batches()).toBe(before);
      const ok = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq, signature: sig('SV-300', '3333', 'overridden', 'older resin is still drying') });
      expect(ok.batch).toMatchObject({ resinLotId: 'L-200011', state: 'open' });
      expect(batches()).toBe(before + 1);
      const ov = rt.store.sqlite.prepare("SELECT payload, signature FROM events WHERE type = 'scan.verdict_overridden' ORDER BY seq DESC LIMIT 1").get() as { payload: string; signature: string };
      expect(JSON.parse(ov.payload)).toMatchObject({ verdictSeq: r.verdict.verdictSeq, codes: ['fifo_older_lot'] });
      expect(JSON.parse(ov.signature)).toMatchObject({ meaning: 'overridden', reason: 'older resin is still drying' });
      await expect(api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq, signature: sig('SV-300', '3333', 'overridden', 'again') })).rejects.toMatchObject({ details: { problem: 'verdict_already_answered' } });
      await api.call('molding.close_batch', { batchLotId: ok.batch!.batchLotId });

      // Held after its refusal: the override would sign the hold away with the FIFO.
      const seq2 = await scan('LL-LOT-L-200012');
      const refused2 = (await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq2 })).verdict;
      expect(refused2).toMatchObject({ verdict: 'REJECT', overridable: true });
      await login('QA-400', '4444');
      await api.call('quality.hold', { lotId: 'L-200012', signature: sig('QA-400', '4444', 'approved', 'supplier notice') });
      await login('OP-100', '1111');
      await expect(api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: seq2, signature: sig('SV-300', '3333', 'overridden', 'use it') })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_stale', lotId: 'L-200012', verdictSeq: refused2.verdictSeq } });
      expect(batches()).toBe(before + 1);
      // Nor through the SMT answer: a material verdict is answered where it was asked.
      await expect(api.call('verdict.override', { verdictSeq: refused2.verdictSeq, signature: sig('SV-300', '3333', 'overridden', 'x') })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('material verdict') });
    } finally {
      await login('AD-500', '5555');
      await api.call('rules.configure', { fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' }, signature: sig('AD-500', '5555', 'approved', 'FIFO back to warn') });
      await login('OP-100', '1111');
    }
  });

  it('traces backward and forward through batches', async () => {
    const back = await api.call('trace.lot', { id: finished, direction: 'backward' });
    expect(back.nodes.map((n) => [n.lotId, n.depth])).toEqual(expect.arrayContaining([[batch1, 1], ['L-200001', 2], ['L-300001', 1]]));
    expect(back.nodes.find((n) => n.lotId === 'L-200001')).toMatchObject({ supplierId: 'SUP-POLYMED', supplierLot: 'PM24-3391', kind: 'lot' });
    const fwd = await api.call('trace.lot', { id: 'L-200001', direction: 'forward' });
    expect(fwd.nodes.map((n) => n.lotId)).toEqual(expect.arrayContaining([batch1, finished]));
    expect(fwd.nodes.map((n) => n.lotId)).not.toContain(batch2);
  });

  it('a defect shows the other outputs of the suspect lot; a signed hold makes the engine reject it; recall report', async () => {
    const d = await api.call('quality.record_defect', { targetId: finished, description: 'short shot on caps', suspectLotId: batch1 });
    const sharing = d.sharing.find((s) => s.suspectLotId === batch1)!;
    expect(sharing.outputs.map((o) => o.outputId)).toContain((await api.call('packing.state', { lineId: LINE }))!.finishedLotId);
    await expect(api.call('quality.hold', { lotId: batch1, signature: sig('SV-300', '3333', 'approved', 'suspect lot') })).rejects.toMatchObject({ code: 'forbidden' });
    await login('QA-400', '4444');
    const held = await api.call('quality.hold', { lotId: batch1, defectSeq: d.defectSeq, signature: sig('QA-400', '4444', 'approved', 'suspect of short shots') });
    expect(held.status).toBe('on_hold');
    await login('PK-200', '2222');
    const r = await api.call('packing.scan', { lineId: LINE, scanSeq: await scan(`LL-LOT-${batch1}`) });
    expect(r.outcome).toBe('rejected');
    expect(r.verdict.reasons.map((x) => x.code)).toContain('lot_not_released');
    // Central QA recalls the finished lot meanwhile (pulled from the central server): the report lists it beside the hold signed here.
    await rt.system('sync.record_holds', {
      cursor: '700001',
      resnapshot: false,
      items: [{ cursor: '700001', lotId: finished, kind: 'recall', status: 'recalled', reason: 'field complaint 88', byUserId: 'qa1', byName: 'Central QA', stationId: null, at: new Date().toISOString() }],
    });
    const recall = await api.call('quality.recall_report', { lotId: 'L-200001' });
    expect(recall.holds).toEqual([
      expect.objectContaining({ lotId: batch1, status: 'on_hold', signature: expect.objectContaining({ reason: 'suspect of short shots' }) }),
      expect.objectContaining({ lotId: finished, status: 'recalled', signature: null, placedAt: 'central', byName: 'Central QA', reason: 'field complaint 88' }),
    ]);
    expect(recall.totals.finishedLots).toBe(2);
    expect(recall.rows.find((x) => x.outputId === finished)).toMatchObject({ kind: 'finished_lot', quantity: 2, itemId: 'FG-LUER-CAP-STERILE', status: 'recalled' });
    expect(recall.csv.split('\r\n')[0]).toBe('output,kind,item,quantity,status,work_order,station,made_at,ambiguous');
    const rates = await api.call('quality.supplier_rates', {});
    expect(rates.find((x) => x.supplierId === 'SUP-POLYMED' && x.lotId === null)).toMatchObject({ defects: 0 });
  });

  it('lotline trace answers from the store file, read-only, as JSON', async () => {
    const { PassThrough } = await import('node:stream');
    const { join } = await import('node:path');
    const { traceCommand } = await import('../../electron/cli/commands/trace');
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const code = await traceCommand.run(['L-200001', '--forward', '--json', '--db', join(dir.path, 'station.db')], { stdout: out, stderr: new PassThrough() } as never);
    expect(code).toBe(0);
    const r = JSON.parse(text) as { nodes: Array<{ lotId: string }> };
    expect(r.nodes.map((n) => n.lotId)).toEqual(expect.arrayContaining([batch1, finished]));
  });

  it('a rebuild from the log gives the same projections, and the in-memory snapshot the same as one rebuilt at start', () => {
    const rebuilt = new WorkflowEngine(rt.store.db, rt.store.sqlite);
    expect(rebuilt.snapshot).toEqual(rt.workflows.snapshot);
    const report = rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true });
    expect(report.differences).toEqual({});
    expect(report).toMatchObject({ identical: true });
  });
});
