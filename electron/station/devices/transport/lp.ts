// A USB printer through the kernel's usblp driver: `/dev/usb/lp0` is a character device that
// takes the job on write and gives the printer's back-channel (the `~HS` answer) on read.
// Opened non-blocking and polled, so a printer that says nothing never holds a libuv thread.
import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { DeviceError, SendError } from '../errors';
import { Exclusive, type PrinterLink, type PrinterQueryResult } from '../printer/link';

export interface LpLinkOptions {
  /** How often a non-blocking read or write that would block is retried. */
  readonly pollMs?: number;
  /** A job that cannot be written within this time fails as uncertain (some bytes may be out). */
  readonly writeTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wouldBlock = (err: unknown) => (err as NodeJS.ErrnoException).code === 'EAGAIN' || (err as NodeJS.ErrnoException).code === 'EWOULDBLOCK';

export class LpPrinterLink implements PrinterLink {
  private readonly one = new Exclusive();
  private readonly pollMs: number;
  private readonly writeTimeoutMs: number;

  constructor(
    readonly path: string,
    opts: LpLinkOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 10;
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
  }

  send(payload: Buffer, opts: { onWriting?: () => void } = {}): Promise<void> {
    return this.one.run(async () => {
      let fh: FileHandle;
      try {
        fh = await this.open();
      } catch (err) {
        throw new SendError('disconnected', `cannot open ${this.path}: ${(err as Error).message}`, false);
      }
      try {
        opts.onWriting?.();
        await this.writeAll(fh, payload, Date.now() + this.writeTimeoutMs);
      } catch (err) {
        if (err instanceof SendError) throw err;
        throw new SendError('io', `${this.path}: ${(err as Error).message} during the job`, true);
      } finally {
        await fh.close().catch(() => undefined);
      }
    });
  }

  query(query: Buffer, complete: (bytes: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    return this.one.run(async () => {
      let fh: FileHandle;
      try {
        fh = await this.open();
      } catch (err) {
        throw new DeviceError('disconnected', `cannot open ${this.path}: ${(err as Error).message}`);
      }
      try {
        // A late answer to an earlier query must not be read as this one's.
        await this.discardPending(fh);
        await this.writeAll(fh, query, Date.now() + opts.replyTimeoutMs);
        return await this.readReply(fh, complete, opts);
      } catch (err) {
        if (err instanceof DeviceError) throw err;
        throw new DeviceError('disconnected', `${this.path}: ${(err as Error).message}`);
      } finally {
        await fh.close().catch(() => undefined);
      }
    });
  }

  private open(): Promise<FileHandle> {
    return fs.open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  }

  private async writeAll(fh: FileHandle, bytes: Buffer, deadline: number): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      try {
        const { bytesWritten } = await fh.write(bytes, off, bytes.length - off, null);
        off += bytesWritten;
        continue;
      } catch (err) {
        if (!wouldBlock(err)) throw err;
      }
      if (Date.now() > deadline) throw new SendError('timeout', `${this.path} took ${off} of ${bytes.length} bytes and then stopped`, off > 0);
      await sleep(this.pollMs);
    }
  }

  private async discardPending(fh: FileHandle): Promise<void> {
    const scratch = Buffer.alloc(1024);
    for (let i = 0; i < 64; i++) {
      try {
        if ((await fh.read(scratch, 0, scratch.length, null)).bytesRead === 0) return;
      } catch (err) {
        if (wouldBlock(err)) return;
        throw err;
      }
    }
  }

  private async readReply(fh: FileHandle, complete: (b: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    const deadline = Date.now() + opts.replyTimeoutMs;
    const chunk = Buffer.alloc(512);
    const parts: Buffer[] = [];
    let size = 0;
    for (;;) {
      let n = 0;
      try {
        n = (await fh.read(chunk, 0, chunk.length, null)).bytesRead;
      } catch (err) {
        if (!wouldBlock(err)) throw err;
      }
      if (n > 0) {
        const room = opts.maxBytes - size;
        parts.push(Buffer.from(chunk.subarray(0, Math.min(n, room))));
        size += Math.min(n, room);
        const bytes = Buffer.concat(parts);
        if (n > room) return { bytes, timedOut: false, overflowed: true };
        if (complete(bytes)) return { bytes, timedOut: false, overflowed: false };
        continue;
      }
      if (Date.now() > deadline) return { bytes: Buffer.concat(parts), timedOut: true, overflowed: false };
      await sleep(this.pollMs);
    }
  }
}
