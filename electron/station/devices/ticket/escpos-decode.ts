// ESC/POS bytes back to what a receipt shows: text lines with their alignment and emphasis,
// cuts, and any command it does not know (reported, never guessed past silently). Bytes above
// 0x7f are read in the code page the ticket selected (ESC t n), as the printer would print them.
import iconv from 'iconv-lite';

export interface DecodedLine {
  readonly text: string;
  readonly align: 'left' | 'center' | 'right';
  readonly bold: boolean;
  readonly doubleHeight: boolean;
}

export interface DecodedTicket {
  readonly lines: DecodedLine[];
  readonly cuts: number;
  readonly barcodes: string[];
  readonly unknown: string[];
}

/** Fixed lengths (including ESC/GS and the command byte) of the commands we skip over. */
const ESC_LEN: Record<number, number> = {
  0x40: 2, // @ init
  0x21: 3, // ! print mode
  0x45: 3, // E bold
  0x2d: 3, // - underline
  0x61: 3, // a align
  0x74: 3, // t code page
  0x4d: 3, // M font
  0x64: 3, // d feed n lines
  0x32: 2, // 2 default line spacing
  0x33: 3, // 3 line spacing
  0x7b: 3, // { upside down
  0x70: 5, // p cash drawer
  0x42: 4, // B beep
  0x3d: 3, // = select peripheral
  0x47: 3, // G double strike
  0x52: 3, // R international set
};
const GS_LEN: Record<number, number> = {
  0x21: 3, // ! character size
  0x42: 3, // B invert
  0x72: 3, // r status
  0x68: 3, // h barcode height
  0x77: 3, // w barcode width
  0x48: 3, // H HRI position
  0x66: 3, // f HRI font
};

/** ESC t n → the code page's name (Epson's numbering); a printer starts in PC437. */
const CODE_PAGES: Record<number, string> = { 0: 'CP437', 2: 'CP850', 3: 'CP860', 4: 'CP863', 5: 'CP865', 16: 'CP1252', 17: 'CP866', 18: 'CP852', 19: 'CP858' };
const highHalves = new Map<string, string[]>();
/** The 128 characters a single-byte code page puts at 0x80–0xff. */
function highHalf(page: string): string[] {
  let t = highHalves.get(page);
  if (!t) {
    t = Array.from(iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, k) => 0x80 + k)), page));
    highHalves.set(page, t);
  }
  return t;
}

export function decodeEscPos(bytes: Uint8Array): DecodedTicket {
  const lines: DecodedLine[] = [];
  const unknown: string[] = [];
  const barcodes: string[] = [];
  let cuts = 0;
  let text = '';
  let align: DecodedLine['align'] = 'left';
  let bold = false;
  let doubleHeight = false;
  let lineBold = false;
  let lineDouble = false;
  let high = highHalf('CP437');
  const endLine = () => {
    lines.push({ text, align, bold: lineBold || bold, doubleHeight: lineDouble || doubleHeight });
    text = '';
    lineBold = false;
    lineDouble = false;
  };
  const at = (i: number) => bytes[i] ?? 0;
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      endLine();
      i++;
    } else if (b === 0x0d) {
      i++;
    } else if (b === 0x09) {
      text += '\t';
      i++;
    } else if (b === 0x1b) {
      const c = at(i + 1);
      const len = ESC_LEN[c];
      if (len === undefined) {
        unknown.push(`ESC 0x${c.toString(16)}`);
        i += 2;
        continue;
      }
      const n = at(i + 2);
      if (c === 0x40) (bold = false, doubleHeight = false, align = 'left');
      if (c === 0x45) bold = (n & 1) === 1;
      if (c === 0x61) align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left';
      if (c === 0x21) doubleHeight = (n & 0x10) !== 0;
      if (c === 0x74) {
        const page = CODE_PAGES[n];
        if (page) high = highHalf(page);
        else unknown.push(`ESC t ${n}`);
      }
      if (c === 0x64) for (let k = 0; k < n; k++) endLine();
      i += len;
    } else if (b === 0x1d) {
      const c = at(i + 1);
      if (c === 0x56) {
        // GS V m, or GS V m n for m = 65/66 (cut after feeding n)
        cuts++;
        i += at(i + 2) >= 65 ? 4 : 3;
      } else if (c === 0x6b) {
        const m = at(i + 2);
        if (m <= 6) {
          let e = i + 3;
          while (e < bytes.length && at(e) !== 0) e++;
          barcodes.push(Buffer.from(bytes.subarray(i + 3, e)).toString('latin1'));
          i = e + 1;
        } else {
          const n = at(i + 3);
          barcodes.push(Buffer.from(bytes.subarray(i + 4, i + 4 + n)).toString('latin1'));
          i += 4 + n;
        }
      } else if (c === 0x28 && at(i + 2) === 0x6b) {
        // GS ( k pL pH cn fn [data]: 2D codes; store data (fn 80) carries the text after 3 bytes.
        const size = at(i + 3) + at(i + 4) * 256;
        if (at(i + 6) === 0x50) barcodes.push(Buffer.from(bytes.subarray(i + 8, i + 5 + size)).toString('latin1'));
        i += 5 + size;
      } else if (c === 0x76 && at(i + 2) === 0x30) {
        // GS v 0 m xL xH yL yH: raster image, (xL + xH·256) bytes × (yL + yH·256) rows.
        const w = at(i + 4) + at(i + 5) * 256;
        const h = at(i + 6) + at(i + 7) * 256;
        text += '[image]';
        i += 8 + w * h;
      } else if (GS_LEN[c] !== undefined) {
        if (c === 0x21) doubleHeight = (at(i + 2) & 0x0f) !== 0;
        i += GS_LEN[c]!;
      } else {
        unknown.push(`GS 0x${c.toString(16)}`);
        i += 2;
      }
    } else if (b < 0x20) {
      unknown.push(`0x${b.toString(16)}`);
      i++;
    } else {
      text += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80]!;
      if (bold) lineBold = true;
      if (doubleHeight) lineDouble = true;
      i++;
    }
  }
  if (text) endLine();
  return { lines, cuts, barcodes, unknown };
}

/** The text of the non-empty lines, trimmed: what a test compares against the intended ticket. */
export function ticketText(t: DecodedTicket): string[] {
  return t.lines.map((l) => l.text.trim()).filter(Boolean);
}
