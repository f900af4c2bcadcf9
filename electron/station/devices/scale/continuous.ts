// Scales that stream their weight without being asked: the Mettler Toledo continuous format
// (STX, status words A/B/C, 6-digit weight, 6-digit tare, CR, optional checksum). Pure decoding
// plus a driver that keeps the latest frame and answers readStable from the stream.
import { EventEmitter } from 'node:events';
import { GRAMS_PER, type DeviceRef, type DeviceState, type ScaleReading, type WeightUnit } from '../../../../shared/devices/status';
import type { SerialDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, showBytes } from '../errors';
import { TimedFramer, type FrameEvent } from '../framer';
import { SerialLink } from '../transport/serial';
import type { Scale, ScaleEvents } from '../types';

export type ToledoFrame =
  | { readonly ok: true; readonly value: number; readonly tare: number; readonly unit: WeightUnit; readonly net: boolean; readonly motion: boolean; readonly outOfRange: boolean }
  | { readonly ok: false; readonly why: string };

/** Decimal point position from status word A bits 0–2: multiplier on the 6 digits. */
const DP = [100, 10, 1, 0.1, 0.01, 0.001, 0.0001, 0.00001] as const;

/** Decodes one frame without its STX and CR: 3 status bytes and 12 digits. */
export function parseToledo(frame: Uint8Array): ToledoFrame {
  if (frame.length !== 15) return { ok: false, why: `frame of ${frame.length} bytes, expected 15` };
  const [a, b, c] = [frame[0]!, frame[1]!, frame[2]!];
  // Bit 5 is always set in all three status words: a cheap check that we are in sync.
  if (!(a & 0x20) || !(b & 0x20) || !(c & 0x20)) return { ok: false, why: 'status bytes lack their fixed bit' };
  const digits = Buffer.from(frame.subarray(3)).toString('latin1');
  if (!/^[0-9 ]{12}$/.test(digits)) return { ok: false, why: 'weight and tare must be digits' };
  const mult = DP[a & 0x07]!;
  const num = (s: string) => Number(s.trim() || '0') * mult;
  const unitBits = c & 0x07;
  const unit: WeightUnit | undefined = unitBits === 0 ? (b & 0x10 ? 'kg' : 'lb') : unitBits === 1 ? 'g' : unitBits === 3 ? 'oz' : undefined;
  if (!unit) return { ok: false, why: `unit code ${unitBits} not supported` };
  const sign = b & 0x02 ? -1 : 1;
  return { ok: true, value: Number((sign * num(digits.slice(0, 6))).toFixed(5)), tare: Number(num(digits.slice(6)).toFixed(5)), unit, net: (b & 0x01) !== 0, motion: (b & 0x08) !== 0, outOfRange: (b & 0x04) !== 0 };
}

/** Builds a frame (for tests and a future simulator). */
export function formatToledo(f: { value: number; tare?: number; decimals: 0 | 1 | 2 | 3; unit: 'kg' | 'lb' | 'g'; motion?: boolean; outOfRange?: boolean }): Buffer {
  const a = 0x20 | (2 + f.decimals) | 0x08; // count by 1
  const b = 0x20 | (f.value < 0 ? 0x02 : 0) | (f.outOfRange ? 0x04 : 0) | (f.motion ? 0x08 : 0) | (f.unit === 'kg' ? 0x10 : 0);
  const c = 0x20 | (f.unit === 'g' ? 1 : 0);
  const six = (x: number) => String(Math.round(Math.abs(x) * 10 ** f.decimals)).padStart(6, '0').slice(-6);
  return Buffer.concat([Buffer.from([0x02, a, b, c]), Buffer.from(`${six(f.value)}${six(f.tare ?? 0)}\r`, 'latin1')]);
}

export class ContinuousScale extends EventEmitter<ScaleEvents> implements Scale {
  private readonly link: SerialLink;
  private readonly framer: TimedFramer;
  private latest: ScaleReading | undefined;
  /** The tare field of the last frame, in the displayed unit and in grams. */
  private latestTare: number | undefined;
  private latestTareGrams: number | undefined;
  private waiters: Array<(r: ScaleReading) => void> = [];
  private live = false;

