import { describe, expect, it } from 'vitest';
import { codesOf, envFor, lotFacts, smtFloorFacts, snapshotOf } from '../fixtures';
import type { WorkOrderId } from '../../ids';
import { checkBom } from './bom';

const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'X1', itemId: 'POUCH' })]);
const slot = (name: string) => ({ slot: { lineId: 'SMT1', slot: name } });
const wo = (id: string) => ({ workOrderId: id as WorkOrderId });

describe('checkBom: item on the work order BOM revision (and at this slot)', () => {
  it.each<[string, string, object, string[], object?]>([
    ['right part in its slot', 'M1', slot('F03'), []],
    ['right part, unslotted line (paste)', 'P1', {}, []],
    ['part on the BOM, no slot context', 'R1', {}, []],
    ['part not on the BOM at all', 'X1', {}, ['wrong_item'], { slot: null, expected: [], belongsIn: [] }],
    ['part of another slot', 'R1', slot('F03'), ['wrong_item'], { slot: 'F03', expected: ['MCU'], belongsIn: ['F01'] }],
    ['alternate allowed by rev C on F04', 'LA1', slot('F04'), []],
    ['same alternate on rev B: not allowed', 'LA1', { ...slot('F04'), ...wo('WO-B') }, ['wrong_item'], { revision: 'B', expected: ['LED'] }],
    ['alternate is only for its own slot', 'LA1', slot('F02'), ['wrong_item'], { expected: ['CAP-100N'], belongsIn: ['F04'] }],
    ['slot the BOM does not have', 'R1', slot('F99'), ['wrong_item'], { expected: [] }],
    ['splice context answers splice_mismatch', 'R1', { ...slot('F02'), splice: { oldLotId: 'C1', oldItemId: 'CAP-100N' } }, ['splice_mismatch'], { oldItemId: 'CAP-100N', allowed: ['CAP-100N'] }],
  ])('%s', (_, lotId, ctx, codes, params) => {
    const r = checkBom(envFor(s, lotId, ctx));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r?.params).toMatchObject(params);
  });

  it('is silent without a BOM (checkWorkOrder reports it)', () => {
    expect(checkBom(envFor(s, 'R1', wo('WO-NONE')))).toBeNull();
  });
});
