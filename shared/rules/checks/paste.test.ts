import { describe, expect, it } from 'vitest';
import { codesOf, envFor, HOUR, iso, itemFact, lotFacts, pasteFact, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import type { SnapshotFact } from '../snapshot-apply';
import { checkPaste } from './paste';

const ev = (kind: 'fridge_out' | 'open' | 'fridge_in' | 'discarded', h: number, lotId = 'P1'): SnapshotFact => pasteFact({ kind, lotId: lotId as never, at: iso(T0 + h * HOUR) });

describe('checkPaste (thaw 4 h, open 24 h, 1 return, 48 h out; warn under 2 h)', () => {
  it.each<[string, SnapshotFact[], number, string[], object?]>([
    ['still in the fridge', [], 0, ['paste_not_thawed'], { inFridge: true }],
    ['thawing 3 h', [ev('fridge_out', 0)], 3, ['paste_not_thawed'], { inFridge: false, thawRemainingMs: HOUR }],
    ['thawed, closed', [ev('fridge_out', 0)], 5, []],
    ['opened properly, 10 h', [ev('fridge_out', 0), ev('open', 5)], 15, []],
    ['opened after 2 h thaw', [ev('fridge_out', 0), ev('open', 2)], 3, ['paste_opened_before_thaw'], { thawedMs: 2 * HOUR, minThawMs: 4 * HOUR }],
    ['open 23 h: 1 h left → WARN', [ev('fridge_out', 0), ev('open', 5)], 28, ['paste_time_low'], { limit: 'open', remainingMs: HOUR }],
    ['open 24 h → REJECT', [ev('fridge_out', 0), ev('open', 5)], 29, ['paste_open_time_exceeded']],
    ['second return', [ev('fridge_out', 0), ev('fridge_in', 1), ev('fridge_out', 2), ev('fridge_in', 3), ev('fridge_out', 4)], 9, ['paste_fridge_returns_exceeded']],
    ['47 h out, unopened → WARN', [ev('fridge_out', 0)], 47, ['paste_time_low'], { limit: 'out_of_fridge' }],
    ['48 h out → REJECT', [ev('fridge_out', 0)], 48, ['paste_out_of_fridge_exceeded']],
    ['fridge_in twice → irregular WARN beside the fridge REJECT', [ev('fridge_in', 0)], 1, ['paste_not_thawed', 'clock_record_irregular']],
    ['discarded → REJECT for that alone', [ev('fridge_out', 0), ev('open', 5), ev('discarded', 6)], 7, ['paste_discarded'], { lotId: 'P1' }],
    ['discarded, its record irregular and its open time spent → still that alone', [ev('fridge_in', 0), ev('fridge_out', 1), ev('open', 2), ev('discarded', 40)], 41, ['paste_discarded']],
  ])('%s', (_, facts, nowH, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...facts]);
    const r = checkPaste(envFor(s, 'P1', {}, T0 + nowH * HOUR));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r[0]?.params).toMatchObject(params);
  });

  it('per-item parameters override the defaults', () => {
    const s = snapshotOf([...smtFloorFacts(), itemFact({ itemId: 'PASTE-8H', kind: 'solder_paste', uom: 'g', paste: { minThawMs: 8 * HOUR } }), ...lotFacts({ lotId: 'P8', itemId: 'PASTE-8H' }), ev('fridge_out', 0, 'P8')]);
    expect(codesOf(checkPaste(envFor(s, 'P8', {}, T0 + 5 * HOUR)))).toEqual(['paste_not_thawed']);
  });

  it('ignores items that are not solder paste', () => {
    const s = snapshotOf(smtFloorFacts());
    expect(checkPaste(envFor(s, 'R1'))).toEqual([]);
  });
});
