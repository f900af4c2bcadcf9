// Unit labels of a serialized product in the runtime, on a real SQLite file with the simulated
// Zebra: the demo's single luer cap counted by unit gets one fg-udi-lot label per serial with
// (01) GTIN, (11)/(17) dates, (10) lot and (21) serial, through the label issue + print queue
// path, never twice (a second touch, a restart); each is verified by scanning its printed bytes
// back (another unit's label or a damaged read voids it, a read of its lot line records
// nothing); a voided one is reprinted under the reprint rules; the close is refused, naming the
// serials, until every serial has one verified unit label; the serial's DHR shows its labels.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScan } from '../../shared/barcode/parse';
import type { StationClient } from '../../shared/contract/client';
import { scanTextsFromZpl } from '../../electron/station/devices/sim/zpl-scan';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import { pdfToText } from './helpers/pdf';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { CLEARANCE_CHECKLIST, moldSettings, sig } from './helpers/packing';

const LINE = 'CR3';
const WO = 'WO-24004';
const GTIN = '09506000134369';
const sn = (n: number) => `LCS${String(n).padStart(7, '0')}`;

describe('unit labels of a serialized product at cleanroom packing', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  let finished = '';
  let lotLabel = '';
  const UDI = () => ({ gtin: GTIN, productName: 'Sterile luer cap, single', ref: 'LC-1', lot: finished, productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 5, manufacturer: 'Lotline Medical Devices GmbH' });
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const count = (type: string) => (rt.store.sqlite.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
  const printedFlag = (labelId: string) => rt.store.sqlite.prepare('SELECT printed FROM labels WHERE label_id = ?').pluck().get(labelId);
  const waitPrinted = async (ids: readonly string[]) => {
    for (const id of ids) await expect.poll(() => printedFlag(id), { timeout: 90_000 }).toBe(1);
  };
  const unitLabels = async () => (await api.call('packing.state', { lineId: LINE }))!.unitLabels!;
  /** Scans the printed bytes of one label (barcode 0: the DataMatrix, 2: the lot line), optionally damaged. */
  const scanLabel = async (labelId: string, o: { barcode?: number; damage?: boolean } = {}) => scan((await api.call('devices.sim_scan_printed', { labelId, barcode: o.barcode ?? 0, damage: o.damage ?? false })).text);
  const verifyNext = async (labelId: string, o: { barcode?: number; damage?: boolean } = {}) => api.call('packing.verify_unit_label', { lineId: LINE, scanSeq: await scanLabel(labelId, o) });
  const close = () => api.call('packing.close_lot', { lineId: LINE, used: {}, boxes: 1, signature: sig('PK-200', '2222', 'approved', 'lot complete') });
  const open = async () => {
    rt = await openDemoRuntime(dir.path);
    await rt.startDevices();
    for (let i = 0; i < 100 && !rt.hasLabelPrinter(); i++) await new Promise((r) => setTimeout(r, 50));
    api = client(inProcessTransport(rt));
    await api.call('auth.login', { badge: 'PK-200', pin: '2222' });
  };
  const printed: Record<string, string> = {};

  beforeAll(async () => {
    await open();
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    const b = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...moldSettings([1]), resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true });
    const batch = b.batch!.batchLotId;
    await api.call('molding.record_output', { batchLotId: batch, perCavity: [{ cavity: 1, quantity: 200 }] });
    await api.call('molding.close_batch', { batchLotId: batch });
    await api.call('auth.login', { badge: 'PK-200', pin: '2222' });
    const perf = await api.call('packing.clearance_perform', { lineId: LINE, workOrderId: WO, checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    finished = perf.finishedLotId;
    await api.call('packing.clearance_verify', { lineId: LINE, finishedLotId: finished, signature: sig('PK-201', '2223', 'verified', 'second person check') });
    for (const l of ['L-300001', 'L-300002', batch]) {
      const r = await api.call('packing.scan', { lineId: LINE, scanSeq: await scan(`LL-LOT-${l}`) });
      if (r.outcome === 'warn') await api.call('packing.acknowledge', { lineId: LINE, verdictSeq: r.verdict.verdictSeq });
    }
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('nothing to print before a unit is counted; counted units wait for their labels, which need the lot label first', async () => {
    expect(await unitLabels()).toMatchObject({ toPrint: 0, awaitingScan: 0, complete: true });
    await expect(api.call('packing.print_unit_labels', { lineId: LINE })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'unit_labels_none_counted' } });
    await api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 3 });
    expect(await unitLabels()).toMatchObject({ toPrint: 3, printing: 0, awaitingScan: 0, verified: 0, complete: false });
    // The unit label repeats the lot label's dates, REF and manufacturer: without one, nothing is issued or queued.
    const before = rt.log.lastSeq;
    const jobs = rt.devices!.zebraSim!.jobs.length;
    await expect(api.call('packing.print_unit_labels', { lineId: LINE })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`Print the lot label of ${finished} first`), details: { problem: 'unit_label_no_lot_label', lot: finished } });
    expect(rt.log.lastSeq).toBe(before);
    expect(rt.printQueue!.pending()).toHaveLength(0);
    expect(rt.devices!.zebraSim!.jobs.length).toBe(jobs);

    const [l] = await api.call('labels.print', { templateId: 'fg-udi-lot', data: UDI(), lotId: finished, copies: 1 });
    lotLabel = l!.labelId;
    await waitPrinted([lotLabel]);
  });

  it('one touch prints one unit label per serial: (01) GTIN, (11)/(17) the lot label’s dates, (10) lot, (21) serial — each issued for its serial, printed once', async () => {
    const jobs = rt.devices!.zebraSim!.jobs.length;
    const r = await api.call('packing.print_unit_labels', { lineId: LINE });
    expect(r.serials).toEqual({ count: 3, first: sn(1), last: sn(3) });
    expect(r.labels.map((l) => l.serial)).toEqual([sn(1), sn(2), sn(3)]);
    for (const l of r.labels) printed[l.serial] = l.labelId;
    await waitPrinted(r.labels.map((l) => l.labelId));
    const sent = rt.devices!.zebraSim!.jobs.slice(jobs);
    expect(sent).toHaveLength(3);
    sent.forEach((job, i) => {
      // The DataMatrix, read from the bytes the printer received, carries the whole UDI with the serial.
      expect(job.zpl).toContain(`21${sn(i + 1)}`);
      const dm = parseScan(scanTextsFromZpl(job.zpl)[0]!.text, { referenceYear: 2026 });
      expect(dm.ok && dm.elements).toEqual([['01', GTIN], ['11', '261120'], ['17', '291031'], ['10', finished], ['21', sn(i + 1)]]);
    });
    // Each label.issued names its serial and the unit label needs a scan-back whatever the policy.
    const issued = (rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'label.issued' ORDER BY seq DESC LIMIT 3").pluck().all() as string[]).map((p) => JSON.parse(p) as { serial?: string; lotId: string; data: Record<string, unknown>; batchSize: number });
    expect(issued.map((p) => p.serial).reverse()).toEqual([sn(1), sn(2), sn(3)]);
    expect(issued[0]).toMatchObject({ lotId: finished, batchSize: 3, data: { gtin: GTIN, lot: finished, serial: sn(3), productionDate: '2026-11-20', expiry: '2029-10-31', ref: 'LC-1' } });
    expect(issued[0]!.data).not.toHaveProperty('quantity');
    const listed = await api.call('labels.list', { lotId: finished });
    expect(listed.filter((l) => l.serial !== null).every((l) => l.needsVerification && l.state === 'printed')).toBe(true);
    // The lot label reconciliation counts lot labels only.
    expect(await api.call('labels.reconciliation', { lotId: finished })).toMatchObject({ issued: 1, printed: 1 });
    expect(await unitLabels()).toMatchObject({ toPrint: 0, awaitingScan: 3, next: sn(1), verified: 0 });
  });

  it('a second touch prints nothing twice', async () => {
    const jobs = rt.devices!.zebraSim!.jobs.length;
    const issued = count('label.issued');
    await expect(api.call('packing.print_unit_labels', { lineId: LINE })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'unit_labels_none_to_print' } });
    // Two touches at once: one prints, the other finds nothing left.
    await api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 1 });
    const both = await Promise.allSettled([api.call('packing.print_unit_labels', { lineId: LINE }), api.call('packing.print_unit_labels', { lineId: LINE })]);
    expect(both.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(both.find((x) => x.status === 'rejected')).toMatchObject({ reason: { details: { problem: 'unit_labels_none_to_print' } } });
    const r = (both.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<{ labels: Array<{ labelId: string; serial: string }> }>).value;
    expect(r.labels.map((l) => l.serial)).toEqual([sn(4)]);
    printed[sn(4)] = r.labels[0]!.labelId;
    await waitPrinted([printed[sn(4)]!]);
    expect(count('label.issued')).toBe(issued + 1);
    expect(rt.devices!.zebraSim!.jobs.length).toBe(jobs + 1);
    expect(rt.store.sqlite.prepare('SELECT count(*) FROM labels WHERE serial = ?').pluck().get(sn(4))).toBe(1);
  });

  it('the close is refused while a serial has no verified unit label, naming the serials', async () => {
    // The lot label itself is verified and applied: only the unit labels hold the close.
    const v = await api.call('labels.verify', { labelId: lotLabel, scanSeq: await scanLabel(lotLabel) });
    expect(v.match).toBe(true);
    await api.call('labels.apply', { labelId: lotLabel });
    const before = rt.log.lastSeq;
    await expect(close()).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`unit label not verified by scan-back for ${sn(1)} – ${sn(4)} (4)`), details: { problem: 'unit_labels_unverified', lot: finished, serials: `${sn(1)} – ${sn(4)} (4)`, count: 4 } });
    await api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 2 });
    await expect(close()).rejects.toMatchObject({ message: expect.stringContaining(`no unit label for ${sn(5)} – ${sn(6)} (2)`), details: { problem: 'unit_labels_missing', serials: `${sn(5)} – ${sn(6)} (2)`, count: 2 } });
    expect(count('packing.lot_closed')).toBe(0);
    expect(rt.log.lastSeq).toBeGreaterThan(before); // the count, nothing of the refused closes
  });

  it('scan-back: the right serial verifies, in count order or not; a read of the lot line records nothing; a label not waiting or a damaged read voids the label waiting', async () => {
    expect((await verifyNext(printed[sn(1)]!)).outcome).toBe('verified');
    // The lot line of LCS…2's label carries no serial: the label stays waiting, nothing is recorded.
    const failed = count('label.verify_failed');
    const lotLine = await verifyNext(printed[sn(2)]!, { barcode: 2 });
    expect(lotLine).toMatchObject({ outcome: 'other_barcode', serial: sn(2), message: expect.stringContaining('scan its DataMatrix') });
    expect(count('label.verify_failed')).toBe(failed);
    // The same read through the Labels screen's path is refused the same way.
    await expect(api.call('labels.verify', { labelId: printed[sn(2)]!, scanSeq: await scanLabel(printed[sn(2)]!, { barcode: 2 }) })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'unit_label_other_barcode', serial: sn(2) } });
    // LCS…3's label picked up while LCS…2's waits: it is LCS…3's own label, verified; LCS…2's still waits.
    const outOfOrder = await verifyNext(printed[sn(3)]!);
    expect(outOfOrder).toMatchObject({ outcome: 'verified', serial: sn(3) });
    expect(await unitLabels()).toMatchObject({ next: sn(2) });
    // LCS…1's label (verified, no longer waiting) read again: refused, nothing recorded — LCS…2's stays waiting.
    const voided = count('label.voided');
    await expect(api.call('packing.verify_unit_label', { lineId: LINE, scanSeq: await scanLabel(printed[sn(1)]!) })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'label_not_awaiting_scan', labelId: printed[sn(1)]!.slice(0, 8) } });
    expect(count('label.voided')).toBe(voided);
    expect(count('label.verify_failed')).toBe(failed);
    expect(await unitLabels()).toMatchObject({ next: sn(2) });
    // A label with a serial of no label of this lot, read while LCS…2's waits: the wrong serial, LCS…2's voided.
    const { text } = await api.call('devices.sim_scan_printed', { labelId: printed[sn(2)]!, barcode: 0, damage: false });
    const wrong = await api.call('packing.verify_unit_label', { lineId: LINE, scanSeq: await scan(text.replace(sn(2), sn(99))) });
    expect(wrong).toMatchObject({ outcome: 'voided', serial: sn(2), mismatches: [{ field: 'serial', expected: sn(2), scanned: sn(99) }] });
    // A damaged read of LCS…4's own label: voided too.
    const damaged = await verifyNext(printed[sn(4)]!, { damage: true });
    expect(damaged).toMatchObject({ outcome: 'voided', serial: sn(4) });
    expect(count('label.verify_failed')).toBe(failed + 2);
    expect(await unitLabels()).toMatchObject({ toPrint: 2, awaitingScan: 0, verified: 2, voided: 2, reprint: [{ labelId: printed[sn(2)], serial: sn(2) }, { labelId: printed[sn(4)], serial: sn(4) }] });
    // The voided serials are not printed again by the button: their labels are reprinted, with a reason.
    await expect(close()).rejects.toMatchObject({ details: { problem: 'unit_labels_missing', serials: `${sn(2)}, ${sn(4)} – ${sn(6)} (3)` } });
  });

  it('a voided unit label is reprinted under the reprint rules (reason and signature) with its serial, and verified', async () => {
    await expect(api.call('labels.reprint', { labelId: printed[sn(2)]!, reason: 'scan-back showed another unit' })).rejects.toMatchObject({ code: 'signature_invalid' });
    for (const s of [sn(2), sn(4)]) {
      const re = await api.call('labels.reprint', { labelId: printed[s]!, reason: 'scan-back failed', signature: sig('PK-200', '2222', 'performed', 'reprint of a unit label') });
      expect(re).toMatchObject({ serial: s, reprintOf: printed[s], needsVerification: true });
      printed[s] = re.labelId;
      await waitPrinted([re.labelId]);
      expect((await verifyNext(re.labelId)).outcome).toBe('verified');
    }
    expect(await unitLabels()).toMatchObject({ toPrint: 2, reprint: [], verified: 4 });
  });

  it('after a restart nothing is printed again: the queue is empty and the button offers only the serials never labelled', async () => {
    const r = await api.call('packing.print_unit_labels', { lineId: LINE });
    expect(r.labels.map((l) => l.serial)).toEqual([sn(5), sn(6)]);
    for (const l of r.labels) printed[l.serial] = l.labelId;
    await waitPrinted(r.labels.map((l) => l.labelId));
    const issued = count('label.issued');
    await rt.close();
    await open();
    // A queue that wrongly thought it had work would send it now.
    await rt.printQueue!.drain();
    expect(rt.devices!.zebraSim!.jobs).toHaveLength(0);
    expect(rt.printQueue!.pending()).toHaveLength(0);
    expect(count('label.issued')).toBe(issued);
    expect(await unitLabels()).toMatchObject({ toPrint: 0, awaitingScan: 2, next: sn(5) });
    await expect(api.call('packing.print_unit_labels', { lineId: LINE })).rejects.toMatchObject({ details: { problem: 'unit_labels_none_to_print' } });
    // The labels printed before the restart are scanned back from the printer that printed them: here the
    // simulator restarted empty, so the test reads their issued bytes through the same scan path.
    for (const s of [sn(5), sn(6)]) {
      const zpl = rt.printQueue!.get((await api.call('labels.list', { lotId: finished, limit: 50 })).find((l) => l.labelId === printed[s])!.jobId)!.zpl;
      const v = await api.call('packing.verify_unit_label', { lineId: LINE, scanSeq: await scan(scanTextsFromZpl(zpl)[0]!.text) });
      expect(v).toMatchObject({ outcome: 'verified', serial: s });
    }
  });

  it('with every serial’s unit label verified the lot closes, recording the unit labels', async () => {
    const closed = await close();
    expect(closed.lot.state).toBe('closed');
    expect(closed.unitLabels).toEqual({ assigned: 6, issued: 8, printed: 8, verified: 6, voided: 2, balanced: true });
    expect(closed.labels).toMatchObject({ issued: 1, applied: 1, balanced: true });
    const payload = JSON.parse(rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'packing.lot_closed'").pluck().get() as string) as { unitLabels: unknown };
    expect(payload.unitLabels).toEqual(closed.unitLabels);
  });

  it('the DHR of a serial shows its unit labels: issued, printed, verified, the voided one and why', async () => {
    const d = await api.call('quality.dhr', { serial: sn(2) });
    const [first, reprint] = d.serial!.labels;
    expect(d.serial!.labels).toHaveLength(2);
    expect(first).toMatchObject({ state: 'voided', issuedBy: 'Priya Shah', verifiedAt: null, voidReason: 'scan-back did not match: serial', reprintOf: null });
    expect(first!.printedAt).not.toBeNull();
    expect(reprint).toMatchObject({ labelId: printed[sn(2)], state: 'verified', voidedAt: null, reprintOf: first!.labelId });
    expect(Date.parse(reprint!.verifiedAt!)).toBeGreaterThanOrEqual(Date.parse(reprint!.issuedAt));
    expect(d.reconciliation).toMatchObject({ unitLabels: { assigned: 6, balanced: true } });
    expect((await api.call('quality.dhr', { serial: sn(1) })).serial!.labels).toEqual([expect.objectContaining({ state: 'verified', reprintOf: null })]);
    expect(d.html).toContain('<h3>Unit label</h3>');

    const f = await api.call('quality.dhr_pdf', { serial: sn(2), lang: 'en' });
    const file = join(dir.path, 'dhr-unit.pdf');
    writeFileSync(file, Buffer.from(f.base64, 'base64'));
    // Table cells wrap in the PDF: compare with runs of white space made one.
    const text = pdfToText(file).replace(/\s+/g, ' ');
    for (const s of ['Unit label of this serial', 'scan-back did not match: serial', `…${reprint!.labelId.slice(-8)} (reprint of …${first!.labelId.slice(-8)})`, 'Unit labels', '6 serials · issued 8 · printed 8 · verified 6 · voided 2 — balanced']) expect(text, s).toContain(s);
    const es = join(dir.path, 'dhr-unit-es.pdf');
    writeFileSync(es, Buffer.from((await api.call('quality.dhr_pdf', { serial: sn(2), lang: 'es' })).base64, 'base64'));
    const textEs = pdfToText(es).replace(/\s+/g, ' ');
    for (const s of ['Etiqueta unitaria de este número de serie', 'anulada', 'verificada', 'reimpresión de', 'Etiquetas unitarias', '6 números de serie · emitidas 8']) expect(textEs, s).toContain(s);
  });

  it('a rebuild from the log gives the same labels, serials included', () => {
    const report = rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true });
    expect(report.differences).toEqual({});
    expect(rt.store.sqlite.prepare("SELECT count(*) FROM labels WHERE serial IS NOT NULL AND state <> 'voided'").pluck().get()).toBe(6);
  });
});
