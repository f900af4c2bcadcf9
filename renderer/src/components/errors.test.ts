// Refusals named by a problem code are said in the operator's language: every problem has a
// sentence in English and Spanish, filled from its details (every value said, code-valued
// ones in words), and a refused label says its verdict's reason in Spanish too. Runs against
// the real locale files with i18next as the app sets it up (no fallback language, so a
// missing Spanish sentence cannot hide behind the English one).
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../../shared/contract/errors';
import { PROBLEM_VOCABULARY, type ProblemCode, type ProblemDetails, refusal } from '../../../shared/contract/problems';
import { ROLES } from '../../../shared/domain/roles';
import { EVENT_PAYLOADS, LOT_STATUSES } from '../../../shared/events/types';
import { REASON_SAMPLES } from '../../../shared/rules/fixtures';
import { messageFor } from '../../../shared/rules/messages';
import { LINE_CLEARANCE_CHECKLIST } from '../../../shared/rules/packing/clearance';
import coreEn from '../i18n/locales/core.en.json';
import coreEs from '../i18n/locales/core.es.json';
import packingEn from '../i18n/locales/packing.en.json';
import packingEs from '../i18n/locales/packing.es.json';
import { errorText, problemText } from './errors';

const EXPIRED = REASON_SAMPLES.lot_expired;

