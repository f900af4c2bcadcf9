// On-screen preview of a laid-out label, drawn from the same items and dots as the ZPL: barcode
// modules come from bwip-js (raw geometry, fed the codewords and symbol size the ZPL uses), images
// from the same monochrome bitmaps as ^GFA. One dot is one pixel (PNG) or one user unit (SVG).
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import type { BarcodeItem, LabelLayout, TextItem } from '../../../shared/label/layout';
import { TEXT_ADVANCE } from '../../../shared/label/layout';
import type { LabelImages, MonoBitmap } from './images';

/** Bars (linear: one row of runs) or modules (matrix), in modules. */
export type SymbolGeometry = { readonly kind: 'linear'; readonly bars: readonly (readonly [number, number])[] } | { readonly kind: 'matrix'; readonly cols: number; readonly rows: number; readonly on: Uint8Array };

const FNC1 = '^FNC1';

/** bwip-js geometry for one barcode item, fed exactly what the ZPL encodes. */
export function symbolGeometry(item: BarcodeItem): SymbolGeometry {
  const g = item.geometry;
  switch (g.symbology) {
    case 'gs1-128':
    case 'code128': {
      const text = g.plan.codewords.map((c) => `^${String(c).padStart(3, '0')}`).join('');
      const [r] = bwipjs.raw('code128', text, { raw: true } as never) as unknown as [{ sbs: number[] }];
      const bars: [number, number][] = [];
      let x = 0;
      r.sbs.forEach((w, i) => {
        if (i % 2 === 0) bars.push([x, w]);
        x += w;
      });
      return { kind: 'linear', bars };
    }
    case 'gs1-datamatrix':
    case 'datamatrix': {
      const gs1 = item.content.kind === 'gs1';
      const text = gs1 ? FNC1 + item.data.split('\u001d').join(FNC1) : item.data;
      const [r] = bwipjs.raw('datamatrix', text, { version: `${g.size}x${g.size}`, ...(gs1 ? { parsefnc: true } : {}) } as never) as unknown as [{ pixs: number[]; pixx: number; pixy: number }];
      return { kind: 'matrix', cols: r.pixx, rows: r.pixy, on: Uint8Array.from(r.pixs) };
    }
    case 'qr': {
      const [r] = bwipjs.raw('qrcode', item.data, { eclevel: g.ecc, version: String(g.version) } as never) as unknown as [{ pixs: number[]; pixx: number; pixy: number }];
      return { kind: 'matrix', cols: r.pixx, rows: r.pixy, on: Uint8Array.from(r.pixs) };
    }
  }
}

// ---------------------------------------------------------------- raster

class Canvas {
  readonly px: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.px = new Uint8Array(width * height);
  }
  fill(x: number, y: number, w: number, h: number, xor = false): void {
    for (let j = Math.max(0, y); j < Math.min(this.height, y + h); j++) {
      for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) {
        const k = j * this.width + i;
        this.px[k] = xor ? this.px[k]! ^ 1 : 1;
      }
    }
  }
  blit(b: MonoBitmap, x: number, y: number): void {
    for (let j = 0; j < b.height; j++) for (let i = 0; i < b.width; i++) if (b.px[j * b.width + i]) this.fill(x + i, y + j, 1, 1);
  }
}

const fontId = (): number => bwipjs.FontLib.lookup('OCR-B');

function lineLeft(item: TextItem, line: string): number {
  const w = Math.round([...line].length * item.fontHeight * TEXT_ADVANCE);
  return item.align === 'left' ? item.x : item.align === 'right' ? item.x + item.width - w : item.x + Math.round((item.width - w) / 2);
}

/**
 * Text in OCR-B glyphs at the layout's advance (the printer's font 0 is proprietary); a character
 * OCR-B lacks is drawn as an outlined box so it is visibly not the printed glyph.
 */
function drawText(c: Canvas, item: TextItem): void {
  const h = item.fontHeight;
  const adv = h * TEXT_ADVANCE;
  const id = fontId();
  item.lines.forEach((line, li) => {
    const top = item.y + li * h;
    const baseline = top + Math.round(h * 0.8);
    let x = lineLeft(item, line);
    for (const ch of line) {
      const cp = ch.codePointAt(0)!;
      const g = cp === 32 ? undefined : bwipjs.FontLib.getglyph(id, cp, Math.round(h * 0.96), h);
      if (g && g.width > 0) {
        const gx = Math.round(x + (adv - g.advance) / 2) + g.left;
        const gy = baseline - g.top;
        for (let j = 0; j < g.height; j++) for (let i = 0; i < g.width; i++) if (g.bytes[j * g.width + i]! > 127) c.fill(gx + i, gy + j, 1, 1, item.reverse);
      } else if (cp !== 32) {
        const bx = Math.round(x + adv * 0.15);
        const bw = Math.max(2, Math.round(adv * 0.7));
        const by = baseline - Math.round(h * 0.6);
        const bh = Math.round(h * 0.6);
        c.fill(bx, by, bw, 1, item.reverse);
        c.fill(bx, by + bh - 1, bw, 1, item.reverse);
        c.fill(bx, by, 1, bh, item.reverse);
        c.fill(bx + bw - 1, by, 1, bh, item.reverse);
      }
      x += adv;
    }
  });
}

