// Draws a ReportDocument (shared/reports/document.ts) as a PDF with pdfkit: title block,
// sections, tables whose header row repeats after every page break, boxed signature
// manifestations, and on every page a footer with the report title, the page number, the
// generated-at time and the source. Rows are laid out here rather than with pdfkit's
// doc.table(), which breaks pages but cannot repeat a header row.
//
// The standard Helvetica fonts are not embedded and encode text as WinAnsi (cp1252): every
// Spanish letter (á é í ó ú ü ñ ¿ ¡) is in it, but a character outside it would print as
// garbage, so all text passes through pdfText() first.
import PDFDocument from 'pdfkit';
import { pageLabel, type Block, type Column, type KeyValue, type ReportDocument, type SignatureLine } from '../../../shared/reports/document';

export type PaperSize = 'A4' | 'LETTER';

const MARGIN = { top: 48, bottom: 60, left: 48, right: 48 } as const;
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const BODY = 8.5;
const PAD = 3;
const GREY = '#555555';
const RULE = '#b0b0b0';
const HEAD_FILL = '#e8e8e8';

// cp1252 beyond Latin-1 (0x80–0x9F), as pdfkit's standard-font encoder maps them.
const WIN_ANSI_EXTRA = new Set([0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122]);
const NEAREST: Record<string, string> = { '≤': '<=', '≥': '>=', '→': '->', '←': '<-', '−': '-', '✓': 'OK', '✔': 'OK', '✗': 'X', '✘': 'X', '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '', '\u2010': '-', '\u2011': '-' };

/** Text as the standard fonts can print it: NFC, tabs and controls as spaces, the rest of Unicode mapped to the nearest cp1252 text or "?". */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += ' ';
    else if (c < 0x100 || WIN_ANSI_EXTRA.has(c)) out += ch;
    else out += NEAREST[ch] ?? '?';
  }
  return out;
}

type Doc = PDFKit.PDFDocument;

function font(doc: Doc, face: keyof typeof FONT, size: number): Doc {
  return doc.font(FONT[face]).fontSize(size);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** Starts a new page when `height` does not fit below the cursor. */
function ensure(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.maxY()) return false;
  doc.addPage();
  return true;
}

function titleBlock(doc: Doc, m: ReportDocument): void {
  const w = contentWidth(doc);
  font(doc, 'bold', 18).fillColor('black').text(pdfText(m.title), MARGIN.left, MARGIN.top, { width: w });
  font(doc, 'regular', 11).text(pdfText(m.subtitle), { width: w });
  doc.moveDown(0.4);
  keyValues(doc, m.meta, 8, 110);
  const y = doc.y + 4;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + w, y).lineWidth(0.8).strokeColor('black').stroke();
  doc.y = y + 8;
}

