// The lot's item is on the work order's BOM revision, and at an SMT slot it is that slot's
// item or one of the alternates the BOM allows for that line.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

export function checkBom(env: CheckEnv): Reason | null {
  const { bom, item, ctx } = env;
  if (!bom) return null; // reported by checkWorkOrder
  const lines = bom.byItem.get(item.itemId) ?? [];
  if (!ctx.slot) {
    if (lines.length > 0) return null;
    return makeReason('wrong_item', { ...lotRef(env), workOrderId: ctx.workOrderId, revision: bom.revision, slot: null, expected: [], belongsIn: [] });
  }
  const line = bom.bySlot.get(ctx.slot.slot);
  const allowed = line ? [line.itemId, ...line.alternates] : [];
  if (allowed.includes(item.itemId)) return null;
  if (ctx.splice) return makeReason('splice_mismatch', { ...lotRef(env), slot: ctx.slot.slot, oldLotId: ctx.splice.oldLotId, oldItemId: ctx.splice.oldItemId, allowed });
  const belongsIn = lines.flatMap((l) => (l.slot !== undefined ? [l.slot] : []));
  return makeReason('wrong_item', { ...lotRef(env), workOrderId: ctx.workOrderId, revision: bom.revision, slot: ctx.slot.slot, expected: allowed, belongsIn });
}
