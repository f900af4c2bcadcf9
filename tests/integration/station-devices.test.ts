// The runtime with its devices started: simulated scanner and scale on real ptys, simulated
// Zebra and ESC/POS printers on real TCP ports, all driven by the production drivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Push } from '../../shared/contract/station';
import { decodeEscPos, ticketText } from '../../electron/station/devices/ticket/escpos-decode';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { client, inProcessTransport, openDemoRuntime, ROOT, tempDir } from './helpers/station';

describe('station devices', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  const pushes: Push[] = [];
  const api = () => client(inProcessTransport(rt));
  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    rt.onPush((p) => pushes.push(p));
    await rt.startDevices();
    await api().call('auth.login', { badge: 'AD-500', pin: '5555' });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('binds every demo role to a simulator and reports it ready', async () => {
    await expect.poll(() => rt.status().devices.map((d) => `${d.role}:${d.state}`)).toEqual(['scanner:ok', 'scale:ok', 'labelPrinter:ok', 'ticketPrinter:ok']);
  });

  it('a label through the simulated scanner’s pty is recorded once, parsed and pushed', async () => {
    const before = rt.log.lastSeq;
    await expect(api().call('devices.sim_scan', { text: 'LL-LOT-L-100004' })).resolves.toEqual({ via: 'pty' });
    await expect.poll(() => pushes.find((p) => p.topic === 'scan' && p.data.text === 'LL-LOT-L-100004')).toBeTruthy();
    const scan = pushes.find((p) => p.topic === 'scan' && p.data.text === 'LL-LOT-L-100004');
    expect(scan?.topic === 'scan' && scan.data).toMatchObject({ source: 'sim:scanner', parsed: { ok: true, format: 'lotline', fields: { internalLotId: 'LL-LOT-L-100004' } } });
    const rows = rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'scan.received' AND seq > ?").get(before) as { n: number };
    expect(rows.n).toBe(1);
  });

  it('reads a stable weight from the simulated scale and records the test', async () => {
    rt.devices!.scaleSim!.set({ grossG: 1234.5 });
    await expect(api().call('devices.test', { role: 'scale' })).resolves.toMatchObject({ ok: true, grams: 1234.5 });
    const e = rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'device.tested' ORDER BY seq DESC").get() as { payload: string };
    expect(JSON.parse(e.payload)).toMatchObject({ role: 'scale', ok: true, uri: 'sim:scale' });
  });

  it('prints a test label on the simulated Zebra exactly once', async () => {
    const before = rt.devices!.zebraSim!.jobs.length;
    const r = await api().call('devices.test', { role: 'labelPrinter' });
    expect(r.ok).toBe(true);
    expect(rt.devices!.zebraSim!.jobs.length).toBe(before + 1);
    expect(rt.devices!.zebraSim!.jobs.at(-1)!.zpl).toContain('Lotline test label');
  });

  it('prints a test ticket that decodes back to its text', async () => {
    const got = new Promise<Buffer>((resolve) => rt.devices!.escposSim!.once('ticket', resolve));
    await expect(api().call('devices.test', { role: 'ticketPrinter' })).resolves.toMatchObject({ ok: true });
    const lines = decodeEscPos(await got).lines.map((l) => l.text);
    expect(lines).toContain('Lotline test ticket');
  });

  it.each(['job-traveler', 'kitting-list', 'shift-summary'])('prints the %s ticket from its template, decoded back to its lines', async (templateId) => {
    const data = JSON.parse(readFileSync(join(ROOT, 'resources', 'tickets', `${templateId}.example.json`), 'utf8')) as Record<string, unknown>;
    const got = new Promise<Buffer>((resolve) => rt.devices!.escposSim!.once('ticket', resolve));
    const r = await api().call('tickets.print', { templateId, data });
    const lines = decodeEscPos(await got).lines.map((l) => l.text);
    expect(lines.length).toBeGreaterThanOrEqual(r.lines - 1);
    expect(lines.join('\n')).toContain(String(data.workOrderId ?? data.station));
    await expect(api().call('tickets.print', { templateId, data: {} })).rejects.toMatchObject({ code: 'invalid_input' });
    // The same data in Spanish: the template beside it, in the printer's code page.
    const es = new Promise<Buffer>((resolve) => rt.devices!.escposSim!.once('ticket', resolve));
    await api().call('tickets.print', { templateId, data, lang: 'es' });
    expect(ticketText(decodeEscPos(await es))[0]).toBe({ 'job-traveler': 'HOJA DE RUTA', 'kitting-list': 'LISTA DE KIT', 'shift-summary': 'RESUMEN DE TURNO' }[templateId]);
  });

  it('shows a printer fault (paper out) in the station status, and refuses a device URI it cannot parse', async () => {
    rt.devices!.zebraSim!.set({ paperOut: true });
    await expect(api().call('devices.test', { role: 'labelPrinter' })).resolves.toMatchObject({ ok: expect.any(Boolean) });
    await expect.poll(() => rt.status().devices.find((d) => d.role === 'labelPrinter')?.code, { timeout: 15_000 }).toBe('paper_out');
    rt.devices!.zebraSim!.set({ paperOut: false });
    const before = rt.log.lastSeq;
    await expect(api().call('devices.configure', { role: 'scale', uri: 'serial://' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api().call('devices.configure', { role: 'scale', uri: 'wedge:' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('rebinds a role when its device changes, as an event', async () => {
    await api().call('devices.remove', { role: 'ticketPrinter' });
    await expect.poll(() => rt.status().devices.find((d) => d.role === 'ticketPrinter')?.state).toBe('not_configured');
    await api().call('devices.configure', { role: 'ticketPrinter', uri: 'sim:escpos' });
    await expect.poll(() => rt.status().devices.find((d) => d.role === 'ticketPrinter')?.state).toBe('ok');
    const types = (rt.store.sqlite.prepare("SELECT type FROM events WHERE type LIKE 'device.%' ORDER BY seq DESC LIMIT 2").all() as Array<{ type: string }>).map((r) => r.type);
    expect(types).toEqual(['device.configured', 'device.removed']);
  });
});
