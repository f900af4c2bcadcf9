// The station ↔ central sync protocol, version 1: every request and response body as a zod
// schema, the headers and the status codes. The station's sync client and the server are
// both written against this file; docs/sync-protocol.md explains the flows.
import { z } from 'zod';
import { StoredEventSchema } from '../events/event';
import { EVENT_PAYLOADS } from '../events/types';
import { StationTypeSchema } from '../domain/roles';
import { SignatureSchema } from '../domain/signature';

/**
 * Major.minor. A server accepts any major ≤ its own; a newer major gets 426.
 * 1.1: feed cursors may carry the fingerprint of the row they stand at (FEED_CURSOR); a server
 * sends them only to a station that speaks 1.1 or later.
 */
export const PROTOCOL_VERSION = '1.1';
export const PROTOCOL_MAJOR = 1;
/** The first minor version whose stations take fingerprinted feed cursors. */
export const FINGERPRINTED_CURSORS_MINOR = 1;

/**
 * A feed cursor: the id of the last row seen and, from protocol 1.1, `.` and 8 hex digits
 * fingerprinting that row. A database restored from a backup reuses ids for other rows; the
 * fingerprint tells the server so, and the station gets a snapshot instead of a feed that
 * silently skips the rows it never saw.
 */
export const FEED_CURSOR = /^(\d{1,18})(?:\.([0-9a-f]{8}))?$/;
/** Sent on every request and every response (`Lotline-Protocol: 1` or `1.0`). */
export const PROTOCOL_HEADER = 'Lotline-Protocol';
/** The server's wall time on every response (ISO 8601), so a station can measure drift on any call. */
export const SERVER_TIME_HEADER = 'Lotline-Server-Time';

/** Parses `1`, `1.0`, `1.3` → {major, minor}; anything else → null. */
export function parseProtocolVersion(v: string | null | undefined): { major: number; minor: number } | null {
  if (!v) return null;
  const m = /^\s*(\d{1,4})(?:\.(\d{1,4}))?\s*$/.exec(v);
  return m ? { major: Number(m[1]), minor: m[2] ? Number(m[2]) : 0 } : null;
}

/** Limits a station must respect; the server refuses (413) anything larger. */
export const PUSH_LIMITS = {
  maxEvents: 2000,
  /** Uncompressed JSON body. */
  maxBytes: 8 * 1024 * 1024,
} as const;

const isoDateTime = z.iso.datetime({ offset: true });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

// ---------------------------------------------------------------- errors

