// Round trip: the preview PNG of each shipped label, decoded with zxing-wasm, gives back exactly
// the data meant to print — GS1 FNC1 included (]C1, ]d2), parsed by the same parseScan the
// floor uses — at several resolutions and with awkward data.
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../../shared/barcode/parse';
import type { LabelData } from '../../../shared/label/bind';
import type { BarcodeItem } from '../../../shared/label/layout';
import type { Dpi } from '../../../shared/label/template';
import { verifyPrintedLabel } from '../../../shared/label/verify';
import { symbolGeometry } from '../../../electron/station/labels/preview';
import { renderLoaded } from '../../../electron/station/labels/render';
import { loadTemplate } from '../../../electron/station/labels/templates';
import { decodeAll } from './zxing';

const YEAR = 2026;

function loaded(id: string) {
  const l = loadTemplate(id);
  if (!l.ok) throw new Error(JSON.stringify(l.errors));
  return l.value;
}

const fgExample = loaded('fg-udi-lot').example!;
const awkward: LabelData = { ...fgExample, lot: 'L<>=_?%&/*+,.:;AB123', serial: 'S_1>2', manufacturer: 'Ünïcödé ^XZ ~JA Fabrik, Straße 1' };

const cases: [string, string, Dpi | undefined, LabelData | undefined][] = [
  ['material-lot', 'material-lot', undefined, undefined],
  ['material-lot at 300 dpi', 'material-lot', 300, undefined],
  ['smt-reel', 'smt-reel', undefined, undefined],
  ['smt-reel at 203 dpi', 'smt-reel', 203, undefined],
  ['smt-reel at 600 dpi', 'smt-reel', 600, undefined],
  ['fg-udi-lot', 'fg-udi-lot', undefined, undefined],
  ['fg-udi-lot at 203 dpi', 'fg-udi-lot', 203, undefined],
  ['fg-udi-lot, 20-char lot with ZPL-special and escape characters', 'fg-udi-lot', undefined, awkward],
  ['fg-udi-lot, not serialized', 'fg-udi-lot', undefined, { ...fgExample, serial: undefined, quantity: undefined }],
  ['carton-sscc', 'carton-sscc', undefined, undefined],
  ['carton-sscc at 300 dpi', 'carton-sscc', 300, undefined],
];

describe('preview round trip through zxing-wasm', () => {
  it.each(cases)('%s', async (_, id, dpi, data) => {
    const l = loaded(id);
    const r = renderLoaded(l, data ?? l.example!, { format: 'png', dpi, referenceYear: YEAR });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const printed = r.value.prepared.printed;
    const decoded = await decodeAll(r.value.output as Buffer);
    expect(decoded.length).toBe(printed.barcodes.length);
    for (const b of printed.barcodes) {
      const hit = decoded.find((d) => d.text.replace(/\u001d/g, '\u001d') === b.data || (b.gs1 && d.symbologyIdentifier.match(/^\](C1|d2)$/) && verifyPrintedLabel({ templateId: id, barcodes: [b] }, d.symbologyIdentifier + d.text, { referenceYear: YEAR }).match));
      expect(hit, `barcode ${b.index} (${b.symbology}) ${JSON.stringify(b.data)} not decoded; got ${JSON.stringify(decoded.map((d) => d.symbologyIdentifier + d.text))}`).toBeDefined();
      const scan = hit!.symbologyIdentifier + hit!.text;
      if (b.gs1) {
        expect(hit!.symbologyIdentifier).toBe(b.symbology === 'gs1-128' ? ']C1' : ']d2');
        const parsed = parseScan(scan, { referenceYear: YEAR });
        expect(parsed.ok).toBe(true);
        expect(parsed.elements).toEqual(expect.arrayContaining(b.gs1.map((e) => [...e])));
        expect(parsed.elements.length).toBe(b.gs1.length);
      } else {
        expect(hit!.text).toBe(b.data);
      }
      expect(verifyPrintedLabel(printed, scan, { referenceYear: YEAR }).match).toBe(true);
    }
  });

  it('preview geometry is the ZPL geometry: same Code 128 codewords, same Data Matrix size', () => {
    for (const id of ['fg-udi-lot', 'carton-sscc', 'material-lot', 'smt-reel']) {
      const l = loaded(id);
      const r = renderLoaded(l, l.example!, { format: 'svg', referenceYear: YEAR });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      for (const item of r.value.prepared.layout.items.filter((i): i is BarcodeItem => i.kind === 'barcode')) {
        const g = symbolGeometry(item);
        if (g.kind === 'linear') {
          const [x, w] = g.bars.at(-1)!;
          expect((x + w) * item.module).toBe(item.width);
        } else {
          expect([g.cols * item.module, g.rows * item.module]).toEqual([item.width, item.height]);
        }
      }
    }
  });

  it('the SVG carries text as text (non-ASCII intact, markup escaped) at the same dots', () => {
    const l = loaded('fg-udi-lot');
    const r = renderLoaded(l, awkward, { format: 'svg', referenceYear: YEAR });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const svg = r.value.output as string;
    expect(svg).toContain('viewBox="0 0 1181 1063"');
    expect(svg).toContain('Ünïcödé ^XZ ~JA');
    expect(svg).toContain('(10)L&#60;&#62;=_?%&#38;/*+,.:;AB123');
  });
});
