// Builders for the rules' tests and bench: scans as the parser returns them, and snapshots
// assembled through the same applyFact the runtime uses, so tests exercise the real path.
import type { ScanFields, ScanResult } from '../barcode/result';
import { scanError } from '../barcode/scan-messages';
import type { EventPayload } from '../events/types';
import type { LotId, WorkOrderId } from '../ids';
import type { CheckEnv, UseContext } from './checks/env';
import type { Snapshot } from './snapshot';
import type { Reason, ReasonCode, ReasonParams } from './verdict';
import { checkEnv } from './verify';
import type { RulesConfig } from './config';
import type { MslClockEvent, PasteClockEvent } from './clock-events';
import type { ScanInput } from './resolve-scan';
import { applyFact, emptySnapshot, type SnapshotDraft, type SnapshotFact } from './snapshot-apply';
import type { LotStatus } from './verdict';
import { DEFAULT_RULES_CONFIG } from './config';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A fixed "now" for tables: Monday 2026-03-02 08:00 UTC. */
export const T0 = Date.parse('2026-03-02T08:00:00Z');

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO date `days` from `fromMs` (negative: in the past). */
export function dateIn(days: number, fromMs = T0): string {
  return iso(fromMs + days * DAY).slice(0, 10);
}

export function scanOf(fields: ScanFields, format: ScanResult['format'] = 'gs1'): ScanInput {
  return { scan: { ok: true, format, symbology: null, elements: [], fields, repairs: [], strict: null } };
}

/** A Lotline lot label, as parseScan reads `LL-LOT-<id>`. */
export function lotLabel(lotId: string): ScanInput {
  return scanOf({ internalLotId: `LL-LOT-${lotId}` }, 'lotline');
}

export function slotLabel(line: string, slot: string): ScanInput {
  return scanOf({ slot: { line, slot } }, 'lotline');
}

/** Text the parser does not recognize (a bare lot id on a plain Code 128). */
export function bareText(text: string): ScanInput {
  return { text, scan: { ok: false, format: 'unknown', symbology: null, elements: [], fields: {}, repairs: [], strict: null, error: scanError('unknown_label', {}, 0) } };
}

type ItemPayload = Extract<SnapshotFact, { type: 'master.item.upserted' }>['payload'];

export function itemFact(p: Partial<ItemPayload> & Pick<ItemPayload, 'itemId'>): SnapshotFact {
  return { type: 'master.item.upserted', payload: { name: p.itemId, kind: 'component', uom: 'ea', partMappings: [], ...p } };
}

export function bomFact(p: EventPayload<'master.bom.upserted'>): SnapshotFact {
  return { type: 'master.bom.upserted', payload: p };
}

export function workOrderFact(p: Partial<EventPayload<'master.work_order.upserted'>> & Pick<EventPayload<'master.work_order.upserted'>, 'workOrderId' | 'bomId'>): SnapshotFact {
  return { type: 'master.work_order.upserted', payload: { productItemId: 'ASSY', quantity: 50, stationType: 'smt', status: 'released', ...p } };
}

export interface LotSpec extends Partial<EventPayload<'lot.received'>> {
  readonly lotId: string;
  readonly itemId: string;
  readonly status?: LotStatus;
  readonly seq?: number;
  readonly receivedAt?: string;
  readonly location?: string;
}

let autoSeq = 1_000;

/** Receipt, then release or another status, then a location: the facts a real lot goes through. */
export function lotFacts(spec: LotSpec): SnapshotFact[] {
  const { status = 'released', seq = autoSeq++, receivedAt = iso(T0 - 30 * DAY + seq * 60_000), location, ...payload } = spec;
  const out: SnapshotFact[] = [{ type: 'lot.received', seq, at: receivedAt, payload: { quantity: 1000, uom: 'ea', ...payload } }];
  if (status === 'released') out.push({ type: 'lot.released', payload: { lotId: spec.lotId } });
  else if (status !== 'quarantined') out.push({ type: 'lot.status_changed', payload: { lotId: spec.lotId, status } });
  if (location !== undefined) out.push({ type: 'lot.moved', payload: { lotId: spec.lotId, location } });
  return out;
}

export function mslFact(p: MslClockEvent): SnapshotFact {
  return { type: 'material.msl', payload: p };
}

export function pasteFact(p: PasteClockEvent): SnapshotFact {
  return { type: 'material.paste', payload: p };
}

export function snapshotOf(facts: readonly SnapshotFact[], config: Partial<RulesConfig> = {}): SnapshotDraft {
  const s = emptySnapshot({ ...DEFAULT_RULES_CONFIG, ...config });
  for (const f of facts) {
    const r = applyFact(s, f);
    if (!r.ok) throw new Error(`fixture fact not applied: ${r.why}`);
  }
  return s;
}

