// The answer to one scan: ACCEPT, WARN (needs an acknowledgement) or REJECT, with every
// reason found (code + parameters, so the UI can translate by code), the operator sentence
// and the data that decided it. Reason codes are stable identifiers: add, never rename.
import type { ScanErrorKind } from '../barcode/result';
import type { Role } from '../domain/roles';
import type { ITEM_KINDS, LOT_STATUSES } from '../events/types';
import type { ClockAnomalyKind } from './clock-anomaly';
import type { MslLevel, MslReading } from './msl';
import type { WorkOrderStatus } from './snapshot';
import type { PasteReading } from './solder-paste';

export type ItemKind = (typeof ITEM_KINDS)[number];
export type LotStatus = (typeof LOT_STATUSES)[number];
export type VerdictKind = 'ACCEPT' | 'WARN' | 'REJECT';
export type Severity = 'WARN' | 'REJECT';

/** Lot and item as named in a sentence; the kind picks the word (reel, jar, sack, lot). */
interface LotRef {
  readonly lotId: string;
  readonly itemId: string;
  readonly itemKind: ItemKind;
}

/** A lot read off a supplier label at receiving: `lotId` null when the label carries no lot number. */
type LabelLotRef = Omit<LotRef, 'lotId'> & { readonly lotId: string | null };

/**
 * Parameters of every reason code: exactly what its sentence needs, and what decided it.
 * Values are ids, numbers, dates or codes, never English words, so every language can say
 * them (messages-lang.test.ts checks it); the one English text, `scan_unreadable.problem`, is
 * the parser's detail for the recorded English sentence and is never shown in another language.
 */
export interface ReasonParams {
  readonly scan_unreadable: { readonly kind: ScanErrorKind; readonly problem: string };
  readonly not_a_material: { readonly scanned: 'slot' | 'badge' };
  /** `ref` null: the label carries no lot number; `itemId`: the item the label names, when it names one. */
  readonly lot_unknown: { readonly ref: string | null; readonly itemId: string | null };
  readonly lot_ambiguous: { readonly itemId: string; readonly supplierLot: string; readonly lotIds: readonly string[] };
  /** `ref` null: the label names no part number at all. */
  readonly item_unknown: { readonly ref: string | null };
  readonly item_ambiguous: { readonly ref: string; readonly candidates: readonly string[] };
  readonly supplier_lot_missing: { readonly itemId: string };
  /** Receiving: a weaker part number on the label maps to other items than the one that decided. */
  readonly item_match_conflict: { readonly itemId: string; readonly key: string; readonly others: readonly string[] };
  readonly lot_already_received: { readonly itemId: string; readonly supplierLot: string; readonly lotIds: readonly string[] };
  readonly no_work_order: { readonly workOrderId: string };
  readonly work_order_not_running: { readonly workOrderId: string; readonly status: WorkOrderStatus };
  readonly line_clearance_missing: { readonly lineId: string; readonly finishedLotId: string; readonly clearedFor: string | null };
  readonly segregation_other_lot_open: { readonly lineId: string; readonly finishedLotId: string; readonly openLotIds: readonly string[] };
  readonly wrong_item: LotRef & {
    readonly workOrderId: string;
    readonly revision: string;
    /** The slot being loaded, when there is one. */
    readonly slot: string | null;
    /** What that slot takes (item first, then allowed alternates); empty off-BOM. */
    readonly expected: readonly string[];
    /** Slots of this revision where the scanned item does belong. */
    readonly belongsIn: readonly string[];
  };
  readonly lot_not_released: LotRef & { readonly status: Exclude<LotStatus, 'released'> };
  readonly lot_expired: LabelLotRef & { readonly expiry: string };
  readonly lot_expiring_soon: LabelLotRef & { readonly expiry: string; readonly daysLeft: number };
  readonly msl_bake_required: LotRef & { readonly level: MslLevel };
  readonly msl_floor_life_exceeded: LotRef & { readonly level: MslLevel; readonly floorLifeMs: number; readonly exposedMs: number };
  readonly msl_floor_life_low: LotRef & { readonly level: MslLevel; readonly remainingMs: number };
  readonly clock_record_irregular: LotRef & { readonly clock: 'msl' | 'paste'; readonly anomaly: ClockAnomalyKind; readonly count: number };
  readonly paste_discarded: LotRef;
  readonly paste_not_thawed: LotRef & { readonly inFridge: boolean; readonly thawedMs: number; readonly thawRemainingMs: number };
  readonly paste_opened_before_thaw: LotRef & { readonly thawedMs: number; readonly minThawMs: number };
  readonly paste_open_time_exceeded: LotRef & { readonly openMs: number; readonly maxOpenMs: number };
  readonly paste_fridge_returns_exceeded: LotRef & { readonly returns: number; readonly maxReturns: number };
  readonly paste_out_of_fridge_exceeded: LotRef & { readonly outMs: number; readonly maxOutMs: number };
  readonly paste_time_low: LotRef & { readonly limit: 'open' | 'out_of_fridge'; readonly remainingMs: number };
  readonly fifo_older_lot: LotRef & {
    readonly olderLotId: string;
    readonly olderReceivedAt: string;
    readonly olderExpiry: string | null;
    /** Role that may sign an override when FIFO is set to REJECT; null when it only WARNs. */
    readonly overrideRole: Role | null;
  };
  readonly lot_empty: LotRef;
  readonly quantity_insufficient: LotRef & { readonly available: number; readonly needed: number; readonly uom: string };
  readonly slot_first: Record<string, never>;
  readonly slot_not_in_setup: { readonly line: string; readonly slot: string; readonly setupLine: string; readonly workOrderId: string };
  readonly splice_old_reel_not_loaded: { readonly lotId: string; readonly lineId: string };
  readonly splice_same_reel: { readonly lotId: string };
  readonly splice_mismatch: LotRef & { readonly slot: string; readonly oldLotId: string; readonly oldItemId: string; readonly allowed: readonly string[] };
}

