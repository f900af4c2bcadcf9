// Taking material off the SMT line: a reel removed from its slot (the slot is unverified
// again, so the start interlock holds the line until a reel is verified there), and the work
// order unloaded at the end of the run (every slot cleared, the quantities left on the reels
// optionally recorded back on their lots). Pure checks; the runtime records what they allow.
import type { Problem } from '../contract/problems';
import type { LotId } from '../ids';
import { chainItems } from './chain';
import { slotSpec, type SetupState, type SlotLoad } from './smt-setup';

export const REEL_REMOVE_REASONS = ['empty', 'wrong', 'end_of_job', 'damaged'] as const;
export type ReelRemoveReason = (typeof REEL_REMOVE_REASONS)[number];

export type RemoveCheck =
  | { readonly ok: true; readonly load: SlotLoad; /** The line was running: removing a verified reel stops it. */ readonly stopsLine: boolean }
  | { readonly ok: false; readonly message: string; readonly problem: Problem };

export function checkReelRemoval(state: SetupState, slot: string, running: boolean): RemoveCheck {
  const workOrderId = state.list.workOrderId;
  if (!slotSpec(state, slot)) return { ok: false, message: `Slot ${slot} is not in the setup of work order ${workOrderId}. Scan a slot from the setup list.`, problem: { problem: 'removal_slot_not_in_setup', details: { slot, workOrderId } } };
  const load = state.loaded[slot];
  if (!load) return { ok: false, message: `Slot ${slot} has no verified reel to remove.`, problem: { problem: 'removal_no_reel', details: { slot } } };
  return { ok: true, load, stopsLine: running };
}

export interface RemainingInput {
  readonly lotId: string;
  /** What is left on the reel, in the lot's unit; counted by the operator. */
  readonly quantity: number;
}

export interface LotBalance {
  readonly quantity: number;
  readonly uom: string;
}

export type UnloadPlan =
  | {
      readonly ok: true;
      /** Loads that end now, in slot order. */
      readonly cleared: readonly SlotLoad[];
      /** Quantities to record back on lots, with what the record said before. */
      readonly remaining: ReadonlyArray<{ readonly lotId: string; readonly quantity: number; readonly previous: number }>;
    }
  | { readonly ok: false; readonly message: string; readonly problem: Problem };

/**
 * What an unload does. A remaining quantity may be given for a reel of this run — on a slot
 * now or earlier (removed, spliced off) — never for another lot, never twice, never negative
 * and never more than the lot holds on record (a reel does not grow on the line).
 */
export function planUnload(state: SetupState, balances: (lotId: LotId) => LotBalance | undefined, remaining: readonly RemainingInput[]): UnloadPlan {
  const ofRun = new Set<string>(reelsOfRun(state).map((r) => r.lotId));
  const seen = new Set<string>();
  const out: Array<{ lotId: string; quantity: number; previous: number }> = [];
  for (const r of remaining) {
    const lotId = r.lotId;
    if (seen.has(lotId)) return { ok: false, message: `Lot ${lotId} is listed twice. Give one remaining quantity per reel.`, problem: { problem: 'remaining_listed_twice', details: { lotId } } };
    seen.add(lotId);
    if (!ofRun.has(lotId)) return { ok: false, message: `Lot ${lotId} was not loaded in work order ${state.list.workOrderId}. Record remaining quantities only for its reels.`, problem: { problem: 'remaining_not_in_run', details: { lotId, workOrderId: state.list.workOrderId } } };
    const bal = balances(lotId as LotId);
    if (!bal) return { ok: false, message: `Lot ${lotId} is not known at this station.`, problem: { problem: 'lot_unknown', details: { lotId } } };
    if (!Number.isFinite(r.quantity) || r.quantity < 0) return { ok: false, message: `The remaining quantity of ${lotId} must be zero or more.`, problem: { problem: 'remaining_negative', details: { lotId } } };
    if (r.quantity > bal.quantity)
      return { ok: false, message: `Lot ${lotId} holds ${bal.quantity} ${bal.uom} on record; ${r.quantity} ${bal.uom} cannot remain. Count the reel again.`, problem: { problem: 'remaining_over_balance', details: { lotId, balance: bal.quantity, quantity: r.quantity, uom: bal.uom } } };
    out.push({ lotId: r.lotId, quantity: r.quantity, previous: bal.quantity });
  }
  const cleared = state.list.slots.flatMap((x) => (state.loaded[x.slot] ? [state.loaded[x.slot]!] : []));
  return { ok: true, cleared, remaining: out };
}

export interface RunReel {
  readonly slot: string;
  readonly lotId: string;
  readonly itemId: string;
  /** On its slot now; otherwise its load ended earlier in the run (removed, replaced, spliced off, obsolete). */
  readonly onSlot: boolean;
}

/**
 * Every reel of the run, once each — the reels an unload may count: those on a slot now in
 * slot order, then every other lot the run loaded, the most recently ended first, under the
 * slot it was last on. The whole history, not the last screenful of it: a reel removed early
 * in a long run is counted back like any other.
 */
export function reelsOfRun(state: SetupState): RunReel[] {
  const out: RunReel[] = [];
  const seen = new Set<string>();
  for (const x of state.list.slots) {
    const l = state.loaded[x.slot];
    if (l && !seen.has(l.lotId)) {
      seen.add(l.lotId);
      out.push({ slot: l.slot, lotId: l.lotId, itemId: l.itemId, onSlot: true });
    }
  }
  const ended = chainItems(state.history);
  for (let i = ended.length - 1; i >= 0; i--) {
    const l = ended[i]!.load;
    if (seen.has(l.lotId)) continue;
    seen.add(l.lotId);
    out.push({ slot: l.slot, lotId: l.lotId, itemId: l.itemId, onSlot: false });
  }
  return out;
}
