// Binds the station's device roles to drivers from their URIs, keeps each role's live state,
// and turns scanner input into scans for the runtime. `sim:` URIs start the built-in
// simulators and connect the real drivers to them over the same transports (a pty, a TCP
// port), so demo mode exercises the production code path.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { formatDeviceUri, parseDeviceUri, type DeviceUri, type SerialDeviceUri, type TcpDeviceUri } from '../../../shared/devices/uri';
import type { DeviceRole, DeviceState, ScanEvent } from '../../../shared/devices/status';
import { EscPosPrinter } from './ticket/escpos';
import { MtSicsScale } from './scale/mtsics-driver';
import { printerState, ZebraPrinter } from './printer/zebra';
import { labelPrinterLink } from './printer/label-printer-link';
import { SerialScanner } from './scanner/serial-scanner';
import { HidScanner, type HidScannerOptions } from './scanner/hid-scanner';
import { ScaleSimulator } from './sim/scale';
import { ScannerSimulator } from './sim/scanner';
import { ZebraSimulator } from './sim/zebra';
import { EscPosSimulator } from './sim/escpos';
import type { LabelPrinter, Scale, ScanSource, TicketPrinter } from './types';

export interface DeviceManagerOptions {
  readonly logger?: Logger;
  readonly printerPollMs?: number;
  /** How hid:// scanners are opened (node-hid by default; tests pass a thin fake). */
  readonly hid?: Pick<HidScannerOptions, 'open' | 'reconnectPollMs'>;
}

export interface DeviceBinding {
  readonly role: DeviceRole;
  readonly uri: string;
}

export interface RoleState {
  readonly role: DeviceRole;
  readonly uri: string | null;
  readonly state: DeviceState;
}

interface Bound {
  readonly binding: DeviceBinding;
  state: DeviceState;
  scanner?: ScanSource;
  scale?: Scale;
  labelPrinter?: LabelPrinter;
  ticketPrinter?: TicketPrinter;
  /** Simulators started for `sim:` URIs; stopped with the binding. */
  sims: Array<{ stop(): Promise<void> }>;
  poll?: NodeJS.Timeout;
}

export const ROLES: readonly DeviceRole[] = ['scanner', 'scale', 'labelPrinter', 'ticketPrinter'];

/** What each `sim:` kind can stand in for. */
const SIM_ROLE: Record<string, DeviceRole> = { scanner: 'scanner', scale: 'scale', zebra: 'labelPrinter', escpos: 'ticketPrinter' };

export class DeviceManager extends EventEmitter<{ changed: []; scan: [ScanEvent] }> {
  private readonly bound = new Map<DeviceRole, Bound>();
  /** The scanner simulator, when the scanner role is `sim:scanner` (the virtual scanner panel drives it). */
  scannerSim: ScannerSimulator | null = null;
  zebraSim: ZebraSimulator | null = null;
  scaleSim: ScaleSimulator | null = null;
  escposSim: EscPosSimulator | null = null;

  constructor(private readonly opts: DeviceManagerOptions = {}) {
    super();
  }

  states(): RoleState[] {
    return ROLES.map((role) => {
      const b = this.bound.get(role);
      return { role, uri: b?.binding.uri ?? null, state: b?.state ?? { state: 'not_configured' } };
    });
  }

  scale(): Scale | null {
    return this.bound.get('scale')?.scale ?? null;
  }
  labelPrinter(): LabelPrinter | null {
    return this.bound.get('labelPrinter')?.labelPrinter ?? null;
  }
  ticketPrinter(): TicketPrinter | null {
    return this.bound.get('ticketPrinter')?.ticketPrinter ?? null;
  }

  /** Makes the running devices match `bindings` (roles not listed are released). */
  async apply(bindings: readonly DeviceBinding[]): Promise<void> {
    const wanted = new Map(bindings.map((b) => [b.role, b]));
    for (const role of ROLES) {
      const cur = this.bound.get(role);
      const next = wanted.get(role);
      if (cur && next && cur.binding.uri === next.uri) continue;
      if (cur) await this.release(role);
      if (next) await this.bind(next);
    }
    this.emit('changed');
  }

  async close(): Promise<void> {
    for (const role of ROLES) await this.release(role);
  }

  private setState(b: Bound, s: DeviceState): void {
    b.state = s;
    this.emit('changed');
  }

  private async bind(binding: DeviceBinding): Promise<void> {
    const b: Bound = { binding, state: { state: 'busy', what: 'starting' }, sims: [] };
    this.bound.set(binding.role, b);
    try {
      const uri = parseDeviceUri(binding.uri);
      await this.start(b, uri);
    } catch (err) {
      this.opts.logger?.warn({ err, role: binding.role, uri: binding.uri }, 'device failed to start');
      this.setState(b, { state: 'error', code: 'io', message: (err as Error).message });
    }
  }

