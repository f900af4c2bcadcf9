// SMT setup: the slot list a work order needs (from its BOM revision), the state of what is
// verified on each slot as a pure reducer over setup events (so the runtime rebuilds it from
// its log), line-start completeness and a BOM revision change mid-run.
import type { BomId, ItemId, LotId, WorkOrderId } from '../ids';
import type { Bom, WorkOrder } from './snapshot';
import { append, EMPTY_CHAIN, type Chain } from './chain';

export interface SetupSlot {
  readonly slot: string;
  readonly itemId: ItemId;
  readonly alternates: readonly ItemId[];
  readonly qtyPer: number;
  /** qtyPer × work-order quantity: parts the run places from this slot. */
  readonly qtyRequired: number;
}

export interface SetupList {
  readonly workOrderId: WorkOrderId;
  readonly bomId: BomId;
  readonly revision: string;
  readonly lineId: string;
  /** In slot order (F01, F02 … F10: numeric parts compare as numbers). */
  readonly slots: readonly SetupSlot[];
  /**
   * BOM lines without a slot: not used at this line (hand-placed, or fitted at another station),
   * so the SMT setup neither asks for them nor verifies them. A material the line itself uses —
   * the bare board at the loader, the paste at the printer — needs a slot (a line position) in
   * the BOM to be verified before the line starts.
   */
  readonly unslotted: ReadonlyArray<{ readonly itemId: ItemId; readonly qtyPer: number; readonly qtyRequired: number }>;
}

const bySlotName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function setupFromBom(bom: Bom, workOrder: WorkOrder, lineId: string): SetupList {
  const slots: SetupSlot[] = [];
  const unslotted: Array<SetupList['unslotted'][number]> = [];
  for (const l of bom.lines) {
    const qtyRequired = l.qtyPer * workOrder.quantity;
    if (l.slot === undefined) unslotted.push({ itemId: l.itemId, qtyPer: l.qtyPer, qtyRequired });
    else slots.push({ slot: l.slot, itemId: l.itemId, alternates: l.alternates, qtyPer: l.qtyPer, qtyRequired });
  }
  slots.sort((a, b) => bySlotName.compare(a.slot, b.slot));
  return { workOrderId: workOrder.workOrderId, bomId: bom.bomId, revision: bom.revision, lineId, slots, unslotted };
}

export interface SlotLoad {
  readonly slot: string;
  readonly lotId: LotId;
  readonly itemId: ItemId;
  readonly atMs: number;
  /** The BOM revision the reel was verified against. */
  readonly revision: string;
  readonly via: 'setup' | 'splice';
}

export interface SetupHistoryEntry {
  readonly load: SlotLoad;
  readonly endedAtMs: number;
  readonly why: 'replaced' | 'spliced' | 'removed' | 'revision_change' | 'unloaded';
}

export interface SetupState {
  readonly list: SetupList;
  readonly loaded: Readonly<Record<string, SlotLoad>>;
  /** The slot scanned last and not yet paired with a reel. */
  readonly pendingSlot: string | null;
  /** Every load that ended, oldest first: the traceability of the run (chainItems / lastItems read it). */
  readonly history: Chain<SetupHistoryEntry> | null;
}

export type SetupEvent =
  | { readonly kind: 'slot_selected'; readonly slot: string; readonly atMs: number }
  | { readonly kind: 'reel_loaded'; readonly slot: string; readonly lotId: LotId; readonly itemId: ItemId; readonly atMs: number }
  | { readonly kind: 'spliced'; readonly slot: string; readonly newLotId: LotId; readonly itemId: ItemId; readonly atMs: number }
  | { readonly kind: 'reel_removed'; readonly slot: string; readonly atMs: number }
  | { readonly kind: 'revision_changed'; readonly list: SetupList; readonly atMs: number }
  /** End of run: every load ends (kept in history). */
  | { readonly kind: 'unloaded'; readonly atMs: number };

export function newSetup(list: SetupList): SetupState {
  return { list, loaded: {}, pendingSlot: null, history: EMPTY_CHAIN };
}

