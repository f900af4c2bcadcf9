import { describe, expect, it } from 'vitest';
import type { HeldBlock } from '../../sync/serials';
import { assignSerials, boxSerials, chunks, numbersOf, rangesOf, serialMessage, serialSpan, serialText, type AssignInput } from './serials';

const A: HeldBlock = { blockId: 'A', first: 1, last: 5 };
const B: HeldBlock = { blockId: 'B', first: 101, last: 103 };

describe('serial text', () => {
  it.each([
    ['LCS', 1, 'LCS0000001'],
    ['LCS', 1234567, 'LCS1234567'],
    ['X', 12345678, 'X12345678'],
  ])('%s + %i → %s', (prefix, n, text) => {
    expect(serialText(prefix, n)).toBe(text);
  });
});

describe('assigning serials to counted units', () => {
  const base: AssignInput = { prefix: 'LCS', blocks: [A, B], lastIssued: null, count: 1 };
  it.each<[string, Partial<AssignInput>, string[] | string, number?]>([
    ['the first unit takes the first number of the lowest block', {}, ['LCS0000001'], 7],
    ['continues after the last number issued (read from the log after a restart)', { lastIssued: 3, count: 2 }, ['LCS0000004', 'LCS0000005'], 3],
    ['crosses into the next block, skipping the gap between blocks', { lastIssued: 4, count: 3 }, ['LCS0000005', 'LCS0000101', 'LCS0000102'], 1],
    ['exactly what is held', { count: 8 }, ['LCS0000001', 'LCS0000002', 'LCS0000003', 'LCS0000004', 'LCS0000005', 'LCS0000101', 'LCS0000102', 'LCS0000103'], 0],
    ['more than held: refused, nothing taken', { lastIssued: 4, count: 5 }, 'not_enough'],
    ['no block held at all', { blocks: [], count: 1 }, 'not_enough'],
    ['no prefix in the master data', { prefix: undefined }, 'no_prefix'],
    ['a prefix outside GS1 character set 82', { prefix: 'LC S' }, 'no_prefix'],
    ['a serial already used at this station (another item with the same prefix)', { count: 3, taken: (s: string) => s === 'LCS0000002' }, 'taken'],
    ['a serial longer than AI 21 allows', { prefix: 'ABCDEFGHIJKL', blocks: [{ blockId: 'Z', first: 100_000_000, last: 100_000_001 }] }, 'too_long'],
  ])('%s', (_, over, expected, remaining) => {
    const r = assignSerials({ ...base, ...over });
    if (typeof expected === 'string') {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe(expected);
    } else {
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.serials.map((s) => s.serial)).toEqual(expected);
        expect(r.remaining).toBe(remaining);
        // The recorded ranges stand for exactly the numbers issued, in order.
        expect(numbersOf(r.ranges)).toEqual(r.serials.map((s) => s.n));
      }
    }
  });

  it('never issues a number twice across successive counts', () => {
    const seen = new Set<string>();
    let last: number | null = null;
    for (const count of [2, 1, 3, 2]) {
      const r = assignSerials({ ...base, lastIssued: last, count });
      if (!r.ok) throw new Error(r.problem.code);
      for (const s of r.serials) {
        expect(seen.has(s.serial)).toBe(false);
        seen.add(s.serial);
      }
      last = r.serials.at(-1)!.n;
    }
    expect(seen.size).toBe(8);
  });

  it('names the problem in the message', () => {
    const r = assignSerials({ ...base, blocks: [A], count: 9 });
    expect(!r.ok && serialMessage('FG-X', r.problem)).toContain('9 serial numbers of FG-X are needed but this station holds 5');
  });
});

describe('ranges, spans and chunks', () => {
  it.each([
    [[], []],
    [[{ n: 1, blockId: 'A' }, { n: 2, blockId: 'A' }, { n: 3, blockId: 'A' }], [{ blockId: 'A', first: 1, last: 3 }]],
    [[{ n: 4, blockId: 'A' }, { n: 5, blockId: 'A' }, { n: 101, blockId: 'B' }], [{ blockId: 'A', first: 4, last: 5 }, { blockId: 'B', first: 101, last: 101 }]],
  ])('%j → %j', (serials, ranges) => {
    expect(rangesOf(serials)).toEqual(ranges);
  });
  it('span of none and of some', () => {
    expect(serialSpan([])).toEqual({ count: 0, first: null, last: null });
    expect(serialSpan(['A1', 'A2', 'A3'])).toEqual({ count: 3, first: 'A1', last: 'A3' });
  });
  it('chunks of at most n', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});

describe('which serials go into a box', () => {
  const unboxed = ['S1', 'S2', 'S3', 'S4'];
  it.each<[string, number, number, string[] | string]>([
    ['single units: the next ones in count order', 3, 1, ['S1', 'S2', 'S3']],
    ['units of 10 pieces', 20, 10, ['S1', 'S2']],
    ['pieces that are not whole units', 15, 10, 'partial_unit'],
    ['more units than counted and not yet boxed', 5, 1, 'not_counted'],
    ['an empty box of nothing', 0, 1, []],
  ])('%s', (_, pieces, perUnit, expected) => {
    const r = boxSerials(unboxed, pieces, perUnit);
    if (typeof expected === 'string') expect(!r.ok && r.problem.code).toBe(expected);
    else expect(r.ok && r.serials).toEqual(expected);
  });
});
