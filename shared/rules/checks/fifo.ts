// FIFO finding as WARN or REJECT by configuration; a REJECT may be overridden with the
// configured role's signature and a reason (collected by the runtime, not here).
import { findOlderLot } from '../fifo';
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import type { LotInfo } from '../snapshot';
import { checkEnv, lotRef, type CheckEnv } from './env';
import { checkMsl } from './msl';
import { checkPaste } from './paste';

export function checkFifo(env: CheckEnv): Reason | null {
  const fifo = env.snapshot.config.fifo;
  if (fifo.mode === 'off') return null;
  const { ctx } = env;
  const exclude = ctx.splice ? [...(ctx.inUse ?? []), ctx.splice.oldLotId] : (ctx.inUse ?? []);
  const older = findOlderLot(env.snapshot, env.lot, { nowMs: env.nowMs, order: fifo.order, location: ctx.location ?? env.lot.location, exclude, usableNow: (other) => clocksAllow(env, other) });
  if (!older) return null;
  const reject = fifo.mode === 'reject';
  const params = { ...lotRef(env), olderLotId: older.lotId, olderReceivedAt: older.receivedAt, olderExpiry: older.expiry ?? null, overrideRole: reject ? fifo.overrideRole : null };
  return makeReason('fifo_older_lot', params, reject ? { severity: 'REJECT', overrideRole: fifo.overrideRole } : { severity: 'WARN' });
}

/** An older lot its own clocks refuse now (floor life spent, a bake due, paste still in the fridge or past its open time) is not the one to take first. */
function clocksAllow(env: CheckEnv, other: LotInfo): boolean {
  const item = env.snapshot.items.get(other.itemId);
  if (!item) return true;
  const e = checkEnv(env.snapshot, other, item, env.ctx, env.nowMs);
  return ![...checkMsl(e), ...checkPaste(e)].some((r) => r.severity === 'REJECT');
}
