// One serial port that survives unplug/replug: when the port closes or fails to open, the
// path is polled and reopened, and every transition is reported as a DeviceState.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { DeviceState } from '../../../../shared/devices/status';
import type { SerialDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError } from '../errors';

export interface SerialLinkEvents {
  data: [Buffer];
  state: [DeviceState];
}

export interface SerialLinkOptions {
  /** How often a vanished port's path is checked; the brief asks for reopen within 2 s. */
  readonly reconnectPollMs?: number;
}

export class SerialLink extends EventEmitter<SerialLinkEvents> {
  private port: SerialPort | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private opening = false;
  private current: DeviceState = { state: 'not_configured' };
  private readonly pollMs: number;

  constructor(
    readonly uri: SerialDeviceUri,
    opts: SerialLinkOptions = {},
  ) {
    super();
    this.pollMs = opts.reconnectPollMs ?? 250;
  }

  get state(): DeviceState {
    return this.current;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  /** Resolves once the first attempt is over; a failed attempt leaves the link polling. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.tryOpen();
    if (!this.isOpen) this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  write(bytes: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new DeviceError('disconnected', `${this.uri.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(bytes, (err) => (err ? reject(new DeviceError('io', `write to ${this.uri.path}: ${err.message}`)) : resolve()));
    });
  }

  private setState(s: DeviceState): void {
    const same = JSON.stringify(s) === JSON.stringify(this.current);
    this.current = s;
    if (!same) this.emit('state', s);
  }

  /**
   * While open, the path is watched too: a USB-serial adapter pulled (or a pty whose other
   * end went away) removes its device node, and not every kernel wakes a pending read with an
   * error, so a vanished path counts as a disconnect even before the port reports one.
   */
  private watchOpen(port: SerialPort): void {
    const timer = setInterval(() => {
      if (this.port !== port || this.stopped) return clearInterval(timer);
      if (existsSync(this.uri.path)) return;
      clearInterval(timer);
      this.port = undefined;
      port.removeAllListeners('close');
      port.close(() => undefined);
      this.setState({ state: 'error', code: 'disconnected', message: `${this.uri.path} disconnected` });
      this.schedulePoll();
    }, this.pollMs);
    timer.unref();
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.stopped) return;
    this.pollTimer = setInterval(() => {
      // existsSync first: opening a missing path is cheap too, but this keeps logs quiet.
      if (this.opening || this.isOpen || !existsSync(this.uri.path)) return;
      void this.tryOpen().then(() => {
        if (this.isOpen && this.pollTimer) {
          clearInterval(this.pollTimer);
          this.pollTimer = undefined;
        }
      });
    }, this.pollMs);
    this.pollTimer.unref();
  }

  private async tryOpen(): Promise<void> {
    if (this.opening || this.stopped) return;
    this.opening = true;
    const port = new SerialPort({
      path: this.uri.path,
      baudRate: this.uri.baudRate,
      dataBits: this.uri.dataBits,
      stopBits: this.uri.stopBits,
      parity: this.uri.parity,
      autoOpen: false,
    });
    try {
      await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      this.opening = false;
      this.setState({ state: 'error', code: 'disconnected', message: `cannot open ${this.uri.path}: ${(err as Error).message}` });
      return;
    }
    this.opening = false;
    if (this.stopped) {
      port.close();
      return;
    }
    this.port = port;
    port.on('data', (d: Buffer) => this.emit('data', d));
    // serialport reports failures both as 'error' and 'close'; the close handler owns recovery.
    port.on('error', () => undefined);
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = undefined;
      if (this.stopped) return;
      this.setState({ state: 'error', code: 'disconnected', message: `${this.uri.path} disconnected` });
      this.schedulePoll();
    });
    this.watchOpen(port);
    this.setState({ state: 'ok' });
  }
}