function heading(doc: Doc, text: string): void {
  font(doc, 'bold', 12);
  const h = doc.heightOfString(pdfText(text), { width: contentWidth(doc) });
  // Keep a heading with at least a few lines of what it heads.
  ensure(doc, h + 48);
  doc.y += 6;
  doc.fillColor('black').text(pdfText(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 3;
}

function paragraph(doc: Doc, text: string, face: keyof typeof FONT = 'regular'): void {
  font(doc, face, BODY).fillColor('black').text(pdfText(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.y += 4;
}

function keyValues(doc: Doc, items: readonly KeyValue[], size = BODY + 0.5, keyWidth = 170): void {
  const valueWidth = contentWidth(doc) - keyWidth - 8;
  for (const kv of items) {
    const key = pdfText(kv.key);
    const value = pdfText(kv.value);
    const h = Math.max(font(doc, 'bold', size).heightOfString(key, { width: keyWidth }), font(doc, 'regular', size).heightOfString(value || ' ', { width: valueWidth }));
    ensure(doc, h);
    const y = doc.y;
    font(doc, 'bold', size).fillColor('black').text(key, MARGIN.left, y, { width: keyWidth });
    font(doc, 'regular', size).text(value, MARGIN.left + keyWidth + 8, y, { width: valueWidth });
    doc.y = y + h + 2;
  }
  doc.x = MARGIN.left;
  doc.y += 2;
}

/**
 * Column widths from the content, as a browser's automatic table layout does: each column
 * gets at least its longest word (so words break only when nothing else fits) and shares
 * the rest of the page in proportion to how much more its longest cell needs.
 */
export function columnWidths(total: number, minimum: readonly number[], wanted: readonly number[]): number[] {
  const min = minimum.map((m, i) => Math.min(m, wanted[i]!));
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumWant = wanted.reduce((a, b) => a + b, 0);
  if (sumWant <= total) return wanted.map((w) => (w * total) / sumWant);
  if (sumMin >= total) return min.map((m) => (m * total) / sumMin);
  const slack = sumWant - sumMin;
  return min.map((m, i) => m + ((wanted[i]! - m) * (total - sumMin)) / slack);
}

function widths(doc: Doc, b: Extract<Block, { kind: 'table' }>): number[] {
  const total = contentWidth(doc);
  const minimum: number[] = [];
  const wanted: number[] = [];
  const longestWord = (t: string) => Math.max(0, ...t.split(/\s+/).map((w) => doc.widthOfString(w)));
  b.columns.forEach((c, i) => {
    font(doc, 'bold', BODY);
    const header = pdfText(c.header);
    let min = longestWord(header);
    let want = doc.widthOfString(header);
    font(doc, 'regular', BODY);
    for (const row of b.rows) {
      const t = pdfText(row[i] ?? '');
      min = Math.max(min, longestWord(t));
      want = Math.max(want, ...t.split('\n').map((l) => doc.widthOfString(l)));
    }
    // One very long cell (an event's details) should not starve every other column.
    minimum.push(Math.min(min, total * 0.3) + 2 * PAD + 1);
    wanted.push(Math.min(want, total * 0.6) + 2 * PAD + 1);
  });
  return columnWidths(total, minimum, wanted);
}

function drawRow(doc: Doc, cells: readonly string[], columns: readonly Column[], w: readonly number[], face: keyof typeof FONT, fill: string | null, maxHeight: number): void {
  font(doc, face, BODY);
  const texts = cells.map(pdfText);
  const natural = Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: w[i]! - 2 * PAD })));
  // A single row taller than a whole page is cut with an ellipsis rather than looping on page breaks.
  const textH = Math.min(natural, maxHeight - 2 * PAD);
  const h = textH + 2 * PAD;
  const top = doc.y;
  if (fill) doc.rect(MARGIN.left, top, contentWidth(doc), h).fillColor(fill).fill();
  doc.fillColor('black');
  let x = MARGIN.left;
  texts.forEach((t, i) => {
    doc.text(t, x + PAD, top + PAD, { width: w[i]! - 2 * PAD, height: textH + 0.5, ellipsis: natural > textH ? '…' : undefined, align: columns[i]?.align ?? 'left' });
    x += w[i]!;
  });
  doc.moveTo(MARGIN.left, top + h).lineTo(MARGIN.left + contentWidth(doc), top + h).lineWidth(0.4).strokeColor(RULE).stroke();
  doc.x = MARGIN.left;
  doc.y = top + h;
}

function table(doc: Doc, b: Extract<Block, { kind: 'table' }>): void {
  if (!b.rows.length) return paragraph(doc, b.empty, 'italic');
  const w = widths(doc, b);
  const headers = b.columns.map((c) => c.header);
  const headerH = Math.max(...headers.map((t, i) => font(doc, 'bold', BODY).heightOfString(pdfText(t), { width: w[i]! - 2 * PAD }))) + 2 * PAD;
  const room = () => doc.page.maxY() - MARGIN.top - headerH;
  const header = () => drawRow(doc, headers, b.columns, w, 'bold', HEAD_FILL, Infinity);
  font(doc, 'regular', BODY);
  const firstH = Math.max(...b.rows[0]!.map((t, i) => doc.heightOfString(pdfText(t) || ' ', { width: w[i]! - 2 * PAD }))) + 2 * PAD;
  ensure(doc, headerH + Math.min(firstH, room()));
  header();
  for (const row of b.rows) {
    font(doc, 'regular', BODY);
    const h = Math.min(Math.max(...row.map((t, i) => doc.heightOfString(pdfText(t) || ' ', { width: w[i]! - 2 * PAD }))) + 2 * PAD, room());
    if (ensure(doc, h)) header();
    drawRow(doc, row, b.columns, w, 'regular', null, room());
  }
  doc.y += 6;
}

