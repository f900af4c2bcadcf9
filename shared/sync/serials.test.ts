import { describe, expect, it } from 'vitest';
import { needsBlock, nextSerial, remainingSerials, type HeldBlock } from './serials';

const A: HeldBlock = { blockId: 'A', first: 1001, last: 1010 };
const B: HeldBlock = { blockId: 'B', first: 5001, last: 5005 };

describe('serial allocator', () => {
  it.each<[string, HeldBlock[], number | null, number, number | null, string | null, number, boolean]>([
    // name, blocks, lastIssued, lowWater, serial, block, remaining after, requestMore
    ['nothing held', [], null, 0, null, null, 0, true],
    ['first serial of the first block', [A], null, 3, 1001, 'A', 9, false],
    ['continues inside a block', [A], 1004, 3, 1005, 'A', 5, false],
    ['low water reached inside the block', [A], 1007, 3, 1008, 'A', 2, true],
    ['last serial of the block', [A], 1009, 0, 1010, 'A', 0, false],
    ['block used up', [A], 1010, 0, null, null, 0, true],
    ['moves on to the next block (unsorted input)', [B, A], 1010, 3, 5001, 'B', 4, false],
    ['skips a block already passed', [A, B], 5002, 1, 5003, 'B', 2, false],
    ['a gap between blocks is never used', [A, B], 1010, 0, 5001, 'B', 4, false],
    ['a malformed block is ignored', [{ blockId: 'X', first: 10, last: 5 }, A], null, 0, 1001, 'A', 9, false],
  ])('%s', (_, blocks, lastIssued, lowWater, serial, blockId, remaining, requestMore) => {
    expect(nextSerial(blocks, lastIssued, lowWater)).toEqual({ serial, blockId, remaining, requestMore });
  });

  it.each<[HeldBlock[], number | null, number]>([
    [[A, B], null, 15],
    [[A, B], 1005, 10],
    [[A, B], 5005, 0],
    [[A, B], 2000, 5],
  ])('remaining of %j after %s is %i', (blocks, last, n) => {
    expect(remainingSerials(blocks, last)).toBe(n);
  });

  it('asks for a block below the low-water mark', () => {
    expect(needsBlock([A], 1008, 3)).toBe(true);
    expect(needsBlock([A], 1007, 3)).toBe(false);
    expect(needsBlock([], null, 1)).toBe(true);
  });
});