export const SYNC_ERROR_CODES = [
  'invalid_body', // 400: schema refused; `issues` lists where
  'batch_not_contiguous', // 400: a push batch must be consecutive sequence numbers
  'hash_mismatch', // 400: an event does not hash to its own `hash` (corrupt or altered at the station)
  'unauthenticated', // 401: missing, unknown or revoked credential
  'forbidden', // 403: authenticated but not allowed (e.g. role)
  'impersonation', // 403: an event's stationId is not the credential's station
  'not_found', // 404
  'sequence_gap', // 409: `expectedSeq` says where to resume
  'station_mismatch', // 409: enrollment for another station id
  'enrollment_invalid', // 400: unknown, used or expired enrollment code
  'too_large', // 413: over PUSH_LIMITS
  'unsupported_protocol', // 426: newer major than the server speaks
  'invalid_rows', // 400: master-data import; `rows` lists every bad row
  'too_many_attempts', // 429: a login or enrollment key is locked after failures; `retryAfterSeconds`
  'internal', // 500
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.enum(SYNC_ERROR_CODES),
  message: z.string(),
  /** For `sequence_gap`: the next sequence the server will accept from this station. */
  expectedSeq: z.number().int().positive().optional(),
  /** For `hash_mismatch` / `impersonation`: the first offending event. */
  seq: z.number().int().positive().optional(),
  /** For `invalid_body`: zod-style issue list. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** For `invalid_rows`. */
  rows: z.array(z.lazy(() => ImportRowErrorSchema)).optional(),
  /** For `unsupported_protocol`: what the server speaks. */
  serverProtocol: z.string().optional(),
  /** For `too_many_attempts`: when the key opens again (also the Retry-After header). */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---------------------------------------------------------------- enrollment

/** POST /sync/enroll (no credential): exchange a one-time code for a station credential. */
export const EnrollRequestSchema = z.object({
  code: z.string().trim().min(1).max(64),
  /** When the station already has an identity, it must be the one the code was issued for. */
  stationId: z.string().min(1).max(64).optional(),
  runtimeVersion: z.string().max(64).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  stationId: z.string(),
  /** Bearer credential; shown once, stored hashed on the server. */
  token: z.string(),
  serverTime: isoDateTime,
  protocol: z.string(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

// ---------------------------------------------------------------- push

/**
 * An event on the wire: exactly the station's StoredEvent, no more fields (the hash covers
 * every field, and the server stores exactly these). The signature passes through with any
 * fields a newer station adds, since they are inside the hash too.
 */
export const WireEventSchema = StoredEventSchema.extend({
  id: z.string().min(1).max(64),
  stationId: z.string().min(1).max(64),
  type: z.string().min(1).max(100),
  signature: SignatureSchema.loose().nullable(),
  prevHash: hex64,
  hash: hex64,
}).strict();
export type WireEvent = z.infer<typeof WireEventSchema>;

/** POST /sync/push — events in sequence order, at most PUSH_LIMITS. May be gzip-encoded. */
export const PushRequestSchema = z.object({
  /** The station's wall clock when it sent the batch; used only to measure drift. */
  stationTime: isoDateTime,
  events: z.array(WireEventSchema).min(1).max(PUSH_LIMITS.maxEvents),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const INTEGRITY_PROBLEMS = ['hash_conflict', 'prev_hash_mismatch'] as const;
export const IntegrityAlarmSchema = z.object({
  seq: z.number().int().positive(),
  /** hash_conflict: same sequence, other hash than the one held; prev_hash_mismatch: the event does not link to the held chain. */
  problem: z.enum(INTEGRITY_PROBLEMS),
  heldHash: z.string().nullable(),
  receivedHash: z.string(),
});
export type IntegrityAlarm = z.infer<typeof IntegrityAlarmSchema>;

/** 200 answer to a push, also when it changed nothing (a retry) or raised alarms. */
export const PushAckSchema = z.object({
  /** Highest sequence such that the server holds 1..ackSeq of this station. The station may mark these as acknowledged. */
  ackSeq: z.number().int().nonnegative(),
  /** Hash of event ackSeq (GENESIS_HASH when 0): lets the station check it agrees with the server. */
  ackHash: z.string(),
  stored: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  /**
   * Non-empty: this station's log disagrees with what the server holds (cloned station,
   * restored backup, tampering). Nothing was overwritten; the station must stop pushing
   * and alert — pushing again changes nothing.
   */
  integrityAlarms: z.array(IntegrityAlarmSchema),
  /** Business-rule conflicts raised for QA (recorded, never refused). */
  deviations: z.array(z.object({ seq: z.number().int().positive(), rule: z.string(), lotId: z.string().nullable(), message: z.string() })),
  serverTime: isoDateTime,
  /** serverTime − stationTime as measured on receipt (network delay included), in ms. */
  clockOffsetMs: z.number(),
});
export type PushAck = z.infer<typeof PushAckSchema>;

/** GET /sync/status: where the server's copy of this station's log ends (resume point after a crash). */
export const SyncStatusSchema = z.object({
  stationId: z.string(),
  ackSeq: z.number().int().nonnegative(),
  ackHash: z.string(),
  openAlarms: z.number().int().nonnegative(),
  serverTime: isoDateTime,
  protocol: z.string(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

// ---------------------------------------------------------------- pull

/** Query of GET /sync/master and GET /sync/holds. A missing `after` means "from the beginning". */
export const PullQuerySchema = z.object({
  after: z.string().regex(FEED_CURSOR, 'a cursor is the string a previous answer gave').optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

export const MASTER_EVENT_TYPES = [
  'master.user.upserted',
  'master.station.upserted',
  'master.supplier.upserted',
  'master.item.upserted',
  'master.bom.upserted',
  'master.work_order.upserted',
] as const;
export type MasterEventType = (typeof MASTER_EVENT_TYPES)[number];

/** One master-data change: the same type and payload as the station's `master.*.upserted` event, so it can be recorded as one. */
export const MasterChangeSchema = z.discriminatedUnion('type', [
  z.object({ cursor: z.string(), type: z.literal('master.user.upserted'), payload: EVENT_PAYLOADS['master.user.upserted'] }),
  z.object({ cursor: z.string(), type: z.literal('master.station.upserted'), payload: EVENT_PAYLOADS['master.station.upserted'] }),
  z.object({ cursor: z.string(), type: z.literal('master.supplier.upserted'), payload: EVENT_PAYLOADS['master.supplier.upserted'] }),
  z.object({ cursor: z.string(), type: z.literal('master.item.upserted'), payload: EVENT_PAYLOADS['master.item.upserted'] }),
  z.object({ cursor: z.string(), type: z.literal('master.bom.upserted'), payload: EVENT_PAYLOADS['master.bom.upserted'] }),
  z.object({ cursor: z.string(), type: z.literal('master.work_order.upserted'), payload: EVENT_PAYLOADS['master.work_order.upserted'] }),
]);
export type MasterChange = z.infer<typeof MasterChangeSchema>;

export const LOT_STATUS_CHANGE_KINDS = ['hold', 'release', 'recall', 'station_release'] as const;
export type LotStatusChangeKind = (typeof LOT_STATUS_CHANGE_KINDS)[number];

/** One lot status change (a hold notice): who, when, why, and the status it leaves. */
export const LotStatusChangeSchema = z.object({
  cursor: z.string(),
  lotId: z.string(),
  kind: z.enum(LOT_STATUS_CHANGE_KINDS),
  /** Status of the lot after this change; a station enforces it before the next scan. */
  status: z.enum(['quarantined', 'released', 'on_hold', 'rejected', 'recalled', 'consumed']),
  reason: z.string().nullable(),
  /** Central user for QA actions; null for a change that came from a station event. */
  byUserId: z.string().nullable(),
  byName: z.string().nullable(),
  /** Station whose event caused it (`station_release`), else null. */
  stationId: z.string().nullable(),
  at: isoDateTime,
});
export type LotStatusChange = z.infer<typeof LotStatusChangeSchema>;
export type HoldNotice = LotStatusChange;

function pullResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Pass as `after` next time. Never goes backwards unless `resnapshot`. */
    cursor: z.string(),
    /** More items are waiting: pull again at once. */
    more: z.boolean(),
    /**
     * The cursor was older than the server keeps (or from another server's history):
     * `items` is a complete snapshot of current state; the station replaces what it holds
     * from this feed rather than applying changes on top.
     */
    resnapshot: z.boolean(),
    serverTime: isoDateTime,
  });
}
export const MasterPullResponseSchema = pullResponse(MasterChangeSchema);
export type MasterPullResponse = z.infer<typeof MasterPullResponseSchema>;
export const HoldsPullResponseSchema = pullResponse(LotStatusChangeSchema);
export type HoldsPullResponse = z.infer<typeof HoldsPullResponseSchema>;

// ---------------------------------------------------------------- live channel

/** Server → station messages on the WebSocket at /sync/live (JSON text frames). */
export const LiveMessageSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('hello'), stationId: z.string(), serverTime: isoDateTime, protocol: z.string() }),
  /** Pull the named feed now. Carries no data: the pull endpoints are the only source. */
  z.object({ topic: z.literal('pull'), what: z.enum(['holds', 'master']) }),
]);
export type LiveMessage = z.infer<typeof LiveMessageSchema>;

// ---------------------------------------------------------------- serial numbers

/** POST /sync/serial-blocks. A retry with the same requestId returns the same block. */
export const SerialBlockRequestSchema = z.object({
  itemId: z.string().min(1).max(64),
  size: z.number().int().min(1).max(1_000_000),
  requestId: z.string().min(1).max(64).optional(),
});
export type SerialBlockRequest = z.infer<typeof SerialBlockRequestSchema>;

export const SerialBlockSchema = z.object({
  blockId: z.string(),
  stationId: z.string(),
  itemId: z.string(),
  /** Inclusive range; blocks of one item never overlap, across all stations. */
  first: z.number().int().positive(),
  last: z.number().int().positive(),
  allocatedAt: isoDateTime,
});
export type SerialBlock = z.infer<typeof SerialBlockSchema>;

// ---------------------------------------------------------------- stored documents (certificates)

/**
 * PUT /sync/documents/:sha256 — the raw bytes of a document the station keeps under that hash
 * (Content-Type application/octet-stream, at most COC_MAX_BYTES, never gzip: PDFs and photos
 * are compressed already). Central keeps it only if a `receiving.recorded` event this station
 * pushed names it, the bytes hash to the URL's sha256, and they are a PDF, JPEG or PNG.
 */
export const DocumentShaSchema = hex64;

/** 200 answer to a document upload, also when central already held it (`stored: false`). */
export const DocumentReceiptSchema = z.object({
  sha256: hex64,
  mediaType: z.string(),
  bytes: z.number().int().nonnegative(),
  /** False: central held these bytes already (a retry, or another station's copy); nothing was written. */
  stored: z.boolean(),
});
export type DocumentReceipt = z.infer<typeof DocumentReceiptSchema>;

/**
 * 200 answer to `GET /sync/documents/:sha256`: whether central holds a document this station's
 * records name. A station asks before sending again bytes central took once, when central has
 * gone back to an older state (restored from a backup) and may have lost them.
 */
export const DocumentHeldSchema = z.object({ sha256: hex64, held: z.boolean() });
export type DocumentHeld = z.infer<typeof DocumentHeldSchema>;

// ---------------------------------------------------------------- admin / QA (central users)

export const LoginRequestSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const LoginResponseSchema = z.object({ token: z.string(), userId: z.string(), name: z.string(), roles: z.array(z.string()), expiresAt: isoDateTime });

export const CreateStationRequestSchema = z.object({
  stationId: z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/),
  name: z.string().min(1).max(64),
  type: StationTypeSchema,
  area: z.string().max(64).default(''),
  /** Minutes the enrollment code stays valid. */
  expiresInMinutes: z.number().int().min(1).max(7 * 24 * 60).default(24 * 60),
});
export const EnrollmentCodeSchema = z.object({ stationId: z.string(), enrollmentCode: z.string(), expiresAt: isoDateTime });

/** POST /qa/lots/:lotId/hold | /release | /recall */
export const HoldActionRequestSchema = z.object({ reason: z.string().trim().min(1, 'say why').max(500) });

export const DeviationSchema = z.object({
  id: z.string(),
  rule: z.string(),
  stationId: z.string(),
  seq: z.number().int(),
  eventId: z.string(),
  lotId: z.string().nullable(),
  message: z.string(),
  raisedAt: isoDateTime,
  status: z.enum(['open', 'closed']),
});

// ---------------------------------------------------------------- master-data import

export const IMPORT_KINDS = ['stations', 'users', 'suppliers', 'items', 'part_mappings', 'boms', 'work_orders'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ImportRowErrorSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** CSV: line in the file (the header is line 1). JSON: 1-based position in the array. */
  line: z.number().int().positive(),
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportResultSchema = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** Master changes that were new or different (unchanged rows add nothing to the feed). */
  changed: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
