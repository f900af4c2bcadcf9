// A barcode scanner on a serial port (or USB CDC-ACM): frames by terminator or idle gap and
// emits each scan exactly once; bad frames are device errors, and the port is reopened when
// it comes back.
import { EventEmitter } from 'node:events';
import { toScanText, type ScanTextOptions } from '../../../../shared/devices/scan-text';
import type { DeviceRef, DeviceState } from '../../../../shared/devices/status';
import type { SerialDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, showBytes } from '../errors';
import { TimedFramer, type FrameEvent } from '../framer';
import { SerialLink } from '../transport/serial';
import type { ScanSource, ScanSourceEvents } from '../types';

export interface SerialScannerOptions extends ScanTextOptions {
  /** Longest scan accepted; 2D codes carry up to ~3 KB, so 4 KiB by default. */
  readonly maxScan?: number;
  readonly reconnectPollMs?: number;
  readonly now?: () => number;
}

export class SerialScanner extends EventEmitter<ScanSourceEvents> implements ScanSource {
  private readonly link: SerialLink;
  private readonly framer: TimedFramer;
  private readonly now: () => number;

  constructor(
    uri: SerialDeviceUri,
    readonly ref: DeviceRef,
    private readonly opts: SerialScannerOptions = {},
  ) {
    super();
    this.now = opts.now ?? Date.now;
    this.link = new SerialLink(uri, { reconnectPollMs: opts.reconnectPollMs });
    this.framer = new TimedFramer({ terminator: uri.terminator, maxFrame: opts.maxScan ?? 4096, idleMs: uri.idleMs }, (e) => this.onFrame(e));
    this.link.on('data', (d) => this.framer.push(d));
    this.link.on('state', (s) => {
      if (s.state === 'error') this.framer.reset();
      this.emit('state', s);
    });
  }

  get state(): DeviceState {
    return this.link.state;
  }

  start(): Promise<void> {
    return this.link.start();
  }

  async stop(): Promise<void> {
    this.framer.reset();
    await this.link.stop();
  }

  private onFrame(e: FrameEvent): void {
    if (e.kind !== 'frame') {
      this.emit('deviceError', new DeviceError(e.kind, e.kind === 'overlong' ? 'scan longer than the limit, dropped' : 'scan cut off before its terminator, dropped', showBytes(e.bytes)));
      return;
    }
    // latin1 maps each byte to one char: scanners send bytes, and GS (0x1d) must survive.
    const r = toScanText(e.bytes.toString('latin1'), this.opts);
    if (!r.ok) {
      this.emit('deviceError', new DeviceError('garbage', r.why, showBytes(e.bytes)));
      return;
    }
    this.emit('scan', { text: r.text, ...(r.symbologyId ? { symbologyId: r.symbologyId } : {}), source: this.ref, receivedAt: this.now() });
  }
}