  constructor(
    uri: SerialDeviceUri,
    readonly ref: DeviceRef,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.link = new SerialLink(uri);
    this.framer = new TimedFramer({ terminator: 'CR', maxFrame: 32, idleMs: Math.max(uri.idleMs, 200) }, (e) => this.onFrame(e));
    this.link.on('data', (d) => this.framer.push(d));
    this.link.on('state', (s) => {
      // A reading from before an unplug is not what the platform holds now.
      if (s.state === 'error') {
        this.latest = undefined;
        this.framer.reset();
      }
      this.emit('state', s);
    });
  }

  get state(): DeviceState {
    return this.link.state;
  }

  start(): Promise<void> {
    return this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  async readImmediate(): Promise<ScaleReading> {
    this.mustBeOpen();
    return this.latest ?? this.next(() => true, 2000);
  }

  /** Waits for a stable frame; a stream of motion frames is `unstable`, no frames at all `timeout`. */
  async readStable(timeoutMs: number): Promise<ScaleReading> {
    this.mustBeOpen();
    let frames = 0;
    const r = await this.next((x) => (frames++, x.stable || x.range !== 'ok'), timeoutMs).catch(() => {
      throw frames > 0 ? new DeviceError('unstable', `no stable weight within ${timeoutMs} ms (in motion)`) : new DeviceError('timeout', `the scale sent nothing for ${timeoutMs} ms`);
    });
    if (r.range !== 'ok') throw new DeviceError(r.range, `the scale is ${r.range === 'overload' ? 'overloaded' : 'under range'}`);
    return r;
  }

  private mustBeOpen(): void {
    if (!this.link.isOpen) throw new DeviceError('disconnected', this.link.state.state === 'error' ? this.link.state.message : 'the scale port is not open');
  }

  // Toledo indicators accept single ASCII commands on the same port: Z zero, T tare, C clear.
  // The format has no acknowledgement: a refused command (platform in motion) shows only in
  // the frames that follow, so tare() waits for a stable frame whose tare field is set.
  async zero(): Promise<void> {
    await this.link.write('Z');
  }

  async tare(): Promise<ScaleReading> {
    await this.link.write('T');
    const r = await this.next((x) => x.stable && (this.latestTare ?? 0) > 0, 3000).catch(() => {
      throw new DeviceError('not_executable', 'the scale did not take the tare (in motion, out of range or nothing on the platform)');
    });
    return { ...r, grams: this.latestTareGrams ?? r.grams, value: this.latestTare ?? r.value };
  }

  async clearTare(): Promise<void> {
    await this.link.write('C');
  }

  startLive(): void {
    this.live = true;
  }

  stopLive(): void {
    this.live = false;
  }

  private next(pred: (r: ScaleReading) => boolean, timeoutMs: number): Promise<ScaleReading> {
    return new Promise((resolve, reject) => {
      const w = (r: ScaleReading) => {
        if (!pred(r)) return;
        clearTimeout(t);
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve(r);
      };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new DeviceError('timeout', `no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  private onFrame(e: FrameEvent): void {
    if (e.kind !== 'frame') {
      this.emit('deviceError', new DeviceError(e.kind, `${e.kind} frame from the scale`, showBytes(e.bytes)));
      return;
    }
    // A checksum byte after CR lands in front of the next frame: start at the last STX.
    const stx = e.bytes.lastIndexOf(0x02);
    const f = parseToledo(stx >= 0 ? e.bytes.subarray(stx + 1) : e.bytes);
    if (!f.ok) {
      this.emit('deviceError', new DeviceError('garbage', `unreadable frame: ${f.why}`, showBytes(e.bytes)));
      return;
    }
    this.latestTare = f.tare;
    this.latestTareGrams = Number((f.tare * GRAMS_PER[f.unit]).toPrecision(9));
    const r: ScaleReading = f.outOfRange
      ? { grams: null, value: null, unit: f.unit, stable: false, range: f.value < 0 ? 'underload' : 'overload', receivedAt: this.now() }
      : { grams: Number((f.value * GRAMS_PER[f.unit]).toPrecision(9)), value: f.value, unit: f.unit, stable: !f.motion, range: 'ok', receivedAt: this.now() };
    this.latest = r;
    if (this.live) this.emit('reading', r);
    for (const w of [...this.waiters]) w(r);
  }
}
