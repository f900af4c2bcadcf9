// Layout: a bound label placed in printer dots at one resolution. Millimetres stay fixed and
// dots scale (203 / 300 / 600 dpi); barcode modules round to whole dots, because a printer
// cannot print a fraction of a dot and a rounded-off module is what the scanner will see.
import type { BarcodeContent, BoundLabel } from './bind';
import { gs1Tokens, planCode128, textTokens, type C128Plan, type C128Token } from './code128';
import { dataMatrixCodewords, dataMatrixSize, qrModules, qrVersion } from './symbol-size';
import { fail, ok, type Dpi, type LabelError, type LabelResult, type Symbology, type TextAlign } from './template';

export const mmToDots = (mm: number, dpi: Dpi): number => Math.round((mm * dpi) / 25.4);
export const dotsToMm = (dots: number, dpi: Dpi): number => (dots * 25.4) / dpi;

/**
 * Estimated advance of one character of ZPL font 0 (CG Triumvirate Bold Condensed) as a share of
 * its height. Set above the font's real average so a line judged to fit does fit on the printer;
 * the preview draws text at this advance, so it never shows text fitting that would not.
 */
export const TEXT_ADVANCE = 0.6;

export interface TextItem {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly fontHeight: number;
  readonly align: TextAlign;
  /** Already wrapped: the printer gets these lines with explicit breaks. */
  readonly lines: readonly string[];
  readonly reverse: boolean;
}

export interface BoxItem {
  readonly kind: 'box';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly border: number;
  readonly fill: boolean;
}

export interface ImageItem {
  readonly kind: 'image';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly src: string;
}

export type BarcodeGeometry =
  | { readonly symbology: 'gs1-128' | 'code128'; readonly plan: C128Plan }
  | { readonly symbology: 'gs1-datamatrix' | 'datamatrix'; readonly size: number }
  | { readonly symbology: 'qr'; readonly version: number; readonly ecc: 'L' | 'M' | 'Q' | 'H' };

export interface BarcodeItem {
  readonly kind: 'barcode';
  readonly x: number;
  readonly y: number;
  /** Whole symbol without quiet zones. */
  readonly width: number;
  readonly height: number;
  readonly module: number;
  readonly geometry: BarcodeGeometry;
  readonly content: BarcodeContent;
  /** What the symbol encodes as text: the GS1 element string (GS separators) or the plain data. */
  readonly data: string;
  readonly symbology: Symbology;
}

export type LayoutItem = TextItem | BoxItem | ImageItem | BarcodeItem;

export interface LabelLayout {
  readonly templateId: string;
  readonly dpi: Dpi;
  readonly width: number;
  readonly height: number;
  readonly items: readonly LayoutItem[];
}

export const textWidth = (text: string, fontHeight: number): number => Math.ceil([...text].length * fontHeight * TEXT_ADVANCE);

/** Greedy word wrap at the estimated advance; a word longer than a line is broken. */
export function wrapText(text: string, width: number, fontHeight: number): string[] {
  const perLine = Math.max(1, Math.floor(width / (fontHeight * TEXT_ADVANCE)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let w = word;
      const candidate = line === '' ? w : `${line} ${w}`;
      if ([...candidate].length <= perLine) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      while ([...w].length > perLine) {
        lines.push([...w].slice(0, perLine).join(''));
        w = [...w].slice(perLine).join('');
      }
      line = w;
    }
    lines.push(line);
  }
  return lines;
}

const bytesOf = (s: string): number => [...s].reduce((n, c) => n + (c.codePointAt(0)! < 0x80 ? 1 : c.codePointAt(0)! < 0x800 ? 2 : c.codePointAt(0)! < 0x10000 ? 3 : 4), 0);

function tokensOf(content: BarcodeContent): C128Token[] {
  return content.kind === 'gs1' ? gs1Tokens(content.elementString) : textTokens(content.text);
}

