import { describe, expect, it } from 'vitest';
import { bands, linear, niceTicks, stack } from './scale';

describe('chart scales', () => {
  it.each([
    [10, 5, [0, 2, 4, 6, 8, 10]],
    [7, 5, [0, 2, 4, 6, 8]],
    [1, 4, [0, 0.5, 1]],
    [0, 5, [0, 1]],
    [123, 5, [0, 50, 100, 150]],
    [0.3, 3, [0, 0.1, 0.2, 0.3]],
  ])('niceTicks(%d, %d)', (max, count, ticks) => {
    expect(niceTicks(max, count)).toEqual(ticks);
  });

  it.each([
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [12, [0, 5, 10, 15]],
  ])('integer niceTicks(%d) never splits a count', (max, ticks) => {
    expect(niceTicks(max, 5, true)).toEqual(ticks);
  });

  it('linear maps 0 to the start and the max to the end (inverted for SVG y)', () => {
    const y = linear(10, 200, 0);
    expect([y(0), y(5), y(10)]).toEqual([200, 100, 0]);
    expect(linear(0, 0, 100)(0)).toBe(0);
  });

  it('bands divide the width and centre each bar', () => {
    const b = bands(4, 0, 400, 0.5);
    expect(b.width).toBe(50);
    expect([b.x(0), b.center(0), b.x(3)]).toEqual([25, 50, 325]);
  });

  it('stack accumulates series per bucket', () => {
    expect(stack([[1, 2], [3, 0], [1, 1]])).toEqual([
      [[0, 1], [0, 2]],
      [[1, 4], [2, 2]],
      [[4, 5], [2, 3]],
    ]);
  });
});
