// `lotline devices`: list ports and USB devices, read a scale, print or query a label printer,
// and run any simulator in the foreground (first stdout line: where it listens, as JSON).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { parseDeviceUri, formatDeviceUri, type DeviceUri, type SerialDeviceUri, SERIAL_DEFAULTS, ScaleProtocol, Terminator } from '../../../shared/devices/uri';
import { WeightUnit } from '../../../shared/devices/status';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand, type CliIo } from '../command';
import { MtSicsScale } from '../../station/devices/scale/mtsics-driver';
import { ContinuousScale } from '../../station/devices/scale/continuous';
import { ToledoSimulator } from '../../station/devices/sim/toledo';
import type { Scale } from '../../station/devices/types';
import { z } from 'zod';
import { SerialScanner } from '../../station/devices/scanner/serial-scanner';
import { ZebraPrinter, printerState } from '../../station/devices/printer/zebra';
import { listUsb } from '../../station/devices/transport/usb';
import { ScaleSimulator } from '../../station/devices/sim/scale';
import type { SimSerialEndpoint } from '../../station/devices/sim/serial-endpoint';
import { ScannerSimulator } from '../../station/devices/sim/scanner';
import { ZebraPtySimulator, ZebraSimulator, type ZebraSimFlags } from '../../station/devices/sim/zebra';
import { labelPrinterLink } from '../../station/devices/printer/label-printer-link';
import { EscPosSimulator } from '../../station/devices/sim/escpos';
import { decodeEscPos, ticketText } from '../../station/devices/ticket/escpos-decode';

const USAGE = `lotline devices <list|scale|scan|print|status|sim> ...

  devices list                                   serial ports and USB devices (with catalog names)
  devices scale --port URI [--interval MS] [--once]
                                                 scale readings as JSON lines (--once: one stable reading);
                                                 MT-SICS, or Toledo continuous with ?protocol=toledo in the URI
  devices scan --port URI [--aim] [--prefix S] [--suffix S]
                                                 scans from a serial scanner as JSON lines
  devices print --printer URI FILE.zpl           send one ZPL job to a Zebra (tcp://host:9100, usb://0a5f:0181, usblp:///dev/usb/lp0, serial:///dev/ttyUSB0?baud=9600)
  devices status --printer URI                   the printer's ~HS status as JSON
  devices sim scale [--dir DIR]                  MT-SICS balance on a pty
  devices sim scale --protocol toledo [--dir DIR] [--interval MS]
                                                 Toledo continuous-output indicator on a pty (streams frames)
  devices sim scanner [--dir DIR] [--terminator CR|LF|CRLF|none] [--prefix S] [--suffix S]
  devices sim zebra [--port N]                   Zebra on TCP 127.0.0.1
  devices sim zebra --pty [--dir DIR]            Zebra on a pty, addressed as usblp:// (stands in for /dev/usb/lp0) or serial://
  devices sim escpos [--port N]                  ESC/POS printer on TCP 127.0.0.1

Simulators print one JSON line first ({"sim":..., "uri":...}), then read control lines on
stdin and answer each with one JSON line; they stop when stdin closes or on SIGTERM/SIGINT.
  scale:   weight G | motion on|off | overload on|off | underload on|off | silent on|off
           unit g|kg|lb|oz | truncate | raw "JSON string" | unplug | replug | reset | state
  scanner: scan TEXT | scan "JSON string" | raw "JSON string" | unplug | replug
  zebra:   set paperOut|headOpen|paused|ribbonOut|overTemperature|silent|hang on|off | jobs | state
           unplug | replug (--pty only)
  escpos:  tickets`;

const json = (io: CliIo, v: unknown) => write(io.stdout, JSON.stringify(v));

function serialUri(raw: string | undefined): SerialDeviceUri {
  if (!raw) throw new UsageError('--port is required');
  const u = parseDeviceUri(raw.startsWith('serial:') ? raw : `serial://${raw}`);
  if (u.kind !== 'serial') throw new UsageError('--port must be a serial:// address');
  return u;
}

