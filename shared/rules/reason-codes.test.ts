// Every reason code, reached through the public entry points the runtime calls, with its
// severity and its sentence. A new code without a scenario here fails to compile.
import { describe, expect, it } from 'vitest';
import { parseScan } from '../barcode/parse';
import type { ItemId, LotId, WorkOrderId } from '../ids';
import { DEFAULT_RULES_CONFIG } from './config';
import { dateIn, HOUR, iso, itemFact, lotFacts, lotLabel, mslFact, pasteFact, scanOf, slotLabel, smtFloorFacts, snapshotOf, T0, workOrderFact } from './fixtures';
import { messageFor } from './messages';
import { reelScan, slotScan } from './smt-scan';
import { newSetup, setupApply, setupFromBom } from './smt-setup';
import type { SnapshotFact } from './snapshot-apply';
import { verifySplice } from './splice';
import { REASON_CODES, REASON_SEVERITY, type ReasonCode, type Verdict } from './verdict';
import { verifyScan, type VerifyContext } from './verify';

const paste = (kind: 'fridge_out' | 'open' | 'fridge_in' | 'discarded', h: number, lotId: string): SnapshotFact => pasteFact({ kind, lotId: lotId as LotId, at: iso(T0 + h * HOUR) });
const s = snapshotOf(
  [
    ...smtFloorFacts(),
    itemFact({ itemId: 'R-A', partMappings: [{ kind: 'manufacturer', owner: 'VISHAY', part: 'CRCW0603' }] }),
    itemFact({ itemId: 'R-B', partMappings: [{ kind: 'manufacturer', owner: 'YAGEO', part: 'CRCW0603' }] }),
    itemFact({ itemId: 'BGA6', msl: '6' }),
    workOrderFact({ workOrderId: 'WO-DONE', bomId: 'BOM-C', status: 'completed' }),
    workOrderFact({ workOrderId: 'WO-PACK', bomId: 'BOM-C', stationType: 'packing' }),
    ...lotFacts({ lotId: 'D1', itemId: 'CAP-100N', supplierLot: 'TWICE' }),
    ...lotFacts({ lotId: 'D2', itemId: 'CAP-100N', supplierLot: 'TWICE' }),
    ...lotFacts({ lotId: 'HOLD', itemId: 'MCU', status: 'on_hold' }),
    ...lotFacts({ lotId: 'OLD', itemId: 'CAP-100N', expiry: dateIn(-12) }),
    ...lotFacts({ lotId: 'SOON', itemId: 'CAP-100N', expiry: dateIn(10) }),
    ...lotFacts({ lotId: 'G6', itemId: 'BGA6' }),
    ...lotFacts({ lotId: 'MX', itemId: 'MCU', seq: 1 }),
    mslFact({ kind: 'open', lotId: 'MX' as LotId, at: iso(T0 - 170 * HOUR) }),
    ...lotFacts({ lotId: 'ML', itemId: 'MCU', seq: 2 }),
    mslFact({ kind: 'open', lotId: 'ML' as LotId, at: iso(T0 - 163 * HOUR) }),
    ...lotFacts({ lotId: 'MI', itemId: 'MCU', seq: 3 }),
    mslFact({ kind: 'close', lotId: 'MI' as LotId, at: iso(T0 - HOUR) }),
    ...lotFacts({ lotId: 'PT', itemId: 'PASTE', seq: 10 }),
    paste('fridge_out', -1, 'PT'),
    ...lotFacts({ lotId: 'PE', itemId: 'PASTE', seq: 11 }),
    paste('fridge_out', -10, 'PE'),
    paste('open', -9, 'PE'),
    ...lotFacts({ lotId: 'PO', itemId: 'PASTE', seq: 12 }),
    paste('fridge_out', -30, 'PO'),
    paste('open', -25, 'PO'),
    ...lotFacts({ lotId: 'PR', itemId: 'PASTE', seq: 13 }),
    paste('fridge_out', -20, 'PR'),
    paste('fridge_in', -19, 'PR'),
    paste('fridge_out', -18, 'PR'),
    paste('fridge_in', -17, 'PR'),
    paste('fridge_out', -10, 'PR'),
    ...lotFacts({ lotId: 'PX', itemId: 'PASTE', seq: 14 }),
    paste('fridge_out', -49, 'PX'),
    ...lotFacts({ lotId: 'PL', itemId: 'PASTE', seq: 15 }),
    paste('fridge_out', -27, 'PL'),
    paste('open', -23, 'PL'),
    ...lotFacts({ lotId: 'PD', itemId: 'PASTE', seq: 16 }),
    paste('fridge_out', -8, 'PD'),
    paste('open', -2, 'PD'),
    paste('discarded', -1, 'PD'),
    ...lotFacts({ lotId: 'NEW', itemId: 'RES-10K', seq: 9000 }),
    ...lotFacts({ lotId: 'EMPTY', itemId: 'RES-10K', quantity: 0 }),
    ...lotFacts({ lotId: 'SHORT', itemId: 'RES-10K', quantity: 10 }),
    { type: 'packing.lot_opened', payload: { lineId: 'PCK1', finishedLotId: 'FG-1' } },
    { type: 'packing.lot_opened', payload: { lineId: 'PCK1', finishedLotId: 'FG-2' } },
    { type: 'packing.clearance_signed', payload: { lineId: 'PCK1', finishedLotId: 'FG-2', at: iso(T0) } },
  ],
  { fifo: { ...DEFAULT_RULES_CONFIG.fifo, mode: 'reject' } },
);