const SAMPLES: { readonly [C in ProblemCode]: ProblemDetails[C] } = {
  scan_already_answered: { seq: 41 },
  work_order_unknown: { workOrderId: 'WO-9' },
  work_order_wrong_station: { workOrderId: 'WO-24002', stationType: 'molding', thisStation: 'smt' },
  bom_unknown: { workOrderId: 'WO-24001' },
  verdict_already_answered: { verdictSeq: 77 },
  verdict_superseded: { verdictSeq: 41, slot: 'F03' },
  verdict_stale: { verdictSeq: 41, lotId: 'L-100004' },
  verdict_not_needed: { verdictSeq: 41, lotId: 'L-100004' },
  verdict_other_lot: { verdictSeq: 41, finishedLotId: 'FL-S1-3' },
  lot_unknown: { lotId: 'L-S1-9' },
  signature_needs_badge: {},
  signature_unknown_badge: {},
  signature_inactive: { name: 'Ana Ruiz' },
  signature_locked_out: { name: 'Ana Ruiz', until: '2026-03-01T10:15:00.000Z' },
  signature_wrong_pin: { remaining: 3 },
  signature_now_locked_out: { name: 'Ana Ruiz', until: '2026-03-01T10:15:00.000Z' },
  signature_meaning: { meaning: 'approved', meanings: 'rejected' },
  signature_role: { name: 'Ana Ruiz', needed: 'supervisor,qa', roles: 'operator' },
  sync_enroll_unavailable: {},
  sync_enroll_busy: {},
  sync_enroll_url_invalid: { url: 'central:4790' },
  sync_enroll_code_refused: {},
  sync_enroll_other_station: { stationId: 'SMT-07' },
  sync_enroll_unreachable: { server: 'http://central.example:4790' },
  sync_enroll_too_many_attempts: { server: 'http://central.example:4790' },
  sync_enroll_protocol: { server: 'http://central.example:4790', serverProtocol: '2.0', protocol: '1.1' },
  sync_enroll_failed: { server: 'http://central.example:4790' },
  sync_enroll_not_stored: { server: 'http://central.example:4790' },
  sync_enroll_not_restored: { server: 'http://central.example:4790', cause: 'storage_full' },
  no_smt_line: { area: 'Electronics' },
  other_smt_line: { line: 'SMT1', expected: 'SMT2' },
  line_has_work_order: { lineId: 'SMT1', workOrderId: 'WO-24001' },
  work_order_not_loaded: { workOrderId: 'WO-24001' },
  work_order_not_released: { workOrderId: 'WO-24001', status: 'planned' },
  splice_two_scans: {},
  override_role: { role: 'qa' },
  setup_changed: { revision: 'C' },
  slot_not_selected: { slot: 'F03' },
  reel_not_on_slot: { lotId: 'L-100002', slot: 'F02' },
  line_running: { lineId: 'SMT1', workOrderId: 'WO-24001' },
  revision_pending: { workOrderId: 'WO-24001', bomId: 'BOM-CTRL-A-C' },
  revision_current: { workOrderId: 'WO-24001', revision: 'B' },
  slots_not_verified: { missing: 'F01, F04', count: 2 },
  line_not_running: { lineId: 'SMT1' },
  no_board_serial: {},
  board_already_recorded: { serial: 'PNL-000123' },
  not_a_slot_label: {},
  slot_other_line: { slot: 'F03', line: 'SMT2', setupLine: 'SMT1' },
  no_ticket_printer: {},
  print_job_is_label: { jobId: '0192f3a1', labelId: '0192f3a2' },
  label_not_awaiting_scan: { labelId: '0192f3a1' },
  label_already_reprinted: { labelId: '0192f3a1', replacement: '0192f3b7' },
  lot_closed_for_labels: { lotId: 'FL-PK1-3' },
  no_label_printer: {},
  removal_slot_not_in_setup: { slot: 'F77', workOrderId: 'WO-24001' },
  removal_no_reel: { slot: 'F02' },
  remaining_listed_twice: { lotId: 'L-100002' },
  remaining_not_in_run: { lotId: 'L-100009', workOrderId: 'WO-24001' },
  clock_time_future: { lotId: 'L-100004', at: '2026-11-23T08:00:00.000Z' },
  remaining_negative: { lotId: 'L-100002' },
  remaining_over_balance: { lotId: 'L-100002', balance: 800, quantity: 801, uom: 'ea' },
  item_not_set_up: { itemId: 'RES-99K' },
  expiry_past: { expiry: '2025-01-31' },
  expiry_required: { itemId: 'PKG-POUCH', shelfLifeDays: 1095 },
  material_in_lot: { lotId: 'L-300002', finishedLotId: 'FL-PCK-01-00002' },
  material_split: { itemId: 'PKG-LID', lotId: 'L-300021', replaces: 'L-300002', finishedLotId: 'FL-PCK-01-00002' },
  coc_upload_broken: {},
  coc_too_large: { maxMb: 10 },
  coc_file_type: { name: 'coc.docx' },
  coc_not_stored: { path: 'documents/abc/coc.pdf' },
  coc_none: { lotId: 'L-RCV-01-00002' },
  date_code_unread: { itemId: 'PKG-LID', dateCode: '261103', shelfLifeDays: 1095 },
  date_code_future: { dateCode: '2951', weekStarts: '2029-12-17' },
  production_date_future: { productionDate: '2031-01-01' },
  receiving_item_changed: { itemId: 'RES-10K-0603', labelItemId: 'LDO-3V3-SOT23' },
  msl_below_item: { itemId: 'MCU-RP2040', msl: '1', itemMsl: '3' },
  label_refused: { verdictSeq: 12, reason: 'lot_expired', reasonParams: JSON.stringify(EXPIRED) },
  scan_already_received: { lotId: 'L-S1-4' },
  supplier_lot_received: { supplierLot: 'DK2419A', itemId: 'RES-10K-0603', duplicate: 'true' },
  lot_not_received: { lotId: 'L-S1-4' },
  receiving_labels_issued: { lotId: 'L-S1-4', count: 2 },
  lot_not_quarantined: { lotId: 'L-S1-4', lotStatus: 'released' },
  lot_changed: { lotId: 'L-S1-6' },
  lot_not_resin: { lotId: 'L-S1-6', itemId: 'BAG-STERILE' },
  batch_unknown: { batchLotId: 'MB-S1-3' },
  batch_running_other: { batchLotId: 'MB-MLD-01-0007', workOrderId: 'WO-24002', machine: 'IMM-3' },
  batch_closed: { batchLotId: 'MB-S1-3' },
  cavities_not_in_use: { batchLotId: 'MB-S1-3', cavities: '5, 6', inUse: '1, 2' },
  operation_no_routing: { lotId: 'L-300001', itemId: 'PKG-POUCH' },
  operation_not_molded_here: { lotId: 'L-200001' },
  operation_routing_complete: { lotId: 'MB-S1-3' },
  operation_not_in_routing: { lotId: 'MB-S1-3', itemId: 'MP-LUER-CAP', operation: 'WASH' },
  operation_already_passed: { lotId: 'MB-S1-3', operation: 'DEGATE' },
  operation_out_of_order: { lotId: 'MB-S1-3', operation: 'INSPECT', next: 'DEGATE' },
  operation_not_released: { lotId: 'MB-S1-3', lotStatus: 'on_hold' },
  operation_scrap_reason: { lotId: 'MB-S1-3', quantity: 190, current: 200 },
  operation_quantity_more: { lotId: 'MB-S1-3', quantity: 210, current: 200 },
  no_open_lot: { lineId: 'PK1' },
  clearance_unverified: { finishedLotId: 'FL-S1-2' },
  lot_still_open: { finishedLotId: 'FL-S1-2', lineId: 'PK1' },
  clearance_item_missing: { item: 'line_cleaned' },
  clearance_item_not_ok: { item: 'scale_checked' },
  clearance_same_signer: {},
  clearance_verifier_role: {},
  clearance_not_performed: {},
  serialized_materials_first: { itemId: 'KIT-STERILE', items: 'POUCH-A, LID-B' },
  serial_no_prefix: { itemId: 'KIT-STERILE' },
  serial_not_enough: { itemId: 'KIT-STERILE', wanted: 40, held: 12 },
  serial_too_long: { itemId: 'KIT-STERILE', serial: 'KS-0000000000000000001' },
  serial_taken: { itemId: 'KIT-STERILE', serial: 'KS-000123' },
  serial_partial_unit: { pieces: 13, perUnit: 4 },
  serial_not_counted: { units: 10, unboxed: 4 },
  no_scale: {},
  scale_out_of_range: { range: 'overload' },
  sample_first: {},
  sample_too_light: { pieces: 5, grams: 0.4, minGrams: 1, readability: 0.01 },
  piece_too_light: { pieceGrams: 0.001, readability: 0.01 },
  count_uncertain: { count: 120, uncertainty: '0.61' },
  partial_unit: { pieces: 13, perUnit: 4 },
  no_piece_weight: {},
  materials_missing: { finishedLotId: 'FL-S1-2', items: 'POUCH-A' },
  box_check_failed: { finishedLotId: 'FL-S1-2' },
  serials_unreconciled: { finishedLotId: 'FL-S1-2', assigned: 38, units: 40 },
  materials_unreconciled: { itemId: 'POUCH-A', planned: 30, used: 35 },
  materials_unreconciled_many: { items: 'POUCH-A, LID-B' },
  labels_unreconciled: { finishedLotId: 'FL-S1-2', issued: 5, printed: 5, applied: 3, voided: 1, boxes: 4 },
  unit_labels_missing: { lot: 'FL-S1-3', serials: 'LCS0000005 – LCS0000006', count: 2 },
  unit_labels_unverified: { lot: 'FL-S1-3', serials: 'LCS0000007', count: 1 },
  unit_labels_duplicated: { lot: 'FL-S1-3', serials: 'LCS0000008', count: 1 },
  unit_labels_unbalanced: { lot: 'FL-S1-3', issued: 6, assigned: 4, voided: 1 },
  unit_labels_none_to_print: { lot: 'FL-S1-3' },
  unit_labels_none_counted: { lot: 'FL-S1-3' },
  unit_labels_printing: { lot: 'FL-S1-3' },
  unit_labels_none_waiting: { lot: 'FL-S1-3' },
  unit_label_other_barcode: { serial: 'LCS0000009' },
  unit_label_no_lot_label: { lot: 'FL-S1-3', itemId: 'FG-LUER-CAP-SINGLE' },
  unit_label_lot_labels_differ: { lot: 'FL-S1-3', itemId: 'FG-LUER-CAP-SINGLE', field: 'expiry' },
  unit_label_lot_label_other_lot: { lot: 'FL-S1-3', itemId: 'FG-LUER-CAP-SINGLE', lot2: 'FL-S1-4' },
  unit_label_no_gtin: { lot: 'FL-S1-3', itemId: 'FG-LUER-CAP-SINGLE' },
  unit_labels_not_serialized: { itemId: 'FG-LUER-CAP-10' },
  lot_no_longer_open: { lot: 'FL-S1-3', lineId: 'CR1' },
};
const CODES = Object.keys(SAMPLES) as ProblemCode[];

