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
});
