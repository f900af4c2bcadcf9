import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../../../shared/barcode/parse';
import { damage, scanTextsFromZpl } from './zpl-scan';

const golden = (name: string) => readFileSync(join(import.meta.dirname, '../../../../tests/integration/labels/golden', name), 'utf8');

describe('reading barcodes back from ZPL', () => {
  it('the UDI label’s GS1 DataMatrix and GS1-128 symbols read as GS1 with their fields', () => {
    const [dm, c128a, c128b] = scanTextsFromZpl(golden('fg-udi-lot.zpl'));
    expect(dm!.text.startsWith(']d2')).toBe(true);
    expect(parseScan(dm!.text, { referenceYear: 2026 })).toMatchObject({ ok: true, fields: { gtin: '09506000134352', lot: 'L2611-A7', serial: 'SN000123', expiry: '2029-10-31' } });
    expect(c128a!.text).toBe(']C101095060001343521126112017291031');
    expect(parseScan(c128b!.text, { referenceYear: 2026 })).toMatchObject({ ok: true, fields: { lot: 'L2611-A7' } });
  });

  it.each([
    ['>;>801095060001343521126112017291031', ']C101095060001343521126112017291031'],
    ['>:AB>0C><D>=E', 'AB>C^D~E'],
  ])('^BC field %s reads as %s', (fd, text) => {
    expect(scanTextsFromZpl(`^XA^BCN,100,N,N,N,N^FD${fd}^FS^XZ`)[0]!.text).toBe(text);
  });

  it('a plain DataMatrix (an internal lot id) reads as its text', () => {
    const texts = scanTextsFromZpl(golden('material-lot.zpl')).map((b) => b.text);
    expect(texts).toContain('LL-LOT-01JD8Z3NDEKTSV4RRFFQ69G5FA');
  });

  it('damage changes one data character and keeps the symbology identifier', () => {
    const t = ']d2010950600013435210L2611-A7';
    const d = damage(t);
    expect(d).not.toBe(t);
    expect(d.slice(0, 3)).toBe(']d2');
    expect([...d].filter((c, i) => c !== t[i])).toHaveLength(1);
  });
});