function printerUri(raw: string | undefined): DeviceUri {
  if (!raw) throw new UsageError('--printer is required');
  const u = parseDeviceUri(raw);
  if (u.kind !== 'tcp' && u.kind !== 'usb' && u.kind !== 'usblp' && u.kind !== 'serial') {
    throw new UsageError('--printer must be tcp://host:port, usb://vid:pid[?serial=…], usblp:///dev/usb/lpN or serial:///dev/ttyUSB0?baud=9600');
  }
  return u;
}

/**
 * Resolves on SIGINT/SIGTERM or when stdin ends (a parent that dies takes its simulator along).
 * `announce`, the "where I listen" line, is written only once the signals are handled: a parent
 * that stops the simulator as soon as it reads that line must find it ready to stop cleanly.
 */
function untilStopped(io: CliIo, announce: Record<string, unknown> | null, onLine?: (line: string) => Promise<void> | void): Promise<void> {
  return new Promise((resolve) => {
    // The listeners stay while the simulator shuts down: a second signal (a process group
    // signalled again, a hurried Ctrl-C) must not kill it by default before its links are gone.
    const stop = () => {
      // A signal with stdin still open (a parent that keeps its pipe) must end the process
      // too: reading stdin would keep it alive after the simulator has stopped.
      rl.close();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const rl = createInterface({ input: io.stdin });
    let chain = Promise.resolve();
    rl.on('line', (line) => {
      if (!onLine || !line.trim()) return;
      chain = chain.then(async () => {
        try {
          await onLine(line.trim());
        } catch (err) {
          json(io, { ok: false, error: (err as Error).message });
        }
      });
    });
    rl.on('close', () => void chain.then(stop));
    if (announce) json(io, announce);
  });
}

function onOff(v: string | undefined): boolean {
  if (v === 'on' || v === '1' || v === 'true') return true;
  if (v === 'off' || v === '0' || v === 'false') return false;
  throw new Error(`expected on|off, got "${v ?? ''}"`);
}

/** `raw "…"` and `scan "…"` take a JSON string so control bytes (GS, NUL, 0xff) can be sent. */
function textArg(rest: string): string {
  if (rest.startsWith('"')) {
    const v: unknown = JSON.parse(rest);
    if (typeof v !== 'string') throw new Error('expected a JSON string');
    return v;
  }
  return rest;
}

/** The controls every simulator on a serial line takes: raw bytes, unplug, replug. False for any other command. */
async function lineControl(sim: { inject(bytes: Buffer): Promise<void>; readonly endpoint: SimSerialEndpoint }, cmd: string, rest: string): Promise<boolean> {
  if (cmd === 'raw') await sim.inject(Buffer.from(textArg(rest), 'latin1'));
  else if (cmd === 'unplug') await sim.endpoint.unplug();
  else if (cmd === 'replug') await sim.endpoint.plug();
  else return false;
  return true;
}

function splitCommand(line: string): [string, string] {
  const sp = line.indexOf(' ');
  return sp < 0 ? [line, ''] : [line.slice(0, sp), line.slice(sp + 1)];
}

async function simScale(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { dir: { type: 'string' }, protocol: { type: 'string' }, interval: { type: 'string' } });
  const protocol = ScaleProtocol.parse(values.protocol ?? 'mtsics');
  if (protocol === 'toledo') return simToledo(values, io);
  const sim = new ScaleSimulator({ ...(values.dir ? { dir: values.dir } : {}) });
  await sim.start();
  const uri = formatDeviceUri({ kind: 'serial', path: sim.path, ...SERIAL_DEFAULTS });
  await untilStopped(io, { sim: 'scale', path: sim.path, uri }, async (line) => {
    const [cmd, rest] = splitCommand(line);
    switch (cmd) {
      case 'weight': {
        const g = Number(rest);
        if (!Number.isFinite(g)) throw new Error(`bad weight "${rest}"`);
        sim.set({ grossG: g });
        break;
      }
      case 'motion':
        sim.set({ motion: onOff(rest) });
        break;
      case 'overload':
        sim.set({ overload: onOff(rest) });
        break;
      case 'underload':
        sim.set({ underload: onOff(rest) });
        break;
      case 'silent':
        sim.set({ silent: onOff(rest) });
        break;
      case 'unit':
        sim.set({ unit: WeightUnit.parse(rest) });
        break;
      case 'truncate':
        sim.truncateNextReply();
        break;
      case 'reset':
        sim.set({ grossG: 0, zeroG: 0, tareG: 0, motion: false, overload: false, underload: false, silent: false, unit: 'g' });
        break;
      case 'state':
        break;
      default:
        if (!(await lineControl(sim, cmd, rest))) throw new Error(`unknown scale control "${cmd}"`);
    }
    json(io, { ok: true, cmd, state: sim.state, plugged: sim.endpoint.plugged });
  });
  await sim.stop();
  return 0;
}

