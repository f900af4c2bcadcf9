// Decoding USB HID reports from scanners and scales opened directly (node-hid), without the
// OS keyboard path: HID POS scanner reports (usage page 0x8C), HID scale reports (0x8D) and
// boot-keyboard reports from scanners in keyboard mode. Pure; report bytes in, values out.
import { GRAMS_PER, type ScaleReading, type WeightUnit } from '../../../../shared/devices/status';

/** First Usage Page in a report descriptor: tells a POS scanner (0x8c) from a scale (0x8d) or keyboard (0x01/usage 6). */
export function topUsage(descriptor: Uint8Array): { usagePage: number; usage: number } | undefined {
  let usagePage: number | undefined;
  for (let i = 0; i < descriptor.length; ) {
    const prefix = descriptor[i]!;
    if (prefix === 0xfe) {
      i += 3 + (descriptor[i + 1] ?? 0); // long item
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    let value = 0;
    for (let b = 0; b < size; b++) value |= (descriptor[i + 1 + b] ?? 0) << (8 * b);
    const tag = prefix & 0xfc;
    if (tag === 0x04) usagePage = value; // Usage Page (global)
    if (tag === 0x08 && usagePage !== undefined) return { usagePage, usage: value }; // first Usage (local)
    i += 1 + size;
  }
  return undefined;
}

/**
 * Where a HID POS scanner puts things in its input report. Vendors differ; this default is
 * the layout Honeywell documents for its HID POS mode (report id 2, length, data, AIM id,
 * continuation flag). Check it against a report recorded from the actual model.
 */
export interface HidPosLayout {
  readonly reportId: number;
  readonly lengthOffset: number;
  readonly dataOffset: number;
  readonly dataMax: number;
  /** Three bytes `]` code modifier, or undefined when the report carries none. */
  readonly aimOffset?: number;
  readonly moreOffset: number;
  readonly moreMask: number;
}

export const HONEYWELL_HID_POS: HidPosLayout = { reportId: 0x02, lengthOffset: 1, dataOffset: 2, dataMax: 56, aimOffset: 58, moreOffset: 63, moreMask: 0x01 };

export type HidPosChunk =
  | { readonly ok: true; readonly data: Buffer; readonly symbologyId?: string; readonly more: boolean }
  | { readonly ok: false; readonly why: string };

export function decodeHidPosReport(report: Uint8Array, layout: HidPosLayout = HONEYWELL_HID_POS): HidPosChunk {
  if (report[0] !== layout.reportId) return { ok: false, why: `report id ${report[0] ?? 'missing'}, expected ${layout.reportId}` };
  if (report.length <= layout.moreOffset) return { ok: false, why: `report of ${report.length} bytes is too short` };
  const len = report[layout.lengthOffset]!;
  if (len > layout.dataMax) return { ok: false, why: `length ${len} exceeds ${layout.dataMax}` };
  const data = Buffer.from(report.subarray(layout.dataOffset, layout.dataOffset + len));
  let symbologyId: string | undefined;
  if (layout.aimOffset !== undefined) {
    const aim = Buffer.from(report.subarray(layout.aimOffset, layout.aimOffset + 3)).toString('latin1');
    if (/^\][A-Za-z][0-9A-Za-z]$/.test(aim)) symbologyId = aim;
  }
  return { ok: true, data, ...(symbologyId ? { symbologyId } : {}), more: (report[layout.moreOffset]! & layout.moreMask) !== 0 };
}

/** Joins continuation reports into whole scans; bounded so a stuck "more" flag cannot grow memory. */
export class HidPosAssembler {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly layout: HidPosLayout = HONEYWELL_HID_POS,
    private readonly maxScan = 8192,
  ) {}

  push(report: Uint8Array): { kind: 'scan'; text: string; symbologyId?: string } | { kind: 'error'; why: string } | undefined {
    const c = decodeHidPosReport(report, this.layout);
    if (!c.ok) return { kind: 'error', why: c.why };
    this.parts.push(c.data);
    this.size += c.data.length;
    if (this.size > this.maxScan) {
      this.parts = [];
      this.size = 0;
      return { kind: 'error', why: `scan longer than ${this.maxScan} bytes` };
    }
    if (c.more) return undefined;
    const text = Buffer.concat(this.parts).toString('latin1');
    this.parts = [];
    this.size = 0;
    return { kind: 'scan', text, ...(c.symbologyId ? { symbologyId: c.symbologyId } : {}) };
  }
}

