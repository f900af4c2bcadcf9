// A Zebra printer on any byte pipe (raw TCP 9100, usblp, USB bulk endpoints): jobs are ZPL
// bytes, status is `~HS`. A printer that never answers `~HS` (some firmwares, print servers,
// write-only USB) is reported as silent, not as broken.
import type { DeviceRef, DeviceState } from '../../../../shared/devices/status';
import type { TcpDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError } from '../errors';
import type { LabelJob, LabelPrinter } from '../types';
import { tcpPrinterLink, type PrinterLink } from './link';
import { blockingReasons, HS_QUERY, hsComplete, parseHostStatus, type LabelPrinterStatus } from './zpl-status';

export type ZebraStatus = LabelPrinterStatus;

export interface ZebraOptions {
  readonly statusTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
}

const MAX_JOB_BYTES = 16 * 1024 * 1024;

export class ZebraPrinter implements LabelPrinter {
  readonly link: PrinterLink;

  /** A tcp:// address gets the raw-9100 link; any other cable passes its own link. */
  constructor(
    target: TcpDeviceUri | PrinterLink,
    readonly ref: DeviceRef,
    private readonly opts: ZebraOptions = {},
  ) {
    this.link = 'kind' in target ? tcpPrinterLink(target, { connectTimeoutMs: opts.connectTimeoutMs, closeTimeoutMs: opts.closeTimeoutMs }) : target;
  }

  async send(job: LabelJob, opts: { onWriting?: () => void } = {}): Promise<void> {
    validateZpl(job.zpl);
    await this.link.send(Buffer.from(job.zpl, 'utf8'), opts);
  }

  /** Parsed `~HS`; `{reachable:false, silent:true}` when the printer accepts the query and says nothing. */
  async status(): Promise<ZebraStatus> {
    const r = await this.link.query(Buffer.from(HS_QUERY), hsComplete, { replyTimeoutMs: this.opts.statusTimeoutMs ?? 1500, maxBytes: 1024 });
    if (r.overflowed) throw new DeviceError('overlong', 'the printer answered ~HS with more than 1 KiB');
    if (r.bytes.length === 0) return { reachable: false, silent: true };
    const parsed = parseHostStatus(r.bytes.toString('latin1'));
    if (!parsed.ok) throw new DeviceError(r.timedOut ? 'truncated' : 'garbage', `unreadable ~HS answer: ${parsed.why}`);
    return parsed.status;
  }

  async close(): Promise<void> {
    await this.link.close?.();
  }
}

/** The live state a status stands for: what the UI shows and what blocks printing. */
export function printerState(s: ZebraStatus): DeviceState {
  if (!s.reachable) return { state: 'error', code: 'silent', message: 'the printer does not answer status requests; its state is unknown' };
  const [first, ...more] = blockingReasons(s);
  if (first) return { state: 'error', code: first, message: [first, ...more].join(', ').replaceAll('_', ' ') };
  if (s.formatsInBuffer > 0 || s.labelsRemaining > 0) return { state: 'busy', what: `${s.formatsInBuffer} formats, ${s.labelsRemaining} labels to print` };
  return { state: 'ok' };
}

/** Rejects what cannot be a label before it reaches a printer that would print garbage. */
export function validateZpl(zpl: string): void {
  if (Buffer.byteLength(zpl) > MAX_JOB_BYTES) throw new DeviceError('overlong', 'label job larger than 16 MiB');
  const t = zpl.trim();
  if (!t.startsWith('^XA') || !t.endsWith('^XZ')) throw new DeviceError('command_rejected', 'a label job must start with ^XA and end with ^XZ');
}