async function simToledo(values: { dir?: string; interval?: string }, io: CliIo): Promise<number> {
  const sim = new ToledoSimulator({ ...(values.dir ? { dir: values.dir } : {}), intervalMs: Number(values.interval ?? 50) });
  await sim.start();
  const uri = formatDeviceUri({ kind: 'serial', path: sim.path, ...SERIAL_DEFAULTS, terminator: 'CR', protocol: 'toledo' });
  await untilStopped(io, { sim: 'scale', protocol: 'toledo', path: sim.path, uri }, async (line) => {
    const [cmd, rest] = splitCommand(line);
    switch (cmd) {
      case 'weight': {
        const g = Number(rest);
        if (!Number.isFinite(g)) throw new Error(`bad weight "${rest}"`);
        sim.set({ grossG: g });
        break;
      }
      case 'motion':
      case 'overload':
      case 'underload':
      case 'silent':
        sim.set({ [cmd]: onOff(rest) });
        break;
      case 'unit': {
        const unit = z.enum(['kg', 'lb', 'g']).parse(rest);
        sim.set({ unit, decimals: unit === 'g' ? 0 : unit === 'lb' ? 2 : 3 });
        break;
      }
      case 'reset':
        sim.set({ grossG: 0, zeroG: 0, tareG: 0, motion: false, overload: false, underload: false, silent: false, unit: 'kg', decimals: 3 });
        break;
      case 'state':
        break;
      default:
        if (!(await lineControl(sim, cmd, rest))) throw new Error(`unknown scale control "${cmd}"`);
    }
    json(io, { ok: true, cmd, state: sim.state, received: sim.received.join(''), plugged: sim.endpoint.plugged });
  });
  await sim.stop();
  return 0;
}

async function simScanner(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { dir: { type: 'string' }, terminator: { type: 'string' }, prefix: { type: 'string' }, suffix: { type: 'string' } });
  const terminator = Terminator.parse(values.terminator ?? 'CR');
  const sim = new ScannerSimulator({ terminator, prefix: values.prefix ?? '', suffix: values.suffix ?? '', ...(values.dir ? { dir: values.dir } : {}) });
  await sim.start();
  const uri = formatDeviceUri({ kind: 'serial', path: sim.path, ...SERIAL_DEFAULTS, terminator });
  await untilStopped(io, { sim: 'scanner', path: sim.path, uri }, async (line) => {
    const [cmd, rest] = splitCommand(line);
    switch (cmd) {
      case 'scan':
        await sim.scan(textArg(rest));
        break;
      default:
        if (!(await lineControl(sim, cmd, rest))) throw new Error(`unknown scanner control "${cmd}"`);
    }
    json(io, { ok: true, cmd, plugged: sim.endpoint.plugged });
  });
  await sim.stop();
  return 0;
}

const ZEBRA_FLAGS = ['paperOut', 'headOpen', 'paused', 'ribbonOut', 'overTemperature', 'silent', 'hang'] as const;

