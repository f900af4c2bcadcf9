// Short TCP conversations with printers: send a job, or send a query and read the answer.
// What matters for "never print twice" is knowing whether any byte may have left.
import { Socket } from 'node:net';
import { DeviceError, SendError } from '../errors';

export interface TcpTarget {
  readonly host: string;
  readonly port: number;
}

/** Raised by tcpSend; `mayHavePrinted` is false only when no byte can have reached the device. */
export class TcpSendError extends SendError {}

export interface TcpSendOptions {
  readonly connectTimeoutMs?: number;
  /** After our FIN, how long the device may take to close its side. */
  readonly closeTimeoutMs?: number;
  /** Called once connected, right before the first byte is written (the point of no return). */
  readonly onWriting?: () => void;
}

/**
 * Writes the payload and half-closes; resolves when the device has closed its side too, which
 * for raw port 9100 means it has read everything.
 */
export function tcpSend(target: TcpTarget, payload: Buffer, opts: TcpSendOptions = {}): Promise<void> {
  const connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
  const closeTimeoutMs = opts.closeTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    let writing = false;
    let done = false;
    const finish = (err?: TcpSendError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve();
    };
    let timer = setTimeout(() => finish(new TcpSendError('timeout', `connect to ${target.host}:${target.port} timed out`, false)), connectTimeoutMs);
    sock.once('error', (err) =>
      finish(new TcpSendError(writing ? 'io' : 'disconnected', `${target.host}:${target.port}: ${err.message}`, writing)),
    );
    sock.on('data', () => undefined);
    sock.connect(target.port, target.host, () => {
      clearTimeout(timer);
      writing = true;
      opts.onWriting?.();
      sock.end(payload);
      timer = setTimeout(
        () => finish(new TcpSendError('timeout', `${target.host}:${target.port} did not close after the job was sent`, true)),
        closeTimeoutMs,
      );
    });
    sock.once('close', () => {
      if (!writing) finish(new TcpSendError('disconnected', `${target.host}:${target.port} closed before the job was sent`, false));
      else if (sock.writableFinished) finish();
      else finish(new TcpSendError('io', `${target.host}:${target.port} dropped the connection during the job`, true));
    });
  });
}

export interface TcpQueryOptions {
  readonly connectTimeoutMs?: number;
  readonly replyTimeoutMs?: number;
  /** Reading stops at this many bytes: a device that floods cannot grow memory. */
  readonly maxBytes?: number;
}

export interface TcpQueryResult {
  readonly bytes: Buffer;
  /** The reply was not complete (by `complete`) when the time ran out. */
  readonly timedOut: boolean;
  readonly overflowed: boolean;
}

/** Sends a query and collects the reply until `complete(bytes)` says it is whole. */
export function tcpQuery(target: TcpTarget, query: Buffer, complete: (bytes: Buffer) => boolean, opts: TcpQueryOptions = {}): Promise<TcpQueryResult> {
  const maxBytes = opts.maxBytes ?? 4096;
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: TcpQueryResult | DeviceError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (r instanceof DeviceError) reject(r);
      else resolve(r);
    };
    let timer = setTimeout(() => finish(new DeviceError('disconnected', `connect to ${target.host}:${target.port} timed out`)), opts.connectTimeoutMs ?? 3000);
    sock.once('error', (err) => finish(new DeviceError('disconnected', `${target.host}:${target.port}: ${err.message}`)));
    sock.on('data', (d: Buffer) => {
      const room = maxBytes - size;
      chunks.push(d.subarray(0, room));
      size += Math.min(d.length, room);
      const bytes = Buffer.concat(chunks);
      if (d.length > room) finish({ bytes, timedOut: false, overflowed: true });
      else if (complete(bytes)) finish({ bytes, timedOut: false, overflowed: false });
    });
    sock.once('close', () => finish({ bytes: Buffer.concat(chunks), timedOut: false, overflowed: false }));
    sock.connect(target.port, target.host, () => {
      clearTimeout(timer);
      sock.write(query);
      timer = setTimeout(() => finish({ bytes: Buffer.concat(chunks), timedOut: true, overflowed: false }), opts.replyTimeoutMs ?? 2000);
    });
  });
}
