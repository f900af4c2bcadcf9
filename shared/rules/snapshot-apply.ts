// Keeps the station's snapshot current, one committed event at a time. The runtime owns one
// draft and applies each event after its transaction commits; verifyScan reads the same
// object as a read-only Snapshot. This is the one deliberate mutation in shared/rules:
// copying 10k-lot maps per event would make replaying a million events quadratic.
import type { EventPayload } from '../events/types';
import type { BomId, ItemId, LotId, WorkOrderId } from '../ids';
import { toMslEvent, toPasteEvent, type MslClockEvent, type PasteClockEvent } from './clock-events';
import { DEFAULT_RULES_CONFIG, type RulesConfig } from './config';
import { expiryDayMs } from './checks/expiry';
import { emptyItemIndex, indexItem, type ItemIndex } from './item-index';
import { mslApply, mslInit, type MslState } from './msl';
import type { Bom, BomLine, ItemInfo, LotInfo, PackingLine, Snapshot, WorkOrder } from './snapshot';
import { supplierLotKey } from './snapshot';
import { pasteApply, pasteInit, type PasteParams, type PasteState } from './solder-paste';
import type { LotStatus } from './verdict';

export interface SnapshotDraft extends Snapshot {
  config: RulesConfig;
  readonly items: Map<ItemId, ItemInfo>;
  readonly itemIndex: ItemIndex;
  readonly lots: Map<LotId, LotInfo>;
  readonly lotsBySupplierLot: Map<string, LotId[]>;
  readonly lotsByItem: Map<ItemId, LotId[]>;
  readonly boms: Map<BomId, Bom>;
  readonly workOrders: Map<WorkOrderId, WorkOrder>;
  readonly msl: Map<LotId, MslState>;
  readonly paste: Map<LotId, PasteState>;
  readonly packingLines: Map<string, PackingLine>;
}

/**
 * Facts the snapshot follows. Master data and lot receipt/release are the event payloads of
 * shared/events/types.ts; the rest are the shapes the runtime maps its events onto (a hold,
 * reject or recall is a `lot.status_changed`; a consumption a `lot.quantity_changed`).
 */
export type SnapshotFact =
  | { readonly type: 'master.item.upserted'; readonly payload: EventPayload<'master.item.upserted'> & { readonly paste?: Partial<PasteParams>; readonly mslTimeOnLabelH?: number } }
  | { readonly type: 'master.bom.upserted'; readonly payload: EventPayload<'master.bom.upserted'> }
  | { readonly type: 'master.work_order.upserted'; readonly payload: EventPayload<'master.work_order.upserted'> }
  /** `seq` and `at` come from the event envelope (station sequence, wall time). */
  | { readonly type: 'lot.received'; readonly payload: EventPayload<'lot.received'>; readonly seq: number; readonly at: string }
  | { readonly type: 'lot.released'; readonly payload: EventPayload<'lot.released'> }
  | { readonly type: 'lot.status_changed'; readonly payload: { readonly lotId: string; readonly status: LotStatus } }
  | { readonly type: 'lot.quantity_changed'; readonly payload: { readonly lotId: string; readonly quantity: number } }
  | { readonly type: 'lot.moved'; readonly payload: { readonly lotId: string; readonly location: string | null } }
  | { readonly type: 'material.msl'; readonly payload: MslClockEvent }
  | { readonly type: 'material.paste'; readonly payload: PasteClockEvent }
  | { readonly type: 'packing.clearance_signed'; readonly payload: { readonly lineId: string; readonly finishedLotId: string; readonly at: string } }
  | { readonly type: 'packing.lot_opened'; readonly payload: { readonly lineId: string; readonly finishedLotId: string } }
  | { readonly type: 'packing.lot_closed'; readonly payload: { readonly lineId: string; readonly finishedLotId: string } }
  | { readonly type: 'rules.configured'; readonly payload: Partial<RulesConfig> };

export type ApplyOutcome = { readonly ok: true } | { readonly ok: false; readonly why: string };

const OK: ApplyOutcome = { ok: true };

export function emptySnapshot(config: RulesConfig = DEFAULT_RULES_CONFIG): SnapshotDraft {
  return {
    config,
    items: new Map(),
    itemIndex: emptyItemIndex(),
    lots: new Map(),
    lotsBySupplierLot: new Map(),
    lotsByItem: new Map(),
    boms: new Map(),
    workOrders: new Map(),
    msl: new Map(),
    paste: new Map(),
    packingLines: new Map(),
  };
}

