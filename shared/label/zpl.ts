// ZPL II text for a laid-out label: native barcode commands (^BC mode N with explicit subsets and
// FNC1 `>8`, ^BX ECC 200 with FNC1 `_1`, ^BQ), text through ^FH hex escapes under ^CI28 so `^`,
// `~` and non-ASCII data can never become commands, and images as ^GFA graphics supplied by the host.
import { fail, ok, type LabelResult } from './template';
import type { BarcodeItem, ImageItem, LabelLayout, TextItem } from './layout';

/** Key of an image at one placed size; the host converts each such image once (see imageKey users). */
export const imageKey = (item: Pick<ImageItem, 'src' | 'width' | 'height'>): string => `${item.src}@${item.width}x${item.height}`;

export interface ZplOptions {
  /** imageKey → `^GFA,…` command text (no ^FO/^FS), built by the runtime with zpl-image. */
  readonly graphics?: ReadonlyMap<string, string>;
  /** Copies of this label (^PQ). */
  readonly copies?: number;
}

/** UTF-8 bytes of one code point (written by hand: shared/ has no TextEncoder type). */
export function utf8(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000) return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  return [0xf0 | (codePoint >> 18), 0x80 | ((codePoint >> 12) & 0x3f), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
}

const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/**
 * Field data for `^FH<indicator>`: printable ASCII passes, except the indicator itself, `^`, `~`
 * and whatever `extra` names, which are written as hex bytes; everything else as UTF-8 hex bytes.
 */
export function fhEscape(text: string, indicator = '_', extra = ''): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const special = ch === indicator || ch === '^' || ch === '~' || extra.includes(ch);
    if (cp >= 0x20 && cp <= 0x7e && !special) out += ch;
    else out += utf8(cp).map((b) => indicator + hex(b)).join('');
  }
  return out;
}

const JUSTIFY = { left: 'L', center: 'C', right: 'R' } as const;

function text(item: TextItem): string {
  // ^FB reads `\&` as a line break and `\\` as a backslash, so backslashes in data are doubled
  // before hex escaping, and line breaks are ours (the layout wrapped the text already).
  const body = item.lines.map((l) => fhEscape(l.replace(/\\/g, '\\\\'), '_', '\\')).join('\\&');
  return `^FO${item.x},${item.y}^A0N,${item.fontHeight},${item.fontHeight}^FB${item.width},${item.lines.length},0,${JUSTIFY[item.align]},0${item.reverse ? '^FR' : ''}^FH_^FD${body}^FS`;
}

/** Data Matrix field data with `_` as escape character: `_1` is FNC1, `__` an underscore. */
function dataMatrixData(item: BarcodeItem): { fh: string; data: string } {
  const gs1 = item.content.kind === 'gs1';
  let data = gs1 ? '_1' : '';
  for (const ch of item.data) data += ch === '\u001d' ? '_1' : ch === '_' ? '__' : ch;
  // `^` and `~` are possible only in plain data; ^FH runs before the escape processing.
  return /[\^~]/.test(data) ? { fh: '^FH\\', data: fhEscape(data, '\\') } : { fh: '', data };
}

function barcode(item: BarcodeItem): string {
  const at = `^FO${item.x},${item.y}`;
  const g = item.geometry;
  switch (g.symbology) {
    case 'gs1-128':
    case 'code128':
      // Mode N with our own start/shift codes: the printer draws exactly the planned codewords.
      return `${at}^BY${item.module}^BCN,${item.height},N,N,N,N^FD${g.plan.zpl}^FS`;
    case 'gs1-datamatrix':
    case 'datamatrix': {
      const { fh, data } = dataMatrixData(item);
      return `${at}^BXN,${item.module},200,${g.size},${g.size},6,_${fh}^FD${data}^FS`;
    }
    case 'qr': {
      // Manual byte mode with the byte count: the printer cannot pick another mode (and size).
      const n = String(item.data.length).padStart(4, '0');
      const fh = /[\^~]/.test(item.data) ? '^FH\\' : '';
      const data = fh ? fhEscape(item.data, '\\') : item.data;
      return `${at}^BQN,2,${item.module}${fh}^FD${g.ecc}M,B${n}${data}^FS`;
    }
  }
}

/** The label as ZPL II; fails only when an image's graphic was not supplied. */
export function renderZpl(layout: LabelLayout, opts: ZplOptions = {}): LabelResult<string> {
  const out: string[] = ['^XA', '^CI28', `^PW${layout.width}`, `^LL${layout.height}`, '^LH0,0'];
  const missing: string[] = [];
  for (const item of layout.items) {
    switch (item.kind) {
      case 'text':
        out.push(text(item));
        break;
      case 'box': {
        const t = item.fill ? Math.min(item.width, item.height) : item.border;
        out.push(`^FO${item.x},${item.y}^GB${item.width},${item.height},${t},B,0^FS`);
        break;
      }
      case 'image': {
        const gfa = opts.graphics?.get(imageKey(item));
        if (gfa === undefined) missing.push(item.src);
        else out.push(`^FO${item.x},${item.y}${gfa}^FS`);
        break;
      }
      case 'barcode':
        out.push(barcode(item));
        break;
    }
  }
  if (missing.length) return fail(missing.map((src) => ({ field: `image ${src}`, message: 'no printer graphic was prepared for this image' })));
  out.push(`^PQ${Math.max(1, Math.floor(opts.copies ?? 1))}`, '^XZ');
  return ok(out.join('\n') + '\n');
}
