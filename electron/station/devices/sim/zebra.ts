// A simulated Zebra on raw TCP: keeps every ^XA…^XZ format it receives, prints them unless a
// fault flag holds them in the buffer, and answers ~HS from those flags — or stays silent.
import type { Socket } from 'node:net';
import { TcpSimulator } from './tcp-sim';
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

export class ZebraSimulator extends TcpSimulator<{ job: [ZebraSimJob]; status: [] }> {
  readonly flags: ZebraSimFlags = { paperOut: false, headOpen: false, paused: false, ribbonOut: false, overTemperature: false, silent: false, hang: false };
  readonly jobs: ZebraSimJob[] = [];
  constructor(requestedPort = 0) {
    // Half-open: closing our side after the client's FIN is a choice (see `hang`), not automatic.
    super('Zebra', requestedPort, true);
  }

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

  protected accept(sock: Socket): void {
    let text = '';
    let total = 0;
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      total += d.length;
      if (total > MAX_CONNECTION_BYTES) {
        sock.destroy();
        return;
      }
      text += d.toString('latin1');
      text = this.consume(text, sock);
    });
    sock.on('end', () => {
      if (!this.flags.hang) sock.end();
    });
  }

  /** Handles every complete command in `text`; returns what is left for the next chunk. */
  private consume(text: string, sock: Socket): string {
    for (;;) {
      const hs = text.indexOf('~HS');
      const xa = text.indexOf('^XA');
      if (hs >= 0 && (xa < 0 || hs < xa)) {
        // ~ commands act at once, even between formats.
        if (!this.flags.silent) sock.write(this.hostStatus());
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