/** HID POS Usage Tables, Weighing Devices: unit codes of the scale data report. */
const HID_SCALE_UNITS: Readonly<Record<number, WeightUnit>> = { 1: 'mg', 2: 'g', 3: 'kg', 4: 'ct', 11: 'oz', 12: 'lb' };

/**
 * A HID scale data report: [report id 3, status, unit, exponent (int8), weight LSB, MSB].
 * Status: 1 fault, 2 stable at zero, 3 in motion, 4 stable, 5 under zero, 6 over limit,
 * 7 needs calibration, 8 needs re-zeroing.
 */
export function decodeHidScaleReport(report: Uint8Array, receivedAt: number): ScaleReading | { readonly error: string } {
  if (report.length < 6 || report[0] !== 0x03) return { error: 'not a scale data report (id 3, 6 bytes)' };
  const status = report[1]!;
  const unit = HID_SCALE_UNITS[report[2]!];
  if (!unit) return { error: `unit code ${report[2]} not supported` };
  const exp = (report[3]! << 24) >> 24;
  const raw = report[4]! | (report[5]! << 8);
  const value = Number((raw * 10 ** exp).toFixed(Math.max(0, -exp)));
  const grams = (v: number) => Number((v * GRAMS_PER[unit]).toPrecision(9));
  switch (status) {
    case 2:
      return { grams: 0, value: 0, unit, stable: true, range: 'ok', receivedAt };
    case 3:
      return { grams: grams(value), value, unit, stable: false, range: 'ok', receivedAt };
    case 4:
      return { grams: grams(value), value, unit, stable: true, range: 'ok', receivedAt };
    case 5:
      return { grams: null, value: null, unit, stable: false, range: 'underload', receivedAt };
    case 6:
      return { grams: null, value: null, unit, stable: false, range: 'overload', receivedAt };
    case 1:
      return { error: 'scale fault' };
    case 7:
      return { error: 'scale needs calibration' };
    case 8:
      return { error: 'scale needs re-zeroing' };
    default:
      return { error: `unknown scale status ${status}` };
  }
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '1234567890';
const SHIFT_DIGITS = '!@#$%^&*()';
/** HID usages 0x2c..0x38 (space, punctuation) on a US layout: [unshifted, shifted]. */
const PUNCT: Readonly<Record<number, [string, string]>> = {
  0x2c: [' ', ' '], 0x2d: ['-', '_'], 0x2e: ['=', '+'], 0x2f: ['[', '{'], 0x30: [']', '}'], 0x31: ['\\', '|'],
  0x33: [';', ':'], 0x34: ["'", '"'], 0x35: ['`', '~'], 0x36: [',', '<'], 0x37: ['.', '>'], 0x38: ['/', '?'],
};

/**
 * Boot-keyboard reports ([modifiers, reserved, key1..key6]) to text, US layout. Only newly
 * pressed keys count, so a key held across reports types once. Enter ends a scan.
 */
export class BootKeyboardDecoder {
  private held = new Set<number>();
  private text = '';

  constructor(private readonly maxScan = 8192) {}

  push(report: Uint8Array): { kind: 'scan'; text: string } | { kind: 'error'; why: string } | undefined {
    if (report.length !== 8) return { kind: 'error', why: `keyboard report of ${report.length} bytes, expected 8` };
    const shift = (report[0]! & 0x22) !== 0;
    const ctrl = (report[0]! & 0x11) !== 0;
    const now = new Set<number>();
    let result: ReturnType<BootKeyboardDecoder['push']>;
    for (const usage of report.subarray(2)) {
      if (usage === 0) continue;
      now.add(usage);
      if (this.held.has(usage)) continue;
      if (usage === 0x28) {
        result = { kind: 'scan', text: this.text };
        this.text = '';
        continue;
      }
      if (ctrl && usage === 0x30) this.text += '\u001d'; // Ctrl+] is GS
      else this.text += char(usage, shift);
    }
    this.held = now;
    if (this.text.length > this.maxScan) {
      this.text = '';
      return { kind: 'error', why: `more than ${this.maxScan} characters without Enter` };
    }
    return result;
  }
}

function char(usage: number, shift: boolean): string {
  if (usage >= 0x04 && usage <= 0x1d) {
    const c = LOWER[usage - 0x04]!;
    return shift ? c.toUpperCase() : c;
  }
  if (usage >= 0x1e && usage <= 0x27) return (shift ? SHIFT_DIGITS : DIGITS)[usage - 0x1e]!;
  const p = PUNCT[usage];
  return p ? p[shift ? 1 : 0] : '';
}
