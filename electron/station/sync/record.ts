// Handlers of the sync client's system commands (see sync/contract.ts). Pulled records are
// compared with the current projection first, so pulling the same feed twice (a crash
// before the cursor was stored cannot happen, but a resnapshot can) records nothing new.
import { asc, eq, inArray } from 'drizzle-orm';
import { canonicalJson } from '../../../shared/events/canonical';
import type { EventPayload } from '../../../shared/events/types';
import type { LotStatusChange, MasterChange } from '../../../shared/sync/protocol';
import type { CommandContext, EmitOptions, Handlers } from '../runtime/bus';
import type { StationDb } from '../store/db';
import * as t from '../store/schema';
import type { syncInternalContract } from './contract';

type Feed = 'master' | 'holds';

/** The sync_state row exists once the client has run; handlers may run before (tests), so upsert. */
function saveCursor(db: StationDb, feed: Feed, cursor: string, now: Date): void {
  const set = feed === 'master' ? { masterCursor: cursor } : { holdsCursor: cursor };
  db.insert(t.syncState)
    .values({ one: 1, ...set, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: t.syncState.one, set: { ...set, updatedAt: now.toISOString() } })
    .run();
}

/** The payload the station would hold for this record's key, rebuilt from the projection (null: none). */
export function currentMasterPayload(db: StationDb, type: MasterChange['type'], key: string): unknown {
  switch (type) {
    case 'master.user.upserted': {
      const u = db.select().from(t.users).where(eq(t.users.userId, key)).get();
      return u ? { userId: u.userId, name: u.name, badge: u.badge, roles: u.roles, pinHash: u.pinHash, active: u.active } : null;
    }
    case 'master.station.upserted': {
      const s = db.select().from(t.stations).where(eq(t.stations.stationId, key)).get();
      return s ? { stationId: s.stationId, name: s.name, type: s.type, area: s.area } : null;
    }
    case 'master.supplier.upserted': {
      const s = db.select().from(t.suppliers).where(eq(t.suppliers.supplierId, key)).get();
      return s ? { supplierId: s.supplierId, name: s.name } : null;
    }
    case 'master.item.upserted': {
      const i = db.select().from(t.items).where(eq(t.items.itemId, key)).get();
      if (!i) return null;
      const maps = db.select().from(t.itemPartMappings).where(eq(t.itemPartMappings.itemId, key)).all();
      return {
        itemId: i.itemId,
        name: i.name,
        kind: i.kind,
        uom: i.uom,
        gtin: i.gtin ?? undefined,
        msl: i.msl ?? undefined,
        shelfLifeDays: i.shelfLifeDays ?? undefined,
        serialized: i.serialized ? true : undefined,
        serialPrefix: i.serialPrefix ?? undefined,
        partMappings: sortMappings(maps.map((m) => ({ kind: m.kind, owner: m.owner, part: m.part }))),
      };
    }
    case 'master.bom.upserted': {
      const b = db.select().from(t.boms).where(eq(t.boms.bomId, key)).get();
      if (!b) return null;
      const lines = db.select().from(t.bomLines).where(eq(t.bomLines.bomId, key)).orderBy(asc(t.bomLines.lineNo)).all();
      return {
        bomId: b.bomId,
        productItemId: b.productItemId,
        revision: b.revision,
        lines: lines.map((l) => ({ itemId: l.itemId, qtyPer: l.qtyPer, slot: l.slot ?? undefined, alternates: l.alternates.length ? l.alternates : undefined })),
      };
    }
    case 'master.work_order.upserted': {
      const w = db.select().from(t.workOrders).where(eq(t.workOrders.workOrderId, key)).get();
      return w ? { workOrderId: w.workOrderId, productItemId: w.productItemId, bomId: w.bomId, quantity: w.quantity, stationType: w.stationType, status: w.status, dueDate: w.dueDate ?? undefined } : null;
    }
  }
}

function sortMappings<M extends { kind: string; owner: string; part: string }>(ms: readonly M[]): M[] {
  return [...ms].sort((a, b) => `${a.kind}\u0000${a.owner}\u0000${a.part}`.localeCompare(`${b.kind}\u0000${b.owner}\u0000${b.part}`));
}

export function masterKey(c: Pick<MasterChange, 'type' | 'payload'>): string {
  const p = c.payload as Record<string, string>;
  switch (c.type) {
    case 'master.user.upserted':
      return p.userId!;
    case 'master.station.upserted':
      return p.stationId!;
    case 'master.supplier.upserted':
      return p.supplierId!;
    case 'master.item.upserted':
      return p.itemId!;
    case 'master.bom.upserted':
      return p.bomId!;
    case 'master.work_order.upserted':
      return p.workOrderId!;
  }
}

