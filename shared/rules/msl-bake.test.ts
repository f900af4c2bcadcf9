import { describe, expect, it } from 'vitest';
import { HOUR } from './fixtures';
import { MSL_LEVELS } from '../events/types';
import { mslApply, mslInit, mslRemaining } from './msl';
import { bakeProfile, bakeProfiles } from './msl-bake';

describe('J-STD-033 table 4-1 bake profiles', () => {
  it.each([
    ['3', 1.4, 125, 9],
    ['3', 1.4, 90, 33],
    ['3', 1.4, 40, 13 * 24],
    ['2', 1.4, 125, 5],
    ['5a', 1.4, 90, 54],
    ['4', 2.0, 125, 34],
    ['5a', 2.0, 40, 79 * 24],
    ['2a', 4.5, 125, 48],
    ['5', 4.5, 90, 240],
  ] as const)('MSL %s, ≤ %s mm at %s °C: %s h', (level, mm, c, h) => {
    expect(bakeProfile(level, mm, c)).toEqual({ kind: 'table', temperatureC: c, thicknessMm: mm, durationH: h });
  });

  it('MSL 1 needs no bake; MSL 6 bakes as its label says', () => {
    expect(bakeProfile('1', 1.4, 125)).toEqual({ kind: 'none' });
    expect(bakeProfile('6', 1.4, 125)).toEqual({ kind: 'label' });
    expect(bakeProfiles('1')).toEqual([]);
    expect(bakeProfiles('6')).toEqual([]);
  });

  it.each(MSL_LEVELS.filter((l) => l !== '1' && l !== '6').map((l) => [l] as const))('MSL %s: nine profiles, longer when cooler or thicker', (level) => {
    const ps = bakeProfiles(level);
    expect(ps).toHaveLength(9);
    for (const mm of [1.4, 2.0, 4.5] as const) {
      const [hot, warm, cool] = ps.filter((p) => p.thicknessMm === mm).map((p) => p.durationH);
      expect(hot).toBeLessThan(warm!);
      expect(warm).toBeLessThan(cool!);
    }
    for (const c of [125, 90, 40] as const) {
      const byThickness = ps.filter((p) => p.temperatureC === c).map((p) => p.durationH);
      expect([...byThickness].sort((a, b) => a - b)).toEqual(byThickness);
    }
  });

  it('a bake restarts the floor life: an exceeded MSL 3 reel has its full 168 h again', () => {
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    const exposed = mslApply(mslInit('3'), { kind: 'open', atMs: t0 - 200 * HOUR });
    expect(mslRemaining(exposed, t0).exceeded).toBe(true);
    const baked = mslApply(exposed, { kind: 'bake', atMs: t0 });
    expect(mslRemaining(baked, t0)).toMatchObject({ exceeded: false, remainingMs: 168 * HOUR });
  });
});
