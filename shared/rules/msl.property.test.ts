// Properties of the MSL clock over arbitrary event sequences, including duplicates and
// out-of-order times: exposure is never negative, grows with time only while open, is frozen
// while closed or in dry storage, and a bake resets it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MSL_LEVELS } from '../events/types';
import { MAX_ANOMALIES } from './clock-anomaly';
import { HOUR, T0 } from './fixtures';
import { mslApply, mslInit, mslRemaining, type MslEvent, type MslState } from './msl';

const kinds = ['open', 'close', 'dry_storage_in', 'dry_storage_out', 'bake'] as const;
const event = fc.record({ kind: fc.constantFrom(...kinds), atMs: fc.integer({ min: T0 - 100 * HOUR, max: T0 + 1000 * HOUR }) });
const events = fc.array(event, { maxLength: 40 });
const level = fc.constantFrom(...MSL_LEVELS);
const apply = (lvl: (typeof MSL_LEVELS)[number], evs: readonly MslEvent[]): MslState => evs.reduce(mslApply, mslInit(lvl));

describe('MSL clock properties', () => {
  it('exposure is never negative and remaining never exceeds floor life', () => {
    fc.assert(
      fc.property(level, events, fc.integer({ min: T0 - 200 * HOUR, max: T0 + 2000 * HOUR }), (lvl, evs, now) => {
        const r = mslRemaining(apply(lvl, evs), now);
        expect(r.exposedMs).toBeGreaterThanOrEqual(0);
        if (r.remainingMs !== null) expect(r.remainingMs).toBeGreaterThanOrEqual(0);
        if (r.remainingMs !== null && r.floorLifeMs !== null) expect(r.remainingMs).toBeLessThanOrEqual(r.floorLifeMs);
      }),
    );
  });

  it('exposure is monotone in time; it grows while open and is frozen otherwise', () => {
    fc.assert(
      fc.property(level, events, fc.integer({ min: 0, max: 500 * HOUR }), fc.integer({ min: 0, max: 500 * HOUR }), (lvl, evs, d1, d2) => {
        const s = apply(lvl, evs);
        const base = s.lastAtMs ?? T0;
        const a = mslRemaining(s, base + d1);
        const b = mslRemaining(s, base + d1 + d2);
        expect(b.exposedMs).toBeGreaterThanOrEqual(a.exposedMs);
        if (s.phase === 'open') expect(b.exposedMs - a.exposedMs).toBe(d2);
        else expect(b.exposedMs).toBe(a.exposedMs);
      }),
    );
  });

  it('time spent closed or in dry storage adds no exposure', () => {
    fc.assert(
      fc.property(level, events, fc.constantFrom('close', 'dry_storage_in'), fc.integer({ min: 1, max: 1000 * HOUR }), (lvl, evs, pause, gap) => {
        const s = apply(lvl, evs);
        const t = s.lastAtMs ?? T0;
        const paused = mslApply(mslApply(s, { kind: 'open', atMs: t }), { kind: pause, atMs: t });
        const resumed = mslApply(paused, { kind: pause === 'close' ? 'open' : 'dry_storage_out', atMs: t + gap });
        expect(mslRemaining(resumed, t + gap).exposedMs).toBe(mslRemaining(paused, t).exposedMs);
      }),
    );
  });

  it('a bake resets exposure to zero and clears irregularities', () => {
    fc.assert(
      fc.property(level, events, fc.integer({ min: 0, max: 100 * HOUR }), (lvl, evs, after) => {
        const s = apply(lvl, evs);
        const t = s.lastAtMs ?? T0;
        const baked = mslApply(s, { kind: 'bake', atMs: t });
        const r = mslRemaining(baked, t + after);
        expect(r.exposedMs).toBe(after);
        expect(r.irregular).toBe(0);
        expect(r.bakeRequired).toBe(false);
      }),
    );
  });

  it('clock time never runs backwards: lastAtMs is the running maximum of event times', () => {
    fc.assert(
      fc.property(level, fc.array(event, { minLength: 1, maxLength: 40 }), (lvl, evs) => {
        const s = apply(lvl, evs);
        expect(s.lastAtMs).toBe(Math.max(...evs.map((e) => e.atMs)));
        expect(s.anomalies.length).toBeLessThanOrEqual(MAX_ANOMALIES);
      }),
    );
  });

  it('any contradiction that could hide exposure is flagged irregular', () => {
    fc.assert(
      fc.property(level, events, (lvl, evs) => {
        let s = mslInit(lvl);
        let expected = 0;
        for (const e of evs) {
          const sorted = s.lastAtMs === null || e.atMs >= s.lastAtMs;
          if (!sorted) expected++;
          if (e.kind === 'close' && s.phase !== 'open') expected++;
          if (e.kind === 'bake') expected = 0;
          s = mslApply(s, e);
        }
        expect(s.irregular).toBe(expected);
      }),
    );
  });
});
