// The central PostgreSQL schema (PGlite and PostgreSQL alike): every station's event log,
// the projections QA works from, master data and the feeds stations pull.
// Migrations are generated from this file by drizzle-kit into migrations/central/ and must
// stay additive (tests/integration/server/migrations.test.ts refuses DROP and RENAME).
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const big = (name: string) => bigint(name, { mode: 'number' });

// ---------------------------------------------------------------- stations and trust

export const stations = pgTable('stations', {
  stationId: text('station_id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  area: text('area').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Only the sha256 of a token is kept: a leaked database does not leak credentials. */
export const stationCredentials = pgTable(
  'station_credentials',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationId: text('station_id').notNull().references(() => stations.stationId),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('station_credentials_token').on(t.tokenHash)],
);

export const enrollmentCodes = pgTable('enrollment_codes', {
  codeHash: text('code_hash').primaryKey(),
  stationId: text('station_id').notNull().references(() => stations.stationId),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

/** Where the server's copy of a station's log ends. The row is locked for the length of a push, so one station's batches apply one at a time. */
export const stationSync = pgTable('station_sync', {
  stationId: text('station_id').primaryKey().references(() => stations.stationId),
  headSeq: big('head_seq').notNull().default(0),
  headHash: text('head_hash').notNull(),
  clockOffsetMs: integer('clock_offset_ms'),
  lastStationTime: text('last_station_time'),
  lastPushAt: ts('last_push_at'),
});

// ---------------------------------------------------------------- the replicated event logs

/**
 * Every station's events, exactly as hashed: payload and signature are the canonical JSON
 * text (jsonb would reorder keys and could renormalize numbers, and the hash must be
 * recomputable from what is stored). Append-only, enforced by triggers.
 */
export const events = pgTable(
  'events',
  {
    stationId: text('station_id').notNull(),
    seq: big('seq').notNull(),
    id: text('id').notNull(),
    hlc: text('hlc').notNull(),
    wallTime: text('wall_time').notNull(),
    actor: text('actor'),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    payload: text('payload').notNull(),
    reason: text('reason'),
    signature: text('signature'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.seq] }), index('events_type').on(t.type)],
);

/** A station's log disagreeing with the held one. The received event is kept for the investigation; the held one is never touched. */
export const integrityAlarms = pgTable(
  'integrity_alarms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationId: text('station_id').notNull(),
    seq: big('seq').notNull(),
    problem: text('problem').notNull(),
    heldHash: text('held_hash'),
    receivedHash: text('received_hash').notNull(),
    receivedEvent: text('received_event').notNull(),
    raisedAt: ts('raised_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [uniqueIndex('integrity_alarms_once').on(t.stationId, t.seq, t.receivedHash)],
);

// ---------------------------------------------------------------- projections

export const lots = pgTable(
  'lots',
  {
    lotId: text('lot_id').primaryKey(),
    itemId: text('item_id'),
    stationId: text('station_id'),
    quantity: text('quantity'),
    uom: text('uom'),
    status: text('status').notNull(),
    /** When the current blocking status (hold, recall) was placed centrally. */
    blockedAt: ts('blocked_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('lots_status').on(t.status)],
);

/**
 * The holds feed stations pull. Writers take `LOCK TABLE lot_status_changes IN SHARE ROW
 * EXCLUSIVE MODE` first, so ids become visible in id order and a reader's cursor never
 * skips a row committed late. Append-only.
 */
export const lotStatusChanges = pgTable(
  'lot_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lotId: text('lot_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    byUserId: text('by_user_id'),
    byName: text('by_name'),
    stationId: text('station_id'),
    eventSeq: big('event_seq'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('lot_status_changes_lot').on(t.lotId)],
);

export const deviations = pgTable(
  'deviations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    rule: text('rule').notNull(),
    stationId: text('station_id').notNull(),
    seq: big('seq').notNull(),
    eventId: text('event_id').notNull(),
    lotId: text('lot_id'),
    message: text('message').notNull(),
    raisedAt: ts('raised_at').notNull().defaultNow(),
    status: text('status').notNull().default('open'),
    closedBy: text('closed_by'),
    closedAt: ts('closed_at'),
  },
  (t) => [uniqueIndex('deviations_once').on(t.stationId, t.seq, t.rule, t.lotId), index('deviations_status').on(t.status)],
);

// ---------------------------------------------------------------- master data (owned here)

/** Floor users (badge + PIN, replicated down) and central users (password, never replicated) in one table. */
export const users = pgTable(
  'users',
  {
    userId: text('user_id').primaryKey(),
    name: text('name').notNull(),
    badge: text('badge').notNull(),
    roles: jsonb('roles').$type<string[]>().notNull(),
    pinHash: text('pin_hash').notNull(),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_badge').on(t.badge)],
);

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.userId),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

export const suppliers = pgTable('suppliers', {
  supplierId: text('supplier_id').primaryKey(),
  name: text('name').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** `payload` is the exact `master.item.upserted` payload, part mappings included. */
export const items = pgTable('items', {
  itemId: text('item_id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Every revision is kept; stations receive each as a `master.bom.upserted`. */
export const boms = pgTable(
  'boms',
  {
    bomId: text('bom_id').notNull(),
    revision: text('revision').notNull(),
    productItemId: text('product_item_id').notNull(),
    payload: jsonb('payload').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bomId, t.revision] })],
);

export const workOrders = pgTable('work_orders', {
  workOrderId: text('work_order_id').primaryKey(),
  status: text('status').notNull(),
  payload: jsonb('payload').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The master feed stations pull: one row per changed record, in commit order (same lock rule as lot_status_changes). */
export const masterChanges = pgTable('master_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  key: text('key').notNull(),
  payload: jsonb('payload').notNull(),
  at: ts('at').notNull().defaultNow(),
});

/** The oldest cursor a feed can still serve incrementally; older ones get a snapshot. */
export const feedHorizons = pgTable('feed_horizons', {
  feed: text('feed').primaryKey(),
  minCursor: big('min_cursor').notNull(),
});

// ---------------------------------------------------------------- serial numbers

export const serialCounters = pgTable('serial_counters', {
  itemId: text('item_id').primaryKey(),
  nextSerial: big('next_serial').notNull(),
});

export const serialBlocks = pgTable(
  'serial_blocks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationId: text('station_id').notNull(),
    itemId: text('item_id').notNull(),
    first: big('first_serial').notNull(),
    last: big('last_serial').notNull(),
    requestId: text('request_id'),
    allocatedAt: ts('allocated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('serial_blocks_request').on(t.stationId, t.requestId).where(sql`${t.requestId} IS NOT NULL`), index('serial_blocks_item').on(t.itemId, t.first)],
);

// ---------------------------------------------------------------- certificates of conformance

/** Raw bytes: node-postgres answers a Buffer, PGlite a Uint8Array; both become a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * Which stored document a station's `receiving.recorded` event names for a lot, written in the
 * push transaction that stores the event. A station may upload only documents its own pushed
 * events name, so this table is also the upload's authorization.
 */
export const lotCertificates = pgTable(
  'lot_certificates',
  {
    stationId: text('station_id').notNull(),
    seq: big('seq').notNull(),
    lotId: text('lot_id').notNull(),
    sha256: text('sha256').notNull(),
    /** The file name the station keeps it under (documents/<sha256>/<name>): the download's name. */
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.seq] }), index('lot_certificates_lot').on(t.lotId), index('lot_certificates_station_sha').on(t.stationId, t.sha256)],
);

/** A certificate's bytes, once per content (keyed by their hash). Append-only, enforced by a trigger. */
export const documents = pgTable('documents', {
  sha256: text('sha256').primaryKey(),
  mediaType: text('media_type').notNull(),
  byteSize: integer('byte_size').notNull(),
  /** The station whose upload stored it (another station naming the same bytes adds nothing). */
  firstStationId: text('first_station_id').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
  bytes: bytea('bytes').notNull(),
});

// ---------------------------------------------------------------- supervisor board (issue 9)

export * from '../board/tables';
