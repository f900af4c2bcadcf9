import { describe, expect, it } from 'vitest';
import { codesOf, envFor, iso, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import type { SnapshotFact } from '../snapshot-apply';
import { checkLineClearance } from './line-clearance';
import { checkSegregation } from './segregation';

const clear = (lot: string): SnapshotFact => ({ type: 'packing.clearance_signed', payload: { lineId: 'PCK1', finishedLotId: lot, at: iso(T0) } });
const open = (lot: string): SnapshotFact => ({ type: 'packing.lot_opened', payload: { lineId: 'PCK1', finishedLotId: lot } });
const close = (lot: string): SnapshotFact => ({ type: 'packing.lot_closed', payload: { lineId: 'PCK1', finishedLotId: lot } });
const packing = { packing: { lineId: 'PCK1', finishedLotId: 'FG-2' as never } };

describe('cleanroom packing gates', () => {
  it.each<[string, SnapshotFact[], string[], string[]]>([
    ['no clearance ever signed', [open('FG-2')], ['line_clearance_missing'], []],
    ['clearance for this lot', [clear('FG-2'), open('FG-2')], [], []],
    ['clearance for the previous lot only', [clear('FG-1'), open('FG-2')], ['line_clearance_missing'], []],
    ['previous lot closed: its clearance does not carry over', [clear('FG-1'), open('FG-1'), close('FG-1'), open('FG-2')], ['line_clearance_missing'], []],
    ['previous lot still open', [clear('FG-1'), open('FG-1'), clear('FG-2'), open('FG-2')], [], ['segregation_other_lot_open']],
  ])('%s', (_, facts, clearance, segregation) => {
    const env = envFor(snapshotOf([...smtFloorFacts(), ...facts]), 'PO1', packing);
    expect(codesOf(checkLineClearance(env))).toEqual(clearance);
    expect(codesOf(checkSegregation(env))).toEqual(segregation);
  });

  it('neither gate applies outside packing', () => {
    const env = envFor(snapshotOf(smtFloorFacts()), 'PO1');
    expect(checkLineClearance(env)).toBeNull();
    expect(checkSegregation(env)).toBeNull();
  });
});
