// The PDF renderer's pure parts (text the standard fonts can print, column widths) by table,
// and the page structure of a rendered document. Extracted text is checked against poppler
// in tests/integration/reports-pdf.test.ts.
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../shared/reports/document';
import { columnWidths, pdfText, renderPdf } from './render';

describe('pdfText', () => {
  it.each([
    ['Spanish letters stay', 'Año, niño, acción ¿qué? ¡sí! ü Ñ', 'Año, niño, acción ¿qué? ¡sí! ü Ñ'],
    ['cp1252 punctuation stays', '— – … € “ ” ‘ ’ • ™ ·', '— – … € “ ” ‘ ’ • ™ ·'],
    ['decomposed accents are composed', 'acci\u006f\u0301n', 'acción'],
    ['nearest ASCII for common symbols', '≥ 3 ≤ 5 → ✓ ✗ − 2', '>= 3 <= 5 -> OK X - 2'],
    ['anything else is a question mark', 'lot 漢字 ☃', 'lot ?? ?'],
    ['controls and tabs are spaces, newlines stay', 'a\tb\u0007c\nd', 'a b c\nd'],
    ['C1 controls are spaces', 'x\u0085y', 'x y'],
    ['emoji (two UTF-16 units) is one question mark', 'ok 👍', 'ok ?'],
  ])('%s', (_, input, want) => expect(pdfText(input)).toBe(want));
});

describe('columnWidths', () => {
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  it.each([
    ['everything fits: share in proportion to what each wants', 100, [5, 5], [20, 30], [40, 60]],
    ['too wide: each keeps its minimum, the rest by extra need', 100, [10, 20], [110, 40], [68, 32]],
    ['even the minimums do not fit: scaled down', 100, [100, 100], [200, 200], [50, 50]],
    ['a minimum larger than wanted counts as wanted', 100, [50, 10], [20, 20], [50, 50]],
  ])('%s', (_, total, min, want, expected) => {
    const w = columnWidths(total, min, want);
    expect(w.map((x) => Math.round(x))).toEqual(expected);
    expect(sum(w)).toBeCloseTo(total, 6);
  });
});

const doc = (rows: number): ReportDocument => ({
  lang: 'es',
  title: 'Informe de retiro',
  subtitle: 'Todo lo fabricado con el lote L-1',
  meta: [{ key: 'Generado', value: '2026-11-20 10:11:12 UTC' }],
  generatedAt: '2026-11-20T10:11:12.000Z',
  source: 'Estación PK-1',
  pageLabel: 'Página {page} de {pages}',
  sections: [
    {
      heading: 'Productos',
      blocks: [
        { kind: 'paragraph', text: 'Texto largo '.repeat(80) },
        { kind: 'table', columns: [{ header: 'Producto' }, { header: 'Cant.', align: 'right' }], rows: Array.from({ length: rows }, (_, i) => [`FL-${i}`, String(i)]), empty: 'nada' },
        { kind: 'signatures', labels: { printedName: 'Nombre', signedAt: 'Firmado', meaning: 'Significado', reason: 'Motivo', record: 'Registro' }, items: [{ printedName: 'Ana Núñez', signedAt: 'x', meaning: 'aprobado', reason: 'r', record: '#1' }], empty: '' },
      ],
    },
  ],
});

const pages = (pdf: Buffer) => Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

describe('renderPdf', () => {
  it.each([
    [3, 1],
    [200, 4],
  ])('%i rows: a PDF of at least %i pages', async (rows, atLeast) => {
    const pdf = await renderPdf(doc(rows));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(pages(pdf)).toBeGreaterThanOrEqual(atLeast);
  });

  it('Letter is 612 × 792 pt, A4 595.28 × 841.89', async () => {
    expect((await renderPdf(doc(1), { size: 'LETTER' })).toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    expect((await renderPdf(doc(1))).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('an empty table and a row taller than a page do not loop or throw', async () => {
    const d = doc(0);
    const tall = { ...d, sections: [{ heading: 'x', blocks: [{ kind: 'table' as const, columns: [{ header: 'a' }], rows: [['word '.repeat(5000)]], empty: '' }] }] };
    expect(pages(await renderPdf(d))).toBe(1);
    expect(pages(await renderPdf(tall))).toBeLessThanOrEqual(2);
  });
});