async function simZebra(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { port: { type: 'string' }, pty: { type: 'boolean', default: false }, dir: { type: 'string' } });
  let sim: ZebraSimulator | ZebraPtySimulator;
  let announce: Record<string, unknown>;
  if (values.pty) {
    const pty = new ZebraPtySimulator(values.dir ? { dir: values.dir } : {});
    await pty.start();
    sim = pty;
    // The same pty read as a serial line: the Zebra's default 9600 8N1.
    const serialUri = formatDeviceUri({ kind: 'serial', path: pty.path, ...SERIAL_DEFAULTS });
    announce = { sim: 'zebra', path: pty.path, uri: formatDeviceUri({ kind: 'usblp', path: pty.path }), serialUri };
  } else {
    const tcp = new ZebraSimulator(values.port ? Number(values.port) : 0);
    const port = await tcp.start();
    sim = tcp;
    announce = { sim: 'zebra', host: '127.0.0.1', port, uri: `tcp://127.0.0.1:${port}` };
  }
  sim.on('job', (j) => json(io, { event: 'job', index: j.index, bytes: j.zpl.length, printed: j.printed }));
  await untilStopped(io, announce, async (line) => {
    const [cmd, rest] = splitCommand(line);
    if (cmd === 'unplug' || cmd === 'replug') {
      if (!(sim instanceof ZebraPtySimulator)) throw new Error(`${cmd} needs --pty`);
      await (cmd === 'unplug' ? sim.endpoint.unplug() : sim.endpoint.plug());
    } else if (cmd === 'set') {
      const [flag, value] = rest.split(/\s+/);
      if (!ZEBRA_FLAGS.includes(flag as (typeof ZEBRA_FLAGS)[number])) throw new Error(`unknown flag "${flag ?? ''}" (${ZEBRA_FLAGS.join(', ')})`);
      sim.set({ [flag as keyof ZebraSimFlags]: onOff(value) });
    } else if (cmd === 'jobs') {
      json(io, { ok: true, cmd, jobs: sim.jobs });
      return;
    } else if (cmd !== 'state') {
      throw new Error(`unknown zebra control "${cmd}"`);
    }
    json(io, { ok: true, cmd, flags: sim.flags, jobs: sim.jobs.length, printed: sim.printed.length });
  });
  await sim.stop();
  return 0;
}

async function simEscPos(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { port: { type: 'string' } });
  const sim = new EscPosSimulator(values.port ? Number(values.port) : 0);
  const port = await sim.start();
  sim.on('ticket', (t) => {
    const d = decodeEscPos(t);
    json(io, { event: 'ticket', bytes: t.length, lines: ticketText(d), cuts: d.cuts, unknown: d.unknown });
  });
  await untilStopped(io, { sim: 'escpos', host: '127.0.0.1', port, uri: `tcp://127.0.0.1:${port}` }, (line) => {
    if (line !== 'tickets') throw new Error(`unknown escpos control "${line}"`);
    json(io, { ok: true, cmd: line, tickets: sim.tickets.map((t) => ticketText(decodeEscPos(t))) });
  });
  await sim.stop();
  return 0;
}

async function list(io: CliIo): Promise<number> {
  let serial: Awaited<ReturnType<typeof SerialPort.list>> = [];
  try {
    serial = await SerialPort.list();
  } catch (err) {
    write(io.stderr, `serial ports: ${(err as Error).message}`);
  }
  for (const p of serial) json(io, { kind: 'serial', path: p.path, uri: `serial://${p.path}`, manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null, serialNumber: p.serialNumber ?? null });
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  for (const d of listUsb()) {
    json(io, { kind: 'usb', uri: `usb://${hex(d.vendorId)}:${hex(d.productId)}`, bus: d.busNumber, address: d.deviceAddress, name: d.catalog?.name ?? null, role: d.catalog?.role ?? null, via: d.catalog?.via ?? null });
  }
  write(io.stderr, 'socat ptys and other virtual ports are not listed; pass their paths explicitly.');
  return 0;
}