  private async start(b: Bound, uri: DeviceUri): Promise<void> {
    const role = b.binding.role;
    const ref = { role, uri: b.binding.uri };
    if (uri.kind === 'sim') {
      if (SIM_ROLE[uri.sim] !== role) throw new Error(`sim:${uri.sim} cannot be the ${role}`);
      return this.startSim(b, uri.sim);
    }
    if (uri.kind === 'wedge') {
      if (role !== 'scanner') throw new Error('a keyboard wedge can only be a scanner');
      // Captured in the renderer by keystroke timing; the runtime only shows it as ready.
      return this.setState(b, { state: 'ok' });
    }
    if (uri.kind === 'hid') {
      if (role !== 'scanner') throw new Error('hid:// drives HID POS scanners only; a HID scale is not supported yet (use its serial mode)');
      return this.startScanner(b, new HidScanner(uri, ref, this.opts.hid ?? {}));
    }
    if ((uri.kind === 'usb' || uri.kind === 'usblp') && role !== 'labelPrinter') {
      throw new Error(`${uri.kind}:// drives label printers only; a ${role} is serial://, tcp:// or sim:`);
    }
    switch (role) {
      case 'scanner':
        if (uri.kind !== 'serial') throw new Error('a scanner is serial://, wedge: or sim:scanner');
        return this.startScanner(b, new SerialScanner(uri, ref));
      case 'scale':
        if (uri.kind !== 'serial') throw new Error('a scale is serial:// or sim:scale');
        return this.startScale(b, new MtSicsScale(uri, ref));
      case 'labelPrinter':
        if (uri.kind !== 'tcp' && uri.kind !== 'usb' && uri.kind !== 'usblp') throw new Error('a label printer is tcp://HOST:9100, usb://VID:PID, usblp:///dev/usb/lpN or sim:zebra');
        return this.startLabelPrinter(b, new ZebraPrinter(labelPrinterLink(uri), ref));
      case 'ticketPrinter':
        if (uri.kind !== 'tcp') throw new Error('a ticket printer is tcp://HOST:9100 or sim:escpos');
        b.ticketPrinter = new EscPosPrinter(uri, ref);
        return this.setState(b, { state: 'ok' });
    }
  }

  private async startSim(b: Bound, kind: string): Promise<void> {
    const ref = { role: b.binding.role, uri: b.binding.uri };
    const serial = (path: string): SerialDeviceUri => parseDeviceUri(`serial://${path}?baud=9600&terminator=CR`) as SerialDeviceUri;
    const tcp = (port: number): TcpDeviceUri => parseDeviceUri(`tcp://127.0.0.1:${port}`) as TcpDeviceUri;
    switch (kind) {
      case 'scanner': {
        const sim = new ScannerSimulator({ terminator: 'CR' });
        await sim.start();
        b.sims.push(sim);
        this.scannerSim = sim;
        return this.startScanner(b, new SerialScanner(serial(sim.path), ref));
      }
      case 'scale': {
        const sim = new ScaleSimulator();
        await sim.start();
        b.sims.push(sim);
        this.scaleSim = sim;
        return this.startScale(b, new MtSicsScale(parseDeviceUri(`serial://${sim.path}?baud=9600&terminator=CRLF`) as SerialDeviceUri, ref));
      }
      case 'zebra': {
        const sim = new ZebraSimulator(0);
        const port = await sim.start();
        b.sims.push(sim);
        this.zebraSim = sim;
        return this.startLabelPrinter(b, new ZebraPrinter(tcp(port), ref));
      }
      case 'escpos': {
        const sim = new EscPosSimulator(0);
        const port = await sim.start();
        b.sims.push(sim);
        this.escposSim = sim;
        b.ticketPrinter = new EscPosPrinter(tcp(port), ref);
        return this.setState(b, { state: 'ok' });
      }
    }
  }

  private async startScanner(b: Bound, s: ScanSource): Promise<void> {
    b.scanner = s;
    s.on('state', (st) => this.setState(b, st));
    s.on('deviceError', (e) => this.opts.logger?.warn({ role: 'scanner', code: e.code, detail: e.detail }, e.message));
    s.on('scan', (ev) => this.emit('scan', ev));
    await s.start();
    this.setState(b, s.state);
  }

  private async startScale(b: Bound, s: MtSicsScale): Promise<void> {
    b.scale = s;
    s.on('state', (st) => this.setState(b, st));
    s.on('deviceError', (e) => this.opts.logger?.warn({ role: 'scale', code: e.code, detail: e.detail }, e.message));
    await s.start();
    this.setState(b, s.state);
  }

  private async startLabelPrinter(b: Bound, p: ZebraPrinter): Promise<void> {
    b.labelPrinter = p;
    const poll = async () => {
      try {
        this.setState(b, printerState(await p.status()));
      } catch (err) {
        this.setState(b, { state: 'error', code: 'io', message: (err as Error).message });
      }
    };
    await poll();
    // Polled while idle, so a paper-out shows before the next label is due.
    b.poll = setInterval(() => void poll(), this.opts.printerPollMs ?? 5000);
    b.poll.unref();
  }

  private async release(role: DeviceRole): Promise<void> {
    const b = this.bound.get(role);
    if (!b) return;
    this.bound.delete(role);
    if (b.poll) clearInterval(b.poll);
    await b.scanner?.stop().catch(() => undefined);
    await b.scale?.stop().catch(() => undefined);
    await b.labelPrinter?.close?.().catch(() => undefined);
    for (const s of b.sims) await s.stop().catch(() => undefined);
    if (role === 'scanner') this.scannerSim = null;
    if (role === 'scale') this.scaleSim = null;
    if (role === 'labelPrinter') this.zebraSim = null;
    if (role === 'ticketPrinter') this.escposSim = null;
  }
}

export function normaliseUri(uri: string): string {
  return formatDeviceUri(parseDeviceUri(uri));
}
