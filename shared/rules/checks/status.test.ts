import { describe, expect, it } from 'vitest';
import { codesOf, envFor, lotFacts, smtFloorFacts, snapshotOf } from '../fixtures';
import type { LotStatus } from '../verdict';
import { checkStatus } from './status';

describe('checkStatus: only released lots are used', () => {
  it.each<[LotStatus, string[]]>([
    ['released', []],
    ['quarantined', ['lot_not_released']],
    ['on_hold', ['lot_not_released']],
    ['rejected', ['lot_not_released']],
    ['recalled', ['lot_not_released']],
    ['consumed', ['lot_not_released']],
  ])('%s', (status, codes) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'Q1', itemId: 'MCU', status })]);
    const r = checkStatus(envFor(s, 'Q1'));
    expect(codesOf(r)).toEqual(codes);
    if (r) expect(r.params).toMatchObject({ status });
  });
});
