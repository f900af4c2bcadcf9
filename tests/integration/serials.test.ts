// Serialized products at cleanroom packing, in the runtime on a real SQLite file with the
// simulated scale and Zebra: the demo's single luer cap (serialized, close approximation) gets
// a serial per unit counted — by unit and by weight — from the demo's block; a restart of the
// runtime continues after the last serial issued (none twice); a box takes its units' serials;
// the close reconciles serials with units and requires each serial's unit label, printed and
// scanned back (unit-labels.test.ts covers those in full); trace backward from a serial reaches
// every material lot and the resin; the DHR of a serial on the API, as PDF (read back with pdftotext) and from
// `lotline trace SERIAL --dhr`; a rebuild from the log gives the same serials and genealogy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { PdfFile } from '../../shared/contract/packing';
import { traceCommand } from '../../electron/cli/commands/trace';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import { WorkflowEngine } from '../../electron/station/workflows/engine';
import { pdfToText } from './helpers/pdf';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { CLEARANCE_CHECKLIST, moldSettings, sig } from './helpers/packing';

const LINE = 'CR3';
const WO = 'WO-24004';
const ITEM = 'FG-LUER-CAP-SINGLE';
const MOLD = moldSettings([1]);
const DEFECT = 'Pouch seal open on one cap';
const sn = (n: number) => `LCS${String(n).padStart(7, '0')}`;

