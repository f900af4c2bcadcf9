// Cleanroom packing: no material is scanned for a finished lot before its line clearance is signed.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import type { CheckEnv } from './env';

export function checkLineClearance(env: CheckEnv): Reason | null {
  const p = env.ctx.packing;
  if (!p) return null;
  const line = env.snapshot.packingLines.get(p.lineId);
  const clearedFor = line?.clearedFor ?? null;
  return clearedFor === p.finishedLotId ? null : makeReason('line_clearance_missing', { lineId: p.lineId, finishedLotId: p.finishedLotId, clearedFor });
}
