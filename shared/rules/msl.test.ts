import { describe, expect, it } from 'vitest';
import { HOUR, T0 } from './fixtures';
import { MSL_FLOOR_LIFE_H, mslApply, mslInit, mslRemaining, type MslEvent, type MslLevel } from './msl';

const at = (h: number) => T0 + h * HOUR;
const run = (level: MslLevel, evs: ReadonlyArray<readonly [MslEvent['kind'], number, number?]>) =>
  evs.reduce((s, [kind, h, tol]) => mslApply(s, { kind, atMs: at(h), ...(tol !== undefined ? { timeOnLabelH: tol } : {}) }), mslInit(level));

describe('MSL floor life table (J-STD-033)', () => {
  it.each<[MslLevel, number | null]>([
    ['1', null],
    ['2', 8760],
    ['2a', 672],
    ['3', 168],
    ['4', 72],
    ['5', 48],
    ['5a', 24],
    ['6', 0],
  ])('level %s → %s h', (level, h) => expect(MSL_FLOOR_LIFE_H[level]).toBe(h));
});

describe('mslRemaining after events', () => {
  it.each<[string, MslLevel, ReadonlyArray<readonly [MslEvent['kind'], number, number?]>, number, { exposedH?: number; remainingH?: number | null; exceeded?: boolean; bakeRequired?: boolean; irregular?: number; phase?: string }]>([
    ['sealed reel: nothing used', '3', [], 500, { exposedH: 0, remainingH: 168, exceeded: false, phase: 'sealed' }],
    ['open 10 h, still open', '3', [['open', 0]], 10, { exposedH: 10, remainingH: 158, phase: 'open' }],
    ['open/close accumulates', '3', [['open', 0], ['close', 10], ['open', 20], ['close', 25]], 100, { exposedH: 15, remainingH: 153, phase: 'closed' }],
    ['dry storage pauses', '3', [['open', 0], ['dry_storage_in', 100], ['dry_storage_out', 500]], 510, { exposedH: 110, remainingH: 58 }],
    ['short exposure + dry storage does NOT reset (conservative rule)', '3', [['open', 0], ['dry_storage_in', 2], ['dry_storage_out', 1000]], 1000, { exposedH: 2 }],
    ['170 h open on MSL 3 → exceeded', '3', [['open', 0]], 170, { exposedH: 170, remainingH: 0, exceeded: true }],
    ['exactly at the limit is exceeded', '5a', [['open', 0]], 24, { exceeded: true }],
    ['bake resets exposure', '3', [['open', 0], ['close', 200], ['bake', 300]], 305, { exposedH: 5, remainingH: 163, exceeded: false }],
    ['MSL 1 is unlimited', '1', [['open', 0]], 100_000, { remainingH: null, exceeded: false }],
    ['MSL 6 not baked → bake required', '6', [['open', 0]], 1, { bakeRequired: true, exceeded: false }],
    ['MSL 6 baked with 6 h on label, 4 h later', '6', [['bake', 0, 6]], 4, { bakeRequired: false, remainingH: 2, exceeded: false }],
    ['MSL 6 baked with 6 h on label, 7 h later', '6', [['bake', 0, 6]], 7, { exceeded: true }],
    ['MSL 6 baked without time on label: no floor life', '6', [['bake', 0]], 0, { exceeded: true, remainingH: 0 }],
    ['close without open is ignored and flagged irregular', '3', [['close', 5]], 10, { exposedH: 0, irregular: 1, phase: 'sealed' }],
    ['duplicate open keeps the first start (not irregular)', '3', [['open', 0], ['open', 5]], 10, { exposedH: 10, irregular: 0 }],
    ['dry_storage_out without in starts exposure', '3', [['dry_storage_out', 5]], 10, { exposedH: 5, irregular: 0 }],
    ['out-of-order close is clamped to the last time', '3', [['open', 10], ['close', 5]], 20, { exposedH: 0, irregular: 1, phase: 'closed' }],
    ['bake clears irregular count', '3', [['close', 1], ['bake', 2]], 3, { irregular: 0, exposedH: 1 }],
  ])('%s', (_, level, evs, nowH, want) => {
    const r = mslRemaining(run(level, evs), at(nowH));
    if (want.exposedH !== undefined) expect(r.exposedMs).toBe(want.exposedH * HOUR);
    if (want.remainingH !== undefined) expect(r.remainingMs).toBe(want.remainingH === null ? null : want.remainingH * HOUR);
    if (want.exceeded !== undefined) expect(r.exceeded).toBe(want.exceeded);
    if (want.bakeRequired !== undefined) expect(r.bakeRequired).toBe(want.bakeRequired);
    if (want.irregular !== undefined) expect(r.irregular).toBe(want.irregular);
    if (want.phase !== undefined) expect(r.phase).toBe(want.phase);
  });

  it('uses the item time on label for MSL 6 when the bake did not carry one', () => {
    const r = mslRemaining(run('6', [['bake', 0]]), at(1), { timeOnLabelH: 8 });
    expect(r).toMatchObject({ exceeded: false, remainingMs: 7 * HOUR });
  });

  it('reads a time before the last event as the last event time (never negative)', () => {
    const r = mslRemaining(run('3', [['open', 10]]), at(0));
    expect(r.exposedMs).toBe(0);
  });
});