/**
 * A small SMT floor like the demo's: BOM rev B and C of one board (C adds an alternate LED on
 * F04), WO-1 on rev C and WO-B on rev B, one good lot per item plus what a table needs.
 */
export function smtFloorFacts(): SnapshotFact[] {
  return [
    itemFact({ itemId: 'RES-10K', msl: '1', partMappings: [{ kind: 'manufacturer', owner: 'YAGEO', part: 'RC0603FR-0710KL' }, { kind: 'supplier', owner: 'SUP-DIGIKEY', part: '311-10.0KHRCT-ND' }] }),
    itemFact({ itemId: 'CAP-100N', msl: '1', gtin: '09501101530003' }),
    itemFact({ itemId: 'MCU', msl: '3', partMappings: [{ kind: 'manufacturer', owner: 'RPI', part: 'RP2040' }] }),
    itemFact({ itemId: 'LED', msl: '2a' }),
    itemFact({ itemId: 'LED-ALT', msl: '2a' }),
    itemFact({ itemId: 'PASTE', kind: 'solder_paste', uom: 'g' }),
    itemFact({ itemId: 'PCB', kind: 'pcb' }),
    itemFact({ itemId: 'POUCH', kind: 'packaging' }),
    bomFact({ bomId: 'BOM-B', productItemId: 'ASSY', revision: 'B', lines: [{ itemId: 'PCB', qtyPer: 1 }, { itemId: 'PASTE', qtyPer: 0.8 }, { itemId: 'RES-10K', qtyPer: 6, slot: 'F01' }, { itemId: 'CAP-100N', qtyPer: 12, slot: 'F02' }, { itemId: 'MCU', qtyPer: 1, slot: 'F03' }, { itemId: 'LED', qtyPer: 2, slot: 'F04' }] }),
    bomFact({ bomId: 'BOM-C', productItemId: 'ASSY', revision: 'C', lines: [{ itemId: 'PCB', qtyPer: 1 }, { itemId: 'PASTE', qtyPer: 0.8 }, { itemId: 'RES-10K', qtyPer: 8, slot: 'F01' }, { itemId: 'CAP-100N', qtyPer: 12, slot: 'F02' }, { itemId: 'MCU', qtyPer: 1, slot: 'F03' }, { itemId: 'LED', qtyPer: 2, slot: 'F04', alternates: ['LED-ALT'] }] }),
    workOrderFact({ workOrderId: 'WO-1', bomId: 'BOM-C' }),
    workOrderFact({ workOrderId: 'WO-B', bomId: 'BOM-B' }),
    ...lotFacts({ lotId: 'R1', itemId: 'RES-10K', supplierLot: 'DK2419A', quantity: 5000 }),
    ...lotFacts({ lotId: 'C1', itemId: 'CAP-100N', supplierLot: 'MU88213', quantity: 10000, expiry: dateIn(400) }),
    ...lotFacts({ lotId: 'M1', itemId: 'MCU', quantity: 500 }),
    ...lotFacts({ lotId: 'L1', itemId: 'LED', quantity: 3000 }),
    ...lotFacts({ lotId: 'LA1', itemId: 'LED-ALT', quantity: 3000 }),
    ...lotFacts({ lotId: 'P1', itemId: 'PASTE', quantity: 500, uom: 'g', expiry: dateIn(120) }),
    ...lotFacts({ lotId: 'B1', itemId: 'PCB', quantity: 60 }),
    ...lotFacts({ lotId: 'PO1', itemId: 'POUCH', quantity: 5000 }),
  ];
}

export const asLot = (s: string) => s as LotId;

/** The env the checks see for `lotId` in `snapshot`, through the same builder verifyScan uses. */
export function envFor(snapshot: Snapshot, lotId: string, ctx: Partial<UseContext> = {}, nowMs = T0): CheckEnv {
  const lot = snapshot.lots.get(lotId as LotId);
  if (!lot) throw new Error(`no lot ${lotId}`);
  const item = snapshot.items.get(lot.itemId);
  if (!item) throw new Error(`no item ${lot.itemId}`);
  return checkEnv(snapshot, lot, item, { kind: 'use', workOrderId: 'WO-1' as WorkOrderId, ...ctx }, nowMs);
}

/** Codes of a check's findings, whatever its return shape. */
export function codesOf(r: Reason | readonly Reason[] | null): string[] {
  if (r === null) return [];
  return 'code' in r ? [r.code] : r.map((x) => x.code);
}

