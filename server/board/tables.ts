// The supervisor board's read models in the central database (issue 9), re-exported by
// server/db/schema.ts so drizzle-kit generates their migration. All of them are rebuilt
// from the events table by the board projector, except andon acknowledgements, exception
// assignments and resolutions, which are central acts recorded in board_audit.
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const big = (name: string) => bigint(name, { mode: 'number' });

/** Per station: the tile projection and how far into the station's log it has read. */
export const boardStations = pgTable('board_stations', {
  stationId: text('station_id').primaryKey(),
  projectedSeq: big('projected_seq').notNull().default(0),
  tile: jsonb('tile').notNull(),
  /** What the station last said about its unsent events (push headers); null if it never said. */
  outbox: jsonb('outbox'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Countable facts for charts and reports; `at` is the station's wall time of the event. */
export const boardFacts = pgTable(
  'board_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stationId: text('station_id').notNull(),
    seq: big('seq').notNull(),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    workOrderId: text('work_order_id'),
    code: text('code'),
    reason: text('reason'),
    unit: text('unit'),
    n: integer('n').notNull().default(1),
  },
  (t) => [index('board_facts_kind_at').on(t.kind, t.at), index('board_facts_station_at').on(t.stationId, t.at)],
);

export const boardExceptions = pgTable(
  'board_exceptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    stationId: text('station_id').notNull(),
    lotId: text('lot_id'),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    evidence: jsonb('evidence').notNull(),
    raisedAt: ts('raised_at').notNull(),
    assignedTo: text('assigned_to'),
    assignedName: text('assigned_name'),
    status: text('status').notNull().default('open'),
    resolution: jsonb('resolution'),
  },
  (t) => [uniqueIndex('board_exceptions_source').on(t.sourceKey), index('board_exceptions_status').on(t.status, t.raisedAt)],
);

export const boardAndon = pgTable(
  'board_andon',
  {
    callId: text('call_id').primaryKey(),
    stationId: text('station_id').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    raisedAt: ts('raised_at').notNull(),
    raisedSeq: big('raised_seq').notNull(),
    raisedBy: text('raised_by'),
    ackedAt: ts('acked_at'),
    ackedBy: text('acked_by'),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'),
    closeNote: text('close_note'),
  },
  (t) => [index('board_andon_open').on(t.closedAt)],
);

/** Lot facts the central lots table does not keep: expiry, MSL level, material clock events. */
export const boardLots = pgTable('board_lots', {
  lotId: text('lot_id').primaryKey(),
  itemId: text('item_id'),
  stationId: text('station_id'),
  expiry: text('expiry'),
  msl: text('msl'),
  mslEvents: jsonb('msl_events').notNull().default([]),
  pasteEvents: jsonb('paste_events').notNull().default([]),
});

/** Cursors of the other sources the projector follows (deviations, integrity alarms). */
export const boardCursors = pgTable('board_cursors', {
  name: text('name').primaryKey(),
  value: big('value').notNull(),
});

/**
 * The central acts of the supervisor views, append-only (a trigger refuses UPDATE and
 * DELETE): andon acknowledged/closed, exception assigned/resolved, hold placed/released
 * from lot watch, a certificate downloaded — who, when, why and, for signed acts, the signature.
 */
export const boardAudit = pgTable(
  'board_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    at: ts('at').notNull().defaultNow(),
    reason: text('reason'),
    payload: jsonb('payload').notNull(),
    signature: jsonb('signature'),
  },
  (t) => [index('board_audit_subject').on(t.subject)],
);
