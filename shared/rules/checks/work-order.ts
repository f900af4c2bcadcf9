// The scan is for a work order this station knows, that may run, and whose BOM revision is here.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import type { CheckEnv } from './env';

export function checkWorkOrder(env: CheckEnv): Reason | null {
  const wo = env.workOrder;
  // A work order without its BOM revision cannot be verified against: as good as unknown here.
  if (!wo || !env.bom) return makeReason('no_work_order', { workOrderId: env.ctx.workOrderId });
  if (wo.status !== 'released' && wo.status !== 'running') return makeReason('work_order_not_running', { workOrderId: wo.workOrderId, status: wo.status });
  return null;
}