/** Details that are not said as they are: said in words (vocabulary), formatted, or for the UI's logic only. */
const NOT_LITERAL = new Set<string>([...Object.keys(PROBLEM_VOCABULARY), 'until', 'at', 'missing', 'count', 'duplicate', 'reason', 'reasonParams', 'verdictSeq']);
/**
 * Values a sentence may leave unsaid: the area of a station with no SMT line (it may be empty;
 * the sentence says how to set the line instead), and the product of a unit-label refusal that
 * is about its lot's labels.
 */
const NOT_SAID: Partial<Record<ProblemCode, readonly string[]>> = { no_smt_line: ['area'], unit_label_no_lot_label: ['itemId'], unit_label_lot_labels_differ: ['itemId'], unit_label_lot_label_other_lot: ['itemId'] };

beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: { ...coreEn, ...packingEn } }, es: { translation: { ...coreEs, ...packingEs } } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});

async function inLang(lng: 'en' | 'es') {
  await i18next.changeLanguage(lng);
  return i18next.t;
}

const ENGLISH_WORDS = new Set('the of is not and or with scan label lot line slot reel work order was were has have this that needs first again already known station'.split(' '));

describe.each(['en', 'es'] as const)('every problem has its sentence in %s', (lng) => {
  it.each(CODES.map((c) => [c] as const))('%s', async (code) => {
    const t = await inLang(lng);
    const details = { problem: code, ...SAMPLES[code] };
    const text = problemText(t, code, details, lng);
    expect(text, `${lng}:${code} has no sentence`).not.toBe('');
    expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN|null|\[object/);
    for (const [k, v] of Object.entries(SAMPLES[code])) if (!NOT_LITERAL.has(k) && !NOT_SAID[code]?.includes(k)) expect(text, `${lng}:${code}.${k}`).toContain(String(v));
    if (code === 'slots_not_verified') expect(text).toContain('F01, F04');
    if (lng === 'es') {
      const en = problemText(await inLang('en'), code, details, 'en');
      expect(text, `es:${code} is still English`).not.toBe(en);
      const words = (text.match(/[a-záéíóúñü]+/g) ?? []).filter((w) => ENGLISH_WORDS.has(w));
      expect(words, `es:${code}: English words in "${text}"`).toEqual([]);
    }
  });
});

