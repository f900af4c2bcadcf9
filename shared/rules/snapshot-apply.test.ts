import { describe, expect, it } from 'vitest';
import type { ItemId, LotId } from '../ids';
import { iso, itemFact, lotFacts, mslFact, smtFloorFacts, snapshotOf, T0 } from './fixtures';
import { applyFact, emptySnapshot } from './snapshot-apply';
import { supplierLotKey } from './snapshot';

const L = (s: string) => s as LotId;
const I = (s: string) => s as ItemId;

describe('applyFact keeps the snapshot current', () => {
  it('a received lot starts in quarantine and is indexed by item and supplier lot', () => {
    const s = snapshotOf([itemFact({ itemId: 'A' }), ...lotFacts({ lotId: 'A1', itemId: 'A', supplierLot: 'sl 9', status: 'quarantined' })]);
    expect(s.lots.get(L('A1'))).toMatchObject({ status: 'quarantined', itemId: 'A' });
    expect(s.lotsByItem.get(I('A'))).toEqual(['A1']);
    expect(s.lotsBySupplierLot.get(supplierLotKey('A', 'SL9'))).toEqual(['A1']);
  });

  it.each([
    ['released', { type: 'lot.released', payload: { lotId: 'A1' } }, { status: 'released' }],
    ['held', { type: 'lot.status_changed', payload: { lotId: 'A1', status: 'on_hold' } }, { status: 'on_hold' }],
    ['consumed partly', { type: 'lot.quantity_changed', payload: { lotId: 'A1', quantity: 12 } }, { quantity: 12 }],
    ['moved', { type: 'lot.moved', payload: { lotId: 'A1', location: 'SMT1' } }, { location: 'SMT1' }],
  ] as const)('lot %s', (_, fact, want) => {
    const s = snapshotOf([itemFact({ itemId: 'A' }), ...lotFacts({ lotId: 'A1', itemId: 'A', status: 'quarantined' })]);
    expect(applyFact(s, fact)).toEqual({ ok: true });
    expect(s.lots.get(L('A1'))).toMatchObject(want);
  });

  it('keeps lots of an item in receipt order even when replayed out of order', () => {
    const s = snapshotOf([itemFact({ itemId: 'A' }), ...lotFacts({ lotId: 'late', itemId: 'A', seq: 30 }), ...lotFacts({ lotId: 'early', itemId: 'A', seq: 10 }), ...lotFacts({ lotId: 'mid', itemId: 'A', seq: 20 })]);
    expect(s.lotsByItem.get(I('A'))).toEqual(['early', 'mid', 'late']);
  });

  it('re-upserting an item replaces its cross-references', () => {
    const s = snapshotOf([itemFact({ itemId: 'A', gtin: '09501101530003' })]);
    applyFact(s, itemFact({ itemId: 'A', gtin: '04006381333931' }));
    expect(s.itemIndex.gtins.has('09501101530003')).toBe(false);
    expect(s.itemIndex.gtins.get('04006381333931')).toHaveLength(1);
  });

  it('an MSL event starts the clock at the lot (or item) level', () => {
    const s = snapshotOf([...smtFloorFacts(), mslFact({ kind: 'open', lotId: L('M1'), at: iso(T0) })]);
    expect(s.msl.get(L('M1'))).toMatchObject({ level: '3', phase: 'open', openSinceMs: T0 });
  });

  it.each([
    ['unknown lot', { type: 'lot.released', payload: { lotId: 'NOPE' } }],
    ['MSL event for a lot without a level', mslFact({ kind: 'open', lotId: L('P1'), at: iso(T0) })],
    ['paste event for an unknown lot', { type: 'material.paste', payload: { kind: 'open', lotId: L('NOPE'), at: iso(T0) } }],
  ] as const)('refuses without throwing: %s', (_, fact) => {
    const s = snapshotOf(smtFloorFacts());
    const r = applyFact(s, fact);
    expect(r.ok).toBe(false);
  });

  it('rules.configured merges settings', () => {
    const s = emptySnapshot();
    applyFact(s, { type: 'rules.configured', payload: { expiryWarnDays: 7 } });
    expect(s.config.expiryWarnDays).toBe(7);
    expect(s.config.mslWarnMs).toBe(8 * 3_600_000);
  });
});
