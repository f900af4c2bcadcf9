// A Zebra printer on raw TCP (port 9100): jobs are ZPL bytes, status is `~HS`. A printer that
// never answers `~HS` (some firmwares, print servers) is reported as silent, not as broken.
import type { DeviceRef, DeviceState } from '../../../../shared/devices/status';
import type { TcpDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError } from '../errors';
import { tcpQuery, tcpSend, type TcpSendOptions } from '../transport/tcp';
import type { LabelJob, LabelPrinter } from '../types';
import { blockingReasons, HS_QUERY, hsComplete, parseHostStatus, type LabelPrinterStatus } from './zpl-status';

export type ZebraStatus = LabelPrinterStatus;

export interface ZebraOptions {
  readonly statusTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
}

const MAX_JOB_BYTES = 16 * 1024 * 1024;

export class ZebraPrinter implements LabelPrinter {
  constructor(
    readonly uri: TcpDeviceUri,
    readonly ref: DeviceRef,
    private readonly opts: ZebraOptions = {},
  ) {}

  async send(job: LabelJob, opts: Pick<TcpSendOptions, 'onWriting'> = {}): Promise<void> {
    validateZpl(job.zpl);
    await tcpSend(this.uri, Buffer.from(job.zpl, 'utf8'), {
      connectTimeoutMs: this.opts.connectTimeoutMs,
      closeTimeoutMs: this.opts.closeTimeoutMs,
      ...opts,
    });
  }

  /** Parsed `~HS`; `{reachable:false, silent:true}` when the printer accepts the query and says nothing. */
  async status(): Promise<ZebraStatus> {
    const r = await tcpQuery(this.uri, Buffer.from(HS_QUERY), hsComplete, {
      connectTimeoutMs: this.opts.connectTimeoutMs,
      replyTimeoutMs: this.opts.statusTimeoutMs ?? 1500,
      maxBytes: 1024,
    });
    if (r.overflowed) throw new DeviceError('overlong', 'the printer answered ~HS with more than 1 KiB');
    if (r.bytes.length === 0) return { reachable: false, silent: true };
    const parsed = parseHostStatus(r.bytes.toString('latin1'));
    if (!parsed.ok) throw new DeviceError(r.timedOut ? 'truncated' : 'garbage', `unreadable ~HS answer: ${parsed.why}`);
    return parsed.status;
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