export type ReasonCode = keyof ReasonParams;

/** Fixed severity per code; `configured` codes take theirs from RulesConfig (FIFO). */
export const REASON_SEVERITY: Readonly<Record<ReasonCode, Severity | 'configured'>> = {
  scan_unreadable: 'REJECT',
  not_a_material: 'REJECT',
  lot_unknown: 'REJECT',
  lot_ambiguous: 'REJECT',
  item_unknown: 'REJECT',
  item_ambiguous: 'REJECT',
  supplier_lot_missing: 'WARN',
  item_match_conflict: 'WARN',
  lot_already_received: 'WARN',
  no_work_order: 'REJECT',
  work_order_not_running: 'REJECT',
  line_clearance_missing: 'REJECT',
  segregation_other_lot_open: 'REJECT',
  wrong_item: 'REJECT',
  lot_not_released: 'REJECT',
  lot_expired: 'REJECT',
  lot_expiring_soon: 'WARN',
  msl_bake_required: 'REJECT',
  msl_floor_life_exceeded: 'REJECT',
  msl_floor_life_low: 'WARN',
  clock_record_irregular: 'WARN',
  paste_discarded: 'REJECT',
  paste_not_thawed: 'REJECT',
  paste_opened_before_thaw: 'REJECT',
  paste_open_time_exceeded: 'REJECT',
  paste_fridge_returns_exceeded: 'REJECT',
  paste_out_of_fridge_exceeded: 'REJECT',
  paste_time_low: 'WARN',
  fifo_older_lot: 'configured',
  lot_empty: 'REJECT',
  quantity_insufficient: 'WARN',
  slot_first: 'REJECT',
  slot_not_in_setup: 'REJECT',
  splice_old_reel_not_loaded: 'REJECT',
  splice_same_reel: 'REJECT',
  splice_mismatch: 'REJECT',
};

export const REASON_CODES = Object.keys(REASON_SEVERITY) as readonly ReasonCode[];

export type Reason = {
  readonly [C in ReasonCode]: {
    readonly code: C;
    readonly severity: Severity;
    readonly params: ReasonParams[C];
    readonly message: string;
    /** Present when a signed override may turn this REJECT into an accepted, recorded exception. */
    readonly override?: { readonly role: Role; readonly reasonRequired: true };
  };
}[ReasonCode];

export interface LotSummary {
  readonly lotId: string;
  readonly itemId: string;
  readonly itemName: string;
  readonly itemKind: ItemKind;
  readonly status: LotStatus;
  readonly expiry: string | null;
  readonly quantity: number;
  readonly uom: string;
}

/** What the station read to decide: shown beside the verdict and recorded with the scan. */
export interface VerdictData {
  readonly lot?: LotSummary;
  readonly resolvedVia?: 'internal_id' | 'bare_id' | 'supplier_label';
  /** Receiving: the lot this label would create. */
  readonly newLot?: { readonly itemId: string; readonly supplierLot: string | null; readonly expiry: string | null; readonly quantity: number | null };
  readonly slot?: string;
  readonly workOrderId?: string;
  readonly revision?: string;
  readonly msl?: MslReading;
  readonly paste?: PasteReading;
  readonly olderLotId?: string;
}

/** What an ACCEPT confirms, by code and parameters, so the UI can say it in the operator's language. */
export interface AcceptParams {
  readonly use: { readonly lotId: string; readonly itemId: string; readonly itemKind: ItemKind; readonly slot: string | null };
  readonly receive: { readonly itemId: string; readonly supplierLot: string | null };
  readonly slot: { readonly slot: string; readonly expected: readonly string[] };
  readonly splice: { readonly slot: string; readonly oldLotId: string; readonly newLotId: string };
}
export type AcceptCode = keyof AcceptParams;
export type AcceptNote = { readonly [C in AcceptCode]: { readonly code: C; readonly params: AcceptParams[C] } }[AcceptCode];

export interface Verdict {
  readonly verdict: VerdictKind;
  /** REJECT reasons first, then WARN; within each, the documented check order (verify.ts). */
  readonly reasons: readonly Reason[];
  /** The sentence for the operator: the first reason's, or what was accepted. */
  readonly message: string;
  /** ACCEPT only: what was verified, as code + params (`message` is its English sentence). */
  readonly accept?: AcceptNote;
  /** True when every REJECT reason may be overridden; the role needed is `overrideRole`. */
  readonly overridable: boolean;
  readonly overrideRole?: Role;
  readonly data: VerdictData;
}