export function buildBom(p: EventPayload<'master.bom.upserted'>): Bom {
  const lines: BomLine[] = p.lines.map((l) => ({
    itemId: l.itemId as ItemId,
    qtyPer: l.qtyPer,
    ...(l.slot !== undefined ? { slot: l.slot } : {}),
    alternates: (l.alternates ?? []) as ItemId[],
  }));
  const byItem = new Map<ItemId, BomLine[]>();
  const bySlot = new Map<string, BomLine>();
  for (const line of lines) {
    for (const id of [line.itemId, ...line.alternates]) {
      const at = byItem.get(id);
      if (at) at.push(line);
      else byItem.set(id, [line]);
    }
    if (line.slot !== undefined) bySlot.set(line.slot, line);
  }
  return { bomId: p.bomId as BomId, productItemId: p.productItemId as ItemId, revision: p.revision, lines, byItem, bySlot };
}

function removeFrom<K>(m: Map<K, LotId[]>, key: K, lotId: LotId): void {
  const list = m.get(key);
  if (!list) return;
  const i = list.indexOf(lotId);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) m.delete(key);
}

function unindexLot(s: SnapshotDraft, lot: LotInfo): void {
  removeFrom(s.lotsByItem, lot.itemId, lot.lotId);
  if (lot.supplierLot) removeFrom(s.lotsBySupplierLot, supplierLotKey(lot.itemId, lot.supplierLot), lot.lotId);
}

function indexLot(s: SnapshotDraft, lot: LotInfo): void {
  const byItem = s.lotsByItem.get(lot.itemId);
  if (!byItem) s.lotsByItem.set(lot.itemId, [lot.lotId]);
  else {
    // Events arrive in sequence order, so this is an append; the search only guards a replay.
    let i = byItem.length;
    while (i > 0 && (s.lots.get(byItem[i - 1]!)?.receivedSeq ?? 0) > lot.receivedSeq) i--;
    byItem.splice(i, 0, lot.lotId);
  }
  if (lot.supplierLot) {
    const key = supplierLotKey(lot.itemId, lot.supplierLot);
    const list = s.lotsBySupplierLot.get(key);
    if (list) list.push(lot.lotId);
    else s.lotsBySupplierLot.set(key, [lot.lotId]);
  }
}

function patchLot(s: SnapshotDraft, lotId: string, patch: (l: LotInfo) => LotInfo): ApplyOutcome {
  const lot = s.lots.get(lotId as LotId);
  if (!lot) return { ok: false, why: `lot ${lotId} is not known` };
  s.lots.set(lot.lotId, patch(lot));
  return OK;
}

function line(s: SnapshotDraft, lineId: string): PackingLine {
  return s.packingLines.get(lineId) ?? { lineId, clearedFor: null, clearedAtMs: null, openFinishedLots: [] };
}

