#!/usr/bin/env node
// Draws the stand-in ISO 15223-1 symbols and the Lotline logo as small monochrome PNGs in
// resources/labels/symbols/. They are simple shapes, not the official artwork (see README there);
// re-run after a change and commit the PNGs: `node scripts/gen-label-symbols.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'labels', 'symbols');

/** 5×7 capitals and digits, enough for the letter symbols (LOT, SN, REF, STERILE, 2). */
const FONT = {
  L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  I: ['11111', '00100', '00100', '00100', '00100', '00100', '11111'],
  2: ['01110', '10001', '00001', '00110', '01000', '10000', '11111'],
  '!': ['00100', '00100', '00100', '00100', '00100', '00000', '00100'],
};

class Canvas {
  constructor(w, h) {
    this.w = w;
    this.h = h;
    this.px = new Uint8Array(w * h);
  }
  set(x, y) {
    x = Math.round(x);
    y = Math.round(y);
    if (x >= 0 && y >= 0 && x < this.w && y < this.h) this.px[y * this.w + x] = 1;
  }
  rect(x, y, w, h) {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j);
  }
  frame(x, y, w, h, t) {
    this.rect(x, y, w, t);
    this.rect(x, y + h - t, w, t);
    this.rect(x, y, t, h);
    this.rect(x + w - t, y, t, h);
  }
  line(x0, y0, x1, y1, t) {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
    for (let k = 0; k <= n; k++) {
      const x = x0 + ((x1 - x0) * k) / n;
      const y = y0 + ((y1 - y0) * k) / n;
      this.disc(x, y, t / 2);
    }
  }
  disc(cx, cy, r) {
    for (let y = Math.floor(cy - r); y <= cy + r; y++) for (let x = Math.floor(cx - r); x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y);
  }
  ring(cx, cy, r, t) {
    for (let y = 0; y < this.h; y++) for (let x = 0; x < this.w; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d <= r && d >= r - t) this.set(x, y);
    }
  }
  poly(points) {
    for (let y = 0; y < this.h; y++) for (let x = 0; x < this.w; x++) {
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i];
        const [xj, yj] = points[j];
        if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) inside = !inside;
      }
      if (inside) this.set(x, y);
    }
  }
  text(s, cx, cy, scale) {
    const w = s.length * 6 * scale - scale;
    let x0 = Math.round(cx - w / 2);
    const y0 = Math.round(cy - (7 * scale) / 2);
    for (const ch of s) {
      FONT[ch].forEach((row, j) => [...row].forEach((b, i) => b === '1' && this.rect(x0 + i * scale, y0 + j * scale, scale, scale)));
      x0 += 6 * scale;
    }
  }
  png() {
    const png = new PNG({ width: this.w, height: this.h, colorType: 0, inputColorType: 0, bitDepth: 8 });
    for (let i = 0; i < this.px.length; i++) {
      const v = this.px[i] ? 0 : 255;
      png.data[i * 4] = png.data[i * 4 + 1] = png.data[i * 4 + 2] = v;
      png.data[i * 4 + 3] = 255;
    }
    return PNG.sync.write(png, { colorType: 0 });
  }
}

const factory = (c, filled) => {
  const pts = [[6, 58], [6, 26], [20, 34], [20, 26], [34, 34], [34, 26], [46, 34], [46, 8], [56, 8], [56, 58]];
  if (filled) return c.poly(pts);
  for (let i = 0; i < pts.length; i++) c.line(...pts[i], ...pts[(i + 1) % pts.length], 3);
};

const symbols = {
  // ISO 15223-1 5.1.1: filled factory.
  manufacturer: (c) => factory(c, true),
  // 5.1.3: outline factory (date of manufacture).
  'date-of-manufacture': (c) => factory(c, false),
  // 5.1.4: hourglass.
  'use-by': (c) => {
    c.rect(14, 6, 36, 4);
    c.rect(14, 54, 36, 4);
    c.line(17, 10, 47, 54, 3);
    c.line(47, 10, 17, 54, 3);
    c.poly([[20, 10], [44, 10], [32, 28]]);
  },
  lot: (c) => { c.frame(2, 16, 60, 32, 3); c.text('LOT', 32, 32, 3); },
  serial: (c) => { c.frame(2, 16, 60, 32, 3); c.text('SN', 32, 32, 4); },
  ref: (c) => { c.frame(2, 16, 60, 32, 3); c.text('REF', 32, 32, 3); },
  sterile: (c) => { c.frame(1, 20, 62, 24, 2); c.text('STERILE', 32, 32, 1); },
  // 5.4.2: a 2 in a circle, struck through.
  'do-not-reuse': (c) => { c.ring(32, 32, 28, 4); c.text('2', 32, 32, 4); c.line(12, 52, 52, 12, 4); },
  // 5.4.4: triangle with !.
  caution: (c) => {
    c.line(32, 6, 4, 56, 4);
    c.line(32, 6, 60, 56, 4);
    c.line(4, 56, 60, 56, 4);
    c.text('!', 32, 38, 3);
  },
};

mkdirSync(out, { recursive: true });
for (const [name, draw] of Object.entries(symbols)) {
  const c = new Canvas(64, 64);
  draw(c);
  writeFileSync(join(out, `${name}.png`), c.png());
}
// Stand-in company logo: "LL" in a filled rounded mark beside the word LOTLINE.
const logo = new Canvas(160, 40);
logo.rect(0, 0, 40, 40);
for (const [x, y] of [[0, 0], [39, 0], [0, 39], [39, 39]]) logo.px[y * 160 + x] = 0;
logo.text('LOTLINE', 100, 20, 3);
const inner = new Canvas(40, 40);
inner.text('LL'.replace(/L/g, 'L'), 20, 20, 3);
for (let i = 0; i < inner.px.length; i++) if (inner.px[i]) logo.px[Math.floor(i / 40) * 160 + (i % 40)] = 0;
writeFileSync(join(out, 'lotline-logo.png'), logo.png());
console.log(`wrote ${Object.keys(symbols).length + 1} PNGs to ${out}`);