describe('code-valued details are said in words, in every value they can take', () => {
  const WORK_ORDER_STATUSES = EVENT_PAYLOADS['master.work_order.upserted'].shape.status.options;
  const STATION_TYPES = EVENT_PAYLOADS['master.work_order.upserted'].shape.stationType.options;
  const cases: Array<[ProblemCode, Record<string, string | number>, string]> = [
    ...STATION_TYPES.map((s): [ProblemCode, Record<string, string>, string] => ['work_order_wrong_station', { ...SAMPLES.work_order_wrong_station, stationType: s }, s]),
    ...WORK_ORDER_STATUSES.map((s): [ProblemCode, Record<string, string>, string] => ['work_order_not_released', { ...SAMPLES.work_order_not_released, status: s }, s]),
    ...LOT_STATUSES.filter((s) => s !== 'quarantined').map((s): [ProblemCode, Record<string, string>, string] => ['lot_not_quarantined', { ...SAMPLES.lot_not_quarantined, lotStatus: s }, s]),
    ...ROLES.map((r): [ProblemCode, Record<string, string>, string] => ['override_role', { role: r }, r]),
    ...ROLES.map((r): [ProblemCode, Record<string, string>, string] => ['signature_role', { ...SAMPLES.signature_role, roles: r }, r]),
    ...LINE_CLEARANCE_CHECKLIST.map((i): [ProblemCode, Record<string, string>, string] => ['clearance_item_not_ok', { item: i }, i]),
    ...['overload', 'underload'].map((r): [ProblemCode, Record<string, string>, string] => ['scale_out_of_range', { range: r }, r]),
    ...['storage_full', 'storage_busy', 'storage_read_only', 'storage_corrupt', 'internal'].map((c): [ProblemCode, Record<string, string>, string] => ['sync_enroll_not_restored', { ...SAMPLES.sync_enroll_not_restored, cause: c }, c]),
  ];
  it.each(cases.map(([code, d, value]) => [code, value, d] as const))('%s %s', async (code, value, d) => {
    const t = await inLang('es');
    const text = problemText(t, code, { problem: code, ...d }, 'es');
    expect(text).not.toBe('');
    // The code itself (a word of its own, as a missing vocabulary entry would leave it) never shows.
    expect(text, `raw code in "${text}"`).not.toMatch(new RegExp(`(^|[^\\p{L}_])${value}($|[^\\p{L}_])`, 'u'));
  });
});

