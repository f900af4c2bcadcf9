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
import { ContinuousScale } from './scale/continuous';
import { printerState, ZebraPrinter } from './printer/zebra';
import { roleHint, roleUriProblem } from '../../../shared/devices/role-kinds';
import { labelPrinterLink, type LabelLinkOptions } from './printer/label-printer-link';
import { usbUri, UsbWatcher, type UsbDeviceInfo, type UsbEventSource } from './transport/usb';
import { SerialScanner } from './scanner/serial-scanner';
import { HidScanner, type HidScannerOptions } from './scanner/hid-scanner';
import { ScaleSimulator } from './sim/scale';
import { ScannerSimulator } from './sim/scanner';
import { ZebraSimulator } from './sim/zebra';
import { EscPosSimulator } from './sim/escpos';
import type { LabelPrinter, Scale, ScanSource, TicketPrinter } from './types';
import { DeviceError } from './errors';

export interface DeviceManagerOptions {
  readonly logger?: Logger;
  readonly printerPollMs?: number;
  /** How hid:// scanners are opened (node-hid by default; tests pass a thin fake). */
  readonly hid?: Pick<HidScannerOptions, 'open' | 'reconnectPollMs'>;
  /** USB attach/detach events (libusb hot-plug by default; tests pass a thin fake). */
  readonly usbWatcher?: UsbEventSource;
  /** How usb:// printers are reached (libusb and sysfs by default). */
  readonly usbPrinter?: Pick<LabelLinkOptions, 'usb' | 'findLp'>;
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
  /** Set while the bound USB device is detached: the state says so and polling waits. */
  unplugged?: string;
  /** The label printer's status poll, run at once when its USB device attaches again. */
  repoll?: () => Promise<void>;
}

export const ROLES: readonly DeviceRole[] = ['scanner', 'scale', 'labelPrinter', 'ticketPrinter'];

/** What each `sim:` kind can stand in for. */
const SIM_ROLE: Record<string, DeviceRole> = { scanner: 'scanner', scale: 'scale', zebra: 'labelPrinter', escpos: 'ticketPrinter' };

export class DeviceManager extends EventEmitter<{ changed: []; scan: [ScanEvent] }> {
  private readonly bound = new Map<DeviceRole, Bound>();
  /** Catalogued USB devices attached while running and bound to no role, for discovery. */
  private readonly seenUsb = new Map<string, UsbDeviceInfo>();
  private watcher: UsbEventSource | undefined;
  private readonly onUsbAttach = (d: UsbDeviceInfo) => void this.usbAttached(d);
  private readonly onUsbDetach = (d: UsbDeviceInfo) => void this.usbDetached(d);
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

  /** Catalogued USB devices seen attaching (and still attached) that no role is bound to. */
  usbSeen(): UsbDeviceInfo[] {
    return [...this.seenUsb.values()];
  }

  /**
   * Makes the running devices match `bindings` (roles not listed are released). Calls run one
   * after another: two settings saved in quick succession must not interleave their releases
   * and binds (the older list would re-bind what the newer one replaced).
   */
  apply(bindings: readonly DeviceBinding[]): Promise<void> {
    const run = () => this.applyNow(bindings);
    const p = this.applying.then(run, run);
    this.applying = p.catch(() => undefined);
    return p;
  }

  private applying: Promise<unknown> = Promise.resolve();

  private async applyNow(bindings: readonly DeviceBinding[]): Promise<void> {
    this.watchUsb();
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
    if (this.watcher) {
      this.watcher.off('attach', this.onUsbAttach);
      this.watcher.off('detach', this.onUsbDetach);
      this.watcher.stop();
      this.watcher = undefined;
    }
    for (const role of ROLES) await this.release(role);
  }

  private watchUsb(): void {
    if (this.watcher) return;
    this.watcher = this.opts.usbWatcher ?? new UsbWatcher();
    this.watcher.on('attach', this.onUsbAttach);
    this.watcher.on('detach', this.onUsbDetach);
    this.watcher.start();
  }

