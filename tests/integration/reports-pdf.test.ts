// The recall report and the device history record as PDF, from a real cleanroom flow in the
// runtime on a SQLite file (molding batch, two-person clearance, verified labels, signed
// close, a defect and a signed hold): the station's quality.recall_pdf / quality.dhr_pdf
// and `lotline trace --recall/--dhr --pdf`, read back with poppler's pdftotext.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { PdfFile } from '../../shared/contract/packing';
import { recallDocument } from '../../shared/reports/recall';
import { renderPdf } from '../../electron/node/pdf/render';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { traceCommand } from '../../electron/cli/commands/trace';
import { pdfPages, pdfToText } from './helpers/pdf';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { CLEARANCE_CHECKLIST, moldSettings, sig } from './helpers/packing';

const MOLD = moldSettings([1, 2, 3, 4]);
const DEFECT = 'Inyección incompleta en la tapa: ¿año de fabricación ilegible?';
const HOLD_REASON = 'Sospecha de inyección incompleta — revisión';

describe('recall report and DHR as PDF', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  let batch = '';
  let finished = '';
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const login = (badge: string, pin: string) => api.call('auth.login', { badge, pin });
  const save = (f: PdfFile, name: string) => {
    const bytes = Buffer.from(f.base64, 'base64');
    expect(bytes.length).toBe(f.bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir.path, name);
    writeFileSync(file, bytes);
    return file;
  };

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    await rt.startDevices();
    for (let i = 0; i < 100 && !rt.hasLabelPrinter(); i++) await new Promise((r) => setTimeout(r, 50));
    api = client(inProcessTransport(rt));

    // Molding: one batch from resin L-200001.
    await login('OP-100', '1111');
    const a = await api.call('molding.start_batch', { workOrderId: 'WO-24002', ...MOLD, resinScanSeq: await scan('LL-LOT-L-200001'), acknowledgeWarn: true });
    batch = a.batch!.batchLotId;
    await api.call('molding.record_output', { batchLotId: batch, perCavity: [{ cavity: 1, quantity: 50 }, { cavity: 2, quantity: 50 }] });
    await api.call('molding.close_batch', { batchLotId: batch });

    // Cleanroom packing: clearance by two people, materials, count, check-weight, labels, signed close.
    await login('PK-200', '2222');
    const L = 'CR2';
    const perf = await api.call('packing.clearance_perform', { lineId: L, workOrderId: 'WO-24003', checklist: CLEARANCE_CHECKLIST, signature: sig('PK-200', '2222', 'performed', 'línea despejada') });
    finished = perf.finishedLotId;
    await api.call('packing.clearance_verify', { lineId: L, finishedLotId: finished, signature: sig('SV-300', '3333', 'verified', 'second person check') });
    for (const lot of ['L-300001', 'L-300002', 'L-300003', 'L-300004', batch]) {
      const r = await api.call('packing.scan', { lineId: L, scanSeq: await scan(`LL-LOT-${lot}`) });
      if (r.outcome === 'warn') await api.call('packing.acknowledge', { lineId: L, verdictSeq: r.verdict.verdictSeq });
    }
    rt.devices!.scaleSim!.set({ grossG: 42 });
    await api.call('packing.count', { method: 'weight', lineId: L, samplePieces: 20 });
    await api.call('packing.count', { method: 'unit', lineId: L, quantity: 2 });
    rt.devices!.scaleSim!.set({ grossG: 51.2 });
    await api.call('packing.check_weight', { lineId: L, units: 10, tareGrams: 30, toleranceGrams: 1 });
    const UDI = { gtin: '09506000134352', productName: 'Sterile luer cap, box of 10', ref: 'LC-10', lot: finished, productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 10, manufacturer: 'Lotline Medical Devices GmbH' };
    for (let n = 0; n < 2; n++) {
      const [label] = await api.call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: finished, copies: 1 });
      // A guard against a hang, not a speed check: the print queue is slow on a loaded machine.
      // (A loop, not expect.poll: this runs in beforeAll.)
      const printed = () => rt.store.sqlite.prepare('SELECT printed FROM labels WHERE label_id = ?').pluck().get(label!.labelId) === 1;
      for (const deadline = Date.now() + 90_000; !printed(); await new Promise((r) => setTimeout(r, 25)))
        if (Date.now() > deadline) throw new Error(`label ${label!.labelId} was not printed within 90 s`);
      const { text } = await api.call('devices.sim_scan_printed', { barcode: 0, damage: false });
      await api.call('labels.verify', { labelId: label!.labelId, scanSeq: await scan(text) });
      await api.call('labels.apply', { labelId: label!.labelId });
    }
    const closed = await api.call('packing.close_lot', { lineId: L, used: { 'MP-LUER-CAP': 20, 'PKG-POUCH': 20 }, boxes: 2, signature: sig('PK-200', '2222', 'approved', 'lote completo') });
    expect(closed.lot.state).toBe('closed');

    // A defect on the finished lot, and a signed hold of the suspect batch.
    const d = await api.call('quality.record_defect', { targetId: finished, description: DEFECT, suspectLotId: batch });
    await login('QA-400', '4444');
    await api.call('quality.hold', { lotId: batch, defectSeq: d.defectSeq, signature: sig('QA-400', '4444', 'approved', HOLD_REASON) });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('recall report (Spanish): the lots made from the resin, the signed hold with printed name, time and meaning, accents intact', async () => {
    const report = await api.call('quality.recall_report', { lotId: 'L-200001' });
    expect(report.holds).toEqual([expect.objectContaining({ lotId: batch, signature: expect.objectContaining({ signerName: 'Quinn Okafor', meaning: 'approved', reason: HOLD_REASON }) })]);
    const file = save(await api.call('quality.recall_pdf', { lotId: 'L-200001', lang: 'es', timeZone: 'UTC' }), 'recall.pdf');
    const text = pdfToText(file);
    for (const s of ['Informe de retiro', 'Todo lo fabricado con el lote L-200001', finished, batch, 'Nombre: Quinn Okafor', 'aprobado', HOLD_REASON, 'Estación', 'Página 1 de'])
      expect(text, s).toContain(s);
    expect(text).toMatch(/Generado \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · Estación \S+/);
  });

  it('DHR (Spanish and English): materials, batch, every signature with printed name and meaning, labels, the defect', async () => {
    const es = pdfToText(save(await api.call('quality.dhr_pdf', { finishedLotId: finished, lang: 'es' }), 'dhr-es.pdf'));
    for (const s of ['Registro histórico del dispositivo', finished, 'WO-24003', 'BOM-FG-LUER-10-A rev A', 'L-300001', batch, 'Firmas electrónicas', 'Nombre: Priya Shah', 'realizado', 'línea despejada', 'Nombre: Sofia Rossi', 'verificado', 'lote completo', 'Nombre: Quinn Okafor', 'label.verified', 'cuadran', DEFECT])
      expect(es, s).toContain(s);
    const enFile = save(await api.call('quality.dhr_pdf', { finishedLotId: finished, lang: 'en', paper: 'LETTER' }), 'dhr-en.pdf');
    const en = pdfToText(enFile);
    for (const s of ['Device history record', 'Printed name: Priya Shah', 'performed', 'approved', 'verified', 'Electronic signatures', 'balanced']) expect(en, s).toContain(s);
    // Every page carries the title and its number in the footer.
    const n = pdfPages(enFile);
    for (let p = 1; p <= n; p++) expect(pdfToText(enFile, p)).toContain(`Page ${p} of ${n}`);
  });

  it('a lot that is not a finished lot gets a clear error, not a PDF', async () => {
    await expect(api.call('quality.dhr_pdf', { finishedLotId: 'L-200001' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(api.call('quality.recall_pdf', { lotId: 'L-200001', lang: 'fr' as 'en' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('only a logged-in user gets a report, as for the on-screen report', async () => {
    await api.call('auth.logout', {});
    await expect(api.call('quality.recall_pdf', { lotId: 'L-200001' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(api.call('quality.dhr_pdf', { finishedLotId: finished })).rejects.toMatchObject({ code: 'unauthenticated' });
    await login('QA-400', '4444');
  });

  it('a long table repeats its header row on every page', async () => {
    const rows = Array.from({ length: 160 }, (_, i) => ({ outputId: `SN-${String(i).padStart(6, '0')}`, kind: 'serial', itemId: 'FG-1', quantity: 1, status: 'released', workOrderId: 'WO-1', station: 'PK-1', madeAt: null, ambiguous: false }));
    const doc = recallDocument({ lotId: 'L-9', generatedAt: '2026-11-20T10:00:00Z', rows, totals: { finishedLots: 0, serials: 160, quantity: 160 }, holds: [], csv: '' }, { lang: 'es', source: 'Estación X', generatedAt: '2026-11-20T10:00:00Z', timeZone: 'UTC' });
    const file = join(dir.path, 'long.pdf');
    writeFileSync(file, await renderPdf(doc));
    const n = pdfPages(file);
    expect(n).toBeGreaterThan(2);
    for (let p = 1; p <= n; p++) {
      const page = pdfToText(file, p);
      expect(page, `page ${p}`).toContain('Fabricado');
      expect(page, `page ${p}`).toContain(`Página ${p} de ${n}`);
      expect(page, `page ${p}`).toContain('Informe de retiro');
    }
    expect(pdfToText(file)).toContain('SN-000159');
  });

  it('lotline trace --recall / --dhr --pdf writes the same reports from the store file', async () => {
    const run = async (args: string[]) => {
      const out = new PassThrough();
      const err = new PassThrough();
      let text = '';
      out.on('data', (c: Buffer) => (text += c.toString()));
      err.on('data', (c: Buffer) => (text += c.toString()));
      const code = await traceCommand.run([...args, '--db', join(dir.path, 'station.db')], { stdout: out, stderr: err } as never);
      return { code, text };
    };
    const recall = join(dir.path, 'cli-recall.pdf');
    expect(await run(['L-200001', '--recall', '--pdf', recall, '--lang', 'es'])).toMatchObject({ code: 0 });
    expect(pdfToText(recall)).toContain(finished);
    expect(pdfToText(recall)).toContain('Nombre: Quinn Okafor');
    const dhr = join(dir.path, 'cli-dhr.pdf');
    expect(await run([finished, '--dhr', '--pdf', dhr])).toMatchObject({ code: 0 });
    expect(pdfToText(dhr)).toContain('Printed name: Priya Shah');
    const json = await run(['L-200001', '--recall', '--json']);
    expect(JSON.parse(json.text)).toMatchObject({ lotId: 'L-200001', totals: { finishedLots: 1 } });
    await expect(run(['L-200001', '--pdf', recall])).rejects.toThrow('--pdf needs --recall or --dhr');
    await expect(run(['L-200001', '--recall', '--lang', 'fr'])).rejects.toThrow('--lang');
  });

  describe('in the plant\'s local time', () => {
    const stationRow = () => rt.store.sqlite.prepare('SELECT name, type, area, idle_lock_minutes AS idle, time_zone AS tz FROM station').get() as { name: string; type: 'packing'; area: string; idle: number; tz: string | null };
    const configured = () => rt.store.sqlite.prepare("SELECT count(*) FROM events WHERE type = 'station.configured'").pluck().get() as number;
    const configure = (timeZone: string | null | undefined) => {
      const s = stationRow();
      return api.call('station.configure', { name: s.name, type: s.type, area: s.area, idleLockMinutes: s.idle, ...(timeZone === undefined ? {} : { timeZone }), signature: sig('AD-500', '5555', 'approved', 'report time zone') });
    };
    // A local-time stamp as the PDF prints it: wall time, abbreviation where English has one, offset
    // (both regex fragments). Monterrey keeps CST all year; Berlin's depends on when the test runs.
    const local = (abbrev: string, offset: string) => new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${abbrev} \\(UTC${offset}\\)`);
    const BERLIN = local('CES?T', '\\+0[12]:00');

    beforeAll(() => login('AD-500', '5555'));
    afterAll(async () => {
      await configure(null);
      await login('QA-400', '4444');
    });

    it('settings refuse an unknown zone with a message naming it, and change nothing', async () => {
      const before = { row: stationRow(), events: configured() };
      const s = stationRow();
      for (const bad of ['Mars/Olympus', 'America/Monterey', '+05:00']) {
        const want = `"${bad}" is not a known IANA time zone`;
        // The typed client refuses it, and so does the runtime when a client skips that check.
        await expect(configure(bad)).rejects.toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'timeZone', message: expect.stringContaining(want) })] });
        const raw = await rt.call('station.configure', { name: s.name, type: s.type, area: s.area, idleLockMinutes: s.idle, timeZone: bad, signature: sig('AD-500', '5555', 'approved', 'report time zone') });
        expect(raw).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(want) } });
      }
      expect({ row: stationRow(), events: configured() }).toEqual(before);
    });

    it('an administrator sets the zone (stored in Intl\'s spelling); a client that omits it keeps it; empty clears it', async () => {
      await expect(configure('america/monterrey')).resolves.toMatchObject({ timeZone: 'America/Monterrey' });
      expect(stationRow().tz).toBe('America/Monterrey');
      await expect(configure(undefined)).resolves.toMatchObject({ timeZone: 'America/Monterrey' });
      // A station.configured that does not know zones (enrollment, demo load) leaves it in force.
      const s = stationRow();
      await rt.system('station.configure_initial', { name: s.name, type: s.type, area: s.area, idleLockMinutes: s.idle });
      expect(stationRow().tz).toBe('America/Monterrey');
      await expect(configure('')).resolves.toMatchObject({ timeZone: null });
      expect(stationRow().tz).toBeNull();
    });

    it('the station\'s PDFs print every time in its configured zone, with offset; a zone asked for wins; UTC prints as before', async () => {
      await configure('America/Monterrey');
      const recall = pdfToText(save(await api.call('quality.recall_pdf', { lotId: 'L-200001' }), 'recall-mty.pdf'));
      // The meta block (Generated, Times in, Source) lays out as keys then values.
      expect(recall).toMatch(new RegExp(`Generated\\nTimes in\\nSource\\n\\n${local('CST', '-06:00').source}\\nAmerica/Monterrey\\n`));
      expect(recall).not.toMatch(/\d\d:\d\d:\d\d UTC/);
      const dhr = pdfToText(save(await api.call('quality.dhr_pdf', { finishedLotId: finished, lang: 'es' }), 'dhr-mty.pdf'));
      expect(dhr).toContain('Horas en');
      expect(dhr).toContain('America/Monterrey');
      // Every signature's time, not only the header's.
      expect(dhr.match(new RegExp(local('CST', '-06:00').source, 'g'))!.length).toBeGreaterThan(5);
      expect(dhr).not.toMatch(/\d\d:\d\d:\d\d UTC/);

      const berlin = pdfToText(save(await api.call('quality.recall_pdf', { lotId: 'L-200001', timeZone: 'Europe/Berlin' }), 'recall-ber.pdf'));
      expect(berlin).toMatch(BERLIN);
      expect(berlin).toContain('Times in');
      expect(berlin).toContain('Europe/Berlin');
      const utc = pdfToText(save(await api.call('quality.recall_pdf', { lotId: 'L-200001', timeZone: 'UTC' }), 'recall-utc.pdf'));
      expect(utc).toMatch(/Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · Station/);
      expect(utc).not.toContain('Times in');
      await expect(api.call('quality.recall_pdf', { lotId: 'L-200001', timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'invalid_input' });
    });

    it('lotline trace --pdf --tz prints in the zone asked for and refuses an unknown one without writing a file', async () => {
      const run = (args: string[]) => traceCommand.run([...args, '--db', join(dir.path, 'station.db')], { stdout: new PassThrough(), stderr: new PassThrough() } as never);
      const file = join(dir.path, 'cli-dhr-ber.pdf');
      expect(await run([finished, '--dhr', '--pdf', file, '--tz', 'Europe/Berlin'])).toBe(0);
      const text = pdfToText(file);
      expect(text).toMatch(BERLIN);
      expect(text).toContain('Times in');
      expect(text).toContain('Europe/Berlin');
      const bad = join(dir.path, 'cli-bad.pdf');
      await expect(run([finished, '--dhr', '--pdf', bad, '--tz', 'Mars/Olympus'])).rejects.toThrow('"Mars/Olympus" is not a known IANA time zone');
      expect(existsSync(bad)).toBe(false);
      await expect(run(['L-200001', '--recall', '--json', '--tz', 'Europe/Berlin'])).rejects.toThrow('--tz is for --pdf');
    });
  });
});