describe('errorText', () => {
  it('a refused label says its verdict reason in the operator language, and the English sentence in English', async () => {
    const err = refusal('conflict', 'label_refused', SAMPLES.label_refused, `This label was refused: ${messageFor('lot_expired', EXPIRED)}`);
    expect(errorText(await inLang('es'), err)).toBe(`Esta etiqueta fue rechazada. ${messageFor('lot_expired', EXPIRED, 'es')}`);
    expect(errorText(await inLang('en'), err)).toBe(`This label was refused. ${messageFor('lot_expired', EXPIRED)}`);
  });

  it('a refused label whose reason this renderer does not know shows the recorded English', async () => {
    const err = refusal('conflict', 'label_refused', { verdictSeq: 1, reason: 'from_a_newer_runtime', reasonParams: '{}' }, 'This label was refused: something new.');
    expect(errorText(await inLang('es'), err)).toBe('This label was refused: something new.');
  });

  it('a problem this renderer has no sentence for, and an error without one, show the English message', async () => {
    const t = await inLang('es');
    expect(errorText(t, new StationError('conflict', 'Something new.', { problem: 'from_a_newer_runtime' }))).toBe('Something new.');
    expect(errorText(t, new StationError('conflict', 'Batch of a technician.'))).toBe('Batch of a technician.');
  });

  it('a signature locked out until a time says the time in the operator language', async () => {
    const t = await inLang('es');
    const text = errorText(t, refusal('locked_out', 'signature_now_locked_out', SAMPLES.signature_now_locked_out, 'Wrong PIN: …'));
    expect(text).toMatch(/^PIN incorrecto: el usuario Ana Ruiz queda bloqueado hasta .*2026/);
    expect(text).not.toContain('T10:15');
  });
});

describe('the locale files', () => {
  it('have a sentence for exactly the problem codes, in both languages', () => {
    for (const file of [coreEn, coreEs]) expect(Object.keys(file.error.problem).sort()).toEqual([...CODES].sort());
  });
});
