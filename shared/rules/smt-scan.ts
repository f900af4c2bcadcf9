// SMT slot → reel pairing: a slot label opens the pairing, the next reel is verified for that
// slot. Pure checks: the runtime records the verdict and then applies the matching setup
// event (slot_selected, reel_loaded) to its SetupState.
import type { ItemId, LotId } from '../ids';
import { composeVerdict, makeReason } from './reason';
import { resolveScan, type ScanInput } from './resolve-scan';
import { loadedLots, type SetupState } from './smt-setup';
import type { Snapshot } from './snapshot';
import type { Verdict } from './verdict';
import { verifyLot } from './verify';

export interface SlotScanResult {
  readonly verdict: Verdict;
  /** The slot to record as selected when ACCEPT. */
  readonly slot: string | null;
}

export interface ReelScanResult {
  readonly verdict: Verdict;
  readonly slot: string | null;
  readonly lotId: LotId | null;
  readonly itemId: ItemId | null;
}

export function slotScan(setup: SetupState, input: ScanInput): SlotScanResult {
  const f = input.scan.ok ? input.scan.fields.slot : undefined;
  const data = { workOrderId: setup.list.workOrderId, revision: setup.list.revision };
  if (!f) return { verdict: composeVerdict([makeReason('slot_first', {})], data, null), slot: null };
  const spec = f.line === setup.list.lineId ? setup.list.slots.find((s) => s.slot === f.slot) : undefined;
  if (!spec) {
    const reason = makeReason('slot_not_in_setup', { line: f.line, slot: f.slot, setupLine: setup.list.lineId, workOrderId: setup.list.workOrderId });
    return { verdict: composeVerdict([reason], data, null), slot: null };
  }
  return { verdict: composeVerdict([], { ...data, slot: spec.slot }, { code: 'slot', params: { slot: spec.slot, expected: [spec.itemId, ...spec.alternates] } }), slot: spec.slot };
}

export interface ReelScanInput extends ScanInput {
  readonly nowMs: number;
  /** FIFO location, when the line's stock is tracked by location. */
  readonly location?: string;
}

export function reelScan(snapshot: Snapshot, setup: SetupState, input: ReelScanInput): ReelScanResult {
  const data = { workOrderId: setup.list.workOrderId, revision: setup.list.revision };
  const none = { slot: setup.pendingSlot, lotId: null, itemId: null };
  if (setup.pendingSlot === null) return { ...none, verdict: composeVerdict([makeReason('slot_first', {})], data, null) };
  const r = resolveScan(snapshot, input);
  switch (r.kind) {
    case 'failed':
      return { ...none, verdict: composeVerdict([r.reason], data, null) };
    case 'slot':
    case 'new_lot':
      return { ...none, verdict: composeVerdict([makeReason('not_a_material', { scanned: 'slot' })], data, null) };
    case 'lot': {
      const ctx = {
        kind: 'use' as const,
        workOrderId: setup.list.workOrderId,
        bomId: setup.list.bomId,
        slot: { lineId: setup.list.lineId, slot: setup.pendingSlot },
        inUse: loadedLots(setup),
        ...(input.location !== undefined ? { location: input.location } : {}),
      };
      return { verdict: verifyLot(snapshot, r.lot, r.item, ctx, input.nowMs, r.via), slot: setup.pendingSlot, lotId: r.lot.lotId, itemId: r.item.itemId };
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}

export type SmtScanResult = ({ readonly step: 'slot' } & SlotScanResult) | ({ readonly step: 'reel' } & ReelScanResult);

/** One entry for the SMT station: a slot label selects a slot, anything else is the reel for it. */
export function smtScan(snapshot: Snapshot, setup: SetupState, input: ReelScanInput): SmtScanResult {
  if (input.scan.ok && input.scan.fields.slot) return { step: 'slot', ...slotScan(setup, input) };
  return { step: 'reel', ...reelScan(snapshot, setup, input) };
}
