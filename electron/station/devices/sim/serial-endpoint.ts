// The simulator's side of a pty pair: owns socat and the device end, and can be unplugged
// (pair closed, links gone) and replugged (same paths again).
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { PtyPair } from './pty';

export class SimSerialEndpoint extends EventEmitter<{ data: [Buffer] }> {
  private readonly pair: PtyPair;
  private port: SerialPort | undefined;
  /** A directory we made ourselves is ours to remove. */
  private readonly ownDir: string | undefined;

  constructor(name: string, dir?: string) {
    super();
    const d = dir ?? mkdtempSync(join(tmpdir(), `lotline-sim-${name}-`));
    this.ownDir = dir ? undefined : d;
    this.pair = new PtyPair(join(d, `${name}-device`), join(d, `${name}`));
  }

  /** The path a driver opens. */
  get path(): string {
    return this.pair.host;
  }

  get plugged(): boolean {
    return this.port?.isOpen === true;
  }

  async plug(): Promise<void> {
    if (this.plugged) return;
    await this.pair.open();
    const port = new SerialPort({ path: this.pair.device, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (d: Buffer) => this.emit('data', d));
    port.on('error', () => undefined);
    this.port = port;
  }

  async unplug(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
    await this.pair.close();
  }

  /** Unplugs for good and removes the temporary directory. */
  async close(): Promise<void> {
    await this.unplug();
    if (this.ownDir) rmSync(this.ownDir, { recursive: true, force: true });
  }

  write(bytes: Buffer | string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(); // unplugged: bytes go nowhere, like a real cable
    return new Promise((resolve) => port.write(bytes, () => port.drain(() => resolve())));
  }
}
