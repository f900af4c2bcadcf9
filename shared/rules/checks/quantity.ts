// Enough on the lot for the planned consumption: empty refuses, short warns (a splice or a
// second container will follow, and the operator should have it ready).
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

/** Planned consumption: given, or the BOM line's quantity per unit × the work-order quantity. */
export function plannedQuantity(env: CheckEnv): number | undefined {
  if (env.ctx.plannedQty !== undefined) return env.ctx.plannedQty;
  if (!env.bom || !env.workOrder) return undefined;
  const line = env.ctx.slot ? env.bom.bySlot.get(env.ctx.slot.slot) : env.bom.byItem.get(env.item.itemId)?.[0];
  return line ? line.qtyPer * env.workOrder.quantity : undefined;
}

export function checkQuantity(env: CheckEnv): Reason | null {
  if (env.lot.quantity <= 0) return makeReason('lot_empty', lotRef(env));
  const needed = plannedQuantity(env);
  if (needed === undefined || env.lot.quantity >= needed) return null;
  return makeReason('quantity_insufficient', { ...lotRef(env), available: env.lot.quantity, needed, uom: env.lot.uom });
}
