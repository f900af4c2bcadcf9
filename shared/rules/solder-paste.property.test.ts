// Properties of the paste clock over arbitrary sequences (duplicates, out-of-order times):
// an opening before the thaw is complete can never read as fine afterwards, time out of the
// fridge never runs backwards, and a jar in the fridge is never usable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR, T0 } from './fixtures';
import { DEFAULT_PASTE_PARAMS, pasteApply, pasteInit, pasteStatus, type PasteEvent, type PasteState } from './solder-paste';

const event = fc.record({ kind: fc.constantFrom('fridge_out', 'open', 'fridge_in', 'discarded') as fc.Arbitrary<PasteEvent['kind']>, atMs: fc.integer({ min: T0, max: T0 + 100 * HOUR }) });
const events = fc.array(event, { maxLength: 30 });
const P = DEFAULT_PASTE_PARAMS;

/** Reference: was any open event applied while the jar was not thawed (by the same clamped clock)? */
function openedEarly(evs: readonly PasteEvent[]): boolean {
  let s: PasteState = pasteInit();
  for (const e of evs) {
    const t = s.lastAtMs !== null && e.atMs < s.lastAtMs ? s.lastAtMs : e.atMs;
    if (e.kind === 'open' && !s.lidOpen) {
      const thawed = s.inFridge || s.thawStartMs === null ? 0 : t - s.thawStartMs;
      if (thawed < P.minThawMs) return true;
    }
    s = pasteApply(s, e);
  }
  return false;
}

describe('solder paste clock properties', () => {
  it('a jar discarded once stays discarded, refused for that alone, whatever is recorded after', () => {
    fc.assert(
      fc.property(events, events, fc.integer({ min: T0, max: T0 + 200 * HOUR }), (before, after, now) => {
        const s = [...before, { kind: 'discarded' as const, atMs: T0 + 50 * HOUR }, ...after].reduce(pasteApply, pasteInit());
        const r = pasteStatus(s, P, now);
        expect(r.phase).toBe('discarded');
        expect(r.problems).toEqual(['discarded']);
      }),
    );
  });

  it('never allows an open before the thaw without a REJECT reason, at any later time', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 200 * HOUR }), (evs, later) => {
        const s = evs.reduce(pasteApply, pasteInit());
        const r = pasteStatus(s, P, (s.lastAtMs ?? T0) + later);
        // A discarded jar is refused for that alone, an early opening or not.
        if (s.discardedAtMs !== null) expect(r.problems).toEqual(['discarded']);
        else if (openedEarly(evs)) expect(r.problems).toContain('opened_before_thaw');
        else expect(r.problems).not.toContain('opened_before_thaw');
      }),
    );
  });

  it('a jar recorded in the fridge always has a problem', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 200 * HOUR }), (evs, later) => {
        const s = evs.reduce(pasteApply, pasteInit());
        if (s.inFridge) expect(pasteStatus(s, P, (s.lastAtMs ?? T0) + later).problems.length).toBeGreaterThan(0);
      }),
    );
  });

  it('time out of the fridge and open time are never negative and never decrease', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 100 * HOUR }), fc.integer({ min: 0, max: 100 * HOUR }), (evs, d1, d2) => {
        const s = evs.reduce(pasteApply, pasteInit());
        const base = s.lastAtMs ?? T0;
        const a = pasteStatus(s, P, base + d1);
        const b = pasteStatus(s, P, base + d1 + d2);
        expect(a.outOfFridgeMs).toBeGreaterThanOrEqual(0);
        expect(b.outOfFridgeMs).toBeGreaterThanOrEqual(a.outOfFridgeMs);
        expect(b.thawedMs).toBeGreaterThanOrEqual(a.thawedMs);
        if (a.openMs !== null) expect(b.openMs!).toBeGreaterThanOrEqual(a.openMs);
      }),
    );
  });

  it('out-of-fridge total over a sequence is the sum of out periods (clamped clock)', () => {
    fc.assert(
      fc.property(events, (evs) => {
        let s = pasteInit();
        let total = 0;
        let since: number | null = null;
        for (const e of evs) {
          const t = s.lastAtMs !== null && e.atMs < s.lastAtMs ? s.lastAtMs : e.atMs;
          if (e.kind === 'fridge_out' && since === null) since = t;
          if (e.kind === 'fridge_in' && since !== null) {
            total += t - since;
            since = null;
          }
          s = pasteApply(s, e);
        }
        const now = s.lastAtMs ?? T0;
        expect(pasteStatus(s, P, now).outOfFridgeMs).toBe(total + (since === null ? 0 : now - since));
      }),
    );
  });
});
