import { describe, expect, it } from 'vitest';
import { countPieces, pieceWeight } from './count-by-weight';

describe('pieceWeight', () => {
  it.each([
    ['10 pieces of 2 g on a 0.01 g scale', { pieces: 10, grams: 20 }, 0.01, 'ok'],
    ['sample of exactly 100 d', { pieces: 5, grams: 1 }, 0.01, 'ok'],
    ['sample just under 100 d', { pieces: 5, grams: 0.99 }, 0.01, 'sample_too_light'],
    ['5 resistors on a 0.1 g scale', { pieces: 5, grams: 0.05 }, 0.1, 'sample_too_light'],
    ['1000 pieces lighter than 0.2 d each', { pieces: 1000, grams: 15 }, 0.1, 'piece_too_light'],
    ['zero pieces', { pieces: 0, grams: 10 }, 0.01, 'bad_input'],
    ['fractional pieces', { pieces: 2.5, grams: 10 }, 0.01, 'bad_input'],
    ['negative sample', { pieces: 2, grams: -1 }, 0.01, 'bad_input'],
    ['zero readability', { pieces: 2, grams: 10 }, 0, 'bad_input'],
  ])('%s', (_, sample, d, expected) => {
    const r = pieceWeight(sample, d);
    expect(r.ok ? 'ok' : r.reason).toBe(expected);
  });
});

describe('countPieces', () => {
  it.each([
    // sample, d, bulk, count, exact
    [{ pieces: 10, grams: 20 }, 0.01, 2000, 1000, true],
    [{ pieces: 10, grams: 20.004 }, 0.01, 2000.4, 1000, true],
    // 999.6 ± 0.25 pieces: rounds to 1000, which the reading does not reach — not exact
    [{ pieces: 10, grams: 20.004 }, 0.01, 1999.6, 1000, false],
    // 100 d sample of light parts: piece 0.2 g, 10 kg bulk → 50 000 pieces, ±~275: not exact
    [{ pieces: 10, grams: 2 }, 0.02, 10000, 50000, false],
    [{ pieces: 10, grams: 20 }, 0.01, 0, 0, true],
    // ±0.25 pieces, but the reading falls between two counts: 1000.45 pieces could be 1001
    [{ pieces: 10, grams: 20 }, 0.01, 2000.9, 1000, false],
    [{ pieces: 10, grams: 20 }, 0.01, 2000.2, 1000, true],
  ])('%j on d=%s, bulk %s g → %s', (sample, d, bulk, count, exact) => {
    const p = pieceWeight(sample, d);
    if (!p.ok) throw new Error(p.message);
    const r = countPieces(p, bulk);
    if (!r.ok) throw new Error(r.message);
    expect(r.count).toBe(count);
    expect(r.exact).toBe(exact);
    expect(r.uncertaintyPieces).toBeGreaterThan(0);
  });

  it('uncertainty grows with the bulk weighed against a fixed sample', () => {
    const p = pieceWeight({ pieces: 20, grams: 10 }, 0.01);
    if (!p.ok) throw new Error('refused');
    const small = countPieces(p, 100);
    const large = countPieces(p, 10000);
    if (!small.ok || !large.ok) throw new Error('refused');
    expect(large.uncertaintyPieces).toBeGreaterThan(small.uncertaintyPieces);
  });

  it('refuses a negative bulk weight', () => {
    const p = pieceWeight({ pieces: 20, grams: 10 }, 0.01);
    if (!p.ok) throw new Error('refused');
    expect(countPieces(p, -1).ok).toBe(false);
  });
});
