// The byte pipe under a label printer: a job goes out in one piece, a status query comes back
// as bytes. TCP, the usblp character device and USB bulk endpoints each implement it, so the
// Zebra driver and the print queue are the same whatever the cable.
import type { TcpDeviceUri } from '../../../../shared/devices/uri';
import { tcpQuery, tcpSend } from '../transport/tcp';

export interface PrinterQueryResult {
  readonly bytes: Buffer;
  /** The reply was not complete (by `complete`) when the time ran out. */
  readonly timedOut: boolean;
  readonly overflowed: boolean;
}

export interface PrinterLink {
  /**
   * Sends one job. Rejects with SendError; `mayHavePrinted` is false only when no byte can
   * have left. `onWriting` runs right before the first byte is written (the point of no return).
   */
  send(payload: Buffer, opts?: { onWriting?: () => void }): Promise<void>;
  /** Sends a query and collects the reply until `complete(bytes)`, the deadline or maxBytes. */
  query(query: Buffer, complete: (bytes: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult>;
  /** Lets go of the device (USB handles, claimed interfaces); the link may be used again after. */
  close?(): Promise<void>;
}

export interface TcpLinkOptions {
  readonly connectTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
}

/** Raw port 9100: one connection per job or query. */
export function tcpPrinterLink(target: TcpDeviceUri, opts: TcpLinkOptions = {}): PrinterLink {
  return {
    send: (payload, o = {}) => tcpSend(target, payload, { connectTimeoutMs: opts.connectTimeoutMs, closeTimeoutMs: opts.closeTimeoutMs, ...o }),
    query: (q, complete, o) => tcpQuery(target, q, complete, { connectTimeoutMs: opts.connectTimeoutMs, replyTimeoutMs: o.replyTimeoutMs, maxBytes: o.maxBytes }),
  };
}

/** One operation at a time on a device that has one pipe: a status query must not cut into a job. */
export class Exclusive {
  private chain: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
