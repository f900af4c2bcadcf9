// The station's SQLite schema (Drizzle). `events` is the append-only log and the audit
// trail; every other table is a projection of it, rebuilt by replaying the log.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    stationId: text('station_id').notNull(),
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
  },
  // The id's uniqueness, nothing more: an index here is a page on every commit. Lookups by
  // type, user and time go through audit_index, filled off the scan path.
  (t) => [uniqueIndex('events_id_unique').on(t.id)],
);

/** The log's type, user and time of each event, for lookups by them (see store/audit-index.ts). */
export const auditIndex = sqliteTable(
  'audit_index',
  {
    seq: integer('seq').primaryKey(),
    actor: text('actor'),
    wallTime: text('wall_time').notNull(),
    /** Nullable only because SQLite adds a column so; migration 0014 filled every row, the catch-up fills new ones. */
    type: text('type'),
  },
  (t) => [index('audit_index_actor').on(t.actor, t.seq), index('audit_index_time').on(t.wallTime), index('audit_index_type').on(t.type, t.seq)],
);

/** This station's identity and settings: one row. */
export const station = sqliteTable('station', {
  one: integer('one').primaryKey().default(1),
  stationId: text('station_id').notNull(),
  name: text('name'),
  type: text('type'),
  area: text('area').notNull().default(''),
  idleLockMinutes: integer('idle_lock_minutes').notNull().default(15),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  /** IANA zone the station's printed reports use; null: the process's zone. */
  timeZone: text('time_zone'),
});

export const users = sqliteTable(
  'users',
  {
    userId: text('user_id').primaryKey(),
    name: text('name').notNull(),
    badge: text('badge').notNull(),
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    pinHash: text('pin_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at'),
  },
  (t) => [uniqueIndex('users_badge_unique').on(t.badge)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    loginEventId: text('login_event_id').primaryKey(),
    userId: text('user_id').notNull(),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    endCause: text('end_cause'),
  },
  (t) => [index('sessions_open').on(t.endedAt)],
);

