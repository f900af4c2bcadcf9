// A USB HID scanner opened directly with node-hid (no OS keyboard path, so nothing leaks into
// text fields): input reports are decoded by hid-pos.ts — HID POS (usage page 0x8C) reports,
// or boot-keyboard reports from a scanner left in keyboard mode — and each whole scan is
// emitted once with its source and receive time, like a serial scanner's. The device is
// reopened when it comes back (polled, and at once on a USB attach hint).
import { EventEmitter } from 'node:events';
import { HIDAsync, devicesAsync, type Device as HidInfo } from 'node-hid';
import { toScanText, type ScanTextOptions } from '../../../../shared/devices/scan-text';
import type { DeviceRef, DeviceState } from '../../../../shared/devices/status';
import type { HidDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, showBytes } from '../errors';
import type { ScanSource, ScanSourceEvents } from '../types';
import { BootKeyboardDecoder, HidPosAssembler } from './hid-pos';

/** The slice of node-hid's HIDAsync this scanner uses; tests hand in a thin fake. */
export interface HidHandle {
  on(event: 'data', fn: (report: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
  close(): Promise<void>;
}

export interface OpenedHid {
  readonly handle: HidHandle;
  /** From the HID collection: 0x8c HID POS scanner, 0x01 a keyboard-mode scanner. */
  readonly usagePage: number | undefined;
}

export interface HidScannerOptions extends ScanTextOptions {
  /** Opens the device for the address; node-hid by default. Rejects when it is not there. */
  readonly open?: (uri: HidDeviceUri) => Promise<OpenedHid>;
  readonly reconnectPollMs?: number;
  readonly now?: () => number;
}

const HID_POS_PAGE = 0x8c;

/** node-hid: the interface matching vid/pid (+serial, +usage page), HID POS preferred. */
export async function openNodeHid(uri: HidDeviceUri): Promise<OpenedHid> {
  const all = (await devicesAsync(uri.vendorId, uri.productId)).filter((d: HidInfo) => (uri.serial === undefined || d.serialNumber === uri.serial) && d.path);
  const pick =
    uri.usagePage !== undefined ? all.find((d) => d.usagePage === uri.usagePage) : (all.find((d) => d.usagePage === HID_POS_PAGE) ?? all[0]);
  if (!pick?.path) throw new Error('not plugged in');
  const handle = await HIDAsync.open(pick.path);
  return { handle, usagePage: pick.usagePage };
}

export class HidScanner extends EventEmitter<ScanSourceEvents> implements ScanSource {
  private handle: HidHandle | undefined;
  private current: DeviceState = { state: 'not_configured' };
  private stopped = false;
  private opening: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly open: (uri: HidDeviceUri) => Promise<OpenedHid>;
  private readonly now: () => number;

  constructor(
    readonly uri: HidDeviceUri,
    readonly ref: DeviceRef,
    private readonly opts: HidScannerOptions = {},
  ) {
    super();
    this.open = opts.open ?? openNodeHid;
    this.now = opts.now ?? Date.now;
  }

  get state(): DeviceState {
    return this.current;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.tryOpen();
    if (!this.handle) this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    await this.opening;
    await this.drop();
  }

  /** The USB device went away (hot-plug): drop the handle, say why, and wait for it to return. */
  async unplugged(reason: string): Promise<void> {
    await this.drop();
    if (this.stopped) return;
    this.setState({ state: 'error', code: 'unplugged', message: reason });
    this.schedulePoll();
  }

  /** The USB device is back (hot-plug): try at once rather than at the next poll. */
  async attached(): Promise<void> {
    if (this.stopped || this.handle) return;
    await this.tryOpen();
  }

  private setState(s: DeviceState): void {
    const same = JSON.stringify(s) === JSON.stringify(this.current);
    this.current = s;
    if (!same) this.emit('state', s);
  }

  private async drop(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (!h) return;
    h.removeAllListeners();
    h.on('error', () => undefined);
    await h.close().catch(() => undefined);
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.stopped) return;
    this.pollTimer = setInterval(() => {
      if (this.handle) {
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
        return;
      }
      void this.tryOpen();
    }, this.opts.reconnectPollMs ?? 1000);
    this.pollTimer.unref();
  }

  private tryOpen(): Promise<void> {
    this.opening ??= this.openOnce().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    if (this.stopped || this.handle) return;
    let opened: OpenedHid;
    try {
      opened = await this.open(this.uri);
    } catch (err) {
      // An attach hint that arrives while unplugged keeps the unplugged reason on screen.
      if (this.current.state !== 'error' || this.current.code !== 'unplugged') {
        this.setState({ state: 'error', code: 'disconnected', message: `cannot open the HID scanner: ${(err as Error).message}` });
      }
      return;
    }
    if (this.stopped) {
      await opened.handle.close().catch(() => undefined);
      return;
    }
    this.handle = opened.handle;
    // A fresh decoder per session: half a scan from before an unplug is not glued to the next.
    const decoder = opened.usagePage === 0x01 ? new BootKeyboardDecoder() : new HidPosAssembler();
    opened.handle.on('data', (report) => this.onReport(decoder, report));
    opened.handle.on('error', (err) => void this.unplugged(`the HID scanner went away: ${err.message}`));
    this.setState({ state: 'ok' });
  }

  private onReport(decoder: HidPosAssembler | BootKeyboardDecoder, report: Buffer): void {
    const r = decoder.push(report);
    if (!r) return;
    if (r.kind === 'error') {
      this.emit('deviceError', new DeviceError('garbage', `unreadable HID report: ${r.why}`, showBytes(report)));
      return;
    }
    const t = toScanText(r.text, this.opts);
    if (!t.ok) {
      this.emit('deviceError', new DeviceError('garbage', t.why, showBytes(Buffer.from(r.text, 'latin1'))));
      return;
    }
    const symbologyId = ('symbologyId' in r ? (r.symbologyId as string | undefined) : undefined) ?? t.symbologyId;
    this.emit('scan', { text: t.text, ...(symbologyId ? { symbologyId } : {}), source: this.ref, receivedAt: this.now() });
  }
}