function drawBarcode(c: Canvas, item: BarcodeItem): void {
  const geo = symbolGeometry(item);
  const m = item.module;
  if (geo.kind === 'linear') for (const [x, w] of geo.bars) c.fill(item.x + x * m, item.y, w * m, item.height);
  else for (let r = 0; r < geo.rows; r++) for (let k = 0; k < geo.cols; k++) if (geo.on[r * geo.cols + k]) c.fill(item.x + k * m, item.y + r * m, m, m);
}

/** The label as a monochrome bitmap, one pixel per printer dot. */
export function renderPreviewBitmap(layout: LabelLayout, images: LabelImages): MonoBitmap {
  const c = new Canvas(layout.width, layout.height);
  for (const item of layout.items) {
    switch (item.kind) {
      case 'box':
        if (item.fill) c.fill(item.x, item.y, item.width, item.height);
        else {
          const t = item.border;
          c.fill(item.x, item.y, item.width, t);
          c.fill(item.x, item.y + item.height - t, item.width, t);
          c.fill(item.x, item.y, t, item.height);
          c.fill(item.x + item.width - t, item.y, t, item.height);
        }
        break;
      case 'text':
        drawText(c, item);
        break;
      case 'image':
        c.blit(images.bitmap(item), item.x, item.y);
        break;
      case 'barcode':
        drawBarcode(c, item);
        break;
    }
  }
  return { width: c.width, height: c.height, px: c.px };
}

/** PNG of the preview; `quietZone` dots of white are added around it so barcodes at the edge still decode. */
export function renderPreviewPng(layout: LabelLayout, images: LabelImages, opts: { readonly margin?: number } = {}): Buffer {
  const b = renderPreviewBitmap(layout, images);
  const m = opts.margin ?? 0;
  const png = new PNG({ width: b.width + 2 * m, height: b.height + 2 * m, colorType: 0, inputColorType: 0, bitDepth: 8 });
  png.data.fill(255);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (!b.px[y * b.width + x]) continue;
      const i = ((y + m) * png.width + x + m) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
    }
  }
  // Fast deflate and no row filters: a two-tone label compresses well either way, and the PNG is
  // made for each print preview, so encode time counts more than a few kilobytes.
  return PNG.sync.write(png, { colorType: 0, deflateLevel: 1, filterType: 0 });
}

// ---------------------------------------------------------------- SVG

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function bitmapPath(b: MonoBitmap, x0: number, y0: number, unit = 1): string {
  let d = '';
  for (let y = 0; y < b.height; y++) {
    let x = 0;
    while (x < b.width) {
      if (!b.px[y * b.width + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < b.width && b.px[y * b.width + x]) x++;
      d += `M${x0 + start * unit} ${y0 + y * unit}h${(x - start) * unit}v${unit}h${-(x - start) * unit}z`;
    }
  }
  return d;
}

/**
 * The label as SVG in dots (viewBox = printer dots; the element is sized in mm so it shows at
 * real size). Text uses the screen's condensed sans font, stretched to the layout's advance.
 */
export function renderPreviewSvg(layout: LabelLayout, images: LabelImages): string {
  const mm = (dots: number) => ((dots * 25.4) / layout.dpi).toFixed(2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${mm(layout.width)}mm" height="${mm(layout.height)}mm" viewBox="0 0 ${layout.width} ${layout.height}" shape-rendering="crispEdges" data-template="${esc(layout.templateId)}" data-dpi="${layout.dpi}">`,
    `<rect width="${layout.width}" height="${layout.height}" fill="#fff"/>`,
  ];
  for (const item of layout.items) {
    switch (item.kind) {
      case 'box':
        parts.push(
          item.fill
            ? `<rect x="${item.x}" y="${item.y}" width="${item.width}" height="${item.height}" fill="#000"/>`
            : `<rect x="${item.x + item.border / 2}" y="${item.y + item.border / 2}" width="${item.width - item.border}" height="${item.height - item.border}" fill="none" stroke="#000" stroke-width="${item.border}"/>`,
        );
        break;
      case 'image':
        parts.push(`<path d="${bitmapPath(images.bitmap(item), item.x, item.y)}" fill="#000" data-src="${esc(item.src)}"/>`);
        break;
      case 'barcode': {
        const geo = symbolGeometry(item);
        const m = item.module;
        const d =
          geo.kind === 'linear'
            ? geo.bars.map(([x, w]) => `M${item.x + x * m} ${item.y}h${w * m}v${item.height}h${-w * m}z`).join('')
            : bitmapPath({ width: geo.cols, height: geo.rows, px: geo.on }, item.x, item.y, m);
        parts.push(`<path d="${d}" fill="#000" data-symbology="${item.symbology}"/>`);
        break;
      }
      case 'text':
        item.lines.forEach((line, i) => {
          const len = Math.round([...line].length * item.fontHeight * TEXT_ADVANCE);
          const x = lineLeft(item, line);
          parts.push(
            `<text x="${x}" y="${item.y + i * item.fontHeight + Math.round(item.fontHeight * 0.8)}" font-family="'Arial Narrow','Roboto Condensed','Liberation Sans Narrow',sans-serif" font-weight="700" font-size="${item.fontHeight}" textLength="${len}" lengthAdjust="spacingAndGlyphs" fill="${item.reverse ? '#fff' : '#000'}" xml:space="preserve">${esc(line)}</text>`,
          );
        });
        break;
    }
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
