import { describe, expect, it } from 'vitest';
import { codesOf, envFor, smtFloorFacts, snapshotOf, workOrderFact } from '../fixtures';
import type { WorkOrderId } from '../../ids';
import { checkWorkOrder } from './work-order';

const s = snapshotOf([...smtFloorFacts(), workOrderFact({ workOrderId: 'WO-DONE', bomId: 'BOM-C', status: 'completed' }), workOrderFact({ workOrderId: 'WO-RUN', bomId: 'BOM-C', status: 'running' }), workOrderFact({ workOrderId: 'WO-PLAN', bomId: 'BOM-C', status: 'planned' }), workOrderFact({ workOrderId: 'WO-NOBOM', bomId: 'BOM-Z' })]);

describe('checkWorkOrder', () => {
  it.each([
    ['released', 'WO-1', []],
    ['running', 'WO-RUN', []],
    ['completed', 'WO-DONE', ['work_order_not_running']],
    ['planned', 'WO-PLAN', ['work_order_not_running']],
    ['unknown', 'WO-404', ['no_work_order']],
    ['BOM revision not at the station', 'WO-NOBOM', ['no_work_order']],
  ])('%s', (_, id, codes) => {
    expect(codesOf(checkWorkOrder(envFor(s, 'R1', { workOrderId: id as WorkOrderId })))).toEqual(codes);
  });
});
