import { describe, expect, it } from 'vitest';
import { HOUR } from './fixtures';
import { formatDuration, MESSAGES, messageFor } from './messages';
import { REASON_CODES, type ReasonCode, type ReasonParams } from './verdict';

const reel = { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component' } as const;
const jar = { lotId: 'L-100008', itemId: 'PASTE-SAC305', itemKind: 'solder_paste' } as const;

/** One realistic parameter set per code; the type makes a new code without a sample a compile error. */
export const REASON_SAMPLES: { readonly [C in ReasonCode]: ReasonParams[C] } = {
  scan_unreadable: { problem: 'the GS1 check digit is wrong' },
  not_a_material: { scanned: 'slot' },
  lot_unknown: { ref: 'L-999999' },
  lot_ambiguous: { itemId: 'CAP-100N-0402', supplierLot: 'MU88213', lotIds: ['L-100002', 'L-100010'] },
  item_unknown: { ref: '09501101530003' },
  item_ambiguous: { ref: 'CRCW060310K0FKEA', candidates: ['RES-10K-0603', 'RES-10K-0603-ALT'] },
  supplier_lot_missing: { itemId: 'RES-10K-0603' },
  lot_already_received: { itemId: 'RES-10K-0603', supplierLot: 'DK2419A', lotIds: ['L-100001'] },
  no_work_order: { workOrderId: 'WO-24009' },
  work_order_not_running: { workOrderId: 'WO-24001', status: 'completed' },
  line_clearance_missing: { lineId: 'PCK-01', finishedLotId: 'FG-2603-001', clearedFor: 'FG-2602-019' },
  segregation_other_lot_open: { lineId: 'PCK-01', finishedLotId: 'FG-2603-001', openLotIds: ['FG-2602-019'] },
  wrong_item: { lotId: 'L-100001', itemId: 'RES-10K-0603', itemKind: 'component', workOrderId: 'WO-24001', revision: 'C', slot: 'F03', expected: ['MCU-RP2040'], belongsIn: ['F01'] },
  lot_not_released: { ...reel, status: 'quarantined' },
  lot_expired: { lotId: 'L-100003', itemId: 'CAP-100N-0402', itemKind: 'component', expiry: '2026-02-18' },
  lot_expiring_soon: { lotId: 'L-100003', itemId: 'CAP-100N-0402', itemKind: 'component', expiry: '2026-03-12', daysLeft: 10 },
  msl_bake_required: { ...reel, level: '6' },
  msl_floor_life_exceeded: { ...reel, level: '3', floorLifeMs: 168 * HOUR, exposedMs: 170 * HOUR },
  msl_floor_life_low: { ...reel, level: '3', remainingMs: 5.5 * HOUR },
  clock_record_irregular: { ...reel, clock: 'msl', anomaly: 'close_without_open', count: 2 },
  paste_not_thawed: { ...jar, inFridge: false, thawedMs: 1.5 * HOUR, thawRemainingMs: 2.5 * HOUR },
  paste_opened_before_thaw: { ...jar, thawedMs: HOUR, minThawMs: 4 * HOUR },
  paste_open_time_exceeded: { ...jar, openMs: 25 * HOUR, maxOpenMs: 24 * HOUR },
  paste_fridge_returns_exceeded: { ...jar, returns: 2, maxReturns: 1 },
  paste_out_of_fridge_exceeded: { ...jar, outMs: 50 * HOUR, maxOutMs: 48 * HOUR },
  paste_time_low: { ...jar, limit: 'open', remainingMs: 90 * 60_000 },
  fifo_older_lot: { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component', olderLotId: 'L-100004', olderReceivedAt: '2026-01-10T09:12:00.000Z', olderExpiry: null, overrideRole: 'supervisor' },
  lot_empty: reel,
  quantity_insufficient: { ...reel, available: 300, needed: 400, uom: 'ea' },
  slot_first: {},
  slot_not_in_setup: { line: 'SMT1', slot: 'F09', setupLine: 'SMT1', workOrderId: 'WO-24001' },
  splice_old_reel_not_loaded: { lotId: 'L-100002', lineId: 'SMT1' },
  splice_same_reel: { lotId: 'L-100002' },
  splice_mismatch: { lotId: 'L-100001', itemId: 'RES-10K-0603', itemKind: 'component', slot: 'F02', oldLotId: 'L-100002', oldItemId: 'CAP-100N-0402', allowed: ['CAP-100N-0402'] },
};

/** Params that are rendered as words (or are context the sentence need not repeat). */
const NOT_LITERAL = new Set(['itemKind', 'status', 'clock', 'limit', 'scanned', 'anomaly', 'olderReceivedAt', 'workOrderId', 'revision', 'inFridge', 'itemId']);

describe('operator sentences', () => {
  it('the example from the issue reads exactly', () => {
    expect(messageFor('lot_not_released', REASON_SAMPLES.lot_not_released)).toBe('Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.');
  });

  it.each(REASON_CODES.map((c) => [c] as const))('%s: says what is wrong and what to do, with its values', (code) => {
    const params = REASON_SAMPLES[code];
    const text = messageFor(code, params);
    expect(text).not.toMatch(/undefined|NaN|null|\[object|Infinity/);
    // At least two sentences: the problem, then the action.
    expect(text).toMatch(/^[A-Z].*[.!?] [A-Z].*[.!?]$/);
    for (const [k, v] of Object.entries(params)) {
      if (NOT_LITERAL.has(k) || k.endsWith('Ms')) continue;
      for (const x of Array.isArray(v) ? v : v === null ? [] : [v]) expect(text, `${code}.${k}`).toContain(String(x));
    }
  });

  it('has a sentence for exactly the reason codes', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...REASON_CODES].sort());
  });

  it.each([
    [0, 'less than a minute'],
    [40 * 60_000, '40 min'],
    [2 * HOUR + 15 * 60_000, '2 h 15 min'],
    [24 * HOUR, '24 h'],
    [170 * HOUR, '7 d 2 h'],
    [-5, 'less than a minute'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
