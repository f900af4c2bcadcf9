import { describe, expect, it } from 'vitest';
import type { ItemId, LotId, WorkOrderId } from '../ids';
import { smtFloorFacts, snapshotOf, T0 } from './fixtures';
import { canStartLine, newSetup, setupApply, setupFromBom, type SetupState } from './smt-setup';
import { checkReelRemoval, planUnload, reelsOfRun } from './smt-teardown';
import { chainItems, lastItems } from './chain';

const snap = snapshotOf(smtFloorFacts());
const wo = snap.workOrders.get('WO-1' as WorkOrderId)!;
const list = setupFromBom(snap.boms.get(wo.bomId)!, wo, 'SMT1');
const put = (s: SetupState, slot: string, lotId: string, itemId: string): SetupState =>
  setupApply(setupApply(s, { kind: 'slot_selected', slot, atMs: T0 }), { kind: 'reel_loaded', slot, lotId: lotId as LotId, itemId: itemId as ItemId, atMs: T0 });
const full = put(put(put(put(newSetup(list), 'F01', 'R1', 'RES-10K'), 'F02', 'C1', 'CAP-100N'), 'F03', 'M1', 'MCU'), 'F04', 'L1', 'LED');
const balances = new Map([
  ['R1', { quantity: 5000, uom: 'ea' }],
  ['C1', { quantity: 800, uom: 'ea' }],
  ['M1', { quantity: 500, uom: 'ea' }],
  ['L1', { quantity: 3000, uom: 'ea' }],
  ['X9', { quantity: 10, uom: 'ea' }],
]);
const bal = (id: LotId) => balances.get(id);

describe('removing a reel', () => {
  it.each([
    ['a verified reel, line stopped', 'F03', false, { ok: true, stopsLine: false }],
    ['a verified reel while the line runs: it stops', 'F03', true, { ok: true, stopsLine: true }],
    ['a slot not in the setup', 'F77', true, { ok: false, message: 'Slot F77 is not in the setup of work order WO-1. Scan a slot from the setup list.', problem: { problem: 'removal_slot_not_in_setup', details: { slot: 'F77', workOrderId: 'WO-1' } } }],
  ] as const)('%s', (_, slot, running, expected) => {
    expect(checkReelRemoval(full, slot, running)).toMatchObject(expected);
  });

  it('an empty slot of the setup is refused with its reason', () => {
    const s = setupApply(full, { kind: 'reel_removed', slot: 'F02', atMs: T0 + 1 });
    expect(checkReelRemoval(s, 'F02', false)).toEqual({ ok: false, message: 'Slot F02 has no verified reel to remove.', problem: { problem: 'removal_no_reel', details: { slot: 'F02' } } });
  });

  it('leaves the slot unverified: the start interlock names it; the load moves to history; a new reel makes it startable again', () => {
    expect(canStartLine(full)).toEqual({ ok: true });
    const removed = setupApply(full, { kind: 'reel_removed', slot: 'F03', atMs: T0 + 5 });
    expect(removed.loaded.F03).toBeUndefined();
    expect(canStartLine(removed)).toEqual({ ok: false, missingSlots: ['F03'] });
    expect(lastItems(removed.history, 1)[0]).toMatchObject({ load: { slot: 'F03', lotId: 'M1' }, endedAtMs: T0 + 5, why: 'removed' });
    expect(canStartLine(put(removed, 'F03', 'M2', 'MCU'))).toEqual({ ok: true });
  });
});

