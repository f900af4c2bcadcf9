// Device roles, their tests and the print queue's decisions, through the command path:
// binding a device and every test are events; device I/O happens in `prepare`, before the
// transaction, and the event records what the device answered.
import { SerialPort } from 'serialport';
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { PrintJobView, StationContract } from '../../../shared/contract/station';
import { parseDeviceUri, DeviceUriError } from '../../../shared/devices/uri';
import type { DeviceRole } from '../../../shared/devices/status';
import { roleUriProblem } from '../../../shared/devices/role-kinds';
import { listUsb, usbUri, type UsbDeviceInfo } from '../devices/transport/usb';
import { damage, scanTextsFromZpl } from '../devices/sim/zpl-scan';
import { renderTicket, type TicketData } from '../../../shared/ticket/template';
import { loadTicketTemplate } from '../tickets/templates';
import type { PrintJob } from '../devices/printer/print-queue';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { labelRow } from './labels';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

export function jobView(j: PrintJob): PrintJobView {
  return { id: j.id, printer: j.printer, state: j.state, createdAt: j.createdAt, attempts: j.attempts, note: j.note, reprintOf: j.reprintOf };
}

function checkUri(role: DeviceRole, uri: string): string {
  try {
    const d = parseDeviceUri(uri);
    const problem = roleUriProblem(role, d);
    if (problem) throw new StationError('invalid_input', problem, undefined, [{ path: 'uri', message: problem }]);
    return uri.trim();
  } catch (err) {
    if (err instanceof StationError) throw err;
    throw new StationError('invalid_input', err instanceof DeviceUriError ? err.message : `not a device URI: ${(err as Error).message}`, undefined, [{ path: 'uri', message: (err as Error).message }]);
  }
}

export function testLabelZpl(stationName: string, at: string): string {
  const safe = (s: string) => s.replace(/[\^~]/g, ' ');
  return `^XA^CI28^FO40,40^A0N,40,40^FDLotline test label^FS^FO40,100^A0N,28,28^FD${safe(stationName)}^FS^FO40,140^A0N,28,28^FD${safe(at)}^FS^FO40,190^BCN,80,Y,N,N^FDLOTLINE-TEST^FS^XZ`;
}