/** Normalizes what the projection cannot tell apart (mapping order, empty alternates). */
function comparable(type: MasterChange['type'], payload: unknown): string {
  if (type === 'master.item.upserted') {
    const p = payload as EventPayload<'master.item.upserted'>;
    // `serialized: false` and no flag mean the same (the projection keeps a boolean).
    return canonicalJson({ ...p, serialized: p.serialized || undefined, partMappings: sortMappings(p.partMappings) });
  }
  if (type === 'master.bom.upserted') {
    const p = payload as EventPayload<'master.bom.upserted'>;
    return canonicalJson({ ...p, lines: p.lines.map((l) => ({ ...l, alternates: l.alternates?.length ? l.alternates : undefined })) });
  }
  return canonicalJson(payload);
}

export function masterUnchanged(db: StationDb, c: Pick<MasterChange, 'type' | 'payload'>): boolean {
  const current = currentMasterPayload(db, c.type, masterKey(c));
  return current !== null && comparable(c.type, current) === comparable(c.type, c.payload);
}

/**
 * A station enrolled before anyone configured it takes its name, type and area from the
 * central station list (what the administrator entered when adding it), so a supervisor
 * station opens the board without a second, local configuration. A station already
 * configured keeps its own signed settings.
 */
function adoptCentralIdentity(ctx: CommandContext, items: readonly Pick<MasterChange, 'type' | 'payload'>[]): void {
  const own = ctx.db.select().from(t.station).get();
  if (!own || (own.name && own.type)) return;
  const mine = items.filter((c) => c.type === 'master.station.upserted').map((c) => c.payload as EventPayload<'master.station.upserted'>).findLast((p) => p.stationId === own.stationId);
  if (!mine) return;
  ctx.emit('station.configured', { name: mine.name.slice(0, 64), type: mine.type, area: mine.area.slice(0, 64), idleLockMinutes: own.idleLockMinutes ?? 15 }, { reason: 'from the central station list at enrollment' });
}

function recordHold(ctx: CommandContext, h: LotStatusChange): void {
  ctx.emit('lot.status_changed', {
    lotId: h.lotId,
    status: h.status,
    kind: h.kind,
    reason: h.reason,
    byUserId: h.byUserId,
    byName: h.byName,
    fromStationId: h.stationId,
    at: h.at,
    cursor: h.cursor,
  }, { reason: h.reason });
}

/**
 * The enrollment in the log and in sync_state (a halt or error of the old credential is
 * cleared: only a new credential can clear it). The CLI records it as the system; Settings
 * (`sync.enroll`) as the administrator who signed it. The token is never part of it.
 */
export function recordEnrollment(ctx: CommandContext, input: EventPayload<'sync.enrolled'>, opts?: EmitOptions): void {
  ctx.emit('sync.enrolled', { serverUrl: input.serverUrl, stationId: input.stationId, protocol: input.protocol }, opts);
  const held = ctx.db.select({ serverUrl: t.syncState.serverUrl, stationId: t.syncState.stationId }).from(t.syncState).get();
  const row = { serverUrl: input.serverUrl, stationId: input.stationId, haltedReason: null, lastError: null, lastErrorAt: null, updatedAt: ctx.now.toISOString(), ...(held && (held.serverUrl !== input.serverUrl || held.stationId !== input.stationId) ? forgetServer(ctx.db) : {}) };
  ctx.db.insert(t.syncState).values({ one: 1, ...row }).onConflictDoUpdate({ target: t.syncState.one, set: row }).run();
}

/**
 * Another server (or another credential's station) knows nothing of what the last one
 * acknowledged, stored or fed: its acknowledged sequence, feed cursors and uploaded
 * certificates start again from nothing, in the enrollment's transaction, so the new server
 * is sent the whole log and every certificate from what it says it holds at connect (the
 * client adopts its ack, never past this log), and its feeds are read from their start.
 * Kept, a status would count only what came after the old ack as waiting, and certificates
 * the old server took would never reach the new one.
 */
function forgetServer(db: StationDb) {
  db.delete(t.documentUploads).run();
  return { ackedSeq: 0, ackedHash: null, masterCursor: null, holdsCursor: null, documentsSeq: 0, lastSuccessAt: null, clockOffsetMs: null };
}