export const stations = sqliteTable('stations', {
  stationId: text('station_id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  area: text('area').notNull(),
});

export const suppliers = sqliteTable('suppliers', {
  supplierId: text('supplier_id').primaryKey(),
  name: text('name').notNull(),
});

export const items = sqliteTable('items', {
  itemId: text('item_id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  uom: text('uom').notNull(),
  gtin: text('gtin'),
  msl: text('msl'),
  shelfLifeDays: integer('shelf_life_days'),
  /** Issue 7: units packed of this item get serial numbers (drawn from serial_blocks). */
  serialized: integer('serialized', { mode: 'boolean' }).notNull().default(false),
  serialPrefix: text('serial_prefix'),
});

export const itemPartMappings = sqliteTable(
  'item_part_mappings',
  {
    kind: text('kind').notNull(),
    owner: text('owner').notNull(),
    part: text('part').notNull(),
    itemId: text('item_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.owner, t.part] }), index('item_part_mappings_item').on(t.itemId)],
);

export const boms = sqliteTable('boms', {
  bomId: text('bom_id').primaryKey(),
  productItemId: text('product_item_id').notNull(),
  revision: text('revision').notNull(),
});

export const bomLines = sqliteTable(
  'bom_lines',
  {
    bomId: text('bom_id').notNull(),
    lineNo: integer('line_no').notNull(),
    itemId: text('item_id').notNull(),
    qtyPer: real('qty_per').notNull(),
    slot: text('slot'),
    alternates: text('alternates', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [primaryKey({ columns: [t.bomId, t.lineNo] })],
);

export const workOrders = sqliteTable('work_orders', {
  workOrderId: text('work_order_id').primaryKey(),
  productItemId: text('product_item_id').notNull(),
  bomId: text('bom_id').notNull(),
  quantity: integer('quantity').notNull(),
  stationType: text('station_type').notNull(),
  status: text('status').notNull(),
  dueDate: text('due_date'),
});

export const lots = sqliteTable(
  'lots',
  {
    lotId: text('lot_id').primaryKey(),
    itemId: text('item_id').notNull(),
    supplierId: text('supplier_id'),
    supplierLot: text('supplier_lot'),
    quantity: real('quantity').notNull(),
    uom: text('uom').notNull(),
    status: text('status').notNull(),
    expiry: text('expiry'),
    dateCode: text('date_code'),
    msl: text('msl'),
    receivedAt: text('received_at').notNull(),
    receivedSeq: integer('received_seq').notNull(),
  },
  (t) => [index('lots_item_status').on(t.itemId, t.status)],
);

/** Which device serves each role at this station (from device.configured / device.removed). */
export const stationDevices = sqliteTable('station_devices', {
  role: text('role').primaryKey(),
  uri: text('uri').notNull(),
  configuredAt: text('configured_at').notNull(),
});

/**
 * The label print queue (operational state of the printer link, not a projection): a job
 * marked `sending` is on disk before its first byte leaves, so a crash leaves it `uncertain`
 * and it is never re-sent blindly. The facts (uncertain, resolved) are events.
 */
export const devicePrintJobs = sqliteTable(
  'device_print_jobs',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    printer: text('printer').notNull(),
    zpl: text('zpl').notNull(),
    state: text('state').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    note: text('note'),
    reprintOf: text('reprint_of'),
    decidedBy: text('decided_by'),
  },
  (t) => [index('device_print_jobs_state').on(t.state, t.seq)],
);

/** Every label this station issued, and where it stands (issued → printed → verified/applied, or voided). */
export const labels = sqliteTable(
  'labels',
  {
    labelId: text('label_id').primaryKey(),
    templateId: text('template_id').notNull(),
    lotId: text('lot_id'),
    jobId: text('job_id').notNull(),
    barcodes: text('barcodes', { mode: 'json' }).notNull(),
    state: text('state').notNull(),
    printed: integer('printed', { mode: 'boolean' }).notNull().default(false),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    applied: integer('applied', { mode: 'boolean' }).notNull().default(false),
    reprintOf: text('reprint_of'),
    needsVerification: integer('needs_verification', { mode: 'boolean' }).notNull(),
    issuedSeq: integer('issued_seq').notNull(),
    issuedAt: text('issued_at').notNull(),
    /** A unit label's serial (null: a lot label). */
    serial: text('serial'),
  },
  // One unit label in force per serial, enforced by the store: a second one for the same unit
  // fails its transaction instead of reaching the printer.
  (t) => [index('labels_lot').on(t.lotId), index('labels_job').on(t.jobId), uniqueIndex('labels_serial_in_force').on(t.serial).where(sql`${t.serial} IS NOT NULL AND ${t.state} <> 'voided'`)],
);

/** Station-wide label rules (verify every label, first and last, or none; reprint signature). */
export const labelPolicy = sqliteTable('label_policy', {
  one: integer('one').primaryKey().default(1),
  verifyMode: text('verify_mode').notNull(),
  reprintNeedsSignature: integer('reprint_needs_signature', { mode: 'boolean' }).notNull(),
});

/** Issue 6: every verdict of a scan, and what answered it (WARN acknowledged, REJECT overridden). */
export const scanVerdicts = sqliteTable(
  'scan_verdicts',
  {
    verdictSeq: integer('verdict_seq').primaryKey(),
    scanSeq: integer('scan_seq').notNull(),
    workflow: text('workflow').notNull(),
    verdict: text('verdict').notNull(),
    lotId: text('lot_id'),
    workOrderId: text('work_order_id'),
    slot: text('slot'),
    overridable: integer('overridable', { mode: 'boolean' }).notNull(),
    overrideRole: text('override_role'),
    /** none | acknowledged | overridden */
    resolution: text('resolution').notNull(),
    resolvedSeq: integer('resolved_seq'),
  },
  // By scan only: nothing reads verdicts by lot (a DHR reads the log), and an index nobody reads
  // costs every verdict's commit a page.
  (t) => [index('scan_verdicts_scan').on(t.scanSeq)],
);

/** Issue 6: what receiving recorded beside the lot (entry mode, containers, certificate, labels). */
export const lotReceipts = sqliteTable('lot_receipts', {
  lotId: text('lot_id').primaryKey(),
  entry: text('entry').notNull(),
  scanSeq: integer('scan_seq'),
  containers: integer('containers').notNull(),
  quantityPerContainer: real('quantity_per_container').notNull(),
  cocKind: text('coc_kind'),
  cocPath: text('coc_path'),
  labelsPrinted: integer('labels_printed').notNull().default(0),
  decidedSeq: integer('decided_seq'),
});

/** Issue 6: SMT runs of this station's line, one per work order loaded. */
export const smtRuns = sqliteTable('smt_runs', {
  workOrderId: text('work_order_id').primaryKey(),
  lineId: text('line_id').notNull(),
  bomId: text('bom_id').notNull(),
  revision: text('revision').notNull(),
  /** setup | running */
  state: text('state').notNull(),
  boards: integer('boards').notNull().default(0),
  loadedAt: text('loaded_at').notNull(),
  startedAt: text('started_at'),
});

/**
 * Issue 6: genealogy, input lot → output (a board serial). `ambiguous`: a reel change on the
 * slot means this lot may or may not have fed that board (both reels are linked).
 */
export const genealogyEdges = sqliteTable(
  'genealogy_edges',
  {
    inputLotId: text('input_lot_id').notNull(),
    outputId: text('output_id').notNull(),
    outputKind: text('output_kind').notNull(),
    workOrderId: text('work_order_id'),
    slot: text('slot'),
    ambiguous: integer('ambiguous', { mode: 'boolean' }).notNull().default(false),
    eventSeq: integer('event_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.inputLotId, t.outputId] }), index('genealogy_edges_output').on(t.outputId)],
);

/**
 * Central lot status as the station last heard it from the holds feed (lot.status_changed),
 * also for lots this station never received: a lot held centrally is blocked wherever it
 * is scanned.
 */
export const lotCentralStatus = sqliteTable('lot_central_status', {
  lotId: text('lot_id').primaryKey(),
  status: text('status').notNull(),
  kind: text('kind').notNull(),
  reason: text('reason'),
  byName: text('by_name'),
  at: text('at').notNull(),
  cursor: text('cursor').notNull(),
  seq: integer('seq').notNull(),
});

/** Serial-number blocks assigned to this station by the server (serial.block_received). */
export const serialBlocks = sqliteTable(
  'serial_blocks',
  {
    blockId: text('block_id').primaryKey(),
    itemId: text('item_id').notNull(),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    allocatedAt: text('allocated_at').notNull(),
    requestId: text('request_id').notNull(),
    receivedSeq: integer('received_seq').notNull(),
  },
  (t) => [index('serial_blocks_item').on(t.itemId, t.first)],
);

/**
 * The sync client's own bookkeeping (operational state, not a projection; one row): where
 * the server's copy of this log ends, the pull cursors, and the last outcome. A cursor is
 * written in the same transaction as the events recording what it pulled; the acked
 * sequence is written alone, as nothing else changes with it.
 */
export const syncState = sqliteTable('sync_state', {
  one: integer('one').primaryKey().default(1),
  serverUrl: text('server_url'),
  stationId: text('station_id'),
  ackedSeq: integer('acked_seq').notNull().default(0),
  ackedHash: text('acked_hash'),
  masterCursor: text('master_cursor'),
  holdsCursor: text('holds_cursor'),
  lastSuccessAt: text('last_success_at'),
  lastError: text('last_error'),
  lastErrorAt: text('last_error_at'),
  /** Set when pushing must stop (integrity alarm, server ahead of this log); cleared by re-enrolling. */
  haltedReason: text('halted_reason'),
  /** The last clock offset recorded as a sync.clock_drift event (ms), to record changes only. */
  driftRecordedMs: real('drift_recorded_ms'),
  clockOffsetMs: real('clock_offset_ms'),
  updatedAt: text('updated_at'),
  /** Acknowledged events up to here have been looked through for certificates to upload (document_uploads). */
  documentsSeq: integer('documents_seq').notNull().default(0),
});

/**
 * Certificates this station uploads to central, one row per document (its sha256) that an
 * acknowledged `receiving.recorded` event names. Bookkeeping of the sync client, not a
 * projection: `uploaded` rows are never sent again, across restarts; `unreadable` (missing or
 * damaged on this disk) and `refused` with a `retry_at` (an answer central gave that this
 * station cannot place) wait it before another try; `refused` without one was refused for good
 * by the central named in `refused_by`, and is tried again only when that changes.
 */
export const documentUploads = sqliteTable('document_uploads', {
  sha256: text('sha256').primaryKey(),
  path: text('path').notNull(),
  lotId: text('lot_id').notNull(),
  eventSeq: integer('event_seq').notNull(),
  /** pending | uploaded | unreadable | refused */
  state: text('state').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  retryAt: text('retry_at'),
  uploadedAt: text('uploaded_at'),
  /** When it was last parked: the status line names the latest reason. */
  parkedAt: text('parked_at'),
  /** For a permanent refusal: the central (address, protocol) and station version that refused it. */
  refusedBy: text('refused_by'),
});

/**
 * Issue 7: lots made at this station — molding batches (lots of the molded part) and cleanroom
 * finished lots — from opening to close. `details` is the JSON of the opening event's payload.
 */
export const producedLots = sqliteTable(
  'produced_lots',
  {
    lotId: text('lot_id').primaryKey(),
    kind: text('kind').notNull(),
    itemId: text('item_id').notNull(),
    workOrderId: text('work_order_id').notNull(),
    lineId: text('line_id').notNull(),
    mode: text('mode'),
    state: text('state').notNull(),
    quantity: integer('quantity').notNull().default(0),
    openedSeq: integer('opened_seq').notNull(),
    openedAt: text('opened_at').notNull(),
    openedBy: text('opened_by'),
    closedSeq: integer('closed_seq'),
    closedAt: text('closed_at'),
    details: text('details').notNull(),
  },
  (t) => [index('produced_lots_line_state').on(t.lineId, t.state)],
);

/** Issue 7: defects recorded against a serial or a lot, with the input lots they are suspected to come from. */
export const defects = sqliteTable('defects', {
  defectSeq: integer('defect_seq').primaryKey(),
  targetId: text('target_id').notNull(),
  targetKind: text('target_kind').notNull(),
  description: text('description').notNull(),
  suspectLotIds: text('suspect_lot_ids', { mode: 'json' }).$type<string[]>().notNull(),
  recordedAt: text('recorded_at').notNull(),
  recordedBy: text('recorded_by'),
});

/**
 * Issue 7: serial numbers given to packed units of serialized products (packing.serials_assigned),
 * one row each; the primary key makes a serial impossible to record twice. `number` is the
 * block number it spells: the highest per item is where the next count continues, after a
 * restart too. `boxNo` is set when a box holding it passes its check-weight.
 */
export const serials = sqliteTable(
  'serials',
  {
    serial: text('serial').primaryKey(),
    itemId: text('item_id').notNull(),
    number: integer('number').notNull(),
    blockId: text('block_id').notNull(),
    finishedLotId: text('finished_lot_id').notNull(),
    assignedSeq: integer('assigned_seq').notNull(),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: text('assigned_by'),
    boxNo: integer('box_no'),
  },
  (t) => [uniqueIndex('serials_item_number').on(t.itemId, t.number), index('serials_lot').on(t.finishedLotId, t.number)],
);

/**
 * Tables rebuilt from the log. Order matters only for readability; none references another.
 * A table added here must be filled only by projection code, never by a command directly.
 */
export const PROJECTION_TABLES = [
  'station',
  'users',
  'sessions',
  'stations',
  'suppliers',
  'items',
  'item_part_mappings',
  'boms',
  'bom_lines',
  'work_orders',
  'lots',
  'station_devices',
  'labels',
  'label_policy',
  'scan_verdicts',
  'lot_receipts',
  'smt_runs',
  'genealogy_edges',
  'lot_central_status',
  'serial_blocks',
  'produced_lots',
  'defects',
  'serials',
] as const;