export function deviceHandlers(rt: StationRuntime) {
  const discover: QueryHandler<In<'devices.discover'>, Out<'devices.discover'>> = { kind: 'query', run: () => discoverDevices(rt.devices?.usbSeen() ?? []) };

  const configure: CommandHandler<In<'devices.configure'>, Out<'devices.configure'>> = {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('device.configured', { role: input.role, uri: checkUri(input.role, input.uri) });
      return rt.deviceStates();
    },
  };

  const remove: CommandHandler<In<'devices.remove'>, Out<'devices.remove'>> = {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('device.removed', { role: input.role });
      return rt.deviceStates();
    },
  };

  const test: CommandHandler<In<'devices.test'>, Out<'devices.test'>, { ok: boolean; detail: string; uri: string; grams?: number | null; jobId?: string }> = {
    kind: 'command',
    async prepare(input) {
      const uri = rt.deviceStates().find((d) => d.role === input.role)?.uri;
      if (!uri) throw new StationError('not_found', `no ${input.role} is configured at this station`);
      const dm = rt.devices;
      if (!dm) throw new StationError('conflict', 'devices are not started in this process');
      try {
        switch (input.role) {
          case 'scale': {
            const s = dm.scale();
            if (!s) throw new Error('the scale is not ready');
            const r = await s.readStable(5000);
            return { ok: true, uri, grams: r.grams, detail: `stable ${r.grams ?? '—'} g` };
          }
          case 'labelPrinter': {
            const job = await rt.printTestLabel();
            return { ok: job.state === 'sent' || job.state === 'confirmed', uri, jobId: job.id, detail: `test label ${job.state}${job.note ? `: ${job.note}` : ''}` };
          }
          case 'ticketPrinter': {
            const p = dm.ticketPrinter();
            if (!p) throw new Error('the ticket printer is not ready');
            await p.print({ lines: [{ text: 'Lotline test ticket', align: 'center', bold: true, size: 'double' }, { text: rt.status().station?.name ?? '' }, { text: new Date().toISOString() }], cut: true });
            return { ok: true, uri, detail: 'test ticket sent' };
          }
          case 'scanner':
            return { ok: true, uri, detail: 'scan any label now: it appears as the last scan' };
        }
      } catch (err) {
        return { ok: false, uri, detail: (err as Error).message };
      }
    },
    run(ctx, input, r) {
      ctx.emit('device.tested', { role: input.role, uri: r.uri, ok: r.ok, detail: r.detail });
      return { ok: r.ok, detail: r.detail, ...(r.grams !== undefined ? { grams: r.grams } : {}), ...(r.jobId ? { jobId: r.jobId } : {}) };
    },
  };

  const simScan: QueryHandler<In<'devices.sim_scan'>, Out<'devices.sim_scan'>> = {
    kind: 'query',
    async run(_ctx, input) {
      if (!rt.isDemo()) throw new StationError('forbidden', 'the virtual scanner exists only on demo stations');
      const sim = rt.devices?.scannerSim;
      // A serial line carries bytes: text a real scanner could not send as Latin-1 (such as
      // a wedge's visible ␝) is handed over as typed, not squeezed through the pty.
      if (sim && /^[\u0000-\u00ff]*$/.test(input.text)) {
        await sim.scan(input.text);
        return { via: 'pty' as const };
      }
      await rt.submitScan(input.text, 'virtual');
      return { via: 'direct' as const };
    },
  };

  const simScale: QueryHandler<In<'devices.sim_scale'>, Out<'devices.sim_scale'>> = {
    kind: 'query',
    run(_ctx, input) {
      const sim = rt.devices?.scaleSim;
      if (!rt.isDemo() || !sim) throw new StationError('forbidden', 'putting weight on the simulated scale exists only on demo stations with sim:scale');
      sim.set({ grossG: input.grossG, motion: false });
      return { grossG: input.grossG };
    },
  };

  const simScanPrinted: QueryHandler<In<'devices.sim_scan_printed'>, Out<'devices.sim_scan_printed'>> = {
    kind: 'query',
    async run(ctx, input) {
      const zebra = rt.devices?.zebraSim;
      if (!rt.isDemo() || !zebra) throw new StationError('forbidden', 'scanning the printed label from the simulated printer exists only on demo stations with sim:zebra');
      let job = zebra.jobs.at(-1);
      if (input.labelId !== undefined) {
        // The label's bytes as the queue sent them, found among what the simulator printed.
        const zpl = rt.printQueue?.get(labelRow(ctx, input.labelId).jobId)?.zpl;
        // The simulator keeps each ^XA…^XZ format as the bytes it read (latin1), without what came before it.
        const sent = zpl === undefined ? undefined : Buffer.from(zpl, 'utf8').toString('latin1');
        job = sent === undefined ? undefined : [...zebra.jobs].reverse().find((j) => j.printed && sent.includes(j.zpl));
        if (!job) throw new StationError('not_found', `label ${input.labelId} has not come off the simulated printer`);
      }
      if (!job) throw new StationError('not_found', 'the simulated printer has printed nothing yet');
      const codes = scanTextsFromZpl(job.zpl);
      const code = codes[input.barcode] ?? codes[0];
      if (!code) throw new StationError('not_found', 'the last printed label has no barcode');
      const text = input.damage ? damage(code.text) : code.text;
      const sim = rt.devices?.scannerSim;
      if (sim && /^[\u0000-\u00ff]*$/.test(text)) await sim.scan(text);
      else await rt.submitScan(text, 'virtual');
      return { text };
    },
  };

  const printTicket: CommandHandler<In<'tickets.print'>, Out<'tickets.print'>, { lines: number; uri: string }> = {
    kind: 'command',
    async prepare(input) {
      let template;
      try {
        template = loadTicketTemplate(input.templateId, input.lang);
      } catch (err) {
        throw new StationError('not_found', (err as Error).message);
      }
      const r = renderTicket(template, input.data as TicketData);
      if (!r.ok) throw new StationError('invalid_input', `the ticket cannot be printed: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, undefined, r.errors.map((e) => ({ path: e.field, message: e.message })));
      const printer = rt.devices?.ticketPrinter();
      const uri = rt.deviceStates().find((d) => d.role === 'ticketPrinter')?.uri;
      if (!printer || !uri) throw new StationError('conflict', 'no ticket printer is ready at this station');
      await printer.print(r.value);
      return { lines: r.value.lines.length, uri };
    },
    run(ctx, input, r) {
      ctx.emit('ticket.printed', { templateId: input.templateId, printer: r.uri, lines: r.lines });
      return { lines: r.lines };
    },
  };

  const jobs: QueryHandler<In<'print.jobs'>, Out<'print.jobs'>> = {
    kind: 'query',
    run: () => (rt.printQueue?.pending() ?? []).map(jobView),
  };

  const resolve: CommandHandler<In<'print.resolve'>, Out<'print.resolve'>, { job: PrintJob; newJob?: PrintJob }> = {
    kind: 'command',
    async prepare(input, ctx) {
      const q = rt.printQueue;
      const job = q?.get(input.jobId);
      if (!q || !job) throw new StationError('not_found', `no print job ${input.jobId}`);
      if (job.state !== 'uncertain' && job.state !== 'queued') throw new StationError('conflict', `job ${input.jobId} is ${job.state}; only uncertain or queued jobs need a decision`);
      const by = ctx.actor?.userId ?? 'unknown';
      if (input.decision === 'printed') return { job: q.confirm(job.id, by) };
      if (input.decision === 'cancel') return { job: q.cancel(job.id, input.reason, by) };
      // A label's job is not re-sent from here: a second copy would carry the label's serial or
      // lot with no record of it. Printed or not, the label is then voided and reprinted in Labels.
      const label = ctx.sqlite.prepare('SELECT label_id FROM labels WHERE job_id = ?').pluck().get(job.id) as string | undefined;
      if (label) throw refusal('conflict', 'print_job_is_label', { jobId: job.id.slice(0, 8), labelId: label.slice(0, 8) }, `Job ${job.id} is label ${label}: say whether it printed, or cancel it, then void and reprint the label in Labels.`);
      const newJob = q.reprint(job.id, input.reason, by);
      await q.drain();
      return { job: q.get(job.id)!, newJob: q.get(newJob.id)! };
    },
    run(ctx, input, r) {
      ctx.emit('print.job_resolved', { jobId: input.jobId, decision: input.decision, ...(r.newJob ? { newJobId: r.newJob.id } : {}) }, { reason: input.reason });
      return jobView(r.newJob ?? r.job);
    },
  };

  return { discover, configure, remove, test, simScan, simScanPrinted, simScale, printTicket, jobs, resolve };
}

/** Ports and USB devices present now, plus catalogued USB devices the hot-plug watcher saw attach. */
export async function discoverDevices(seen: readonly UsbDeviceInfo[] = []): Promise<Out<'devices.discover'>> {
  let serial: Awaited<ReturnType<typeof SerialPort.list>> = [];
  try {
    serial = await SerialPort.list();
  } catch {
    serial = [];
  }
  return {
    serial: serial.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null })),
    usb: [...new Map([...listUsb(), ...seen].map((d) => [usbUri(d), { uri: usbUri(d), name: d.catalog?.name ?? null, role: d.catalog?.role ?? null }])).values()],
    simulators: [
      { uri: 'sim:scanner', role: 'scanner' },
      { uri: 'sim:scale', role: 'scale' },
      { uri: 'sim:zebra', role: 'labelPrinter' },
      { uri: 'sim:escpos', role: 'ticketPrinter' },
    ],
  };
}