describe('serialized products at cleanroom packing', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  let batch = '';
  let finished = '';
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  const count = (type: string) => (rt.store.sqlite.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
  const issued = () => (rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'packing.serials_assigned' ORDER BY seq").pluck().all() as string[]).flatMap((p) => (JSON.parse(p) as { serials: string[] }).serials);
  const open = async () => {
    rt = await openDemoRuntime(dir.path);
    await rt.startDevices();
    for (let i = 0; i < 100 && !rt.hasLabelPrinter(); i++) await new Promise((r) => setTimeout(r, 50));
    api = client(inProcessTransport(rt));
  };
  const save = (f: PdfFile, name: string) => {
    const bytes = Buffer.from(f.base64, 'base64');
    expect(bytes.length).toBe(f.bytes);
    const file = join(dir.path, name);
    writeFileSync(file, bytes);
    return file;
  };
  const cli = async (args: string[]) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const code = await traceCommand.run([...args, '--db', join(dir.path, 'station.db')], { stdout: out, stderr: new PassThrough() } as never);
    return { code, text };
  };

  beforeAll(async () => {
    await open();
    await login('OP-100', '1111');
    const a = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true });
    batch = a.batch!.batchLotId;
    await api.call('molding.record_output', { batchLotId: batch, perCavity: [{ cavity: 1, quantity: 200 }] });
    await api.call('molding.close_batch', { batchLotId: batch });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('the serialized product is marked in the work orders and the open lot; units cannot be counted before every material is scanned', async () => {
    await login('PK-200', '2222');
    expect((await api.call('packing.work_orders', {})).find((w) => w.workOrderId === WO)).toMatchObject({ productItemId: ITEM, serialized: true, mode: 'close_approximation' });
    expect((await api.call('packing.work_orders', {})).find((w) => w.workOrderId === 'WO-24003')).toMatchObject({ serialized: false });
    const perf = await api.call('packing.clearance_perform', { lineId: LINE, workOrderId: WO, checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'line cleared') });
    finished = perf.finishedLotId;
    const lot = await api.call('packing.clearance_verify', { lineId: LINE, finishedLotId: finished, signature: sig('PK-201', '2223', 'verified', 'second person check') });
    expect(lot).toMatchObject({ state: 'open', serialized: true, serials: { count: 0, first: null, last: null, unboxed: 0 } });
    // A serial is recorded with its material lots: none scanned yet, so the count is refused and nothing is written.
    const before = rt.log.lastSeq;
    await expect(api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 3 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('scan MP-LUER-CAP, PKG-POUCH, PKG-LID before counting') });
    expect(rt.log.lastSeq).toBe(before);
    for (const l of ['L-300001', 'L-300002', batch]) {
      const r = await api.call('packing.scan', { lineId: LINE, scanSeq: await scan(`LL-LOT-${l}`) });
      const out = r.outcome === 'warn' ? await api.call('packing.acknowledge', { lineId: LINE, verdictSeq: r.verdict.verdictSeq }) : r;
      expect(out.outcome, `${l}: ${r.message}`).toBe('used');
    }
  });

  it('each unit counted gets the next serial of the held block, by unit and by weight, in the count’s transaction', async () => {
    const byUnit = await api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 3 });
    expect(byUnit.serials).toEqual({ count: 3, first: sn(1), last: sn(3) });
    expect(byUnit.lot.serials).toMatchObject({ count: 3, first: sn(1), last: sn(3), unboxed: 3 });
    const ev = rt.store.sqlite.prepare("SELECT seq, actor, payload FROM events WHERE type = 'packing.serials_assigned'").get() as { seq: number; actor: string; payload: string };
    const p = JSON.parse(ev.payload) as { countedSeq: number; ranges: unknown; lots: Array<{ lotId: string }>; method: string };
    expect(p).toMatchObject({ method: 'unit', countedSeq: ev.seq - 1, ranges: [{ blockId: 'demo-FG-LUER-CAP-SINGLE-1', first: 1, last: 3 }] });
    expect(p.lots.map((l) => l.lotId).sort()).toEqual([batch, 'L-300001', 'L-300002'].sort());
    expect(ev.actor).toBe('u-priya');

    // Counted by weight: 20 caps = 42 g sets the piece weight (no units, no serials); 63 g = 30 caps = 30 single units.
    rt.devices!.scaleSim!.set({ grossG: 42 });
    expect((await api.call('packing.count', { method: 'weight', lineId: LINE, samplePieces: 20 })).serials).toBeNull();
    rt.devices!.scaleSim!.set({ grossG: 63 });
    const byWeight = await api.call('packing.count', { method: 'weight', lineId: LINE });
    expect(byWeight.counted).toBe(30);
    expect(byWeight.serials).toEqual({ count: 30, first: sn(4), last: sn(33) });
    expect(byWeight.lot).toMatchObject({ quantity: 33, serials: { count: 33, first: sn(1), last: sn(33) } });
  });

  it('after a restart the station continues after the last serial it issued: none is issued twice', async () => {
    await rt.close();
    await open();
    await login('PK-200', '2222');
    const r = await api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 2 });
    expect(r.serials).toEqual({ count: 2, first: sn(34), last: sn(35) });
    const all = issued();
    expect(all).toHaveLength(35);
    expect(new Set(all).size).toBe(35);
    expect(all).toEqual(Array.from({ length: 35 }, (_, i) => sn(i + 1)));
  });

  it('a count needing more serials than the station holds is refused and records nothing', async () => {
    const before = rt.log.lastSeq;
    await expect(api.call('packing.count', { method: 'unit', lineId: LINE, quantity: 4966 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('this station holds 4965') });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('a box that passes its check-weight takes the next unboxed serials; a failed weighing takes none', async () => {
    rt.devices!.scaleSim!.set({ grossG: 49 }); // 10 caps of 2.1 g + 30 g should be 51 g
    const bad = await api.call('packing.check_weight', { lineId: LINE, units: 10, tareGrams: 30, toleranceGrams: 1 });
    expect(bad).toMatchObject({ ok: false, serials: null });
    rt.devices!.scaleSim!.set({ grossG: 51.2 });
    const good = await api.call('packing.check_weight', { lineId: LINE, units: 10, tareGrams: 30, toleranceGrams: 1 });
    expect(good).toMatchObject({ ok: true, serials: { count: 10, first: sn(1), last: sn(10) } });
    expect(good.lot.serials.unboxed).toBe(25);
    expect(rt.store.sqlite.prepare('SELECT box_no FROM serials WHERE serial = ?').pluck().get(sn(2))).toBe(1);
    expect(rt.store.sqlite.prepare('SELECT box_no FROM serials WHERE serial = ?').pluck().get(sn(11))).toBeNull();
    // A box of more units than are counted and not boxed is refused before anything is recorded.
    const before = rt.log.lastSeq;
    rt.devices!.scaleSim!.set({ grossG: 30 + 26 * 2.1 });
    await expect(api.call('packing.check_weight', { lineId: LINE, units: 26, tareGrams: 30, toleranceGrams: 1 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('only 25 counted units') });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('trace backward from a serial reaches its finished lot, every material lot and the resin; forward from a material lists the serials', async () => {
    const back = await api.call('trace.lot', { id: sn(2), direction: 'backward' });
    const depth = Object.fromEntries(back.nodes.map((n) => [n.lotId, n.depth]));
    expect(depth).toMatchObject({ [finished]: 1, 'L-300001': 1, 'L-300002': 1, [batch]: 1, 'L-200001': 2 });
    expect(back.nodes.find((n) => n.lotId === 'L-200001')).toMatchObject({ kind: 'lot', supplierLot: 'PM24-3391' });
    const fwd = await api.call('trace.lot', { id: 'L-300001', direction: 'forward' });
    const serialNodes = fwd.nodes.filter((n) => n.kind === 'serial');
    expect(serialNodes).toHaveLength(35);
    expect(serialNodes.find((n) => n.lotId === sn(7))).toMatchObject({ itemId: ITEM, status: 'open', station: LINE, workOrderId: WO });
    expect(fwd.nodes.find((n) => n.lotId === finished)).toMatchObject({ kind: 'finished_lot' });
    // The CLI answers the same from the store file.
    const c = await cli([sn(2), '--backward', '--json']);
    expect(c.code).toBe(0);
    expect((JSON.parse(c.text) as { nodes: Array<{ lotId: string }> }).nodes.map((n) => n.lotId)).toEqual(expect.arrayContaining([finished, 'L-300001', batch, 'L-200001']));
  });

  it('a defect recorded on a serial names it as a serial; the lot closes only with serials = units, and records them', async () => {
    const d = await api.call('quality.record_defect', { targetId: sn(2), description: DEFECT });
    expect(d.suspectLotIds).toEqual(expect.arrayContaining([finished, 'L-300001', batch]));
    expect(rt.store.sqlite.prepare('SELECT target_kind FROM defects WHERE defect_seq = ?').pluck().get(d.defectSeq)).toBe('serial');

    const UDI = { gtin: '09506000134369', productName: 'Sterile luer cap, single', ref: 'LC-1', lot: finished, productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 10, manufacturer: 'Lotline Medical Devices GmbH' };
    const [label] = await api.call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: finished, copies: 1 });
    await expect.poll(() => rt.store.sqlite.prepare('SELECT printed FROM labels WHERE label_id = ?').pluck().get(label!.labelId), { timeout: 90_000 }).toBe(1);
    const { text } = await api.call('devices.sim_scan_printed', { barcode: 0, damage: false });
    expect((await api.call('labels.verify', { labelId: label!.labelId, scanSeq: await scan(text) })).match).toBe(true);
    await api.call('labels.apply', { labelId: label!.labelId });
    // Every serial needs its unit label, scanned back, before the lot closes.
    const close = () => api.call('packing.close_lot', { lineId: LINE, used: {}, boxes: 1, signature: sig('PK-200', '2222', 'approved', 'lot complete') });
    await expect(close()).rejects.toMatchObject({ code: 'conflict', details: { problem: 'unit_labels_missing', serials: `${sn(1)} – ${sn(35)} (35)` } });
    const units = await api.call('packing.print_unit_labels', { lineId: LINE });
    expect(units.serials).toEqual({ count: 35, first: sn(1), last: sn(35) });
    for (const u of units.labels) {
      await expect.poll(() => rt.store.sqlite.prepare('SELECT printed FROM labels WHERE label_id = ?').pluck().get(u.labelId), { timeout: 90_000 }).toBe(1);
      const back = await api.call('devices.sim_scan_printed', { labelId: u.labelId, barcode: 0, damage: false });
      expect(await api.call('packing.verify_unit_label', { lineId: LINE, scanSeq: await scan(back.text) })).toMatchObject({ outcome: 'verified', serial: u.serial });
    }
    const closed = await close();
    expect(closed.lot.state).toBe('closed');
    expect(closed.serials).toEqual({ assigned: 35, first: sn(1), last: sn(35) });
    expect(closed.unitLabels).toEqual({ assigned: 35, issued: 35, printed: 35, verified: 35, voided: 0, balanced: true });
    const payload = JSON.parse(rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'packing.lot_closed' AND json_extract(payload, '$.finishedLotId') = ?").pluck().get(finished) as string) as { quantity: number; serials: unknown };
    expect(payload).toMatchObject({ quantity: 35, serials: { assigned: 35, first: sn(1), last: sn(35) } });
    // The serials now carry their lot's status: quarantined until QA releases it.
    expect((await api.call('trace.lot', { id: 'L-300002', direction: 'forward' })).nodes.find((n) => n.lotId === sn(35))?.status).toBe('quarantined');
  });

  it('the recall report counts a serial of a listed finished lot once (in the lot’s quantity)', async () => {
    const r = await api.call('quality.recall_report', { lotId: 'L-200001' });
    expect(r.totals).toEqual({ finishedLots: 1, serials: 35, quantity: 35 });
  });

  it('the DHR of a serial: its lot’s record and its own section — assigned when and by whom, how counted, its box, its lots, its defect', async () => {
    const d = await api.call('quality.dhr', { id: sn(2) });
    expect(d).toMatchObject({ finishedLotId: finished, productItemId: ITEM, workOrderId: WO, bomId: 'BOM-FG-LUER-1-A', quantity: 35, serials: { count: 35, first: sn(1), last: sn(35) } });
    expect(d.serial).toMatchObject({ serial: sn(2), itemId: ITEM, number: 2, assignedBy: 'Priya Shah', method: 'unit', box: { boxNo: 1, grams: 51.2, targetGrams: 51, ok: true }, defects: [{ description: DEFECT }] });
    expect(d.serial!.materials.map((m) => m.lotId).sort()).toEqual([batch, 'L-300001', 'L-300002'].sort());
    expect(d.defects).toEqual([expect.objectContaining({ targetId: sn(2), description: DEFECT })]);
    expect(d.records.map((r) => r.type)).toEqual(expect.arrayContaining(['packing.serials_assigned', 'quality.defect_recorded', 'packing.lot_closed']));
    expect(d.html).toContain(`serial ${sn(2)}`);
    // A unit counted by weight says so, and one not boxed says that.
    expect((await api.call('quality.dhr', { serial: sn(20) })).serial).toMatchObject({ method: 'weight', box: null, defects: [] });
    // The lot's own DHR has no serial section but lists the serials and the serial's defect.
    const lotDhr = await api.call('quality.dhr', { finishedLotId: finished });
    expect(lotDhr).toMatchObject({ serial: null, serials: { count: 35 } });
    expect(lotDhr.defects.map((x) => x.targetId)).toEqual([sn(2)]);
  });

  it.each([
    ['an unknown id', { id: 'NOPE-1' }, 'not_found'],
    ['a finished lot asked for as a serial', () => ({ serial: finished }), 'not_found'],
    ['a serial asked for as a finished lot', { finishedLotId: sn(2) }, 'not_found'],
    ['no id at all', {}, 'invalid_input'],
    ['two ids', { id: sn(2), serial: sn(3) }, 'invalid_input'],
  ])('DHR of %s: a clear error', async (_, input, code) => {
    await expect(api.call('quality.dhr', (typeof input === 'function' ? input() : input) as never)).rejects.toMatchObject({ code });
  });

  it('the DHR of a serial as PDF (English and Spanish) and from `lotline trace SERIAL --dhr`', async () => {
    const f = await api.call('quality.dhr_pdf', { id: sn(2), lang: 'en' });
    expect(f.filename).toBe(`DHR-${sn(2)}.pdf`);
    const en = pdfToText(save(f, 'serial-en.pdf'));
    for (const s of ['Device history record', `Serial ${sn(2)} · finished lot ${finished}`, 'Assigned by', 'Priya Shah', 'by unit', 'box 1: 51.20 g (target 51 g) OK', 'Material lots of this unit', batch, 'L-300002', 'Defects against this serial', DEFECT, `35 assigned · ${sn(1)} – ${sn(35)}`, 'Electronic signatures', 'Printed name: Priya Shah'])
      expect(en, s).toContain(s);
    const es = pdfToText(save(await api.call('quality.dhr_pdf', { serial: sn(2), lang: 'es' }), 'serial-es.pdf'));
    for (const s of [`Número de serie ${sn(2)} · lote terminado ${finished}`, 'Asignado por', 'por unidad', 'Lotes de material de esta unidad', 'Defectos de este número de serie']) expect(es, s).toContain(s);

    const file = join(dir.path, 'cli-serial.pdf');
    expect(await cli([sn(2), '--dhr', '--pdf', file])).toMatchObject({ code: 0 });
    expect(pdfToText(file)).toContain(`Serial ${sn(2)} · finished lot ${finished}`);
    const line = await cli([sn(2), '--dhr']);
    expect(line.text).toContain(`serial ${sn(2)} of ${finished} — ${ITEM}`);
    expect(line.text).toContain(`serials 35 (${sn(1)} – ${sn(35)})`);
    const json = JSON.parse((await cli([sn(2), '--dhr', '--json'])).text) as { serial: { serial: string } };
    expect(json.serial.serial).toBe(sn(2));
  });

  it('a rebuild from the log gives the same serials, genealogy and snapshot', () => {
    const rebuilt = new WorkflowEngine(rt.store.db, rt.store.sqlite);
    expect(rebuilt.snapshot).toEqual(rt.workflows.snapshot);
    expect(rt.workflows.snapshot.items.get(ITEM as never)).toMatchObject({ serialized: true, serialPrefix: 'LCS' });
    const report = rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true });
    expect(report.differences).toEqual({});
    expect(report).toMatchObject({ identical: true });
    expect(count('packing.serials_assigned')).toBe(3);
  });
});
