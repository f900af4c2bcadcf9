// A simulated Zebra: keeps every ^XA…^XZ format it receives, prints them unless a fault flag
// holds them in the buffer, and answers ~HS from those flags — or stays silent. The printer
// (ZebraCore) is the same whether its bytes come over raw TCP or a pty standing in for the
// kernel's /dev/usb/lp0.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { TcpSimulator } from './tcp-sim';
import { SimSerialEndpoint } from './serial-endpoint';
import { formatHostStatus, type HsFlags } from '../printer/zpl-status';

export interface ZebraSimFlags {
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  overTemperature: boolean;
  /** Accepts ~HS and never answers. */
  silent: boolean;
  /** After the client's FIN, keeps the connection open (a print server that never closes). */
  hang: boolean;
}

export interface ZebraSimJob {
  readonly index: number;
  readonly zpl: string;
  printed: boolean;
}

const MAX_CONNECTION_BYTES = 16 * 1024 * 1024;

/** The printer itself: flags, the stored formats, and the ZPL/~HS protocol over any byte stream. */
export class ZebraCore extends EventEmitter<{ job: [ZebraSimJob]; status: [] }> {
  readonly flags: ZebraSimFlags = { paperOut: false, headOpen: false, paused: false, ribbonOut: false, overTemperature: false, silent: false, hang: false };
  readonly jobs: ZebraSimJob[] = [];

  set(patch: Partial<ZebraSimFlags>): void {
    Object.assign(this.flags, patch);
    this.printWhatCan();
  }

  get printed(): ZebraSimJob[] {
    return this.jobs.filter((j) => j.printed);
  }

  private blocked(): boolean {
    const f = this.flags;
    return f.paperOut || f.headOpen || f.paused || f.ribbonOut || f.overTemperature;
  }

  private printWhatCan(): void {
    if (this.blocked()) return;
    for (const j of this.jobs) j.printed = true;
  }

  private hostStatus(): string {
    const waiting = this.jobs.filter((j) => !j.printed).length;
    const f: HsFlags = { ...this.flags, thermalTransfer: true, formatsInBuffer: waiting, labelsRemaining: waiting };
    return formatHostStatus(f);
  }

  /** A byte stream into the printer; `reply` carries ~HS answers back. */
  stream(reply: (text: string) => void): { push(d: Buffer): boolean } {
    let text = '';
    let total = 0;
    return {
      push: (d: Buffer) => {
        total += d.length;
        if (total > MAX_CONNECTION_BYTES) return false;
        text = this.consume(text + d.toString('latin1'), reply);
        return true;
      },
    };
  }

  /** Handles every complete command in `text`; returns what is left for the next chunk. */
  private consume(text: string, reply: (text: string) => void): string {
    for (;;) {
      const hs = text.indexOf('~HS');
      const xa = text.indexOf('^XA');
      if (hs >= 0 && (xa < 0 || hs < xa)) {
        // ~ commands act at once, even between formats.
        if (!this.flags.silent) reply(this.hostStatus());
        this.emit('status');
        text = text.slice(hs + 3);
        continue;
      }
      if (xa < 0) return text.length > 3 ? text.slice(-3) : text;
      const xz = text.indexOf('^XZ', xa);
      if (xz < 0) return text.slice(xa);
      const job: ZebraSimJob = { index: this.jobs.length, zpl: text.slice(xa, xz + 3), printed: false };
      this.jobs.push(job);
      this.printWhatCan();
      this.emit('job', job);
      text = text.slice(xz + 3);
    }
  }
}

/** The Zebra on raw TCP 127.0.0.1 (port 9100 on a real printer). */
export class ZebraSimulator extends TcpSimulator<{ job: [ZebraSimJob]; status: [] }> {
  readonly core = new ZebraCore();
  constructor(requestedPort = 0) {
    // Half-open: closing our side after the client's FIN is a choice (see `hang`), not automatic.
    super('Zebra', requestedPort, true);
    this.core.on('job', (j) => this.emit('job', j));
    this.core.on('status', () => this.emit('status'));
  }

  get flags(): ZebraSimFlags {
    return this.core.flags;
  }
  get jobs(): ZebraSimJob[] {
    return this.core.jobs;
  }
  get printed(): ZebraSimJob[] {
    return this.core.printed;
  }
  set(patch: Partial<ZebraSimFlags>): void {
    this.core.set(patch);
  }

  protected accept(sock: Socket): void {
    const stream = this.core.stream((t) => sock.write(t));
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      if (!stream.push(d)) sock.destroy();
    });
    sock.on('end', () => {
      if (!this.flags.hang) sock.end();
    });
  }
}

/**
 * The Zebra on a pty: the driver opens the pty path as it would /dev/usb/lp0 (a character
 * device with the printer's back-channel on read), and can be unplugged and replugged.
 */
export class ZebraPtySimulator extends EventEmitter<{ job: [ZebraSimJob]; status: [] }> {
  readonly core = new ZebraCore();
  readonly endpoint: SimSerialEndpoint;

  constructor(opts: { dir?: string } = {}) {
    super();
    this.endpoint = new SimSerialEndpoint('zebra', opts.dir);
    this.core.on('job', (j) => this.emit('job', j));
    this.core.on('status', () => this.emit('status'));
    // One endless stream, like a USB printer's bulk pipe: a flood past the cap ends the session.
    let stream = this.core.stream((t) => void this.endpoint.write(t));
    this.endpoint.on('data', (d) => {
      if (!stream.push(d)) stream = this.core.stream((t) => void this.endpoint.write(t));
    });
  }

  get path(): string {
    return this.endpoint.path;
  }
  get flags(): ZebraSimFlags {
    return this.core.flags;
  }
  get jobs(): ZebraSimJob[] {
    return this.core.jobs;
  }
  get printed(): ZebraSimJob[] {
    return this.core.printed;
  }
  set(patch: Partial<ZebraSimFlags>): void {
    this.core.set(patch);
  }

  start(): Promise<void> {
    return this.endpoint.plug();
  }

  stop(): Promise<void> {
    return this.endpoint.close();
  }
}