function signatures(doc: Doc, b: Extract<Block, { kind: 'signatures' }>): void {
  if (!b.items.length) return paragraph(doc, b.empty, 'italic');
  const w = contentWidth(doc);
  const keyW = 90;
  const lines = (s: SignatureLine): KeyValue[] => [
    { key: b.labels.meaning, value: s.meaning },
    { key: b.labels.signedAt, value: s.signedAt },
    { key: b.labels.reason, value: s.reason },
    { key: b.labels.record, value: s.record },
  ];
  for (const s of b.items) {
    const name = `${pdfText(b.labels.printedName)}: ${pdfText(s.printedName)}`;
    const nameH = font(doc, 'bold', BODY + 1.5).heightOfString(name, { width: w - 2 * PAD - 4 });
    const rows = lines(s).map((kv) => ({ key: pdfText(kv.key), value: pdfText(kv.value), h: Math.max(font(doc, 'regular', BODY).heightOfString(pdfText(kv.value) || ' ', { width: w - keyW - 3 * PAD - 4 }), doc.heightOfString(pdfText(kv.key), { width: keyW })) }));
    const h = nameH + rows.reduce((n, r) => n + r.h + 1, 0) + 2 * PAD + 4;
    ensure(doc, h + 4);
    const top = doc.y;
    doc.rect(MARGIN.left, top, w, h).lineWidth(0.6).strokeColor(GREY).stroke();
    let y = top + PAD + 1;
    font(doc, 'bold', BODY + 1.5).fillColor('black').text(name, MARGIN.left + PAD + 2, y, { width: w - 2 * PAD - 4 });
    y += nameH + 2;
    for (const r of rows) {
      font(doc, 'bold', BODY).fillColor(GREY).text(r.key, MARGIN.left + PAD + 2, y, { width: keyW });
      font(doc, 'regular', BODY).fillColor('black').text(r.value, MARGIN.left + PAD + 2 + keyW + PAD, y, { width: w - keyW - 3 * PAD - 4 });
      y += r.h + 1;
    }
    doc.x = MARGIN.left;
    doc.y = top + h + 4;
  }
  doc.y += 4;
}

function footers(doc: Doc, m: ReportDocument): void {
  const range = doc.bufferedPageRange();
  const stamp = pdfText(`${m.meta[0]?.key ?? ''} ${m.meta[0]?.value ?? m.generatedAt} · ${m.source}`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin: without lifting it pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const w = contentWidth(doc);
    const y = doc.page.height - MARGIN.bottom + 14;
    doc.moveTo(MARGIN.left, y - 4).lineTo(MARGIN.left + w, y - 4).lineWidth(0.5).strokeColor(RULE).stroke();
    const page = pdfText(pageLabel(m.pageLabel, i - range.start + 1, range.count));
    font(doc, 'regular', 7.5).fillColor(GREY);
    const pageW = doc.widthOfString(page) + 2;
    doc.text(pdfText(`${m.title} — ${m.subtitle}`), MARGIN.left, y, { width: w - pageW - 12, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(page, MARGIN.left + w - pageW, y, { width: pageW, align: 'right', lineBreak: false });
    doc.text(stamp, MARGIN.left, y + 10, { width: w, lineBreak: false, ellipsis: true, height: 10 });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** The document as PDF bytes. Same model and same generatedAt give the same content. */
export function renderPdf(m: ReportDocument, opts: { size?: PaperSize } = {}): Promise<Buffer> {
  const created = new Date(m.generatedAt);
  const doc = new PDFDocument({
    size: opts.size ?? 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: m.lang,
    displayTitle: true,
    info: { Title: pdfText(`${m.title} — ${m.subtitle}`), Creator: 'Lotline', Producer: 'Lotline (pdfkit)', CreationDate: Number.isFinite(created.getTime()) ? created : new Date(0) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    titleBlock(doc, m);
    for (const s of m.sections) {
      heading(doc, s.heading);
      for (const b of s.blocks) {
        switch (b.kind) {
          case 'paragraph':
            paragraph(doc, b.text);
            break;
          case 'keyValues':
            keyValues(doc, b.items);
            break;
          case 'table':
            table(doc, b);
            break;
          case 'signatures':
            signatures(doc, b);
            break;
          default: {
            const never: never = b;
            throw new Error(`unknown block ${JSON.stringify(never)}`);
          }
        }
      }
    }
    footers(doc, m);
  } finally {
    doc.end();
  }
  return done;
}
