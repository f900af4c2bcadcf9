import { describe, expect, it } from 'vitest';
import { append, chainItems, chainLength, lastItems } from './chain';

describe('chain', () => {
  it.each([
    { items: [], last2: [], length: 0 },
    { items: ['a'], last2: ['a'], length: 1 },
    { items: ['a', 'b', 'c'], last2: ['b', 'c'], length: 3 },
  ])('$items: items oldest first, the newest two, its length', ({ items, last2, length }) => {
    const c = append<string>(null, ...items);
    expect(chainItems(c)).toEqual(items);
    expect(lastItems(c, 2)).toEqual(last2);
    expect(chainLength(c)).toBe(length);
  });

  it('appending leaves the earlier value unchanged, and two branches from one value do not see each other', () => {
    const base = append<number>(null, 1, 2);
    const left = append(base, 3);
    const right = append(base, 4, 5);
    expect(chainItems(base)).toEqual([1, 2]);
    expect(chainItems(left)).toEqual([1, 2, 3]);
    expect(chainItems(right)).toEqual([1, 2, 4, 5]);
    expect(right!.before!.before).toBe(base);
  });
});