/** Applies one committed fact to the draft. Never throws; an inapplicable fact changes nothing and says why. */
export function applyFact(s: SnapshotDraft, fact: SnapshotFact): ApplyOutcome {
  switch (fact.type) {
    case 'master.item.upserted': {
      const p = fact.payload;
      const itemId = p.itemId as ItemId;
      const replacing = s.items.has(itemId);
      s.items.set(itemId, {
        itemId,
        name: p.name,
        kind: p.kind,
        uom: p.uom,
        ...(p.gtin !== undefined ? { gtin: p.gtin } : {}),
        ...(p.msl !== undefined ? { msl: p.msl } : {}),
        ...(p.shelfLifeDays !== undefined ? { shelfLifeDays: p.shelfLifeDays } : {}),
        ...(p.serialized ? { serialized: true } : {}),
        ...(p.serialPrefix !== undefined ? { serialPrefix: p.serialPrefix } : {}),
        ...(p.paste !== undefined ? { paste: p.paste } : {}),
        ...(p.mslTimeOnLabelH !== undefined ? { mslTimeOnLabelH: p.mslTimeOnLabelH } : {}),
      });
      indexItem(s.itemIndex, itemId, p, replacing);
      return OK;
    }
    case 'master.bom.upserted':
      s.boms.set(fact.payload.bomId as BomId, buildBom(fact.payload));
      return OK;
    case 'master.work_order.upserted': {
      const p = fact.payload;
      s.workOrders.set(p.workOrderId as WorkOrderId, { workOrderId: p.workOrderId as WorkOrderId, productItemId: p.productItemId as ItemId, bomId: p.bomId as BomId, quantity: p.quantity, stationType: p.stationType, status: p.status });
      return OK;
    }
    case 'lot.received': {
      const p = fact.payload;
      const lotId = p.lotId as LotId;
      const old = s.lots.get(lotId);
      if (old) unindexLot(s, old);
      const lot: LotInfo = {
        lotId,
        itemId: p.itemId as ItemId,
        ...(p.supplierId !== undefined ? { supplierId: p.supplierId } : {}),
        ...(p.supplierLot !== undefined ? { supplierLot: p.supplierLot } : {}),
        quantity: p.quantity,
        uom: p.uom,
        status: 'quarantined',
        ...(p.expiry !== undefined ? { expiry: p.expiry, expiryDayMs: expiryDayMs(p.expiry) } : {}),
        ...(p.msl !== undefined ? { msl: p.msl } : {}),
        receivedAt: fact.at,
        receivedSeq: fact.seq,
      };
      s.lots.set(lotId, lot);
      indexLot(s, lot);
      return OK;
    }
    case 'lot.released':
      return patchLot(s, fact.payload.lotId, (l) => ({ ...l, status: 'released' }));
    case 'lot.status_changed':
      return patchLot(s, fact.payload.lotId, (l) => ({ ...l, status: fact.payload.status }));
    case 'lot.quantity_changed':
      return patchLot(s, fact.payload.lotId, (l) => ({ ...l, quantity: fact.payload.quantity }));
    case 'lot.moved':
      return patchLot(s, fact.payload.lotId, (l) => {
        const { location: _, ...rest } = l;
        return fact.payload.location === null ? rest : { ...rest, location: fact.payload.location };
      });
    case 'material.msl': {
      const lot = s.lots.get(fact.payload.lotId);
      if (!lot) return { ok: false, why: `lot ${fact.payload.lotId} is not known` };
      const level = lot.msl ?? s.items.get(lot.itemId)?.msl;
      if (level === undefined) return { ok: false, why: `lot ${lot.lotId} has no MSL level` };
      s.msl.set(lot.lotId, mslApply(s.msl.get(lot.lotId) ?? mslInit(level), toMslEvent(fact.payload)));
      return OK;
    }
    case 'material.paste': {
      const lot = s.lots.get(fact.payload.lotId);
      if (!lot) return { ok: false, why: `lot ${fact.payload.lotId} is not known` };
      s.paste.set(lot.lotId, pasteApply(s.paste.get(lot.lotId) ?? pasteInit(), toPasteEvent(fact.payload)));
      return OK;
    }
    case 'packing.clearance_signed': {
      const l = line(s, fact.payload.lineId);
      s.packingLines.set(l.lineId, { ...l, clearedFor: fact.payload.finishedLotId as LotId, clearedAtMs: Date.parse(fact.payload.at) });
      return OK;
    }
    case 'packing.lot_opened': {
      const l = line(s, fact.payload.lineId);
      const id = fact.payload.finishedLotId as LotId;
      if (!l.openFinishedLots.includes(id)) s.packingLines.set(l.lineId, { ...l, openFinishedLots: [...l.openFinishedLots, id] });
      return OK;
    }
    case 'packing.lot_closed': {
      const l = line(s, fact.payload.lineId);
      const id = fact.payload.finishedLotId as LotId;
      // A clearance is for one lot: closing it means the next lot needs its own.
      s.packingLines.set(l.lineId, { ...l, openFinishedLots: l.openFinishedLots.filter((x) => x !== id), ...(l.clearedFor === id ? { clearedFor: null, clearedAtMs: null } : {}) });
      return OK;
    }
    case 'rules.configured': {
      // The station's zone is the station's own setting: a rules event never carries it, and never overrides it.
      const { stationZone: _zone, ...settings } = fact.payload;
      s.config = { ...s.config, ...settings };
      return OK;
    }
    default: {
      const never: never = fact;
      return never;
    }
  }
}
