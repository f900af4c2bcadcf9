// Cleanroom packing: one finished lot open per line, so two lots' labels and parts never mix.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import type { CheckEnv } from './env';

export function checkSegregation(env: CheckEnv): Reason | null {
  const p = env.ctx.packing;
  if (!p) return null;
  const others = (env.snapshot.packingLines.get(p.lineId)?.openFinishedLots ?? []).filter((l) => l !== p.finishedLotId);
  return others.length === 0 ? null : makeReason('segregation_other_lot_open', { lineId: p.lineId, finishedLotId: p.finishedLotId, openLotIds: others });
}
