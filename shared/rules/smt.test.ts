import { describe, expect, it } from 'vitest';
import type { BomId, ItemId, LotId, WorkOrderId } from '../ids';
import { lotFacts, lotLabel, slotLabel, smtFloorFacts, snapshotOf, T0, workOrderFact } from './fixtures';
import { reelScan, slotScan, smtScan } from './smt-scan';
import { canStartLine, changeRevision, newSetup, setupApply, setupFromBom, type SetupState } from './smt-setup';
import type { Snapshot } from './snapshot';
import { verifySplice } from './splice';
import { lastItems } from './chain';

const snap = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'R2', itemId: 'RES-10K', quantity: 5000 }), ...lotFacts({ lotId: 'C0', itemId: 'CAP-100N', status: 'on_hold' })]);
const listFor = (s: Snapshot, wo: string) => {
  const w = s.workOrders.get(wo as WorkOrderId)!;
  return setupFromBom(s.boms.get(w.bomId)!, w, 'SMT1');
};

/** Scan slot then reel and record both when accepted, as the runtime does. */
function load(s: Snapshot, setup: SetupState, slot: string, lotId: string): SetupState {
  const sl = slotScan(setup, slotLabel('SMT1', slot));
  if (sl.verdict.verdict !== 'ACCEPT') throw new Error(sl.verdict.message);
  const selected = setupApply(setup, { kind: 'slot_selected', slot, atMs: T0 });
  const r = reelScan(s, selected, { ...lotLabel(lotId), nowMs: T0 });
  if (r.verdict.verdict !== 'ACCEPT') throw new Error(r.verdict.message);
  return setupApply(selected, { kind: 'reel_loaded', slot, lotId: r.lotId!, itemId: r.itemId!, atMs: T0 });
}

describe('setup list from a BOM revision', () => {
  it('lists slots in order with quantities per board × work order quantity', () => {
    const list = listFor(snap, 'WO-1');
    expect(list).toMatchObject({ workOrderId: 'WO-1', bomId: 'BOM-C', revision: 'C', lineId: 'SMT1' });
    expect(list.slots.map((s) => [s.slot, s.itemId, s.qtyRequired, s.alternates])).toEqual([
      ['F01', 'RES-10K', 400, []],
      ['F02', 'CAP-100N', 600, []],
      ['F03', 'MCU', 50, []],
      ['F04', 'LED', 100, ['LED-ALT']],
    ]);
    expect(list.unslotted.map((u) => [u.itemId, u.qtyRequired])).toEqual([['PCB', 50], ['PASTE', 40]]);
  });

  it('orders slot names numerically (F2 before F10)', () => {
    const bom = { ...snap.boms.get('BOM-C' as BomId)!, lines: [{ itemId: 'A' as ItemId, qtyPer: 1, slot: 'F10', alternates: [] }, { itemId: 'B' as ItemId, qtyPer: 1, slot: 'F2', alternates: [] }] };
    expect(setupFromBom(bom, snap.workOrders.get('WO-1' as WorkOrderId)!, 'L').slots.map((s) => s.slot)).toEqual(['F2', 'F10']);
  });
});

describe('slot → reel pairing', () => {
  const setup = newSetup(listFor(snap, 'WO-1'));
  it.each<[string, SetupState, ReturnType<typeof slotLabel>, string, string[]]>([
    ['slot of this setup', setup, slotLabel('SMT1', 'F03'), 'ACCEPT', []],
    ['slot not in this setup', setup, slotLabel('SMT1', 'F09'), 'REJECT', ['slot_not_in_setup']],
    ['slot of another line', setup, slotLabel('SMT2', 'F03'), 'REJECT', ['slot_not_in_setup']],
    ['a reel where a slot is expected', setup, lotLabel('M1'), 'REJECT', ['slot_first']],
  ])('slotScan: %s', (_, st, scan, verdict, codes) => {
    const r = slotScan(st, scan);
    expect(r.verdict.verdict).toBe(verdict);
    expect(r.verdict.reasons.map((x) => x.code)).toEqual(codes);
  });

  it('a reel without a slot first → REJECT "scan the slot first"', () => {
    const r = reelScan(snap, setup, { ...lotLabel('M1'), nowMs: T0 });
    expect(r.verdict).toMatchObject({ verdict: 'REJECT', reasons: [{ code: 'slot_first' }] });
    expect(r.verdict.message).toContain('Scan the slot first');
  });

  it('the reel is verified for the pending slot', () => {
    const st = setupApply(setup, { kind: 'slot_selected', slot: 'F03', atMs: T0 });
    expect(reelScan(snap, st, { ...lotLabel('M1'), nowMs: T0 })).toMatchObject({ verdict: { verdict: 'ACCEPT' }, slot: 'F03', lotId: 'M1', itemId: 'MCU' });
    expect(reelScan(snap, st, { ...lotLabel('R1'), nowMs: T0 }).verdict.reasons[0]).toMatchObject({ code: 'wrong_item', params: { slot: 'F03', belongsIn: ['F01'] } });
  });

  it('smtScan routes slot labels to slotScan and everything else to reelScan', () => {
    expect(smtScan(snap, setup, { ...slotLabel('SMT1', 'F01'), nowMs: T0 }).step).toBe('slot');
    expect(smtScan(snap, setup, { ...lotLabel('R1'), nowMs: T0 }).step).toBe('reel');
  });
});

