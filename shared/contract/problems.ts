// Refusals an operator meets in the normal flow of a station, by code. The runtime names the
// problem and the values of its sentence in StationError.details (`problem` + values); the UI
// says it in the operator's language (renderer locales, `error.problem.<code>`), and the
// English message stays for logs and technicians. Values are ids, numbers, dates and codes,
// never English words: a value that is a code (a station type, a status, a role, a checklist
// item) is said by the UI in words (PROBLEM_VOCABULARY).
import { StationError, type ApiError, type ErrorCode } from './errors';

type Scalar = string | number | boolean | null;

export interface ProblemDetails {
  // Any station
  /** The scan has been answered already (a double submit): scan the label again. */
  readonly scan_already_answered: { readonly seq: number };
  readonly work_order_unknown: { readonly workOrderId: string };
  /** `stationType`: the station the work order is for; `thisStation`: this station's type. */
  readonly work_order_wrong_station: { readonly workOrderId: string; readonly stationType: string; readonly thisStation: string };
  readonly bom_unknown: { readonly workOrderId: string };
  readonly verdict_already_answered: { readonly verdictSeq: number };
  /** A later scan on the slot took the verdict's place. */
  readonly verdict_superseded: { readonly verdictSeq: number; readonly slot: string };
  /** The checks, run again at the answer, find what the verdict did not (a hold, an expiry, a floor life spent). */
  readonly verdict_stale: { readonly verdictSeq: number; readonly lotId: string };
  /** Judged again at the answer, the lot is accepted: the warning or refusal no longer applies. */
  readonly verdict_not_needed: { readonly verdictSeq: number; readonly lotId: string };
  readonly verdict_other_lot: { readonly verdictSeq: number; readonly finishedLotId: string };
  readonly lot_unknown: { readonly lotId: string };
  // Signatures (any signed step)
  readonly signature_needs_badge: Record<string, never>;
  readonly signature_unknown_badge: Record<string, never>;
  readonly signature_inactive: { readonly name: string };
  readonly signature_locked_out: { readonly name: string; readonly until: string };
  readonly signature_wrong_pin: { readonly remaining: number };
  readonly signature_now_locked_out: { readonly name: string; readonly until: string };
  /** `meaning`: what was signed; `meanings`: what this step's signature may mean (comma-separated codes). */
  readonly signature_meaning: { readonly meaning: string; readonly meanings: string };
  /** `needed`, `roles`: comma-separated role codes. */
  readonly signature_role: { readonly name: string; readonly needed: string; readonly roles: string };
  // Central server enrollment (Settings). `server`: the normalized URL; the token is never a value.
  /** This process has no credential store to keep a token in (a host that did not give the runtime one). */
  readonly sync_enroll_unavailable: Record<string, never>;
  readonly sync_enroll_busy: Record<string, never>;
  readonly sync_enroll_url_invalid: { readonly url: string };
  /** Unknown, already used or expired: the server does not say which, on purpose. */
  readonly sync_enroll_code_refused: Record<string, never>;
  /** The code was issued for another station; `stationId`: the station this data folder belongs to. */
  readonly sync_enroll_other_station: { readonly stationId: string };
  readonly sync_enroll_unreachable: { readonly server: string };
  readonly sync_enroll_too_many_attempts: { readonly server: string };
  readonly sync_enroll_protocol: { readonly server: string; readonly serverProtocol: string; readonly protocol: string };
  readonly sync_enroll_failed: { readonly server: string };
  /** The server issued a token but the credential store refused it (keychain, disk); the code is spent, nothing recorded. */
  readonly sync_enroll_not_stored: { readonly server: string };
  /** The enrollment was not recorded and the credential held before could not be put back (the store is left empty). */
  /** `cause`: the error code of what kept the enrollment from being recorded (`storage_full`, …). */
  readonly sync_enroll_not_restored: { readonly server: string; readonly cause: string };
  // SMT line
  readonly no_smt_line: { readonly area: string };
  readonly other_smt_line: { readonly line: string; readonly expected: string };
  readonly line_has_work_order: { readonly lineId: string; readonly workOrderId: string };
  readonly work_order_not_loaded: { readonly workOrderId: string };
  /** `status`: the work order's status code. */
  readonly work_order_not_released: { readonly workOrderId: string; readonly status: string };
  readonly splice_two_scans: Record<string, never>;
  readonly override_role: { readonly role: string };
  readonly setup_changed: { readonly revision: string };
  readonly slot_not_selected: { readonly slot: string };
  readonly reel_not_on_slot: { readonly lotId: string; readonly slot: string };
  readonly line_running: { readonly lineId: string; readonly workOrderId: string };
  readonly revision_pending: { readonly workOrderId: string; readonly bomId: string };
  readonly revision_current: { readonly workOrderId: string; readonly revision: string };
  /** `missing`: the slots, separated by ', '. */
  readonly slots_not_verified: { readonly missing: string; readonly count: number };
  readonly line_not_running: { readonly lineId: string };
  readonly no_board_serial: Record<string, never>;
  readonly board_already_recorded: { readonly serial: string };
  readonly not_a_slot_label: Record<string, never>;
  readonly slot_other_line: { readonly slot: string; readonly line: string; readonly setupLine: string };
  readonly no_ticket_printer: Record<string, never>;
  readonly no_label_printer: Record<string, never>;
  readonly lot_closed_for_labels: { readonly lotId: string };
  /** Label ids: their first 8 characters, as the screen shows them. */
  readonly label_not_awaiting_scan: { readonly labelId: string };
  readonly label_already_reprinted: { readonly labelId: string; readonly replacement: string };
  /** `jobId`, `labelId`: their first 8 characters, as the screen shows them. */
  readonly print_job_is_label: { readonly jobId: string; readonly labelId: string };
  readonly removal_slot_not_in_setup: { readonly slot: string; readonly workOrderId: string };
  readonly removal_no_reel: { readonly slot: string };
  /** `at`: the time given for the act (ISO). */
  readonly clock_time_future: { readonly lotId: string; readonly at: string };
  readonly remaining_listed_twice: { readonly lotId: string };
  readonly remaining_not_in_run: { readonly lotId: string; readonly workOrderId: string };
  readonly remaining_negative: { readonly lotId: string };
  readonly remaining_over_balance: { readonly lotId: string; readonly balance: number; readonly quantity: number; readonly uom: string };
  // Receiving and QA
  readonly item_not_set_up: { readonly itemId: string };
  readonly expiry_past: { readonly expiry: string };
  readonly expiry_required: { readonly itemId: string; readonly shelfLifeDays: number };
  readonly material_in_lot: { readonly lotId: string; readonly finishedLotId: string };
  readonly material_split: { readonly itemId: string; readonly lotId: string; readonly replaces: string; readonly finishedLotId: string };
  readonly coc_upload_broken: Record<string, never>;
  readonly coc_too_large: { readonly maxMb: number };
  readonly coc_file_type: { readonly name: string };
  readonly coc_not_stored: { readonly path: string };
  readonly coc_none: { readonly lotId: string };
  readonly date_code_unread: { readonly itemId: string; readonly dateCode: string; readonly shelfLifeDays: number };
  readonly date_code_future: { readonly dateCode: string; readonly weekStarts: string };
  readonly production_date_future: { readonly productionDate: string };
  readonly receiving_item_changed: { readonly itemId: string; readonly labelItemId: string };
  /** `msl`, `itemMsl`: MSL levels (1, 2, 2a … 6). */
  readonly msl_below_item: { readonly itemId: string; readonly msl: string; readonly itemMsl: string };
  /**
   * The label's verdict was REJECT. `reason` and `reasonParams` (the recorded params as JSON:
   * details hold scalars only) let the UI say the verdict's sentence in the operator's language.
   */
  readonly label_refused: { readonly verdictSeq: number; readonly reason: string; readonly reasonParams: string };
  readonly scan_already_received: { readonly lotId: string };
  readonly supplier_lot_received: { readonly supplierLot: string; readonly itemId: string; readonly duplicate: 'true' };
  readonly lot_not_received: { readonly lotId: string };
  readonly receiving_labels_issued: { readonly lotId: string; readonly count: number };
  /** `lotStatus`: the lot's status code. */
  readonly lot_not_quarantined: { readonly lotId: string; readonly lotStatus: string };
  // Molding
  readonly lot_changed: { readonly lotId: string };
  readonly lot_not_resin: { readonly lotId: string; readonly itemId: string };
  readonly batch_unknown: { readonly batchLotId: string };
  readonly batch_closed: { readonly batchLotId: string };
  readonly batch_running_other: { readonly batchLotId: string; readonly workOrderId: string; readonly machine: string };
  /** `cavities`, `inUse`: comma-separated cavity numbers. */
  readonly cavities_not_in_use: { readonly batchLotId: string; readonly cavities: string; readonly inUse: string };
  // Pass-through operations (molding station)
  readonly operation_no_routing: { readonly lotId: string; readonly itemId: string };
  readonly operation_not_molded_here: { readonly lotId: string };
  readonly operation_routing_complete: { readonly lotId: string };
  readonly operation_not_in_routing: { readonly lotId: string; readonly itemId: string; readonly operation: string };
  readonly operation_already_passed: { readonly lotId: string; readonly operation: string };
  /** `next`: the operation the lot must pass first. */
  readonly operation_out_of_order: { readonly lotId: string; readonly operation: string; readonly next: string };
  readonly operation_not_released: { readonly lotId: string; readonly lotStatus: string };
  readonly operation_scrap_reason: { readonly lotId: string; readonly quantity: number; readonly current: number };
  readonly operation_quantity_more: { readonly lotId: string; readonly quantity: number; readonly current: number };
  // Cleanroom packing
  readonly no_open_lot: { readonly lineId: string };
  readonly clearance_unverified: { readonly finishedLotId: string };
  readonly lot_still_open: { readonly finishedLotId: string; readonly lineId: string };
  /** `item`: the checklist item's code. */
  readonly clearance_item_missing: { readonly item: string };
  readonly clearance_item_not_ok: { readonly item: string };
  readonly clearance_same_signer: Record<string, never>;
  readonly clearance_verifier_role: Record<string, never>;
  readonly clearance_not_performed: Record<string, never>;
  /** `items`: comma-separated item ids. */
  readonly serialized_materials_first: { readonly itemId: string; readonly items: string };
  readonly serial_no_prefix: { readonly itemId: string };
  readonly serial_not_enough: { readonly itemId: string; readonly wanted: number; readonly held: number };
  readonly serial_too_long: { readonly itemId: string; readonly serial: string };
  readonly serial_taken: { readonly itemId: string; readonly serial: string };
  readonly serial_partial_unit: { readonly pieces: number; readonly perUnit: number };
  readonly serial_not_counted: { readonly units: number; readonly unboxed: number };
  readonly no_scale: Record<string, never>;
  /** `range`: 'overload' | 'underload'. */
  readonly scale_out_of_range: { readonly range: string };
  readonly sample_first: Record<string, never>;
  readonly sample_too_light: { readonly pieces: number; readonly grams: number; readonly minGrams: number; readonly readability: number };
  readonly piece_too_light: { readonly pieceGrams: number; readonly readability: number };
  readonly count_uncertain: { readonly count: number; readonly uncertainty: string };
  readonly partial_unit: { readonly pieces: number; readonly perUnit: number };
  readonly no_piece_weight: Record<string, never>;
  /** `items`: comma-separated item ids. */
  readonly materials_missing: { readonly finishedLotId: string; readonly items: string };
  readonly box_check_failed: { readonly finishedLotId: string };
  readonly serials_unreconciled: { readonly finishedLotId: string; readonly assigned: number; readonly units: number };
  /** One material's use is off the plan. */
  readonly materials_unreconciled: { readonly itemId: string; readonly planned: number; readonly used: number };
  /** Several are: `items`, comma-separated item ids (the English message has each one's numbers). */
  readonly materials_unreconciled_many: { readonly items: string };
  readonly labels_unreconciled: { readonly finishedLotId: string; readonly issued: number; readonly printed: number; readonly applied: number; readonly voided: number; readonly boxes: number };
  // Unit labels of serialized products (shared/rules/packing/unit-labels.ts). `serials`: runs of serials, e.g. "LCS0000005 – LCS0000006".
  readonly unit_labels_missing: { readonly lot: string; readonly serials: string; readonly count: number };
  readonly unit_labels_unverified: { readonly lot: string; readonly serials: string; readonly count: number };
  readonly unit_labels_duplicated: { readonly lot: string; readonly serials: string; readonly count: number };
  readonly unit_labels_unbalanced: { readonly lot: string; readonly issued: number; readonly assigned: number; readonly voided: number };
  readonly unit_labels_none_to_print: { readonly lot: string };
  readonly unit_labels_none_counted: { readonly lot: string };
  readonly unit_labels_printing: { readonly lot: string };
  readonly unit_labels_none_waiting: { readonly lot: string };
  readonly unit_label_other_barcode: { readonly serial: string };
  readonly unit_label_no_lot_label: { readonly lot: string; readonly itemId: string };
  /** `field`: the label data field the lot labels disagree on. */
  readonly unit_label_lot_labels_differ: { readonly lot: string; readonly itemId: string; readonly field: string };
  readonly unit_label_lot_label_other_lot: { readonly lot: string; readonly itemId: string; readonly lot2: string };
  readonly unit_label_no_gtin: { readonly lot: string; readonly itemId: string };
  readonly unit_labels_not_serialized: { readonly itemId: string };
  /** A touch that waited on its labels' rendering while the line's lot was closed. */
  readonly lot_no_longer_open: { readonly lot: string; readonly lineId: string };
}
export type ProblemCode = keyof ProblemDetails;

