// Undoes what keyboard-wedge scanners do to data before any format parser sees it, and records
// every change so the operator and the audit trail can see that the scan was altered.
import type { Repair } from './result';
import { repairOf } from './scan-messages';

export interface WedgeOptions {
  /**
   * What this station's wedge types for GS (ASCII 29), e.g. "^" or "|" when Alt+0029 lands as
   * another character on the keyboard layout. Every occurrence is taken as GS, so choose a
   * character that does not occur in the labels read at this station.
   */
  readonly gsSubstitute?: string;
  /** The wedge drops GS entirely: variable-length fields may run together; parsers say when that is ambiguous. */
  readonly gsDropped?: boolean;
  /** Text the scanner is configured to send before / after each scan. */
  readonly prefix?: string;
  readonly suffix?: string;
}

export interface WedgeRepaired {
  readonly text: string;
  readonly repairs: readonly Repair[];
}

const PICTURES: ReadonlyArray<readonly [string, string, 'GS' | 'RS' | 'EOT']> = [
  ['\u241d', '\u001d', 'GS'],
  ['\u241e', '\u001e', 'RS'],
  ['\u2404', '\u0004', 'EOT'],
];

function replaceAll(text: string, from: string, to: string): { text: string; count: number; first: number } {
  const first = text.indexOf(from);
  if (first < 0) return { text, count: 0, first };
  const parts = text.split(from);
  return { text: parts.join(to), count: parts.length - 1, first };
}

export function repairWedge(raw: string, opts: WedgeOptions = {}): WedgeRepaired {
  const repairs: Repair[] = [];
  let text = raw;

  const terminator = /(?:\r\n|\r|\n|\t)$/.exec(text);
  if (terminator) {
    text = text.slice(0, terminator.index);
    repairs.push(repairOf('terminator_stripped', {}, terminator.index));
  }
  if (opts.prefix && text.startsWith(opts.prefix)) {
    text = text.slice(opts.prefix.length);
    repairs.push(repairOf('prefix_stripped', { prefix: opts.prefix }, 0));
  }
  if (opts.suffix && text.endsWith(opts.suffix) && text.length > opts.suffix.length) {
    text = text.slice(0, -opts.suffix.length);
    repairs.push(repairOf('suffix_stripped', { suffix: opts.suffix }, text.length));
  }
  // A wedge that reads CR/LF inside the data as Enter splits one scan into two lines; labels on
  // this floor never carry line breaks, so the pieces belong together.
  const newline = text.search(/[\r\n]/);
  if (newline >= 0) {
    text = text.replace(/\r\n|\r|\n/g, '');
    repairs.push(repairOf('newline_joined', {}, newline));
  }
  for (const [picture, control, name] of PICTURES) {
    const r = replaceAll(text, picture, control);
    if (r.count) {
      text = r.text;
      repairs.push(repairOf('control_picture', { count: r.count, name }, r.first));
    }
  }
  if (opts.gsSubstitute) {
    const r = replaceAll(text, opts.gsSubstitute, '\u001d');
    if (r.count) {
      text = r.text;
      repairs.push(repairOf('gs_substitute', { count: r.count, char: opts.gsSubstitute }, r.first));
    }
  }
  // Some labels (and wedges that echo a keyboard's ">" for RS) carry ">[)>" instead of "[)>".
  if (text.startsWith('>[)>')) {
    text = text.slice(1);
    repairs.push(repairOf('header_fixed', {}, 0));
  }
  if (/^\[\)>\d\d/.test(text)) {
    text = `[)>\u001e${text.slice(3)}`;
    repairs.push(repairOf('rs_inserted', {}, 3));
  }
  return { text, repairs };
}