const sampleReel = { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component' } as const;
const sampleJar = { lotId: 'L-100008', itemId: 'PASTE-SAC305', itemKind: 'solder_paste' } as const;

/** One realistic parameter set per code; the type makes a new code without a sample a compile error. */
export const REASON_SAMPLES: { readonly [C in ReasonCode]: ReasonParams[C] } = {
  scan_unreadable: { kind: 'check_digit', problem: 'the GS1 check digit is wrong' },
  not_a_material: { scanned: 'slot' },
  lot_unknown: { ref: 'L-999999', itemId: null },
  lot_ambiguous: { itemId: 'CAP-100N-0402', supplierLot: 'MU88213', lotIds: ['L-100002', 'L-100010'] },
  item_unknown: { ref: '09501101530003' },
  item_ambiguous: { ref: 'CRCW060310K0FKEA', candidates: ['RES-10K-0603', 'RES-10K-0603-ALT'] },
  supplier_lot_missing: { itemId: 'RES-10K-0603' },
  item_match_conflict: { itemId: 'RES-10K-0603', key: '311-10.0KHRCT-ND', others: ['CAP-100N-0402'] },
  lot_already_received: { itemId: 'RES-10K-0603', supplierLot: 'DK2419A', lotIds: ['L-100001'] },
  no_work_order: { workOrderId: 'WO-24009' },
  work_order_not_running: { workOrderId: 'WO-24001', status: 'completed' },
  line_clearance_missing: { lineId: 'PCK-01', finishedLotId: 'FG-2603-001', clearedFor: 'FG-2602-019' },
  segregation_other_lot_open: { lineId: 'PCK-01', finishedLotId: 'FG-2603-001', openLotIds: ['FG-2602-019'] },
  wrong_item: { lotId: 'L-100001', itemId: 'RES-10K-0603', itemKind: 'component', workOrderId: 'WO-24001', revision: 'C', slot: 'F03', expected: ['MCU-RP2040'], belongsIn: ['F01'] },
  lot_not_released: { ...sampleReel, status: 'quarantined' },
  lot_expired: { lotId: 'L-100003', itemId: 'CAP-100N-0402', itemKind: 'component', expiry: '2026-02-18' },
  lot_expiring_soon: { lotId: 'L-100003', itemId: 'CAP-100N-0402', itemKind: 'component', expiry: '2026-03-12', daysLeft: 10 },
  msl_bake_required: { ...sampleReel, level: '6' },
  msl_floor_life_exceeded: { ...sampleReel, level: '3', floorLifeMs: 168 * HOUR, exposedMs: 170 * HOUR },
  msl_floor_life_low: { ...sampleReel, level: '3', remainingMs: 5.5 * HOUR },
  clock_record_irregular: { ...sampleReel, clock: 'msl', anomaly: 'close_without_open', count: 2 },
  paste_discarded: sampleJar,
  paste_not_thawed: { ...sampleJar, inFridge: false, thawedMs: 1.5 * HOUR, thawRemainingMs: 2.5 * HOUR },
  paste_opened_before_thaw: { ...sampleJar, thawedMs: HOUR, minThawMs: 4 * HOUR },
  paste_open_time_exceeded: { ...sampleJar, openMs: 25 * HOUR, maxOpenMs: 24 * HOUR },
  paste_fridge_returns_exceeded: { ...sampleJar, returns: 2, maxReturns: 1 },
  paste_out_of_fridge_exceeded: { ...sampleJar, outMs: 50 * HOUR, maxOutMs: 48 * HOUR },
  paste_time_low: { ...sampleJar, limit: 'open', remainingMs: 90 * 60_000 },
  fifo_older_lot: { lotId: 'L-100005', itemId: 'MCU-RP2040', itemKind: 'component', olderLotId: 'L-100004', olderReceivedAt: '2026-01-10T09:12:00.000Z', olderExpiry: null, overrideRole: 'supervisor' },
  lot_empty: sampleReel,
  quantity_insufficient: { ...sampleReel, available: 300, needed: 400, uom: 'ea' },
  slot_first: {},
  slot_not_in_setup: { line: 'SMT1', slot: 'F09', setupLine: 'SMT1', workOrderId: 'WO-24001' },
  splice_old_reel_not_loaded: { lotId: 'L-100002', lineId: 'SMT1' },
  splice_same_reel: { lotId: 'L-100002' },
  splice_mismatch: { lotId: 'L-100001', itemId: 'RES-10K-0603', itemKind: 'component', slot: 'F02', oldLotId: 'L-100002', oldItemId: 'CAP-100N-0402', allowed: ['CAP-100N-0402'] },
};