export const syncInternalHandlers: Handlers<typeof syncInternalContract> = {
  'sync.record_enrollment': {
    kind: 'command',
    run(ctx, input) {
      recordEnrollment(ctx, input);
      return { ok: true };
    },
  },
  'sync.record_unrecorded_enrollment': {
    kind: 'command',
    run(ctx, input) {
      recordEnrollment(ctx, input, { reason: `the credential store holds a credential from ${input.serverUrl} that no enrollment event records (the station stopped between storing it and recording its enrollment); recorded when sync started` });
      return { ok: true };
    },
  },
  'sync.record_master': {
    kind: 'command',
    run(ctx, input) {
      let recorded = 0;
      let skipped = 0;
      for (const c of input.items) {
        if (masterUnchanged(ctx.db, c)) skipped++;
        else {
          ctx.emit(c.type, c.payload as never);
          recorded++;
        }
      }
      adoptCentralIdentity(ctx, input.items);
      if (input.resnapshot) {
        // Replace, not merge: a user the snapshot no longer lists must not keep logging in
        // here. Other master records have no deletion in protocol v1 and stay as they are.
        const listed = new Set(input.items.filter((c) => c.type === 'master.user.upserted').map((c) => masterKey(c)));
        const dropped = ctx.db.select().from(t.users).all().filter((u) => !listed.has(u.userId) && u.active);
        for (const u of dropped) ctx.emit('master.user.upserted', { userId: u.userId, name: u.name, badge: u.badge, roles: u.roles as never, pinHash: u.pinHash, active: false });
        ctx.emit('sync.feed_resnapshot', { feed: 'master', cursor: input.cursor, items: input.items.length, dropped: dropped.map((u) => u.userId) });
      }
      saveCursor(ctx.db, 'master', input.cursor, ctx.now);
      return { recorded, skipped };
    },
  },
  'sync.record_holds': {
    kind: 'command',
    run(ctx, input) {
      let recorded = 0;
      let skipped = 0;
      const ids = [...new Set(input.items.map((h) => h.lotId))];
      const held = new Map(ids.length ? ctx.db.select().from(t.lotCentralStatus).where(inArray(t.lotCentralStatus.lotId, ids)).all().map((r) => [r.lotId, r]) : []);
      const self = ctx.db.select({ id: t.station.stationId }).from(t.station).get()?.id ?? null;
      for (const h of input.items) {
        const cur = held.get(h.lotId);
        // Already recorded (same feed position), or a snapshot repeating the status we hold,
        // or the echo of this station's own release, hold or rejection: the log already says it,
        // and the central server writes a station's change only as exactly what that act did.
        // Recording it again would, for an act since superseded here (held, then released
        // offline), put the lot back in the older status until the next echo.
        const echo = h.stationId !== null && h.stationId === self;
        if (echo || (cur && (cur.cursor === h.cursor || (input.resnapshot && cur.status === h.status)))) {
          skipped++;
          continue;
        }
        recordHold(ctx, h);
        held.set(h.lotId, { ...(cur ?? { lotId: h.lotId, seq: 0 }), status: h.status, kind: h.kind, reason: h.reason, byName: h.byName, at: h.at, cursor: h.cursor });
        recorded++;
      }
      if (input.resnapshot) {
        const listed = new Set(ids);
        const dropped = ctx.db.select({ lotId: t.lotCentralStatus.lotId }).from(t.lotCentralStatus).all().map((r) => r.lotId).filter((id) => !listed.has(id));
        ctx.emit('sync.feed_resnapshot', { feed: 'holds', cursor: input.cursor, items: input.items.length, dropped });
      }
      saveCursor(ctx.db, 'holds', input.cursor, ctx.now);
      return { recorded, skipped };
    },
  },
  'sync.record_clock_drift': {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('sync.clock_drift', input);
      ctx.db.update(t.syncState).set({ driftRecordedMs: input.offsetMs }).run();
      return { ok: true };
    },
  },
  'sync.record_integrity_alarm': {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('sync.integrity_alarm', input);
      ctx.db.update(t.syncState).set({ haltedReason: `${input.problem} at sequence ${input.seq}: ${input.message}`, updatedAt: ctx.now.toISOString() }).run();
      return { ok: true };
    },
  },
  'serial.record_block': {
    kind: 'command',
    run(ctx, input) {
      if (ctx.db.select({ id: t.serialBlocks.blockId }).from(t.serialBlocks).where(eq(t.serialBlocks.blockId, input.blockId)).get()) return { recorded: 0, skipped: 1 };
      ctx.emit('serial.block_received', input);
      return { recorded: 1, skipped: 0 };
    },
  },
};
