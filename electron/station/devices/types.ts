// The small interfaces the station runtime consumes; drivers and simulators implement them.
import type { EventEmitter } from 'node:events';
import type { DeviceRef, DeviceState, ScaleReading, ScanEvent } from '../../../shared/devices/status';
import type { DeviceError } from './errors';
import type { LabelPrinterStatus } from './printer/zpl-status';

/** Events every device emits: live state changes, and device errors that did not stop it. */
export type DeviceEvents = {
  state: [DeviceState];
  /** Garbage, truncated or over-long bytes, rejected commands: reported, never thrown at random. */
  deviceError: [DeviceError];
};

export interface Device<E extends DeviceEvents & Record<keyof E, unknown[]> = DeviceEvents> extends EventEmitter<E> {
  readonly ref: DeviceRef;
  readonly state: DeviceState;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type ScanSourceEvents = DeviceEvents & {
  /** Exactly once per scan. */
  scan: [ScanEvent];
};
export type ScanSource = Device<ScanSourceEvents>;

export type ScaleEvents = DeviceEvents & {
  reading: [ScaleReading];
};
export interface Scale extends Device<ScaleEvents> {
  /** A stable net weight; DeviceError unstable/overload/underload/timeout/disconnected otherwise. */
  readStable(timeoutMs: number): Promise<ScaleReading>;
  /** Whatever the scale shows now, stable or not, including out-of-range (grams null). */
  readImmediate(): Promise<ScaleReading>;
  zero(): Promise<void>;
  /** Tares the load on the pan; resolves with the tare weight. */
  tare(): Promise<ScaleReading>;
  clearTare(): Promise<void>;
  /** Emit `reading` events every intervalMs until stopLive(). */
  startLive(intervalMs?: number): void;
  stopLive(): void;
}

export interface LabelJob {
  /** Caller's id; the print queue's job id. */
  readonly id: string;
  readonly zpl: string;
}


export interface LabelPrinter {
  readonly ref: DeviceRef;
  /** Sends one job. Rejects with SendError; its `mayHavePrinted` drives the queue's uncertainty rule. */
  send(job: LabelJob, opts?: { onWriting?: () => void }): Promise<void>;
  status(): Promise<LabelPrinterStatus>;
  /** Lets go of the device (a USB interface claimed for the job); optional for connectionless cables. */
  close?(): Promise<void>;
}

export interface TicketLine {
  readonly text: string;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  readonly size?: 'normal' | 'double';
}
export interface Ticket {
  readonly lines: readonly TicketLine[];
  readonly cut?: boolean;
}
export interface TicketPrinter {
  readonly ref: DeviceRef;
  print(ticket: Ticket): Promise<void>;
}
