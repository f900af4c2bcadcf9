// A label printer on a serial port (`serial:///dev/ttyUSB0?baud=9600`): the same byte pipe
// as the usblp character device, but the port needs its line settings (baud, data bits,
// parity, stop bits) set on every open, which is what serialport does for us.
//
// Opened per operation and closed after, like lp.ts, not kept open like the scanner's
// SerialLink: a printer needs no unsolicited reads between jobs, an adapter pulled and
// plugged back (a new node under the same path) is simply opened again by the next job with
// no reconnect loop, and the station never holds a port another tool may need.
import { SerialPort } from 'serialport';
import type { SerialDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, SendError } from '../errors';
import { Exclusive, type PrinterLink, type PrinterQueryResult } from '../printer/link';

export interface SerialPrinterLinkOptions {
  /** A job not drained to the port within this time fails as uncertain (some bytes may be out). */
  readonly writeTimeoutMs?: number;
}

const cb = (fn: (done: (err: Error | null | undefined) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

export class SerialPrinterLink implements PrinterLink {
  private readonly one = new Exclusive();
  private readonly writeTimeoutMs: number;

  constructor(
    readonly uri: SerialDeviceUri,
    opts: SerialPrinterLinkOptions = {},
  ) {
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  }

  get path(): string {
    return this.uri.path;
  }

  send(payload: Buffer, opts: { onWriting?: () => void } = {}): Promise<void> {
    return this.one.run(async () => {
      let port: SerialPort;
      try {
        port = await this.open();
      } catch (err) {
        throw new SendError('disconnected', `cannot open ${this.path}: ${(err as Error).message}`, false);
      }
      try {
        opts.onWriting?.();
        await this.writeAll(port, payload, this.writeTimeoutMs, (ms) => new SendError('timeout', `${this.path} did not take the job within ${ms} ms`, true));
      } catch (err) {
        if (err instanceof SendError) throw err;
        throw new SendError('io', `${this.path}: ${(err as Error).message} during the job`, true);
      } finally {
        await this.release(port);
      }
    });
  }

  query(query: Buffer, complete: (bytes: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    return this.one.run(async () => {
      let port: SerialPort;
      try {
        port = await this.open();
      } catch (err) {
        throw new DeviceError('disconnected', `cannot open ${this.path}: ${(err as Error).message}`);
      }
      try {
        // A late answer to an earlier query must not be read as this one's.
        await cb((done) => port.flush(done));
        const reply = this.collect(port, complete, opts);
        reply.catch(() => undefined); // a failed write below is the error that counts
        await this.writeAll(port, query, opts.replyTimeoutMs, (ms) => new DeviceError('timeout', `${this.path} did not take the query within ${ms} ms`));
        return await reply;
      } catch (err) {
        if (err instanceof DeviceError) throw err;
        throw new DeviceError('disconnected', `${this.path}: ${(err as Error).message}`);
      } finally {
        await this.release(port);
      }
    });
  }

  private async open(): Promise<SerialPort> {
    const u = this.uri;
    const port = new SerialPort({ path: u.path, baudRate: u.baudRate, dataBits: u.dataBits, stopBits: u.stopBits, parity: u.parity, autoOpen: false });
    await cb((done) => port.open(done));
    // serialport reports failures as 'error' too; each operation handles them through its callbacks.
    port.on('error', () => undefined);
    return port;
  }

  private release(port: SerialPort): Promise<void> {
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  /** Writes and waits until the OS has sent it (tcdrain), or fails with `timeout(ms)`. */
  private writeAll(port: SerialPort, bytes: Buffer, ms: number, timeout: (ms: number) => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(timeout(ms)), ms);
      port.write(bytes, (err) => {
        if (err) {
          clearTimeout(t);
          return reject(err);
        }
        port.drain((e) => {
          clearTimeout(t);
          if (e) reject(e);
          else resolve();
        });
      });
    });
  }

  private collect(port: SerialPort, complete: (b: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      const finish = (r: PrinterQueryResult | Error) => {
        clearTimeout(t);
        port.off('data', onData);
        port.off('close', onClose);
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      const t = setTimeout(() => finish({ bytes: Buffer.concat(parts), timedOut: true, overflowed: false }), opts.replyTimeoutMs);
      const onData = (d: Buffer) => {
        const room = opts.maxBytes - size;
        parts.push(Buffer.from(d.subarray(0, Math.min(d.length, room))));
        size += Math.min(d.length, room);
        const bytes = Buffer.concat(parts);
        if (d.length > room) return finish({ bytes, timedOut: false, overflowed: true });
        if (complete(bytes)) finish({ bytes, timedOut: false, overflowed: false });
      };
      const onClose = () => finish(new DeviceError('disconnected', `${this.path} disconnected during the query`));
      port.on('data', onData);
      port.on('close', onClose);
    });
  }
}
