import { describe, expect, it } from 'vitest';
import { HOUR, T0 } from './fixtures';
import { DEFAULT_PASTE_PARAMS, pasteApply, pasteInit, pasteStatus, type PasteEvent, type PasteProblem } from './solder-paste';

const at = (h: number) => T0 + h * HOUR;
type Ev = readonly [PasteEvent['kind'], number];
const run = (evs: readonly Ev[]) => evs.reduce((s, [kind, h]) => pasteApply(s, { kind, atMs: at(h) }), pasteInit());

describe('solder paste status (defaults: thaw 4 h, open 24 h, 1 return, 48 h out)', () => {
  it.each<[string, readonly Ev[], number, string, readonly PasteProblem[], object?]>([
    ['in the fridge as received', [], 0, 'in_fridge', ['not_thawed']],
    ['thawing 2 h', [['fridge_out', 0]], 2, 'thawing', ['not_thawed'], { thawRemainingMs: 2 * HOUR }],
    ['thawed 4 h: ready', [['fridge_out', 0]], 4, 'ready', []],
    ['opened after 5 h thaw, 3 h later', [['fridge_out', 0], ['open', 5]], 8, 'open', [], { openMs: 3 * HOUR }],
    ['opened after 1 h thaw', [['fridge_out', 0], ['open', 1]], 8, 'open', ['opened_before_thaw'], { thawAtEarlyOpenMs: 1 * HOUR }],
    ['opened while recorded in the fridge', [['open', 1]], 8, 'in_fridge', ['opened_before_thaw'], { irregular: 1 }],
    ['open 25 h', [['fridge_out', 0], ['open', 4]], 29, 'open', ['open_time_exceeded']],
    ['open time keeps running in the fridge', [['fridge_out', 0], ['open', 4], ['fridge_in', 6], ['fridge_out', 20]], 29, 'ready', ['open_time_exceeded']],
    ['one return, thawed again: ok', [['fridge_out', 0], ['fridge_in', 2], ['fridge_out', 10]], 15, 'ready', [], { returns: 1, outOfFridgeMs: 7 * HOUR }],
    ['two returns: over the limit', [['fridge_out', 0], ['fridge_in', 2], ['fridge_out', 10], ['fridge_in', 11], ['fridge_out', 20]], 25, 'ready', ['returns_exceeded']],
    ['48 h out in total', [['fridge_out', 0], ['fridge_in', 30], ['fridge_out', 40]], 58, 'ready', ['out_of_fridge_exceeded']],
    ['re-opened after a return before thawing again', [['fridge_out', 0], ['open', 5], ['fridge_in', 6], ['fridge_out', 10], ['open', 11]], 12, 'open', ['opened_before_thaw']],
    ['duplicate fridge_out restarts the thaw (conservative)', [['fridge_out', 0], ['fridge_out', 3]], 5, 'thawing', ['not_thawed'], { outOfFridgeMs: 5 * HOUR }],
    ['fridge_in while in the fridge: ignored, flagged', [['fridge_in', 1]], 2, 'in_fridge', ['not_thawed'], { irregular: 1, returns: 0 }],
    ['discarded while open: that alone', [['fridge_out', 0], ['open', 5], ['discarded', 8]], 9, 'discarded', ['discarded']],
    ['discarded with its limits spent: that alone', [['fridge_out', 0], ['open', 1], ['discarded', 30]], 60, 'discarded', ['discarded']],
    ['discarded straight from the fridge', [['discarded', 1]], 2, 'discarded', ['discarded']],
    ['an act recorded after the discard moves the clock, never the jar back', [['fridge_out', 0], ['discarded', 5], ['fridge_in', 6], ['fridge_out', 7]], 20, 'discarded', ['discarded'], { returns: 1 }],
    ['discarded twice: noted, not irregular', [['fridge_out', 0], ['discarded', 5], ['discarded', 6]], 7, 'discarded', ['discarded'], { irregular: 0, lastAnomaly: { kind: 'duplicate', event: 'discarded' } }],
  ])('%s', (_, evs, nowH, phase, problems, extra) => {
    const r = pasteStatus(run(evs), DEFAULT_PASTE_PARAMS, at(nowH));
    expect(r.phase).toBe(phase);
    expect(r.problems).toEqual(problems);
    if (extra) expect(r).toMatchObject(extra);
  });

  it('applies per-item parameters when read, not when recorded', () => {
    const s = run([['fridge_out', 0]]);
    expect(pasteStatus(s, { ...DEFAULT_PASTE_PARAMS, minThawMs: 8 * HOUR }, at(5)).problems).toEqual(['not_thawed']);
    expect(pasteStatus(s, DEFAULT_PASTE_PARAMS, at(5)).problems).toEqual([]);
  });
});
