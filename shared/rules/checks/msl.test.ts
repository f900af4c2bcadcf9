import { describe, expect, it } from 'vitest';
import { codesOf, envFor, HOUR, iso, itemFact, lotFacts, mslFact, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import type { SnapshotFact } from '../snapshot-apply';
import { checkMsl } from './msl';

const ev = (kind: 'open' | 'close' | 'dry_storage_in' | 'dry_storage_out', h: number): SnapshotFact => mslFact({ kind, lotId: 'M1' as never, at: iso(T0 + h * HOUR) });

describe('checkMsl (warn under 8 h left by default)', () => {
  it.each<[string, SnapshotFact[], number, string[], object?]>([
    ['sealed MSL 3 reel', [], 0, []],
    ['open 100 h', [ev('open', 0)], 100, []],
    ['open 162 h: 6 h left → WARN', [ev('open', 0)], 162, ['msl_floor_life_low'], { remainingMs: 6 * HOUR }],
    ['open 170 h → REJECT', [ev('open', 0)], 170, ['msl_floor_life_exceeded'], { exposedMs: 170 * HOUR, floorLifeMs: 168 * HOUR }],
    ['165 h spread over opens, dry storage in between', [ev('open', 0), ev('dry_storage_in', 100), ev('dry_storage_out', 900), ev('close', 965)], 2000, ['msl_floor_life_low']],
    ['close without open → irregular WARN', [ev('close', 5)], 10, ['clock_record_irregular'], { clock: 'msl', anomaly: 'close_without_open', count: 1 }],
    ['exceeded and irregular: both', [ev('close', 0), ev('open', 1)], 200, ['msl_floor_life_exceeded', 'clock_record_irregular']],
  ])('%s', (_, facts, nowH, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...facts]);
    const r = checkMsl(envFor(s, 'M1', {}, T0 + nowH * HOUR));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r[0]?.params).toMatchObject(params);
  });

  it('MSL 6 without a bake → bake required', () => {
    const s = snapshotOf([...smtFloorFacts(), itemFact({ itemId: 'BGA6', msl: '6' }), ...lotFacts({ lotId: 'G1', itemId: 'BGA6' })]);
    expect(codesOf(checkMsl(envFor(s, 'G1')))).toEqual(['msl_bake_required']);
  });

  it("the lot's own level wins over the item's (receiving recorded it from the bag)", () => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'M5', itemId: 'MCU', msl: '5a' }), mslFact({ kind: 'open', lotId: 'M5' as never, at: iso(T0) })]);
    expect(codesOf(checkMsl(envFor(s, 'M5', {}, T0 + 25 * HOUR)))).toEqual(['msl_floor_life_exceeded']);
  });

  it('MSL 1 never warns', () => {
    const s = snapshotOf([...smtFloorFacts(), mslFact({ kind: 'open', lotId: 'R1' as never, at: iso(T0) })]);
    expect(checkMsl(envFor(s, 'R1', {}, T0 + 10_000 * HOUR))).toEqual([]);
  });
});
