// A simulated serial barcode scanner on a pty: each scan is written with the configured
// prefix, suffix and terminator, as a scanner programmed that way would send it.
import type { Terminator } from '../../../../shared/devices/uri';
import { terminatorBytes } from '../framer';
import { SimSerialEndpoint } from './serial-endpoint';

export interface ScannerSimOptions {
  readonly dir?: string;
  readonly terminator?: Terminator;
  readonly prefix?: string;
  readonly suffix?: string;
}

export class ScannerSimulator {
  readonly endpoint: SimSerialEndpoint;
  readonly terminator: Terminator;
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(opts: ScannerSimOptions = {}) {
    this.endpoint = new SimSerialEndpoint('scanner', opts.dir);
    this.terminator = opts.terminator ?? 'CR';
    this.prefix = opts.prefix ?? '';
    this.suffix = opts.suffix ?? '';
  }

  get path(): string {
    return this.endpoint.path;
  }

  start(): Promise<void> {
    return this.endpoint.plug();
  }

  stop(): Promise<void> {
    return this.endpoint.close();
  }

  scan(text: string): Promise<void> {
    return this.endpoint.write(Buffer.from(`${this.prefix}${text}${this.suffix}${terminatorBytes(this.terminator)}`, 'latin1'));
  }

  /** Raw bytes, for garbage and flood tests. */
  inject(bytes: Buffer | string): Promise<void> {
    return this.endpoint.write(bytes);
  }
}
