// MT-SICS (Mettler Toledo Standard Interface Command Set) level 0/1 framing: command encoding
// and response decoding, pure. Lines end in CR LF; one response per command.
import { WeightUnit } from '../../../../shared/devices/status';

/** Commands this driver uses. `@` (reset) answers like I4. */
export type MtSicsCommand = 'S' | 'SI' | 'Z' | 'T' | 'TA' | 'TAC' | '@' | 'I4';

/** The response identifier that answers each command. */
export const RESPONSE_ID: Readonly<Record<MtSicsCommand, string>> = {
  S: 'S',
  SI: 'S',
  Z: 'Z',
  T: 'T',
  TA: 'TA',
  TAC: 'TAC',
  '@': 'I4',
  I4: 'I4',
};

export type MtSicsResponse =
  /** S/SI/T/TA: `S` stable, `D` dynamic (in motion); `A` for TA. */
  | { readonly kind: 'weight'; readonly id: string; readonly status: 'S' | 'D' | 'A'; readonly value: number; readonly unit: WeightUnit; readonly decimals: number }
  /** A acknowledged, I not executable now, + over range, - under range, L logical (bad parameter). */
  | { readonly kind: 'status'; readonly id: string; readonly status: 'A' | 'I' | '+' | '-' | 'L' }
  | { readonly kind: 'text'; readonly id: string; readonly status: 'A'; readonly text: string }
  /** ES syntax error, ET transmission error, EL logical error. */
  | { readonly kind: 'error'; readonly code: 'ES' | 'ET' | 'EL' }
  | { readonly kind: 'garbage'; readonly line: string; readonly why: string };

export function encodeCommand(cmd: MtSicsCommand, arg?: string): Buffer {
  return Buffer.from(`${cmd}${arg === undefined ? '' : ` ${arg}`}\r\n`, 'ascii');
}

const WEIGHT_IDS = new Set(['S', 'T', 'TA']);
const KNOWN_IDS = new Set(['S', 'Z', 'T', 'TA', 'TAC', 'I4']);

/** Decodes one response line (terminator already removed). Never throws. */
export function parseResponse(line: string): MtSicsResponse {
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7e]/.test(line)) return { kind: 'garbage', line, why: 'non-printable bytes' };
  const trimmed = line.trim();
  if (trimmed === 'ES' || trimmed === 'ET' || trimmed === 'EL') return { kind: 'error', code: trimmed };
  const m = /^([A-Z][A-Z0-9]*) +(\S)(?: +(.*))?$/.exec(trimmed);
  if (!m) return { kind: 'garbage', line, why: 'not an MT-SICS response' };
  const id = m[1]!;
  const status = m[2]!;
  const rest = m[3];
  if (!KNOWN_IDS.has(id)) return { kind: 'garbage', line, why: `unknown response "${id}"` };
  if (rest === undefined) {
    if (status === 'A' || status === 'I' || status === '+' || status === '-' || status === 'L') return { kind: 'status', id, status };
    return { kind: 'garbage', line, why: `status "${status}" needs a value` };
  }
  if (id === 'I4') {
    const t = /^"(.*)"$/.exec(rest);
    if (status !== 'A' || !t) return { kind: 'garbage', line, why: 'I4 answer is I4 A "serial"' };
    return { kind: 'text', id, status: 'A', text: t[1]! };
  }
  if (!WEIGHT_IDS.has(id) || (status !== 'S' && status !== 'D' && status !== 'A')) return { kind: 'garbage', line, why: `unexpected "${id} ${status}" with a value` };
  const w = /^(-?) *(\d+(?:\.(\d+))?) +(\S+)$/.exec(rest);
  if (!w) return { kind: 'garbage', line, why: `bad weight "${rest}"` };
  const unit = WeightUnit.safeParse(w[4]);
  if (!unit.success) return { kind: 'garbage', line, why: `unknown unit "${w[4]}"` };
  const value = Number(w[2]) * (w[1] === '-' ? -1 : 1);
  return { kind: 'weight', id, status, value, unit: unit.data, decimals: w[3]?.length ?? 0 };
}

/** What a balance sends for a weight: identifier, status, value right-aligned in 10, unit. */
export function formatWeight(id: string, status: 'S' | 'D' | 'A', value: number, decimals: number, unit: WeightUnit): string {
  return `${id} ${status} ${value.toFixed(decimals).padStart(10)} ${unit}`;
}
