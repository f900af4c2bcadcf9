// What a scanner would read from the barcodes of a ZPL job: the simulated Zebra keeps the
// bytes it was sent, and a demo "scan of the printed label" reads them back from those bytes
// (not from what the station meant to print), so a damaged job really reads as damaged.
const FNC1 = '\u0000FNC1\u0000';
const GS = '\u001d';

export interface ZplBarcode {
  readonly command: 'BC' | 'BX' | 'BQ';
  /** The text a scanner sends, with the AIM symbology identifier when the symbol is GS1. */
  readonly text: string;
}

/** ^BC in mode N with explicit subset codes: drop the code switches, keep the characters. */
function decodeCode128(fd: string): string {
  let out = '';
  for (let i = 0; i < fd.length; i++) {
    const c = fd[i]!;
    if (c !== '>' || i + 1 >= fd.length) {
      out += c;
      continue;
    }
    const code = fd[++i]!;
    if (code === '8') out += FNC1;
    else if (code === '0') out += '>';
    else if (code === '<') out += '^';
    else if (code === '=') out += '~';
    // >; >: >9 start codes and >5 >6 >7 subset switches carry no character.
  }
  return out;
}

/** ^BX with an escape character: `<esc>1` is FNC1, `<esc><esc>` the escape itself. */
function decodeDataMatrix(fd: string, esc: string | null): string {
  if (!esc) return fd;
  let out = '';
  for (let i = 0; i < fd.length; i++) {
    const c = fd[i]!;
    if (c === esc && i + 1 < fd.length) {
      const n = fd[++i]!;
      out += n === '1' ? FNC1 : n;
    } else out += c;
  }
  return out;
}

function withSymbology(raw: string, gs1Id: string): string {
  if (!raw.startsWith(FNC1)) return raw;
  return gs1Id + raw.slice(FNC1.length).split(FNC1).join(GS);
}

export function scanTextsFromZpl(zpl: string): ZplBarcode[] {
  const out: ZplBarcode[] = [];
  // Each field: an optional barcode command, then ^FD...^FS.
  const fields = zpl.split('^FS');
  for (const f of fields) {
    const bc = /\^BC[^^]*/.exec(f);
    const bx = /\^BX([^^]*)/.exec(f);
    const fd = /\^FD([\s\S]*)$/.exec(f);
    if (!fd) continue;
    if (bx) {
      const params = bx[1]!.split(',');
      const esc = params[6] && params[6].length === 1 ? params[6] : null;
      out.push({ command: 'BX', text: withSymbology(decodeDataMatrix(fd[1]!, esc), ']d2') });
    } else if (bc) {
      out.push({ command: 'BC', text: withSymbology(decodeCode128(fd[1]!), ']C1') });
    }
  }
  return out;
}

/** A worn or smudged label: one character of the data changed (never the symbology id). */
export function damage(text: string): string {
  const start = text.startsWith(']') ? 3 : 0;
  const i = text.length - 2 > start ? text.length - 2 : start;
  const c = text[i] ?? '0';
  const swapped = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === 'X' ? 'Y' : 'X';
  return text.slice(0, i) + swapped + text.slice(i + 1);
}