/** Places a bound label at one resolution; refuses what does not fit its box or the label. */
export function layoutLabel(bound: BoundLabel, dpi: Dpi): LabelResult<LabelLayout> {
  const t = bound.template;
  const d = (mm: number) => mmToDots(mm, dpi);
  const W = d(t.widthMm);
  const H = d(t.heightMm);
  const items: LayoutItem[] = [];
  const errors: LabelError[] = [];
  const mmText = (dots: number) => `${dotsToMm(dots, dpi).toFixed(1)} mm`;

  for (const b of bound.elements) {
    const name = ('fields' in b && b.fields.length ? b.fields.join(', ') : '') || `template.elements.${b.index}`;
    const fitsLabel = (x: number, y: number, w: number, h: number, what: string) => {
      if (x + w > W || y + h > H) errors.push({ field: name, message: `${what} runs off the label (needs ${mmText(Math.max(x + w - W, 0) || y + h - H)} more)` });
    };
    switch (b.type) {
      case 'box': {
        const e = b.element;
        const item: BoxItem = { kind: 'box', x: d(e.x), y: d(e.y), width: d(e.width), height: d(e.height), border: Math.max(1, d(e.borderMm)), fill: e.fill };
        items.push(item);
        break;
      }
      case 'image': {
        const e = b.element;
        items.push({ kind: 'image', x: d(e.x), y: d(e.y), width: Math.max(1, d(e.width)), height: Math.max(1, d(e.height)), src: e.src });
        break;
      }
      case 'text': {
        const e = b.element;
        const fontHeight = Math.max(10, d(e.fontMm));
        const width = d(e.width);
        const lines = wrapText(b.text, width, fontHeight);
        if (lines.length > e.maxLines) {
          const perLine = Math.max(1, Math.floor(width / (fontHeight * TEXT_ADVANCE)));
          errors.push({ field: name, message: `"${b.text}" does not fit its field: ${e.maxLines} line(s) of about ${perLine} characters at this size` });
          break;
        }
        const item: TextItem = { kind: 'text', x: d(e.x), y: d(e.y), width, fontHeight, align: e.align, lines, reverse: e.reverse };
        fitsLabel(item.x, item.y, width, lines.length * fontHeight, 'the text');
        items.push(item);
        break;
      }
      case 'barcode': {
        const e = b.element;
        const module = Math.max(1, d(e.moduleMm));
        const x = d(e.x);
        const y = d(e.y);
        const data = b.content.kind === 'gs1' ? b.content.elementString : b.content.text;
        let geometry: BarcodeGeometry;
        let width: number;
        let height: number;
        switch (e.symbology) {
          case 'gs1-128':
          case 'code128': {
            const tokens = tokensOf(b.content);
            // GS1 General Specifications: at most 48 data characters in one GS1-128 symbol.
            if (e.symbology === 'gs1-128' && tokens.length - 1 > 48) {
              errors.push({ field: name, message: `GS1-128 holds at most 48 characters; this data needs ${tokens.length - 1}` });
              continue;
            }
            const r = planCode128(tokens);
            if (!r.ok) {
              errors.push({ field: name, message: r.message });
              continue;
            }
            geometry = { symbology: e.symbology, plan: r.plan };
            width = r.plan.modules * module;
            height = d(e.heightMm ?? 10);
            break;
          }
          case 'gs1-datamatrix':
          case 'datamatrix': {
            if (/[^\u0020-\u007e\u001d]/.test(data)) {
              errors.push({ field: name, message: 'Data Matrix data here must be printable ASCII' });
              continue;
            }
            const units = b.content.kind === 'gs1' ? gs1Tokens(b.content.elementString) : [...data];
            const size = dataMatrixSize(dataMatrixCodewords(units));
            if (size === undefined) {
              errors.push({ field: name, message: 'too much data for one Data Matrix symbol' });
              continue;
            }
            geometry = { symbology: e.symbology, size };
            width = height = size * module;
            break;
          }
          case 'qr': {
            if (/[^\u0020-\u007e]/.test(data)) {
              errors.push({ field: name, message: 'QR data here must be printable ASCII' });
              continue;
            }
            const version = qrVersion(bytesOf(data), e.qrErrorCorrection);
            if (version === undefined) {
              errors.push({ field: name, message: 'too much data for a QR code of version 20 or less' });
              continue;
            }
            if (module > 10) {
              errors.push({ field: `template.elements.${b.index}`, message: 'ZPL QR magnification is at most 10 dots per module' });
              continue;
            }
            geometry = { symbology: 'qr', version, ecc: e.qrErrorCorrection };
            width = height = qrModules(version) * module;
            break;
          }
        }
        if (e.maxWidthMm !== undefined && width > d(e.maxWidthMm)) {
          errors.push({ field: name, message: `the ${e.symbology} symbol is ${mmText(width)} wide; its field allows ${e.maxWidthMm} mm (shorten the data)` });
          continue;
        }
        fitsLabel(x, y, width, height, `the ${e.symbology} symbol`);
        items.push({ kind: 'barcode', x, y, width, height, module, geometry, content: b.content, data, symbology: e.symbology });
        if (e.hri) {
          const text = b.content.kind === 'gs1' ? b.content.hri : b.content.text;
          const fontHeight = Math.max(10, d(e.hri.fontMm));
          // The HRI is centred under the symbol; it may be wider than the bars, never wider than the label.
          const tw = textWidth(text, fontHeight);
          const hw = Math.max(width, tw);
          const hx = Math.max(0, Math.round(x + width / 2 - hw / 2));
          const hy = y + height + d(e.hri.gapMm);
          fitsLabel(hx, hy, hw, fontHeight, 'the human-readable line');
          items.push({ kind: 'text', x: hx, y: hy, width: hw, fontHeight, align: 'center', lines: [text], reverse: false });
        }
        break;
      }
    }
  }
  return errors.length ? fail(errors) : ok({ templateId: t.id, dpi, width: W, height: H, items });
}
