import { describe, expect, it } from 'vitest';
import { buildTicket } from './escpos';
import { decodeEscPos, ticketText } from './escpos-decode';

describe('ESC/POS round trip', () => {
  it('decodes what node-thermal-printer built back to the intended lines', () => {
    const bytes = buildTicket({
      lines: [
        { text: 'LOTLINE', align: 'center', bold: true, size: 'double' },
        { text: 'Lot L-2026-0042' },
        { text: 'Qty 1000 pcs', align: 'right' },
      ],
    });
    const t = decodeEscPos(bytes);
    expect(ticketText(t)).toEqual(['LOTLINE', 'Lot L-2026-0042', 'Qty 1000 pcs']);
    expect(t.lines.find((l) => l.text === 'LOTLINE')).toMatchObject({ align: 'center', bold: true, doubleHeight: true });
    expect(t.lines.find((l) => l.text === 'Lot L-2026-0042')).toMatchObject({ align: 'left', bold: false, doubleHeight: false });
    expect(t.lines.find((l) => l.text === 'Qty 1000 pcs')?.align).toBe('right');
    expect(t.cuts).toBe(1);
    expect(t.unknown).toEqual([]);
  });

  it.each([
    ['init, text, feed, partial cut', [0x1b, 0x40, ...Buffer.from('A'), 0x0a, 0x1b, 0x64, 0x02, 0x1d, 0x56, 0x01], ['A'], 1],
    ['cut with feed (GS V 66 n)', [...Buffer.from('B\n'), 0x1d, 0x56, 0x42, 0x03], ['B'], 1],
    ['CODE128 barcode is not text', [...Buffer.from('C\n'), 0x1d, 0x6b, 73, 4, ...Buffer.from('{B12')], ['C'], 0],
  ])('%s', (_, bytes, lines, cuts) => {
    const t = decodeEscPos(Uint8Array.from(bytes));
    expect(ticketText(t)).toEqual(lines);
    expect(t.cuts).toBe(cuts);
  });

  it('reports commands it does not know instead of printing them', () => {
    const t = decodeEscPos(Uint8Array.from([0x1b, 0x7e, ...Buffer.from('X\n')]));
    expect(t.unknown).toEqual(['ESC 0x7e']);
    expect(ticketText(t)).toEqual(['X']);
  });

  it('prints Spanish and the euro sign in the code page the ticket selects, and reads them back', () => {
    const words = ['Línea / estación', 'Revisión de BOM', 'Impresión · 5 €', 'Señal: ÁÉÍÓÚ ñ ü ¿?'];
    const bytes = buildTicket({ lines: words.map((text) => ({ text })) });
    expect(ticketText(decodeEscPos(bytes))).toEqual(words);
    // PC858 (ESC t 19): "í" is 0xA1 there, not Latin-1's 0xED.
    expect(Buffer.from(bytes).includes(Buffer.from([0x4c, 0xa1, 0x6e]))).toBe(true);
  });

  it.each([
    ['PC437 until a page is chosen', [0x82, 0x0a], ['é']],
    ['PC858 after ESC t 19', [0x1b, 0x74, 19, 0xd5, 0x0a], ['€']],
    ['WPC1252 after ESC t 16', [0x1b, 0x74, 16, 0x80, 0xe9, 0x0a], ['€é']],
  ])('code pages: %s', (_, bytes, lines) => {
    expect(ticketText(decodeEscPos(Uint8Array.from(bytes)))).toEqual(lines);
  });

  it('a code page it does not know is reported', () => {
    expect(decodeEscPos(Uint8Array.from([0x1b, 0x74, 99, ...Buffer.from('X\n')])).unknown).toEqual(['ESC t 99']);
  });
});
