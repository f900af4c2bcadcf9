// QA's lot holds: place, release, recall. Each is a row in the holds feed (who, when, why)
// and the lot's central status, in one transaction; the caller then wakes online stations.
import { desc, eq } from 'drizzle-orm';
import type { LotStatusChange } from '../shared/sync/protocol';
import type { UserPrincipal } from './auth';
import type { Db } from './db/open';
import * as t from './db/schema';
import { SyncError } from './errors';
import { lockFeed } from './master';

export type HoldAction = 'hold' | 'release' | 'recall';
const STATUS_AFTER: Record<HoldAction, LotStatusChange['status']> = { hold: 'on_hold', release: 'released', recall: 'recalled' };
export const HOLD_ROLES: readonly string[] = ['qa', 'admin'];

/**
 * A hold may name a lot the server has not heard of yet (a station received it offline):
 * the lot row is created with the held status, so when the station's events arrive the
 * hold stands and any use after it becomes a deviation.
 */
export async function changeHold(db: Db, lotId: string, action: HoldAction, reason: string, by: UserPrincipal): Promise<LotStatusChange> {
  if (!by.roles.some((r) => HOLD_ROLES.includes(r))) throw new SyncError('forbidden', `${by.name} may not ${action} lots (needs the qa or admin role)`);
  const status = STATUS_AFTER[action];
  return db.transaction(async (tx) => {
    await lockFeed(tx, 'lot_status_changes');
    const now = new Date();
    const [lot] = await tx.select().from(t.lots).where(eq(t.lots.lotId, lotId)).for('update');
    if (action === 'release' && (!lot || lot.status === 'released')) throw new SyncError('not_found', `lot ${lotId} is not on hold`);
    // Blocked since the first hold: a recall of a held lot keeps that time, or a use between
    // the hold and the recall would no longer count as a use after the hold.
    const blockedAt = action === 'release' ? null : lot?.blockedAt && lot.status !== 'released' ? lot.blockedAt : now;
    if (lot) await tx.update(t.lots).set({ status, blockedAt, updatedAt: now }).where(eq(t.lots.lotId, lotId));
    else await tx.insert(t.lots).values({ lotId, status, blockedAt, updatedAt: now });
    const [row] = await tx.insert(t.lotStatusChanges).values({ lotId, kind: action, status, reason, byUserId: by.userId, byName: by.name, at: now }).returning();
    return {
      cursor: String(row!.id),
      lotId,
      kind: action,
      status,
      reason,
      byUserId: by.userId,
      byName: by.name,
      stationId: null,
      at: now.toISOString(),
    };
  });
}

export async function lotHistory(db: Db, lotId: string) {
  const [lot] = await db.select().from(t.lots).where(eq(t.lots.lotId, lotId));
  if (!lot) throw new SyncError('not_found', `lot ${lotId} is not known centrally`);
  const changes = await db.select().from(t.lotStatusChanges).where(eq(t.lotStatusChanges.lotId, lotId)).orderBy(desc(t.lotStatusChanges.id));
  return { lot, changes };
}
