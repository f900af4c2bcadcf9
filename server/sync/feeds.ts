// The two feeds stations pull by cursor: master data and lot status changes. A cursor is
// the id of the last row seen (and, from protocol 1.1, that row's fingerprint); writers hold
// the feed lock so ids appear in commit order. A cursor the feed can no longer serve (pruned,
// ahead of the feed, or standing at a row this database does not have: a restored backup
// reused its id) gets a snapshot.
import { asc, eq, gt, lt, lte, max, sql } from 'drizzle-orm';
import { FEED_CURSOR, type HoldsPullResponse, type LotStatusChange, type MasterChange, type MasterPullResponse } from '../../shared/sync/protocol';
import { sha256 } from '../crypto';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { lockFeed, masterSnapshot } from '../master';

const DEFAULT_LIMIT = 1000;

export interface FeedCursor {
  readonly id: number;
  /** The fingerprint of row `id` as the station saw it; null from a 1.0 station (not checked). */
  readonly tag: string | null;
}

/** A cursor the query schema let through (FEED_CURSOR); undefined: from the beginning. */
export function parseFeedCursor(s: string | undefined): FeedCursor | undefined {
  if (s === undefined) return undefined;
  const m = FEED_CURSOR.exec(s);
  if (!m) throw new Error(`not a feed cursor: ${s}`);
  return { id: Number(m[1]), tag: m[2] ?? null };
}

/** How a feed answers: its rows' fingerprints, and whether this station takes them in cursors. */
interface CursorStyle {
  readonly fingerprinted: boolean;
}

const holdsTag = (r: typeof t.lotStatusChanges.$inferSelect) => sha256(`${r.id}|${r.lotId}|${r.kind}|${r.status}|${r.at.toISOString()}`).slice(0, 8);
const masterTag = (r: typeof t.masterChanges.$inferSelect) => sha256(`${r.id}|${r.type}|${r.key}|${r.at.toISOString()}`).slice(0, 8);

/** The cursor standing at `row` (or at `id` when no row is there: an empty feed, a pruned horizon). */
function cursorAt<R extends { id: number }>(style: CursorStyle, id: number, row: R | undefined, tag: (r: R) => string): string {
  return style.fingerprinted && row ? `${id}.${tag(row)}` : String(id);
}

/** False when the station's cursor names a row this database holds differently, or not at all. */
function sameRow<R>(after: FeedCursor | undefined, row: R | undefined, tag: (r: R) => string): boolean {
  if (!after?.tag) return true;
  return row !== undefined && tag(row) === after.tag;
}

async function horizon(db: Db, feed: string): Promise<number> {
  const [r] = await db.select({ c: t.feedHorizons.minCursor }).from(t.feedHorizons).where(eq(t.feedHorizons.feed, feed));
  return r?.c ?? 0;
}

export async function pullMaster(db: Db, after: FeedCursor | undefined, limit = DEFAULT_LIMIT, style: CursorStyle = { fingerprinted: false }): Promise<MasterPullResponse> {
  const serverTime = new Date().toISOString();
  const masterRow = async (q: Pick<Db, 'select'>, id: number) => (await q.select().from(t.masterChanges).where(eq(t.masterChanges.id, id)))[0];
  // After pruning, the feed may be empty: the horizon is then the head.
  const min = await horizon(db, 'master');
  const [head] = await db.select({ id: max(t.masterChanges.id) }).from(t.masterChanges);
  const headId = Math.max(head?.id ?? 0, min);
  const from = after?.id ?? 0;
  // A horizon cursor stands at no row (its rows were pruned): it is never fingerprinted.
  const at = after?.tag ? await masterRow(db, from) : undefined;
  // A cursor at the horizon whose row was pruned since still stands: nothing after it was lost.
  if (from < min || from > headId || (!sameRow(after, at, masterTag) && !(at === undefined && from === min))) {
    // The snapshot and its cursor come from one transaction, so no change falls between them.
    return db.transaction(async (tx) => {
      const [h] = await tx.select({ id: max(t.masterChanges.id) }).from(t.masterChanges);
      const id = Math.max(h?.id ?? 0, min);
      const cursor = cursorAt(style, id, await masterRow(tx, id), masterTag);
      const items = (await masterSnapshot(tx)).map((c) => ({ ...c, cursor }) as MasterChange);
      return { items, cursor, more: false, resnapshot: true, serverTime };
    });
  }
  const rows = await db.select().from(t.masterChanges).where(gt(t.masterChanges.id, from)).orderBy(asc(t.masterChanges.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({ cursor: String(r.id), type: r.type, payload: r.payload }) as MasterChange);
  const last = page.at(-1);
  const cursor = last ? cursorAt(style, last.id, last, masterTag) : cursorAt(style, from, at ?? (style.fingerprinted && from > 0 ? await masterRow(db, from) : undefined), masterTag);
  return { items, cursor, more: rows.length > limit, resnapshot: false, serverTime };
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
export async function pullHolds(db: Db, after: FeedCursor | undefined, limit = DEFAULT_LIMIT, style: CursorStyle = { fingerprinted: false }): Promise<HoldsPullResponse> {
  const serverTime = new Date().toISOString();
  const holdRow = async (id: number) => (await db.select().from(t.lotStatusChanges).where(eq(t.lotStatusChanges.id, id)))[0];
  const from = after?.id ?? 0;
  const [head] = await db.select({ id: max(t.lotStatusChanges.id) }).from(t.lotStatusChanges);
  const at = from > 0 && (after?.tag || style.fingerprinted) ? await holdRow(from) : undefined;
  if (from > (head?.id ?? 0) || !sameRow(after, at, holdsTag)) {
    // Snapshot: the latest change of every lot whose status came from a change, current status wins.
    const rows = await db.execute<{ id: number }>(sql`SELECT DISTINCT ON (lot_id) id FROM lot_status_changes ORDER BY lot_id, id DESC`);
    const ids = (rows as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id));
    const items = ids.length ? (await db.select().from(t.lotStatusChanges).where(sql`${t.lotStatusChanges.id} IN ${ids}`).orderBy(asc(t.lotStatusChanges.id))).map(toChange) : [];
    const headId = head?.id ?? 0;
    return { items, cursor: cursorAt(style, headId, headId > 0 ? await holdRow(headId) : undefined, holdsTag), more: false, resnapshot: true, serverTime };
  }
  const rows = await db.select().from(t.lotStatusChanges).where(gt(t.lotStatusChanges.id, from)).orderBy(asc(t.lotStatusChanges.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toChange), cursor: last ? cursorAt(style, last.id, last, holdsTag) : cursorAt(style, from, at, holdsTag), more: rows.length > limit, resnapshot: false, serverTime };
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
