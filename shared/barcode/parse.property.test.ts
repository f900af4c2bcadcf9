// Whatever a scanner sends, parseScan answers with a result that matches the published schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScan } from './parse';
import { ScanResult } from './result';
import { isScanProblemCode, repairText, scanProblemText } from './scan-messages';

const G = '\u001d';
const R = '\u001e';
const E = '\u0004';
export const SAMPLES: readonly string[] = [
  ']C10109501101530003172501001010ABC',
  `]d20109501101530003${'10'}LOT42${G}21SER1${G}3103001250`,
  '(01)09501101530003(17)250100(10)ABC',
  'https://id.gs1.org/01/09506000134352/10/ABC123?17=271231',
  `[)>${R}06${G}P296-1234-1-ND${G}1PSN74LVC1G08DBVR${G}Q250${G}4LMY${R}${E}`,
  '+A99912345/$$52001510X33',
  '{pbn:PICK2207080016,on:SO2207081231,pc:C2040,pm:RP2040,qty:50,mc:,cc:1,pdi:1,hp:0,wc:ZH}',
  'QTY:10 PN:ABC-123 MFR:VISHAY MPN:CRCW0603 PO:1234567/8 https://www.tme.eu/details/abc',
  'LL-SLOT-L2-F12',
];

const noisy = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom('0', '1', '7', '9', G, R, E, '[', ')', '>', '(', '+', '$', '/', ']', 'C', 'd', '2', 'Q', 'L', '-', '{', ':', ',', '}', '␝'), { maxLength: 120 }).map((a) => a.join('')),
);

const mutated = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 6 }))
  .map(([s, edits]) => {
    let out = s;
    for (const [at, op, text] of edits) {
      const i = out.length ? at % out.length : 0;
      if (op === 0) out = out.slice(0, i) + text + out.slice(i);
      else if (op === 1) out = out.slice(0, i) + out.slice(i + 1);
      else if (op === 2) out = out.slice(0, i) + text + out.slice(i + 1);
      else out = out.slice(0, i);
    }
    return out;
  });

describe('parseScan never throws', () => {
  it.each([
    ['random strings', noisy],
    ['mutated real labels', mutated],
  ] as const)('%s', (_, arb) => {
    fc.assert(
      fc.property(arb, fc.boolean(), (raw, gsDropped) => {
        const r = parseScan(raw, { referenceYear: 2025, wedge: { gsDropped, gsSubstitute: '^' } });
        expect(ScanResult.safeParse(r).success).toBe(true);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        // Whatever went wrong or was repaired, the operator reads it in Spanish, filled in.
        if (!r.ok) expect(isScanProblemCode(r.error.problem), r.error.problem).toBe(true);
        // A marker of a value left unfilled, unless the scan itself holds it (a sentence may quote the scan).
        const leaks = ['undefined', 'NaN', '[object', '${'].filter((m) => !raw.includes(m));
        for (const text of [...(r.ok ? [] : [scanProblemText(r.error, 'es')]), ...r.repairs.map((x) => repairText(x, 'es'))]) {
          for (const m of leaks) expect(text).not.toContain(m);
        }
      }),
      // A scan starting "]${" is quoted in its sentence: found by this property at random once.
      { numRuns: 2000, examples: [[']${', false]] },
    );
  });

  it('every sample parses and matches the schema', () => {
    for (const s of SAMPLES) {
      const r = parseScan(s, { referenceYear: 2025 });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(ScanResult.parse(r)).toEqual(r);
    }
  });

  it.each([
    ['over-long input', 'A'.repeat(5000), 'input_too_long'],
    ['empty', '', 'empty'],
    ['blanks', '   ', 'empty'],
    ['unknown text', 'hello world', 'unrecognized'],
    ['plain number that is not GS1', '8888', 'unrecognized'],
  ])('%s → %s', (_, raw, kind) => {
    const r = parseScan(raw);
    expect(r.ok ? 'ok' : r.error.kind).toBe(kind);
  });

  it('a variable-length AI chain with dropped GS stays fast (memoized readings)', () => {
    const raw = '10' + '1'.repeat(18) + '10'.repeat(100);
    const t = performance.now();
    parseScan(raw, { wedge: { gsDropped: true } });
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
