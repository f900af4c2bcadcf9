import { describe, expect, it } from 'vitest';
import { codesOf, envFor, lotFacts, smtFloorFacts, snapshotOf } from '../fixtures';
import { checkQuantity } from './quantity';

const slot = (s: string) => ({ slot: { lineId: 'SMT1', slot: s } });

describe('checkQuantity (WO-1: 50 boards)', () => {
  it.each<[string, number, string, object, string[], object?]>([
    ['F01 needs 8 × 50 = 400, reel holds 5000', 5000, 'RES-10K', slot('F01'), []],
    ['F01 needs 400, reel holds 300 → WARN', 300, 'RES-10K', slot('F01'), ['quantity_insufficient'], { available: 300, needed: 400, uom: 'ea' }],
    ['exactly enough', 400, 'RES-10K', slot('F01'), []],
    ['empty reel → REJECT', 0, 'RES-10K', slot('F01'), ['lot_empty']],
    ['planned quantity given by the runtime', 300, 'RES-10K', { ...slot('F01'), plannedQty: 250 }, []],
    ['paste 0.8 g × 50 = 40 g, jar holds 30 g', 30, 'PASTE', {}, ['quantity_insufficient'], { needed: 40 }],
  ])('%s', (_, quantity, itemId, ctx, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'Q1', itemId, quantity })]);
    const r = checkQuantity(envFor(s, 'Q1', ctx));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r?.params).toMatchObject(params);
  });
});
