// Master data is owned here: each upsert writes its table and, when the record actually
// changed, appends to the master feed that stations pull (same shape as the station's
// `master.*.upserted` events). Callers hold the feed lock (lockFeed) for the transaction.
import { and, eq, sql } from 'drizzle-orm';
import { canonicalJson } from '../shared/events/canonical';
import type { EventPayload } from '../shared/events/types';
import type { MasterChange, MasterEventType } from '../shared/sync/protocol';
import type { Tx } from './db/open';
import * as t from './db/schema';

export type MasterUpsert = { [K in MasterEventType]: { readonly type: K; readonly payload: EventPayload<K> } }[MasterEventType];

/**
 * Serializes writers of one feed so that its bigserial ids become visible in id order: a
 * reader who saw id n can never later find an id < n appear (which a cursor would skip).
 * Readers are not blocked.
 */
export async function lockFeed(tx: Tx, feed: 'master_changes' | 'lot_status_changes'): Promise<void> {
  await tx.execute(sql.raw(`LOCK TABLE ${feed} IN SHARE ROW EXCLUSIVE MODE`));
}

function keyOf(u: MasterUpsert): string {
  switch (u.type) {
    case 'master.user.upserted': return u.payload.userId;
    case 'master.station.upserted': return u.payload.stationId;
    case 'master.supplier.upserted': return u.payload.supplierId;
    case 'master.item.upserted': return u.payload.itemId;
    case 'master.bom.upserted': return `${u.payload.bomId}@${u.payload.revision}`;
    case 'master.work_order.upserted': return u.payload.workOrderId;
    default: { const never: never = u; throw new Error(`unknown master type ${(never as MasterUpsert).type}`); }
  }
}

async function current(tx: Tx, u: MasterUpsert): Promise<unknown> {
  switch (u.type) {
    case 'master.user.upserted': {
      const [r] = await tx.select().from(t.users).where(eq(t.users.userId, u.payload.userId));
      return r ? { userId: r.userId, name: r.name, badge: r.badge, roles: r.roles, pinHash: r.pinHash, active: r.active } : undefined;
    }
    case 'master.station.upserted': {
      const [r] = await tx.select().from(t.stations).where(eq(t.stations.stationId, u.payload.stationId));
      return r ? { stationId: r.stationId, name: r.name, type: r.type, area: r.area } : undefined;
    }
    case 'master.supplier.upserted': {
      const [r] = await tx.select().from(t.suppliers).where(eq(t.suppliers.supplierId, u.payload.supplierId));
      return r ? { supplierId: r.supplierId, name: r.name } : undefined;
    }
    case 'master.item.upserted':
      return (await tx.select({ p: t.items.payload }).from(t.items).where(eq(t.items.itemId, u.payload.itemId)))[0]?.p;
    case 'master.bom.upserted':
      return (await tx.select({ p: t.boms.payload }).from(t.boms).where(and(eq(t.boms.bomId, u.payload.bomId), eq(t.boms.revision, u.payload.revision))))[0]?.p;
    case 'master.work_order.upserted':
      return (await tx.select({ p: t.workOrders.payload }).from(t.workOrders).where(eq(t.workOrders.workOrderId, u.payload.workOrderId)))[0]?.p;
  }
}

async function write(tx: Tx, u: MasterUpsert): Promise<void> {
  const now = new Date();
  switch (u.type) {
    case 'master.user.upserted': {
      const p = u.payload;
      const v = { name: p.name, badge: p.badge, roles: [...p.roles], pinHash: p.pinHash, active: p.active, updatedAt: now };
      await tx.insert(t.users).values({ userId: p.userId, ...v }).onConflictDoUpdate({ target: t.users.userId, set: v });
      return;
    }
    case 'master.station.upserted': {
      const p = u.payload;
      const v = { name: p.name, type: p.type, area: p.area, updatedAt: now };
      await tx.insert(t.stations).values({ stationId: p.stationId, ...v }).onConflictDoUpdate({ target: t.stations.stationId, set: v });
      await tx.insert(t.stationSync).values({ stationId: p.stationId, headSeq: 0, headHash: '0'.repeat(64) }).onConflictDoNothing();
      return;
    }
    case 'master.supplier.upserted': {
      const p = u.payload;
      await tx.insert(t.suppliers).values({ supplierId: p.supplierId, name: p.name }).onConflictDoUpdate({ target: t.suppliers.supplierId, set: { name: p.name, updatedAt: now } });
      return;
    }
    case 'master.item.upserted': {
      const p = u.payload;
      const v = { name: p.name, kind: p.kind, payload: p, updatedAt: now };
      await tx.insert(t.items).values({ itemId: p.itemId, ...v }).onConflictDoUpdate({ target: t.items.itemId, set: v });
      return;
    }
    case 'master.bom.upserted': {
      const p = u.payload;
      const v = { productItemId: p.productItemId, payload: p, updatedAt: now };
      await tx.insert(t.boms).values({ bomId: p.bomId, revision: p.revision, ...v }).onConflictDoUpdate({ target: [t.boms.bomId, t.boms.revision], set: v });
      return;
    }
    case 'master.work_order.upserted': {
      const p = u.payload;
      const v = { status: p.status, payload: p, updatedAt: now };
      await tx.insert(t.workOrders).values({ workOrderId: p.workOrderId, ...v }).onConflictDoUpdate({ target: t.workOrders.workOrderId, set: v });
      return;
    }
  }
}

/** Writes one record; returns whether it was new or different (and so went into the feed). */
export async function upsertMaster(tx: Tx, u: MasterUpsert): Promise<boolean> {
  const before = await current(tx, u);
  if (before !== undefined && canonicalJson(before) === canonicalJson(u.payload)) return false;
  await write(tx, u);
  await tx.insert(t.masterChanges).values({ type: u.type, key: keyOf(u), payload: u.payload });
  return true;
}

/** Every current master record, in dependency order (a station applies them top to bottom). */
export async function masterSnapshot(tx: Tx): Promise<Omit<MasterChange, 'cursor'>[]> {
  const out: Omit<MasterChange, 'cursor'>[] = [];
  for (const r of await tx.select().from(t.stations).orderBy(t.stations.stationId))
    out.push({ type: 'master.station.upserted', payload: { stationId: r.stationId, name: r.name, type: r.type as never, area: r.area } });
  for (const r of await tx.select().from(t.users).orderBy(t.users.userId))
    out.push({ type: 'master.user.upserted', payload: { userId: r.userId, name: r.name, badge: r.badge, roles: r.roles as never, pinHash: r.pinHash, active: r.active } });
  for (const r of await tx.select().from(t.suppliers).orderBy(t.suppliers.supplierId)) out.push({ type: 'master.supplier.upserted', payload: { supplierId: r.supplierId, name: r.name } });
  for (const r of await tx.select().from(t.items).orderBy(t.items.itemId)) out.push({ type: 'master.item.upserted', payload: r.payload as never });
  for (const r of await tx.select().from(t.boms).orderBy(t.boms.bomId, t.boms.revision)) out.push({ type: 'master.bom.upserted', payload: r.payload as never });
  for (const r of await tx.select().from(t.workOrders).orderBy(t.workOrders.workOrderId)) out.push({ type: 'master.work_order.upserted', payload: r.payload as never });
  return out;
}
