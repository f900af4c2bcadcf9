// Every kind of fact a station records, with the schema of its payload and its version.
// The log is append-only, so a payload schema only ever grows: a change that would make an
// old payload invalid gets a new version number and both stay readable.
import { z } from 'zod';
import { RoleSchema, StationTypeSchema } from '../domain/roles';
import { TimeZoneSchema } from '../domain/time-zone';
import { WORKFLOW_EVENT_PAYLOADS } from './workflow-types';
import { BOARD_EVENT_PAYLOADS } from '../board/inputs';
import { PACKING_EVENT_PAYLOADS } from './packing-types';
import { SERIAL_PREFIX_PATTERN } from '../rules/packing/serials';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const ITEM_KINDS = ['component', 'pcb', 'solder_paste', 'resin', 'molded_part', 'packaging', 'finished_good'] as const;
export const LOT_STATUSES = ['quarantined', 'released', 'on_hold', 'rejected', 'recalled', 'consumed'] as const;
export const MSL_LEVELS = ['1', '2', '2a', '3', '4', '5', '5a', '6'] as const;

export const PartMappingSchema = z.object({
  kind: z.enum(['supplier', 'manufacturer', 'customer']),
  owner: z.string().min(1).max(64),
  part: z.string().min(1).max(64),
});

export const EVENT_PAYLOADS = {
  'station.initialized': z.object({
    stationId: z.string(),
    runtimeVersion: z.string(),
  }),
  'station.configured': z.object({
    name: z.string().min(1).max(64),
    type: StationTypeSchema,
    area: z.string().max(64),
    idleLockMinutes: z.number().int().min(1).max(720),
    /** IANA zone for printed reports; null clears it (reports use the process's zone); absent keeps what is in force. */
    timeZone: TimeZoneSchema.nullable().optional(),
  }),
  'demo.loaded': z.object({ dataset: z.string(), version: z.number().int() }),

  'master.user.upserted': z.object({
    userId: z.string(),
    name: z.string().min(1).max(120),
    badge: z.string().min(1).max(64),
    roles: z.array(RoleSchema).min(1),
    pinHash: z.string().min(1),
    active: z.boolean(),
  }),
  'master.station.upserted': z.object({
    stationId: z.string(),
    name: z.string(),
    type: StationTypeSchema,
    area: z.string(),
  }),
  'master.supplier.upserted': z.object({ supplierId: z.string(), name: z.string() }),
  'master.item.upserted': z.object({
    itemId: z.string(),
    name: z.string(),
    kind: z.enum(ITEM_KINDS),
    uom: z.enum(['ea', 'g', 'kg', 'm', 'ml']),
    gtin: z.string().regex(/^\d{14}$/).optional(),
    msl: z.enum(MSL_LEVELS).optional(),
    shelfLifeDays: z.number().int().positive().optional(),
    /** Each unit packed gets a serial number (cleanroom packing), drawn from the server's blocks for this item. */
    serialized: z.boolean().optional(),
    /** What the item's serials begin with, e.g. `LCS` → `LCS0000042` (GS1 character set 82, so it fits AI 21). */
    serialPrefix: z.string().regex(SERIAL_PREFIX_PATTERN).optional(),
    partMappings: z.array(PartMappingSchema),
  }),
  'master.bom.upserted': z.object({
    bomId: z.string(),
    productItemId: z.string(),
    revision: z.string(),
    lines: z.array(
      z.object({
        itemId: z.string(),
        qtyPer: z.number().positive(),
        slot: z.string().optional(),
        alternates: z.array(z.string()).optional(),
      }),
    ),
  }),
  'master.work_order.upserted': z.object({
    workOrderId: z.string(),
    productItemId: z.string(),
    bomId: z.string(),
    quantity: z.number().int().positive(),
    stationType: StationTypeSchema,
    status: z.enum(['planned', 'released', 'running', 'completed', 'closed']),
    dueDate: isoDate.optional(),
  }),

  'lot.received': z.object({
    lotId: z.string(),
    itemId: z.string(),
    supplierId: z.string().optional(),
    supplierLot: z.string().optional(),
    quantity: z.number().nonnegative(),
    uom: z.string(),
    expiry: isoDate.optional(),
    dateCode: z.string().optional(),
    msl: z.enum(MSL_LEVELS).optional(),
  }),
  'lot.released': z.object({ lotId: z.string() }),

  'device.configured': z.object({ role: z.enum(['scanner', 'scale', 'labelPrinter', 'ticketPrinter']), uri: z.string().min(1).max(512) }),
  'device.removed': z.object({ role: z.enum(['scanner', 'scale', 'labelPrinter', 'ticketPrinter']) }),
  'device.tested': z.object({ role: z.enum(['scanner', 'scale', 'labelPrinter', 'ticketPrinter']), uri: z.string(), ok: z.boolean(), detail: z.string() }),
  'print.job_uncertain': z.object({ jobId: z.string(), printer: z.string(), note: z.string() }),
  'print.job_resolved': z.object({ jobId: z.string(), decision: z.enum(['printed', 'reprint', 'cancel']), newJobId: z.string().optional() }),

  'label.issued': z.object({
    labelId: z.string(),
    templateId: z.string(),
    lotId: z.string().nullable(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    /** What each barcode was meant to carry (checked again at scan-back). */
    barcodes: z.array(z.object({ index: z.number().int(), symbology: z.string(), data: z.string(), fieldById: z.record(z.string(), z.string()) })),
    jobId: z.string(),
    zplSha256: z.string(),
    /** The label this one replaces (a reprint), whose reason is the event's reason. */
    reprintOf: z.string().nullable(),
    /** Position in the print request, for the "first and last of a batch" verification rule. */
    batchIndex: z.number().int().nonnegative(),
    batchSize: z.number().int().positive(),
    /** A unit label: the serial of the one unit it is for (packing of a serialized product); absent on lot labels. */
    serial: z.string().min(1).max(20).optional(),
  }),
  'label.printed': z.object({ labelId: z.string(), jobId: z.string() }),
  'label.verified': z.object({ labelId: z.string(), scanSeq: z.number().int(), barcode: z.number().int() }),
  'label.verify_failed': z.object({
    labelId: z.string(),
    scanSeq: z.number().int(),
    unreadable: z.boolean(),
    mismatches: z.array(z.object({ field: z.string(), expected: z.string().nullable(), scanned: z.string().nullable() })),
  }),
  'label.voided': z.object({ labelId: z.string() }),
  'label.applied': z.object({ labelId: z.string() }),
  'label.reconciled': z.object({
    lotId: z.string(),
    issued: z.number().int(),
    printed: z.number().int(),
    verified: z.number().int(),
    applied: z.number().int(),
    voided: z.number().int(),
    balanced: z.boolean(),
  }),
  'label.policy_set': z.object({ verifyMode: z.enum(['every', 'first_last', 'none']), reprintNeedsSignature: z.boolean() }),

  'ticket.printed': z.object({ templateId: z.string(), printer: z.string(), lines: z.number().int() }),

  'scan.received': z.object({ text: z.string(), source: z.string(), receivedAt: isoDateTime }),

  'auth.login': z.object({ userId: z.string(), badge: z.string() }),
  'auth.login_failed': z.object({
    badge: z.string(),
    userId: z.string().optional(),
    cause: z.enum(['unknown_badge', 'wrong_pin', 'inactive', 'locked_out']),
    consecutiveFailures: z.number().int().nonnegative(),
  }),
  'auth.signature_failed': z.object({
    badge: z.string().nullable(),
    userId: z.string().optional(),
    cause: z.enum(['unknown_badge', 'wrong_pin', 'inactive', 'locked_out', 'role', 'first_signature_needs_badge']),
    consecutiveFailures: z.number().int().nonnegative(),
  }),
  'auth.locked_out': z.object({ userId: z.string(), until: isoDateTime, failures: z.number().int() }),
  'auth.logout': z.object({ userId: z.string(), cause: z.enum(['user', 'idle', 'replaced', 'shutdown']) }),

  // Issue 6: verification in the runtime, receiving, QA, SMT line, material clocks.
  ...WORKFLOW_EVENT_PAYLOADS,
  // Issue 9: what the supervisor board reads that no other feature records (andon, run state, device faults).
  ...BOARD_EVENT_PAYLOADS,
  // ---- replication (station side of the sync protocol; see docs/sync-protocol.md)
  /** The station exchanged a one-time code for a credential (the token itself is never recorded). */
  'sync.enrolled': z.object({ serverUrl: z.string().max(512), stationId: z.string(), protocol: z.string().max(16) }),
  /**
   * A lot status change pulled from the central holds feed (QA hold/release/recall, or a
   * station's release): the station enforces it. `cursor` is the feed position it came from.
   */
  'lot.status_changed': z.object({
    lotId: z.string(),
    status: z.enum(LOT_STATUSES),
    kind: z.enum(['hold', 'release', 'recall', 'station_release']),
    reason: z.string().nullable(),
    byUserId: z.string().nullable(),
    byName: z.string().nullable(),
    /** Station whose event caused it (a station release), else null. */
    fromStationId: z.string().nullable(),
    at: isoDateTime,
    cursor: z.string().max(20),
  }),
  /** A pull answered with a full snapshot (`resnapshot`): the station replaced what it held from that feed. */
  'sync.feed_resnapshot': z.object({
    feed: z.enum(['master', 'holds']),
    cursor: z.string().max(32),
    items: z.number().int().nonnegative(),
    /** Records the station held from this feed that the snapshot no longer lists (lot ids, user ids). */
    dropped: z.array(z.string()),
  }),
  /** An administrator sent the certificates parked after failed or refused uploads back to the queue (how many). */
  'sync.certificates_retried': z.object({ count: z.number().int().positive() }),
  /** The station's clock disagrees with the server's by more than the threshold. Flagged, never a refusal. */
  'sync.clock_drift': z.object({
    offsetMs: z.number(),
    thresholdMs: z.number().nonnegative(),
    serverTime: isoDateTime,
    stationTime: isoDateTime,
    source: z.enum(['push', 'response']),
  }),
  /** The server holds a different history for this station (clone, restored backup, tampering): pushing stopped. */
  'sync.integrity_alarm': z.object({
    problem: z.enum(['hash_conflict', 'prev_hash_mismatch', 'ack_hash_mismatch', 'server_ahead']),
    seq: z.number().int().nonnegative(),
    heldHash: z.string().nullable(),
    receivedHash: z.string().nullable(),
    message: z.string(),
  }),
  /** A block of serial numbers the server assigned to this station in advance (inclusive range). */
  'serial.block_received': z.object({
    blockId: z.string(),
    itemId: z.string(),
    first: z.number().int().positive(),
    last: z.number().int().positive(),
    allocatedAt: isoDateTime,
    requestId: z.string().max(64),
  }),
  ...PACKING_EVENT_PAYLOADS,
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];
export const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/**
 * Version of each payload schema; stored with the event. A schema that accepts more than it
 * did (a new kind, a new member) takes the next version, so a central server that predates it
 * stores such events as they are instead of refusing them and stalling the station's sync.
 */
const SCHEMA_VERSIONS: Partial<Record<EventType, number>> = {
  /** 2: `discarded`. */
  'material.paste': 2,
};
export const EVENT_SCHEMA_VERSION: Readonly<Record<EventType, number>> = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, SCHEMA_VERSIONS[t] ?? 1]),
) as Record<EventType, number>;

export function isEventType(t: string): t is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_PAYLOADS, t);
}
