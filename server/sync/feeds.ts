// The two feeds stations pull by cursor: master data and lot status changes. A cursor is
// the id of the last row seen; writers hold the feed lock so ids appear in commit order.
// A cursor the feed can no longer serve (pruned, or from a restored database) gets a snapshot.
import { asc, eq, gt, lt, lte, max, sql } from 'drizzle-orm';
import type { HoldsPullResponse, LotStatusChange, MasterChange, MasterPullResponse } from '../../shared/sync/protocol';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { lockFeed, masterSnapshot } from '../master';

const DEFAULT_LIMIT = 1000;

async function horizon(db: Db, feed: string): Promise<number> {
  const [r] = await db.select({ c: t.feedHorizons.minCursor }).from(t.feedHorizons).where(eq(t.feedHorizons.feed, feed));
  return r?.c ?? 0;
}

export async function pullMaster(db: Db, after: number | undefined, limit = DEFAULT_LIMIT): Promise<MasterPullResponse> {
  const serverTime = new Date().toISOString();
  // After pruning, the feed may be empty: the horizon is then the head.
  const min = await horizon(db, 'master');
  const [head] = await db.select({ id: max(t.masterChanges.id) }).from(t.masterChanges);
  const headId = Math.max(head?.id ?? 0, min);
  const from = after ?? 0;
  if (from < min || from > headId) {
    // The snapshot and its cursor come from one transaction, so no change falls between them.
    return db.transaction(async (tx) => {
      const [h] = await tx.select({ id: max(t.masterChanges.id) }).from(t.masterChanges);
      const cursor = String(Math.max(h?.id ?? 0, min));
      const items = (await masterSnapshot(tx)).map((c) => ({ ...c, cursor }) as MasterChange);
      return { items, cursor, more: false, resnapshot: true, serverTime };
    });
  }
  const rows = await db.select().from(t.masterChanges).where(gt(t.masterChanges.id, from)).orderBy(asc(t.masterChanges.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({ cursor: String(r.id), type: r.type, payload: r.payload }) as MasterChange);
  return { items, cursor: String(page.at(-1)?.id ?? from), more: rows.length > limit, resnapshot: false, serverTime };
}

const toChange = (r: typeof t.lotStatusChanges.$inferSelect): LotStatusChange => ({
  cursor: String(r.id),
  lotId: r.lotId,
  kind: r.kind as LotStatusChange['kind'],
  status: r.status as LotStatusChange['status'],
  reason: r.reason,
  byUserId: r.byUserId,
  byName: r.byName,
  stationId: r.stationId,
  at: r.at.toISOString(),
});

/** The holds feed is never pruned (it is the record of who held what); only a cursor from another history resnapshots. */
export async function pullHolds(db: Db, after: number | undefined, limit = DEFAULT_LIMIT): Promise<HoldsPullResponse> {
  const serverTime = new Date().toISOString();
  const from = after ?? 0;
  const [head] = await db.select({ id: max(t.lotStatusChanges.id) }).from(t.lotStatusChanges);
  if (from > (head?.id ?? 0)) {
    // Snapshot: the latest change of every lot whose status came from a change, current status wins.
    const rows = await db.execute<{ id: number }>(sql`SELECT DISTINCT ON (lot_id) id FROM lot_status_changes ORDER BY lot_id, id DESC`);
    const ids = (rows as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id));
    const items = ids.length ? (await db.select().from(t.lotStatusChanges).where(sql`${t.lotStatusChanges.id} IN ${ids}`).orderBy(asc(t.lotStatusChanges.id))).map(toChange) : [];
    return { items, cursor: String(head?.id ?? 0), more: false, resnapshot: true, serverTime };
  }
  const rows = await db.select().from(t.lotStatusChanges).where(gt(t.lotStatusChanges.id, from)).orderBy(asc(t.lotStatusChanges.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(toChange), cursor: String(page.at(-1)?.id ?? from), more: rows.length > limit, resnapshot: false, serverTime };
}

/**
 * Retention: drops master-feed rows older than `before` and moves the horizon past them;
 * a station whose cursor is older gets a snapshot. Current state stays in the master tables.
 */
export async function pruneMasterFeed(db: Db, before: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await lockFeed(tx, 'master_changes');
    const [cut] = await tx.select({ id: max(t.masterChanges.id) }).from(t.masterChanges).where(lt(t.masterChanges.at, before));
    if (!cut?.id) return 0;
    const deleted = await tx.delete(t.masterChanges).where(lte(t.masterChanges.id, cut.id));
    await tx.insert(t.feedHorizons).values({ feed: 'master', minCursor: cut.id }).onConflictDoUpdate({ target: t.feedHorizons.feed, set: { minCursor: cut.id } });
    return (deleted as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (deleted as unknown as { affectedRows?: number }).affectedRows ?? 0;
  });
}