  /** Roles bound to this USB device by vendor/product (the event carries no serial number). */
  private boundTo(d: UsbDeviceInfo): Bound[] {
    return [...this.bound.values()].filter((b) => {
      let uri: DeviceUri;
      try {
        uri = parseDeviceUri(b.binding.uri);
      } catch {
        return false;
      }
      return (uri.kind === 'usb' || uri.kind === 'hid') && uri.vendorId === d.vendorId && uri.productId === d.productId;
    });
  }

  private async usbDetached(d: UsbDeviceInfo): Promise<void> {
    this.seenUsb.delete(usbUri(d));
    const hit = this.boundTo(d);
    if (!hit.length) {
      this.emit('changed');
      return;
    }
    const reason = `${d.catalog?.name ?? usbUri(d)} was unplugged (USB bus ${d.busNumber}, port ${d.portPath || '?'}); it is reopened when plugged back in`;
    for (const b of hit) {
      b.unplugged = reason;
      this.setState(b, { state: 'error', code: 'unplugged', message: reason });
      if (b.scanner instanceof HidScanner) await b.scanner.unplugged(reason);
      await b.labelPrinter?.close?.().catch(() => undefined);
    }
  }

  private async usbAttached(d: UsbDeviceInfo): Promise<void> {
    const hit = this.boundTo(d);
    if (!hit.length) {
      if (d.catalog) this.seenUsb.set(usbUri(d), d);
      this.emit('changed');
      return;
    }
    for (const b of hit) {
      b.unplugged = undefined;
      this.setState(b, { state: 'busy', what: 'reopening after USB attach' });
      if (b.scanner instanceof HidScanner) {
        await b.scanner.attached();
        this.setState(b, b.scanner.state);
      }
      if (b.labelPrinter) await b.repoll?.();
    }
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
    const problem = roleUriProblem(role, uri);
    if (problem) throw new Error(problem);
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
    switch (role) {
      case 'scanner':
        if (uri.kind !== 'serial') throw new Error(roleHint(role));
        return this.startScanner(b, new SerialScanner(uri, ref));
      case 'scale':
        if (uri.kind !== 'serial') throw new Error(roleHint(role));
        return this.startScale(b, uri.protocol === 'toledo' ? new ContinuousScale(uri, ref) : new MtSicsScale(uri, ref));
      case 'labelPrinter':
        if (uri.kind !== 'tcp' && uri.kind !== 'usb' && uri.kind !== 'usblp' && uri.kind !== 'serial') throw new Error(roleHint(role));
        return this.startLabelPrinter(b, new ZebraPrinter(labelPrinterLink(uri, this.opts.usbPrinter ?? {}), ref));
      case 'ticketPrinter':
        if (uri.kind !== 'tcp' && uri.kind !== 'usb' && uri.kind !== 'usblp' && uri.kind !== 'serial') throw new Error(roleHint(role));
        // The same byte pipes as the label printer: ESC/POS over a USB printer's node or bulk endpoints, or a serial port.
        b.ticketPrinter = new EscPosPrinter(labelPrinterLink(uri, this.opts.usbPrinter ?? {}), ref);
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

  private async startScale(b: Bound, s: Scale): Promise<void> {
    b.scale = s;
    s.on('state', (st) => this.setState(b, st));
    s.on('deviceError', (e) => this.opts.logger?.warn({ role: 'scale', code: e.code, detail: e.detail }, e.message));
    await s.start();
    this.setState(b, s.state);
  }

  private async startLabelPrinter(b: Bound, p: ZebraPrinter): Promise<void> {
    b.labelPrinter = p;
    const poll = async () => {
      if (b.unplugged) return; // the detach reason stays until the device is back
      try {
        this.setState(b, printerState(await p.status()));
      } catch (err) {
        this.setState(b, { state: 'error', code: err instanceof DeviceError ? err.code : 'io', message: (err as Error).message });
      }
    };
    b.repoll = poll;
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