// Details travel as scalars (ApiError): a problem whose values are not fails here.
type AllScalar<T> = { [C in keyof T]: T[C] extends Readonly<Record<string, Scalar>> ? true : never };
const scalarsOnly: AllScalar<ProblemDetails>[ProblemCode] = true;
void scalarsOnly;

/**
 * Detail keys whose value is a code, and the UI vocabulary (renderer locale key) that says it
 * in words; a comma-separated value is said item by item. Every other value is shown as it is.
 */
export const PROBLEM_VOCABULARY = {
  stationType: 'stationType',
  thisStation: 'stationType',
  status: 'workOrderStatus',
  lotStatus: 'lotStatus',
  role: 'role',
  needed: 'role',
  roles: 'role',
  item: 'packing.clearance.item',
  range: 'scaleRange',
  meaning: 'audit.meaning',
  meanings: 'audit.meaning',
  cause: 'error.cause',
} as const satisfies Readonly<Record<string, string>>;

/** A problem with its details, as a pure rule returns it beside its English message for the runtime to refuse with. */
export type Problem = { readonly [C in ProblemCode]: { readonly problem: C; readonly details: ProblemDetails[C] } }[ProblemCode];

/** A refusal the UI can say in the operator's language; `message` is the English for logs and technicians. */
export function refusal<C extends ProblemCode>(code: ErrorCode, problem: C, details: ProblemDetails[C], message: string): StationError {
  return new StationError(code, message, { problem, ...(details as NonNullable<ApiError['details']>) });
}

/** The refusal of a problem a pure rule found (see Problem). */
export function refusalOf(code: ErrorCode, p: Problem, message: string): StationError {
  return refusal(code, p.problem, p.details as never, message);
}
