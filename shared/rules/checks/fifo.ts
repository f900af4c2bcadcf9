// FIFO finding as WARN or REJECT by configuration; a REJECT may be overridden with the
// configured role's signature and a reason (collected by the runtime, not here).
import { findOlderLot } from '../fifo';
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

export function checkFifo(env: CheckEnv): Reason | null {
  const fifo = env.snapshot.config.fifo;
  if (fifo.mode === 'off') return null;
  const { ctx } = env;
  const exclude = ctx.splice ? [...(ctx.inUse ?? []), ctx.splice.oldLotId] : (ctx.inUse ?? []);
  const older = findOlderLot(env.snapshot, env.lot, { nowMs: env.nowMs, order: fifo.order, location: ctx.location ?? env.lot.location, exclude });
  if (!older) return null;
  const reject = fifo.mode === 'reject';
  const params = { ...lotRef(env), olderLotId: older.lotId, olderReceivedAt: older.receivedAt, olderExpiry: older.expiry ?? null, overrideRole: reject ? fifo.overrideRole : null };
  return makeReason('fifo_older_lot', params, reject ? { severity: 'REJECT', overrideRole: fifo.overrideRole } : { severity: 'WARN' });
}
