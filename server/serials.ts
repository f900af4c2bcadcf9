// Serial-number blocks: ranges of an item's serials handed to one station in advance so it
// can serialize offline. One counter row per item, advanced under its row lock, so two
// blocks of an item never overlap whatever the concurrency.
import { and, eq, sql } from 'drizzle-orm';
import type { SerialBlock, SerialBlockRequest } from '../shared/sync/protocol';
import type { Db } from './db/open';
import * as t from './db/schema';
import { SyncError } from './errors';

export async function allocateSerialBlock(db: Db, stationId: string, req: SerialBlockRequest): Promise<SerialBlock> {
  const toBlock = (r: typeof t.serialBlocks.$inferSelect): SerialBlock => ({
    blockId: String(r.id),
    stationId: r.stationId,
    itemId: r.itemId,
    first: r.first,
    last: r.last,
    allocatedAt: r.allocatedAt.toISOString(),
  });
  return db.transaction(async (tx) => {
    const [item] = await tx.select({ id: t.items.itemId }).from(t.items).where(eq(t.items.itemId, req.itemId));
    if (!item) throw new SyncError('not_found', `item ${req.itemId} is not in the master data`);
    // Seed the counter (no-op when present), then lock and advance it.
    await tx.insert(t.serialCounters).values({ itemId: req.itemId, nextSerial: 1 }).onConflictDoNothing();
    const [counter] = await tx.select().from(t.serialCounters).where(eq(t.serialCounters.itemId, req.itemId)).for('update');
    if (req.requestId) {
      // Checked under the counter lock: a concurrent retry of the same request waits here and then finds the first one's block.
      const [prior] = await tx.select().from(t.serialBlocks).where(and(eq(t.serialBlocks.stationId, stationId), eq(t.serialBlocks.requestId, req.requestId)));
      if (prior) {
        // A retry asks for what it asked the first time; anything else reusing the id is not a retry.
        if (prior.itemId !== req.itemId || prior.last - prior.first + 1 !== req.size) throw new SyncError('invalid_body', `request ${req.requestId} was a block of ${prior.last - prior.first + 1} serials of ${prior.itemId}, not ${req.size} of ${req.itemId}`);
        return toBlock(prior);
      }
    }
    const first = counter!.nextSerial;
    const last = first + req.size - 1;
    await tx.update(t.serialCounters).set({ nextSerial: sql`${last} + 1` }).where(eq(t.serialCounters.itemId, req.itemId));
    const [row] = await tx.insert(t.serialBlocks).values({ stationId, itemId: req.itemId, first, last, requestId: req.requestId ?? null }).returning();
    return toBlock(row!);
  });
}