const WO = 'WO-1' as WorkOrderId;
const use = (extra: object = {}): VerifyContext => ({ kind: 'use', workOrderId: WO, ...extra });
const at = (slot: string) => use({ slot: { lineId: 'SMT1', slot } });
const v = (input: ReturnType<typeof scanOf>, context: VerifyContext = use()) => verifyScan(s, { ...input, nowMs: T0, context });
const lot = (id: string, context: VerifyContext = use()) => v(lotLabel(id), context);
const setup = newSetup(setupFromBom(s.boms.get(s.workOrders.get(WO)!.bomId)!, s.workOrders.get(WO)!, 'SMT1'));
const loaded = setupApply(setupApply(setup, { kind: 'slot_selected', slot: 'F01', atMs: T0 }), { kind: 'reel_loaded', slot: 'F01', lotId: 'R1' as LotId, itemId: 'RES-10K' as ItemId, atMs: T0 });
const splice = (a: string, b: string) => verifySplice(s, loaded, { old: lotLabel(a), new: lotLabel(b), nowMs: T0 }).verdict;

const SCENARIOS: { readonly [C in ReasonCode]: () => Verdict } = {
  scan_unreadable: () => v({ scan: parseScan(']C1019501101530004', { referenceYear: 2026 }) }),
  not_a_material: () => v(slotLabel('SMT1', 'F01')),
  lot_unknown: () => lot('NOPE'),
  lot_ambiguous: () => v(scanOf({ gtin: '09501101530003', lot: 'TWICE' })),
  item_unknown: () => v(scanOf({ gtin: '04006381333931', lot: 'X' })),
  item_ambiguous: () => v(scanOf({ manufacturerPart: 'CRCW0603', lot: 'X' })),
  supplier_lot_missing: () => v(scanOf({ gtin: '09501101530003' }), { kind: 'receiving' }),
  item_match_conflict: () => v(scanOf({ gtin: '09501101530003', manufacturerPart: 'CRCW0603', manufacturer: 'VISHAY', lot: 'NEW-1' }), { kind: 'receiving' }),
  lot_already_received: () => v(scanOf({ gtin: '09501101530003', lot: 'MU88213' }), { kind: 'receiving' }),
  no_work_order: () => lot('R1', use({ workOrderId: 'WO-404' })),
  work_order_not_running: () => lot('R1', use({ workOrderId: 'WO-DONE' })),
  line_clearance_missing: () => lot('PO1', use({ workOrderId: 'WO-PACK', packing: { lineId: 'PCK1', finishedLotId: 'FG-1' } })),
  segregation_other_lot_open: () => lot('PO1', use({ workOrderId: 'WO-PACK', packing: { lineId: 'PCK1', finishedLotId: 'FG-2' } })),
  wrong_item: () => lot('R1', at('F03')),
  lot_not_released: () => lot('HOLD', at('F03')),
  lot_expired: () => lot('OLD', at('F02')),
  lot_expiring_soon: () => lot('SOON', at('F02')),
  msl_bake_required: () => lot('G6'),
  msl_floor_life_exceeded: () => lot('MX', at('F03')),
  msl_floor_life_low: () => lot('ML', at('F03')),
  clock_record_irregular: () => lot('MI', at('F03')),
  paste_discarded: () => lot('PD'),
  paste_not_thawed: () => lot('PT'),
  paste_opened_before_thaw: () => lot('PE'),
  paste_open_time_exceeded: () => lot('PO'),
  paste_fridge_returns_exceeded: () => lot('PR'),
  paste_out_of_fridge_exceeded: () => lot('PX'),
  paste_time_low: () => lot('PL'),
  fifo_older_lot: () => lot('NEW', at('F01')),
  lot_empty: () => lot('EMPTY', at('F01')),
  quantity_insufficient: () => lot('SHORT', at('F01')),
  slot_first: () => reelScan(s, setup, { ...lotLabel('R1'), nowMs: T0 }).verdict,
  slot_not_in_setup: () => slotScan(setup, slotLabel('SMT1', 'F77')).verdict,
  splice_old_reel_not_loaded: () => splice('C1', 'R1'),
  splice_same_reel: () => splice('R1', 'R1'),
  splice_mismatch: () => splice('R1', 'C1'),
};

describe('every reason code', () => {
  it.each(REASON_CODES.map((c) => [c] as const))('%s', (code) => {
    const verdict = SCENARIOS[code]();
    const reason = verdict.reasons.find((r) => r.code === code);
    expect(reason, `${code} in ${verdict.reasons.map((r) => r.code).join(', ')}`).toBeDefined();
    const fixed = REASON_SEVERITY[code];
    expect(reason!.severity).toBe(fixed === 'configured' ? 'REJECT' : fixed);
    expect(reason!.message).toBe(messageFor(code, reason!.params as never));
    expect(verdict.verdict).toBe(verdict.reasons.some((r) => r.severity === 'REJECT') ? 'REJECT' : 'WARN');
  });
});
