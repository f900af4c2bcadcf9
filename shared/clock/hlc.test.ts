import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcCompare, hlcFormat, hlcParse, hlcReceive, hlcTick, hlcZero, type Hlc } from './hlc';

describe('hybrid logical clock', () => {
  it.each([
    ['wall clock ahead: take it, counter 0', { wallMs: 100, counter: 5, node: 'A' }, 200, { wallMs: 200, counter: 0 }],
    ['same millisecond: counter +1', { wallMs: 100, counter: 5, node: 'A' }, 100, { wallMs: 100, counter: 6 }],
    ['wall clock went back: keep logical time, counter +1', { wallMs: 100, counter: 5, node: 'A' }, 50, { wallMs: 100, counter: 6 }],
    ['counter exhausted: borrow the next millisecond', { wallMs: 100, counter: 0xffff, node: 'A' }, 100, { wallMs: 101, counter: 0 }],
  ])('%s', (_, last, now, expected) => {
    expect(hlcTick(last, now)).toMatchObject(expected);
  });

  it('receive orders the next local timestamp after a remote one from the future', () => {
    const local = { wallMs: 100, counter: 0, node: 'A' };
    const remote = { wallMs: 5000, counter: 3, node: 'B' };
    const merged = hlcReceive(local, remote, 120);
    expect(merged).toEqual({ wallMs: 5000, counter: 4, node: 'A' });
    expect(hlcCompare(hlcTick(merged, 130), remote)).toBeGreaterThan(0);
  });

  it('string order equals clock order, and format/parse round-trips', () => {
    const arb = fc.record({ wallMs: fc.integer({ min: 0, max: 2 ** 47 }), counter: fc.integer({ min: 0, max: 0xffff }), node: fc.constantFrom('A', 'B', 'SMT-01') });
    fc.assert(
      fc.property(arb, arb, (a: Hlc, b: Hlc) => {
        expect(hlcParse(hlcFormat(a))).toEqual(a);
        const byString = hlcFormat(a) < hlcFormat(b) ? -1 : hlcFormat(a) > hlcFormat(b) ? 1 : 0;
        expect(Math.sign(hlcCompare(a, b))).toBe(byString);
      }),
    );
  });

  it('ticks are strictly increasing whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let h = hlcZero('A');
        for (const w of walls) {
          const next = hlcTick(h, w);
          expect(hlcCompare(next, h)).toBeGreaterThan(0);
          h = next;
        }
      }),
    );
  });

  it('refuses a malformed timestamp', () => {
    expect(() => hlcParse('yesterday')).toThrow(/not a hybrid-logical-clock timestamp/);
  });
});