/** Lots verified on the line right now. */
export function loadedLots(state: SetupState): LotId[] {
  return Object.values(state.loaded).map((l) => l.lotId);
}

export function slotSpec(state: SetupState, slot: string): SetupSlot | undefined {
  return state.list.slots.find((s) => s.slot === slot);
}

function withLoad(state: SetupState, load: SlotLoad, why: SetupHistoryEntry['why']): SetupState {
  const prev = state.loaded[load.slot];
  return {
    ...state,
    loaded: { ...state.loaded, [load.slot]: load },
    pendingSlot: null,
    history: prev ? append(state.history, { load: prev, endedAtMs: load.atMs, why }) : state.history,
  };
}

export interface RevisionChange {
  readonly state: SetupState;
  /** Verified slots whose reel the new revision no longer allows: re-scan them. */
  readonly obsolete: readonly string[];
  /** Verified slots still valid (same item or an alternate the new revision allows). */
  readonly kept: readonly string[];
  /** Slots of the new revision with nothing verified on them. */
  readonly missing: readonly string[];
}

/** Switches the setup to another BOM revision; obsolete loads move to history, never vanish. */
export function changeRevision(state: SetupState, list: SetupList, atMs: number): RevisionChange {
  const loaded: Record<string, SlotLoad> = {};
  let history = state.history;
  const obsolete: string[] = [];
  const kept: string[] = [];
  for (const [slot, load] of Object.entries(state.loaded)) {
    const spec = list.slots.find((s) => s.slot === slot);
    if (spec && (spec.itemId === load.itemId || spec.alternates.includes(load.itemId))) {
      loaded[slot] = load;
      kept.push(slot);
    } else {
      history = append(history, { load, endedAtMs: atMs, why: 'revision_change' });
      obsolete.push(slot);
    }
  }
  const pendingSlot = state.pendingSlot !== null && list.slots.some((s) => s.slot === state.pendingSlot) ? state.pendingSlot : null;
  const next: SetupState = { list, loaded, pendingSlot, history };
  const missing = list.slots.filter((s) => loaded[s.slot] === undefined).map((s) => s.slot);
  return { state: next, obsolete: obsolete.sort(bySlotName.compare), kept: kept.sort(bySlotName.compare), missing };
}

/** Applies one recorded setup event. Verification happened before the event was recorded. */
export function setupApply(state: SetupState, ev: SetupEvent): SetupState {
  switch (ev.kind) {
    case 'slot_selected':
      return { ...state, pendingSlot: ev.slot };
    case 'reel_loaded':
      return withLoad(state, { slot: ev.slot, lotId: ev.lotId, itemId: ev.itemId, atMs: ev.atMs, revision: state.list.revision, via: 'setup' }, 'replaced');
    case 'spliced':
      return withLoad(state, { slot: ev.slot, lotId: ev.newLotId, itemId: ev.itemId, atMs: ev.atMs, revision: state.list.revision, via: 'splice' }, 'spliced');
    case 'reel_removed': {
      const prev = state.loaded[ev.slot];
      if (!prev) return state;
      const { [ev.slot]: _, ...rest } = state.loaded;
      return { ...state, loaded: rest, history: append(state.history, { load: prev, endedAtMs: ev.atMs, why: 'removed' }) };
    }
    case 'revision_changed':
      return changeRevision(state, ev.list, ev.atMs).state;
    case 'unloaded':
      return {
        ...state,
        loaded: {},
        pendingSlot: null,
        history: append(state.history, ...state.list.slots.flatMap((x) => (state.loaded[x.slot] ? [{ load: state.loaded[x.slot]!, endedAtMs: ev.atMs, why: 'unloaded' as const }] : []))),
      };
    default: {
      const never: never = ev;
      return never;
    }
  }
}

export type LineStart = { readonly ok: true } | { readonly ok: false; readonly missingSlots: readonly string[] };

/** The line may start only when every slot of the setup has a verified reel. */
export function canStartLine(state: SetupState): LineStart {
  const missingSlots = state.list.slots.filter((s) => state.loaded[s.slot] === undefined).map((s) => s.slot);
  return missingSlots.length === 0 ? { ok: true } : { ok: false, missingSlots };
}
