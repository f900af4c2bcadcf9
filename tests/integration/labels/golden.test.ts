// Golden ZPL for every shipped template with its example data: a change to the printer text is a
// reviewed change to a committed file. UPDATE_GOLDEN=1 rewrites the files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkZpl } from '../../../shared/label/zpl-check';
import { renderLoaded } from '../../../electron/station/labels/render';
import { LabelImages } from '../../../electron/station/labels/images';
import { loadTemplates, readLabelImage } from '../../../electron/station/labels/templates';

const YEAR = 2026;
const dir = join(import.meta.dirname, 'golden');
const loaded = loadTemplates();
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const cases = loaded.value.flatMap((l) => [
  [l.template.id, l, l.template.dpi] as const,
  // One extra resolution each, so scaling changes show up in review too.
  [`${l.template.id}@${l.template.dpi === 300 ? 203 : 300}`, l, l.template.dpi === 300 ? 203 : 300] as const,
]);

describe('golden ZPL', () => {
  it('ships the four templates, each with example data', () => {
    expect(loaded.value.map((l) => l.template.id)).toEqual(['carton-sscc', 'fg-udi-lot', 'material-lot', 'smt-reel']);
    for (const l of loaded.value) expect(l.example).toBeDefined();
  });

  it.each(cases)('%s', (name, l, dpi) => {
    const r = renderLoaded(l, l.example!, { format: 'zpl', dpi, referenceYear: YEAR });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const zpl = r.value.output as string;
    expect(checkZpl(zpl)).toEqual([]);
    const file = join(dir, `${name}.zpl`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, zpl);
    expect(zpl).toBe(readFileSync(file, 'utf8'));
  });

  it('every ^FD ends with ^FS and no field data holds a raw ^ or ~', () => {
    for (const [, l, dpi] of cases) {
      const r = renderLoaded(l, l.example!, { format: 'zpl', dpi, referenceYear: YEAR });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const zpl = r.value.output as string;
      expect(zpl.match(/\^XA/g)?.length).toBe(zpl.match(/\^XZ/g)?.length);
      for (const m of zpl.matchAll(/\^FD(.*?)(?=\^FS)/gs)) expect(m[1]).not.toMatch(/[\^~]/);
      expect(zpl.match(/\^FD/g)?.length).toBe([...zpl.matchAll(/\^FD[^\n]*?\^FS/g)].length);
    }
  });

  it('images go to the printer as ^GFA graphics converted once per content and size', () => {
    const l = loaded.value.find((x) => x.template.id === 'fg-udi-lot')!;
    const images = new LabelImages((src) => readLabelImage(src));
    const r = renderLoaded(l, l.example!, { format: 'zpl', referenceYear: YEAR, images });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const gfa = [...(r.value.output as string).matchAll(/\^GFA,(\d+),(\d+),(\d+),:Z64:/g)];
    expect(gfa.length).toBe(9); // logo + eight symbols
    expect(images.misses).toBe(9);
    renderLoaded(l, l.example!, { format: 'zpl', referenceYear: YEAR, images });
    renderLoaded(l, l.example!, { format: 'png', referenceYear: YEAR, images });
    expect(images.misses).toBe(9);
    // At another size the same file is a new graphic.
    renderLoaded(l, l.example!, { format: 'zpl', referenceYear: YEAR, images, dpi: 203 });
    expect(images.misses).toBe(18);
  });
});
