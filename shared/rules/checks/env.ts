// What every check reads: the resolved lot and item, the scan's context, and the clock
// readings computed once per scan. Checks are pure functions of this.
import type { BomId, ItemId, LotId, WorkOrderId } from '../../ids';
import { mslInit, mslRemaining, type MslReading } from '../msl';
import type { Bom, ItemInfo, LotInfo, Snapshot, WorkOrder } from '../snapshot';
import { pasteInit, pasteStatus, type PasteParams, type PasteReading } from '../solder-paste';

/** Where and for what the material is about to be used. */
export interface UseContext {
  readonly kind: 'use';
  readonly workOrderId: WorkOrderId;
  /**
   * SMT: the BOM the setup was built from. Master data may move the work order to another
   * revision mid-run; until the operator applies the change, the line runs the setup's BOM.
   * Default: the work order's BOM.
   */
  readonly bomId?: BomId;
  /** SMT: the slot scanned just before (slot → reel pairing). */
  readonly slot?: { readonly lineId: string; readonly slot: string };
  /** SMT splice: the reel being spliced onto; the BOM check then answers splice_mismatch. */
  readonly splice?: { readonly oldLotId: LotId; readonly oldItemId: ItemId };
  /** Cleanroom packing: the finished lot being packed on this line. */
  readonly packing?: { readonly lineId: string; readonly finishedLotId: LotId };
  /** Planned consumption in the lot's unit; default: BOM quantity per × work-order quantity. */
  readonly plannedQty?: number;
  /** Where FIFO looks for older lots; default: the scanned lot's own location. */
  readonly location?: string;
  /** Lots already loaded on this line (and the reel being spliced off): FIFO does not ask to use them first. */
  readonly inUse?: readonly LotId[];
}

export interface CheckEnv {
  readonly snapshot: Snapshot;
  readonly nowMs: number;
  readonly ctx: UseContext;
  readonly lot: LotInfo;
  readonly item: ItemInfo;
  readonly workOrder: WorkOrder | undefined;
  readonly bom: Bom | undefined;
  readonly msl: MslReading | undefined;
  readonly paste: PasteReading | undefined;
  readonly pasteParams: PasteParams;
}

export function lotRef(env: CheckEnv): { readonly lotId: string; readonly itemId: string; readonly itemKind: CheckEnv['item']['kind'] } {
  return { lotId: env.lot.lotId, itemId: env.item.itemId, itemKind: env.item.kind };
}

export function pasteParamsFor(snapshot: Snapshot, item: ItemInfo): PasteParams {
  return item.paste ? { ...snapshot.config.paste, ...item.paste } : snapshot.config.paste;
}

/** Everything the checks read, with the clocks read once. */
export function checkEnv(snapshot: Snapshot, lot: LotInfo, item: ItemInfo, ctx: UseContext, nowMs: number): CheckEnv {
  const workOrder = snapshot.workOrders.get(ctx.workOrderId);
  const bomId = ctx.bomId ?? workOrder?.bomId;
  const bom = bomId ? snapshot.boms.get(bomId) : undefined;
  const level = lot.msl ?? item.msl;
  const msl = level === undefined ? undefined : mslRemaining(snapshot.msl.get(lot.lotId) ?? mslInit(level), nowMs, item.mslTimeOnLabelH !== undefined ? { timeOnLabelH: item.mslTimeOnLabelH } : {});
  const pasteParams = pasteParamsFor(snapshot, item);
  const paste = item.kind === 'solder_paste' ? pasteStatus(snapshot.paste.get(lot.lotId) ?? pasteInit(), pasteParams, nowMs) : undefined;
  return { snapshot, nowMs, ctx, lot, item, workOrder, bom, msl, paste, pasteParams };
}