describe('line start, splice, revision change', () => {
  const full = ['F01:R1', 'F02:C1', 'F03:M1', 'F04:LA1'].reduce((st, p) => {
    const [slot, lot] = p.split(':') as [string, string];
    return load(snap, st, slot, lot);
  }, newSetup(listFor(snap, 'WO-1')));

  it('canStartLine lists the slots still missing, then says ok', () => {
    const partial = load(snap, newSetup(listFor(snap, 'WO-1')), 'F02', 'C1');
    expect(canStartLine(partial)).toEqual({ ok: false, missingSlots: ['F01', 'F03', 'F04'] });
    expect(canStartLine(full)).toEqual({ ok: true });
  });

  it.each<[string, string, string, string, string[], string | null]>([
    ['same part', 'R1', 'R2', 'ACCEPT', [], 'F01'],
    ['allowed alternate for that slot', 'LA1', 'L1', 'ACCEPT', [], 'F04'],
    ['different part', 'R1', 'C1', 'REJECT', ['splice_mismatch'], 'F01'],
    ['new reel on hold', 'C1', 'C0', 'REJECT', ['lot_not_released'], 'F02'],
    ['old reel not loaded', 'R2', 'R1', 'REJECT', ['splice_old_reel_not_loaded'], null],
    ['same reel twice', 'R1', 'R1', 'REJECT', ['splice_same_reel'], 'F01'],
  ])('splice: %s', (_, oldLot, newLot, verdict, codes, slot) => {
    const r = verifySplice(snap, full, { old: lotLabel(oldLot), new: lotLabel(newLot), nowMs: T0 });
    expect(r.verdict.verdict).toBe(verdict);
    expect(r.verdict.reasons.map((x) => x.code)).toEqual(codes);
    expect(r.slot).toBe(slot);
  });

  it('an accepted splice replaces the reel and keeps the old one in history', () => {
    const r = verifySplice(snap, full, { old: lotLabel('R1'), new: lotLabel('R2'), nowMs: T0 });
    expect(r.verdict.message).toBe('Splice verified on slot F01: reel R1 → R2.');
    const after = setupApply(full, { kind: 'spliced', slot: r.slot!, newLotId: r.newLotId!, itemId: r.newItemId!, atMs: T0 + 1 });
    expect(after.loaded['F01']).toMatchObject({ lotId: 'R2', via: 'splice' });
    expect(lastItems(after.history, 1)[0]).toMatchObject({ load: { lotId: 'R1' }, why: 'spliced' });
    expect(canStartLine(after).ok).toBe(true);
  });

  it('rev C → rev B mid-run: the alternate LED on F04 becomes obsolete, history kept, line blocked until re-scanned', () => {
    const change = changeRevision(full, listFor(snap, 'WO-B'), T0 + 5);
    expect(change).toMatchObject({ obsolete: ['F04'], kept: ['F01', 'F02', 'F03'], missing: ['F04'] });
    expect(lastItems(change.state.history, 1)[0]).toMatchObject({ load: { slot: 'F04', lotId: 'LA1' }, why: 'revision_change', endedAtMs: T0 + 5 });
    expect(canStartLine(change.state)).toEqual({ ok: false, missingSlots: ['F04'] });
    expect(change.state.list.slots.find((s) => s.slot === 'F01')?.qtyRequired).toBe(300);
    // The same change as a recorded event gives the same state.
    expect(setupApply(full, { kind: 'revision_changed', list: listFor(snap, 'WO-B'), atMs: T0 + 5 })).toEqual(change.state);
  });

  it('master data moving the work order to rev C mid-run does not change what the rev B setup accepts: the line runs the setup’s BOM until the change is applied', () => {
    const revB = load(snap, load(snap, newSetup(listFor(snap, 'WO-B')), 'F01', 'R1'), 'F04', 'L1');
    const moved = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'R2', itemId: 'RES-10K', quantity: 5000 }), workOrderFact({ workOrderId: 'WO-B', bomId: 'BOM-C' })]);
    // LED-ALT is an alternate on F04 only in rev C: refused on the rev B setup, by reel and by splice.
    const reel = reelScan(moved, setupApply(revB, { kind: 'slot_selected', slot: 'F04', atMs: T0 }), { ...lotLabel('LA1'), nowMs: T0 });
    expect(reel.verdict).toMatchObject({ verdict: 'REJECT', reasons: [{ code: 'wrong_item' }], data: { revision: 'B' } });
    const splice = verifySplice(moved, revB, { old: lotLabel('L1'), new: lotLabel('LA1'), nowMs: T0 });
    expect(splice.verdict).toMatchObject({ verdict: 'REJECT', reasons: [{ code: 'splice_mismatch' }], data: { revision: 'B' } });
    // Rev B's own parts still pass.
    const r2 = verifySplice(moved, revB, { old: lotLabel('R1'), new: lotLabel('R2'), nowMs: T0 });
    expect(r2.verdict.verdict, r2.verdict.message).toBe('ACCEPT');
  });

  it('removing a reel records it and reopens the slot', () => {
    const st = setupApply(full, { kind: 'reel_removed', slot: 'F02', atMs: T0 + 9 });
    expect(canStartLine(st)).toEqual({ ok: false, missingSlots: ['F02'] });
    expect(lastItems(st.history, 1)[0]).toMatchObject({ load: { lotId: 'C1' as LotId }, why: 'removed' });
  });
});
