/// <reference path="./zpl-image.d.ts" />
// Label images (logos, ISO 15223-1 symbols): PNG → monochrome bitmap at the placed size in dots,
// the same bitmap for the preview and for ZPL ^GFA (zpl-image), cached by content hash and size.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import zplImage from 'zpl-image';
import type { ImageItem, LabelLayout } from '../../../shared/label/layout';
import { imageKey } from '../../../shared/label/zpl';

/** One byte per dot, 1 = black. */
export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly px: Uint8Array;
}

/** Luminance below this (of 255, after compositing on white) prints black. */
const BLACK = 128;

/** Scales by area sampling then thresholds, so thin strokes survive a reduction to printer dots. */
export function pngToMono(png: Buffer, width: number, height: number): MonoBitmap {
  const src = PNG.sync.read(png);
  const px = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = (y * src.height) / height;
    const y1 = ((y + 1) * src.height) / height;
    for (let x = 0; x < width; x++) {
      const x0 = (x * src.width) / width;
      const x1 = ((x + 1) * src.width) / width;
      let sum = 0;
      let n = 0;
      for (let sy = Math.floor(y0); sy < Math.max(Math.ceil(y1), Math.floor(y0) + 1); sy++) {
        for (let sx = Math.floor(x0); sx < Math.max(Math.ceil(x1), Math.floor(x0) + 1); sx++) {
          const i = (Math.min(sy, src.height - 1) * src.width + Math.min(sx, src.width - 1)) * 4;
          const a = src.data[i + 3]! / 255;
          const lum = 0.299 * src.data[i]! + 0.587 * src.data[i + 1]! + 0.114 * src.data[i + 2]!;
          sum += lum * a + 255 * (1 - a);
          n++;
        }
      }
      px[y * width + x] = sum / n < BLACK ? 1 : 0;
    }
  }
  return { width, height, px };
}

/** ^GFA command text for a bitmap (zpl-image Z64; it needs RGBA, so the bitmap is expanded). */
export function monoToGfa(bmp: MonoBitmap): string {
  const rgba = new Uint8Array(bmp.width * bmp.height * 4);
  for (let i = 0; i < bmp.px.length; i++) {
    const v = bmp.px[i] ? 0 : 255;
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  // notrim: the graphic must keep the placed size, or the printer and the preview would disagree.
  const r = zplImage.rgbaToZ64(rgba, bmp.width, { black: 50, notrim: true });
  return `^GFA,${r.length},${r.length},${r.rowlen},${r.z64}`;
}

interface Entry {
  readonly bitmap: MonoBitmap;
  gfa?: string;
}

/** Converts each (image content, size) once; `read` supplies the PNG bytes for a template's `src`. */
export class LabelImages {
  private readonly bytes = new Map<string, { png: Buffer; hash: string }>();
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly read: (src: string) => Buffer) {}

  private entry(item: Pick<ImageItem, 'src' | 'width' | 'height'>): Entry {
    let file = this.bytes.get(item.src);
    if (!file) {
      const png = this.read(item.src);
      file = { png, hash: createHash('sha256').update(png).digest('hex') };
      this.bytes.set(item.src, file);
    }
    const key = `${file.hash}@${item.width}x${item.height}`;
    let e = this.entries.get(key);
    if (e) this.hits++;
    else {
      this.misses++;
      e = { bitmap: pngToMono(file.png, item.width, item.height) };
      this.entries.set(key, e);
    }
    return e;
  }

  bitmap(item: Pick<ImageItem, 'src' | 'width' | 'height'>): MonoBitmap {
    return this.entry(item).bitmap;
  }

  gfa(item: Pick<ImageItem, 'src' | 'width' | 'height'>): string {
    const e = this.entry(item);
    e.gfa ??= monoToGfa(e.bitmap);
    return e.gfa;
  }

  /** The graphics renderZpl needs for this layout. */
  graphicsFor(layout: LabelLayout): Map<string, string> {
    const out = new Map<string, string>();
    for (const item of layout.items) if (item.kind === 'image') out.set(imageKey(item), this.gfa(item));
    return out;
  }
}