async function scale(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { port: { type: 'string' }, interval: { type: 'string' }, once: { type: 'boolean', default: false }, timeout: { type: 'string' } });
  const uri = serialUri(values.port);
  const ref = { role: 'scale' as const, uri: formatDeviceUri(uri) };
  const s: Scale = uri.protocol === 'toledo' ? new ContinuousScale(uri, ref) : new MtSicsScale(uri, ref);
  s.on('state', (st) => json(io, { event: 'state', ...st }));
  s.on('deviceError', (e) => json(io, { event: 'deviceError', code: e.code, message: e.message, detail: e.detail ?? null }));
  await s.start();
  if (values.once) {
    try {
      json(io, { event: 'reading', ...(await s.readStable(Number(values.timeout ?? 5000))) });
      return 0;
    } catch (err) {
      json(io, { event: 'error', message: (err as Error).message, code: (err as { code?: string }).code ?? 'io' });
      return 1;
    } finally {
      await s.stop();
    }
  }
  s.on('reading', (r) => json(io, { event: 'reading', ...r }));
  s.startLive(Number(values.interval ?? 200));
  await untilStopped(io, null);
  await s.stop();
  return 0;
}

async function scan(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { port: { type: 'string' }, aim: { type: 'boolean', default: false }, prefix: { type: 'string' }, suffix: { type: 'string' } });
  const uri = serialUri(values.port);
  const s = new SerialScanner(uri, { role: 'scanner', uri: formatDeviceUri(uri) }, { aim: values.aim ?? false, ...(values.prefix ? { prefix: values.prefix } : {}), ...(values.suffix ? { suffix: values.suffix } : {}) });
  s.on('state', (st) => json(io, { event: 'state', ...st }));
  s.on('deviceError', (e) => json(io, { event: 'deviceError', code: e.code, message: e.message, detail: e.detail ?? null }));
  s.on('scan', (e) => json(io, { event: 'scan', ...e }));
  await s.start();
  await untilStopped(io, null);
  await s.stop();
  return 0;
}

async function print(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, { printer: { type: 'string' } }, true);
  const uri = printerUri(values.printer);
  const file = positionals[0];
  if (!file) throw new UsageError('the ZPL file is required');
  const p = new ZebraPrinter(labelPrinterLink(uri), { role: 'labelPrinter', uri: formatDeviceUri(uri) });
  try {
    await p.send({ id: file, zpl: readFileSync(file, 'utf8') });
  } finally {
    await p.close();
  }
  json(io, { sent: true, printer: formatDeviceUri(uri), file });
  return 0;
}

async function status(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, { printer: { type: 'string' }, timeout: { type: 'string' } });
  const uri = printerUri(values.printer);
  const p = new ZebraPrinter(labelPrinterLink(uri), { role: 'labelPrinter', uri: formatDeviceUri(uri) }, { statusTimeoutMs: Number(values.timeout ?? 1500) });
  const s = await p.status().finally(() => p.close());
  json(io, { status: s, state: printerState(s) });
  return 0;
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list, test and simulate scales, scanners and printers',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'list':
        return list(io);
      case 'scale':
        return scale(rest, io);
      case 'scan':
        return scan(rest, io);
      case 'print':
        return print(rest, io);
      case 'status':
        return status(rest, io);
      case 'sim': {
        const [kind, ...simArgs] = rest;
        switch (kind) {
          case 'scale':
            return simScale(simArgs, io);
          case 'scanner':
            return simScanner(simArgs, io);
          case 'zebra':
            return simZebra(simArgs, io);
          case 'escpos':
            return simEscPos(simArgs, io);
          default:
            throw new UsageError(`unknown simulator "${kind ?? ''}" (scale, scanner, zebra, escpos)`);
        }
      }
      default:
        throw new UsageError(`unknown devices sub-command "${sub ?? ''}"`);
    }
  },
};
