// Splice verification: the reel running out (old) and the reel joined to it (new). The old
// reel must be the one verified on a slot of this setup; the new one passes every check of a
// setup scan for that slot, with a wrong part answered as splice_mismatch.
import type { ItemId, LotId } from '../ids';
import { acceptMessageFor } from './messages';
import { composeVerdict, makeReason } from './reason';
import { resolveScan, type ScanInput } from './resolve-scan';
import { loadedLots, type SetupState } from './smt-setup';
import type { Snapshot } from './snapshot';
import type { AcceptNote, Verdict } from './verdict';
import { verifyLot } from './verify';

export interface SpliceInput {
  readonly old: ScanInput;
  readonly new: ScanInput;
  readonly nowMs: number;
  /** What the new reel must still place; default: the slot's full requirement. */
  readonly plannedQty?: number;
}

export interface SpliceResult {
  readonly verdict: Verdict;
  readonly slot: string | null;
  readonly oldLotId: LotId | null;
  readonly newLotId: LotId | null;
  readonly newItemId: ItemId | null;
}

export function verifySplice(snapshot: Snapshot, setup: SetupState, input: SpliceInput): SpliceResult {
  const data = { workOrderId: setup.list.workOrderId, revision: setup.list.revision };
  const fail = (v: Verdict, slot: string | null = null, oldLotId: LotId | null = null): SpliceResult => ({ verdict: v, slot, oldLotId, newLotId: null, newItemId: null });

  const old = resolveScan(snapshot, input.old);
  if (old.kind === 'failed') return fail(composeVerdict([old.reason], data, null));
  if (old.kind !== 'lot') return fail(composeVerdict([makeReason('not_a_material', { scanned: 'slot' })], data, null));
  const load = Object.values(setup.loaded).find((l) => l.lotId === old.lot.lotId);
  if (!load) return fail(composeVerdict([makeReason('splice_old_reel_not_loaded', { lotId: old.lot.lotId, lineId: setup.list.lineId })], data, null));

  const neu = resolveScan(snapshot, input.new);
  if (neu.kind === 'failed') return fail(composeVerdict([neu.reason], { ...data, slot: load.slot }, null), load.slot, old.lot.lotId);
  if (neu.kind !== 'lot') return fail(composeVerdict([makeReason('not_a_material', { scanned: 'slot' })], { ...data, slot: load.slot }, null), load.slot, old.lot.lotId);
  if (neu.lot.lotId === old.lot.lotId) return fail(composeVerdict([makeReason('splice_same_reel', { lotId: old.lot.lotId })], { ...data, slot: load.slot }, null), load.slot, old.lot.lotId);

  const ctx = {
    kind: 'use' as const,
    workOrderId: setup.list.workOrderId,
    bomId: setup.list.bomId,
    slot: { lineId: setup.list.lineId, slot: load.slot },
    splice: { oldLotId: old.lot.lotId, oldItemId: load.itemId },
    inUse: loadedLots(setup),
    ...(input.plannedQty !== undefined ? { plannedQty: input.plannedQty } : {}),
  };
  const v = verifyLot(snapshot, neu.lot, neu.item, ctx, input.nowMs, neu.via);
  const verdict = v.verdict === 'ACCEPT' ? withAccept(v, { code: 'splice', params: { slot: load.slot, oldLotId: old.lot.lotId, newLotId: neu.lot.lotId } }) : v;
  return { verdict, slot: load.slot, oldLotId: old.lot.lotId, newLotId: neu.lot.lotId, newItemId: neu.item.itemId };
}

function withAccept(v: Verdict, accept: AcceptNote): Verdict {
  return { ...v, message: acceptMessageFor(accept), accept };
}