describe('unloading the work order', () => {
  it.each([
    ['no remaining quantities', [], { ok: true, remaining: [] }],
    ['remaining counted on two reels', [{ lotId: 'M1', quantity: 450 }, { lotId: 'R1', quantity: 0 }], { ok: true, remaining: [{ lotId: 'M1', quantity: 450, previous: 500 }, { lotId: 'R1', quantity: 0, previous: 5000 }] }],
    ['a lot of another run', [{ lotId: 'X9', quantity: 1 }], { ok: false, message: 'Lot X9 was not loaded in work order WO-1. Record remaining quantities only for its reels.', problem: { problem: 'remaining_not_in_run', details: { lotId: 'X9', workOrderId: 'WO-1' } } }],
    ['the same lot twice', [{ lotId: 'M1', quantity: 1 }, { lotId: 'M1', quantity: 2 }], { ok: false, message: 'Lot M1 is listed twice. Give one remaining quantity per reel.', problem: { problem: 'remaining_listed_twice', details: { lotId: 'M1' } } }],
    ['negative', [{ lotId: 'M1', quantity: -1 }], { ok: false, message: 'The remaining quantity of M1 must be zero or more.', problem: { problem: 'remaining_negative', details: { lotId: 'M1' } } }],
    ['more than on record', [{ lotId: 'C1', quantity: 801 }], { ok: false, message: 'Lot C1 holds 800 ea on record; 801 ea cannot remain. Count the reel again.', problem: { problem: 'remaining_over_balance', details: { lotId: 'C1', balance: 800, quantity: 801, uom: 'ea' } } }],
  ] as const)('%s', (_, remaining, expected) => {
    expect(planUnload(full, bal, remaining)).toMatchObject(expected);
  });

  it('clears every slot in slot order, and accepts a reel removed earlier in the run', () => {
    const removed = setupApply(full, { kind: 'reel_removed', slot: 'F01', atMs: T0 + 1 });
    const plan = planUnload(removed, bal, [{ lotId: 'R1', quantity: 4200 }]);
    expect(plan.ok && plan.cleared.map((l) => `${l.slot}:${l.lotId}`)).toEqual(['F02:C1', 'F03:M1', 'F04:L1']);
    expect(plan.ok && plan.remaining).toEqual([{ lotId: 'R1', quantity: 4200, previous: 5000 }]);
  });

  it('the unloaded setup has nothing verified and keeps every load in its history', () => {
    const s = setupApply(full, { kind: 'unloaded', atMs: T0 + 9 });
    expect(s.loaded).toEqual({});
    expect(s.pendingSlot).toBeNull();
    expect(chainItems(s.history).map((h) => `${h.load.slot}:${h.why}`)).toEqual(['F01:unloaded', 'F02:unloaded', 'F03:unloaded', 'F04:unloaded']);
    expect(canStartLine(s)).toEqual({ ok: false, missingSlots: ['F01', 'F02', 'F03', 'F04'] });
  });
});

describe('the reels of a run, as the unload counts them', () => {
  const removedF01 = setupApply(full, { kind: 'reel_removed', slot: 'F01', atMs: T0 + 1 });
  const reloadF02 = (s: SetupState, times: number) => Array.from({ length: times }, (_, i) => i).reduce((acc, i) => put(acc, 'F02', `C${i + 2}`, 'CAP-100N'), s);
  it.each([
    ['a full setup: the reels on their slots, in slot order', full, ['F01:R1:on', 'F02:C1:on', 'F03:M1:on', 'F04:L1:on']],
    ['a removed reel follows those on slots', removedF01, ['F02:C1:on', 'F03:M1:on', 'F04:L1:on', 'F01:R1:off']],
    ['a replaced reel is listed once, most recently ended first', put(put(full, 'F03', 'M2', 'MCU'), 'F03', 'M3', 'MCU'), ['F01:R1:on', 'F02:C1:on', 'F03:M3:on', 'F04:L1:on', 'F03:M2:off', 'F03:M1:off']],
    ['a lot back on a slot is on it, not also among the ended', put(put(full, 'F03', 'M2', 'MCU'), 'F03', 'M1', 'MCU'), ['F01:R1:on', 'F02:C1:on', 'F03:M1:on', 'F04:L1:on', 'F03:M2:off']],
    ['after the unload every reel has ended', setupApply(full, { kind: 'unloaded', atMs: T0 + 9 }), ['F04:L1:off', 'F03:M1:off', 'F02:C1:off', 'F01:R1:off']],
  ] as const)('%s', (_, state, expected) => {
    expect(reelsOfRun(state).map((r) => `${r.slot}:${r.lotId}:${r.onSlot ? 'on' : 'off'}`)).toEqual(expected);
  });

  it('a reel removed early in a long run is still listed, and an unload may count it', () => {
    const long = reloadF02(removedF01, 120);
    expect(chainItems(long.history).length).toBeGreaterThan(100);
    expect(reelsOfRun(long)).toContainEqual({ slot: 'F01', lotId: 'R1', itemId: 'RES-10K', onSlot: false });
    expect(planUnload(long, bal, [{ lotId: 'R1', quantity: 10 }])).toMatchObject({ ok: true, remaining: [{ lotId: 'R1', quantity: 10, previous: 5000 }] });
  });
});
