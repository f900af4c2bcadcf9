// StationApi: the whole surface between the station UI and the station runtime. Both sides
// validate against these schemas; the preload exposes exactly these method names.
import { z } from 'zod';
import { TicketLanguageSchema } from '../ticket/template';
import { RoleSchema, StationTypeSchema } from '../domain/roles';
import { SignatureInputSchema, SignatureSchema } from '../domain/signature';
import { command, query } from './define';
import { TimeZoneSchema } from '../domain/time-zone';
import { AndonKindSchema } from '../board/inputs';
import { ScanResult } from '../barcode/result';
import { workflowContract } from './workflows';
import { packingContract } from './packing';

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

export const StationViewSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  type: StationTypeSchema,
  area: z.string(),
  idleLockMinutes: z.number().int(),
  /** IANA zone the station prints report times in; null: the process's zone. */
  timeZone: z.string().nullable(),
});
export type StationView = z.infer<typeof StationViewSchema>;

export const SessionViewSchema = z.object({
  userId: z.string(),
  name: z.string(),
  badge: z.string(),
  roles: z.array(RoleSchema),
  startedAt: z.string(),
  idleLockMinutes: z.number().int(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const DEVICE_ROLES = ['scanner', 'scale', 'labelPrinter', 'ticketPrinter'] as const;
export const DeviceRoleSchema = z.enum(DEVICE_ROLES);
export const DeviceStateSchema = z.object({
  role: DeviceRoleSchema,
  uri: z.string().nullable(),
  state: z.enum(['not_configured', 'ok', 'busy', 'error']),
  /** Machine-readable reason of an error (paper_out, head_open, disconnected, silent…). */
  code: z.string().optional(),
  detail: z.string().optional(),
});
export type DeviceStateView = z.infer<typeof DeviceStateSchema>;

/** A device URI the runtime can bind (checked by the runtime's URI parser as well). */
const DeviceUriText = z.string().trim().min(4).max(512).regex(/^(serial|tcp|usb|hid|sim|wedge):/, 'a device URI starts with serial://, tcp://, usb://, hid://, wedge: or sim:');

export const PrintJobViewSchema = z.object({
  id: z.string(),
  printer: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'confirmed', 'uncertain', 'reprinted', 'cancelled']),
  createdAt: z.number(),
  attempts: z.number().int(),
  note: z.string().nullable(),
  reprintOf: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobViewSchema>;
export const SyncStateSchema = z.object({
  state: z.enum(['not_configured', 'online', 'offline', 'error']),
  /** Events recorded here that the server has not acknowledged (local last seq − acked seq). */
  queued: z.number().int().nonnegative(),
  detail: z.string().optional(),
  server: z.string().optional(),
  /**
   * A server named by configuration (`--server`, LOTLINE_SERVER_URL, `<data>/sync.json`) that is
   * not the one the station's credential was issued by: the station syncs with `server`, the
   * server it is enrolled with, and shows this one so someone re-enrolls or fixes the setting.
   */
  configuredServer: z.string().optional(),
  ackedSeq: z.number().int().nonnegative().optional(),
  /** Age of the oldest unacknowledged event (ms), null when nothing waits. */
  oldestUnsentAgeMs: z.number().nonnegative().nullable().optional(),
  lastSuccessAt: z.string().nullable().optional(),
  lastError: z.string().nullable().optional(),
  /** server − station clock (ms), as last measured. */
  clockOffsetMs: z.number().nullable().optional(),
  /** The sync protocol the server answered with (`Lotline-Protocol`). */
  serverProtocol: z.string().nullable().optional(),
  /** Why the state is `error`, machine-readable (e.g. `unauthenticated`, `protocol`, `integrity`). */
  errorCode: z.string().optional(),
  /**
   * Certificates for central: waiting to upload, and parked (missing or damaged here, or refused
   * by central) with the latest reason; `refused` of those central refused for good (not retried
   * until central or this station is updated or the station enrolls with another central).
   */
  documents: z
    .object({
      pending: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      refused: z.number().int().nonnegative().optional(),
      /** The latest reason, in English, for the log and the command line. */
      problem: z.string().nullable(),
      /** The same document, for words in the reader's language: which lot's file, and why it waits. */
      latest: z.object({ lotId: z.string(), path: z.string(), reason: z.enum(['unreadable', 'refused', 'refused_for_good']) }).nullable().optional(),
    })
    .optional(),
});
export type SyncStateView = z.infer<typeof SyncStateSchema>;

export const DemoHintSchema = z.object({ badge: z.string(), pin: z.string(), name: z.string(), roles: z.array(RoleSchema) });

export const StationStatusSchema = z.object({
  station: StationViewSchema.nullable(),
  session: SessionViewSchema.nullable(),
  devices: z.array(DeviceStateSchema),
  sync: SyncStateSchema,
  demo: z
    .object({
      hints: z.array(DemoHintSchema),
      /** Labels the virtual scanner offers (demo stores only). */
      labels: z.array(z.object({ group: z.enum(['badge', 'slot', 'lot', 'supplier']), title: z.string(), text: z.string() })).default([]),
    })
    .nullable(),
  now: z.string(),
});
export type StationStatus = z.infer<typeof StationStatusSchema>;

export const LoginInputSchema = z.object({
  badge: z.string().trim().min(1, 'scan or type your badge').max(64),
  pin: z.string().min(4, 'a PIN has at least 4 digits').max(12).regex(/^\d+$/, 'a PIN is digits only'),
});

export const ConfigureStationInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  type: StationTypeSchema,
  area: z.string().trim().max(64),
  idleLockMinutes: z.number().int().min(1).max(720),
  /** Empty or null clears it (reports then use the process's zone); absent keeps it. */
  timeZone: z.union([z.literal(''), TimeZoneSchema]).nullable().optional(),
  signature: SignatureInputSchema,
});

/** Enrollment with a central server from Settings; the token the code is exchanged for never comes back. */
export const EnrollStationInputSchema = z.object({
  serverUrl: z.string().trim().min(1, 'enter the central server address').max(512),
  code: z.string().trim().min(1, 'enter the enrollment code').max(128),
  signature: SignatureInputSchema,
});
export const EnrollmentViewSchema = z.object({ serverUrl: z.string(), stationId: z.string(), protocol: z.string() });
export type EnrollmentView = z.infer<typeof EnrollmentViewSchema>;

export const AuditQuerySchema = z.object({
  types: z.array(z.string().max(64)).max(50).optional(),
  userId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  type: z.string(),
  wallTime: z.string(),
  hlc: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Payload as recorded, with secrets (PIN hashes) removed. */
  payload: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  signature: SignatureSchema.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  nextBeforeSeq: z.number().int().nullable(),
  eventTypes: z.array(z.string()),
});

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  lastSeq: z.number().int(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      id: z.string(),
      problem: z.enum(['sequence_gap', 'prev_hash_mismatch', 'hash_mismatch', 'signature_mismatch', 'invalid_payload', 'wrong_station']),
      message: z.string(),
    })
    .nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

export const ScanInputSchema = z.object({
  /** The scan exactly as the device delivered it (control characters included). */
  text: z.string().min(1, 'empty scan').max(4096, 'a scan is at most 4096 characters'),
  source: z.string().min(1).max(128),
  receivedAt: z.iso.datetime({ offset: true }),
});
/** A recorded scan as the UI sees it: the raw event and what the parser made of it. */
export const ScanViewSchema = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  text: z.string(),
  source: z.string(),
  receivedAt: z.string(),
  parsed: ScanResult,
});
export type ScanView = z.infer<typeof ScanViewSchema>;
export const ScanReceiptSchema = ScanViewSchema;

const LabelData = z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));
export const LabelViewSchema = z.object({
  labelId: z.string(),
  templateId: z.string(),
  lotId: z.string().nullable(),
  jobId: z.string(),
  state: z.enum(['issued', 'printed', 'verified', 'applied', 'voided']),
  printed: z.boolean(),
  verified: z.boolean(),
  applied: z.boolean(),
  reprintOf: z.string().nullable(),
  issuedAt: z.string(),
  /** Whether the station's policy asks for this label to be scanned back (a unit label always is). */
  needsVerification: z.boolean(),
  /** A unit label: the serial of its unit (null: a lot label). */
  serial: z.string().nullable(),
});
export type LabelView = z.infer<typeof LabelViewSchema>;
/** A lot's lot labels; unit labels (those with a serial) are reconciled per serial at the packing close instead. */
export const ReconciliationSchema = z.object({
  lotId: z.string(),
  issued: z.number().int(),
  printed: z.number().int(),
  verified: z.number().int(),
  applied: z.number().int(),
  voided: z.number().int(),
  /** printed = applied + voided, and no label left unaccounted. */
  balanced: z.boolean(),
});
export const LabelPolicySchema = z.object({ verifyMode: z.enum(['every', 'first_last', 'none']), reprintNeedsSignature: z.boolean() });

export const stationContract = {
  'station.status': query(Empty, StationStatusSchema, { access: 'public' }),
  'session.touch': query(Empty, Ok, { access: 'session' }),
  'auth.login': command(LoginInputSchema, SessionViewSchema, { access: 'public' }),
  'auth.logout': command(Empty, Ok, { access: 'session' }),
  'station.configure': command(ConfigureStationInputSchema, StationViewSchema, { access: ['admin'], signed: true }),
  'sync.enroll': command(EnrollStationInputSchema, EnrollmentViewSchema, { access: ['admin'], signed: true, meanings: ['approved'] }),
  /** Parked certificates (missing here, refused by central) tried again now: after IT fixed the cause. */
  'sync.retry_certificates': command(Empty, z.object({ count: z.number().int().nonnegative() }), { access: ['admin'] }),
  'audit.list': query(AuditQuerySchema, AuditPageSchema, { access: ['supervisor', 'qa', 'admin'] }),
  'audit.verify': query(Empty, VerifyResultSchema, { access: ['supervisor', 'qa', 'admin'] }),
  'scan.submit': command(ScanInputSchema, ScanReceiptSchema, { access: 'session' }),
  'devices.discover': query(
    Empty,
    z.object({
      serial: z.array(z.object({ path: z.string(), manufacturer: z.string().nullable(), vendorId: z.string().nullable(), productId: z.string().nullable() })),
      usb: z.array(z.object({ uri: z.string(), name: z.string().nullable(), role: z.string().nullable() })),
      simulators: z.array(z.object({ uri: z.string(), role: DeviceRoleSchema })),
    }),
    { access: ['admin'] },
  ),
  'devices.configure': command(z.object({ role: DeviceRoleSchema, uri: DeviceUriText }), z.array(DeviceStateSchema), { access: ['admin'] }),
  'devices.remove': command(z.object({ role: DeviceRoleSchema }), z.array(DeviceStateSchema), { access: ['admin'] }),
  'devices.test': command(
    z.object({ role: DeviceRoleSchema }),
    z.object({ ok: z.boolean(), detail: z.string(), grams: z.number().nullable().optional(), jobId: z.string().optional() }),
    { access: 'session' },
  ),
  /** Demo: the virtual scanner panel sends a label through the simulated scanner's pty. */
  'devices.sim_scan': query(z.object({ text: z.string().min(1).max(4096) }), z.object({ via: z.enum(['pty', 'direct']) }), { access: 'session' }),
  /** Demo: puts a load on the simulated scale's pan (grams), as a person would put parts on it. */
  'devices.sim_scale': query(z.object({ grossG: z.number().min(0).max(1_000_000) }), z.object({ grossG: z.number() }), { access: 'session' }),
  'print.jobs': query(Empty, z.array(PrintJobViewSchema), { access: 'session' }),
  'print.resolve': command(
    z.object({ jobId: z.string().min(1).max(64), decision: z.enum(['printed', 'reprint', 'cancel']), reason: z.string().trim().min(3, 'say why').max(500) }),
    PrintJobViewSchema,
    { access: 'session' },
  ),
  'labels.templates': query(
    Empty,
    z.array(z.object({ id: z.string(), name: z.string(), widthMm: z.number(), heightMm: z.number(), dpi: z.number(), fields: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), label: z.string().nullable() })), example: LabelData })),
    { access: 'session' },
  ),
  'labels.preview': query(z.object({ templateId: z.string().max(64), data: LabelData }), z.object({ svg: z.string() }), { access: 'session' }),
  'labels.print': command(
    z.object({ templateId: z.string().max(64), data: LabelData, lotId: z.string().max(64).nullable().default(null), copies: z.number().int().min(1).max(200).default(1) }),
    z.array(LabelViewSchema),
    { access: ['operator', 'packer', 'supervisor', 'qa'] },
  ),
  'labels.list': query(z.object({ lotId: z.string().max(64).optional(), limit: z.number().int().min(1).max(500).default(50) }), z.array(LabelViewSchema), { access: 'session' }),
  'labels.verify': command(z.object({ labelId: z.string().max(64), scanSeq: z.number().int().positive() }), z.object({ match: z.boolean(), label: LabelViewSchema, mismatches: z.array(z.object({ field: z.string(), expected: z.string().nullable(), scanned: z.string().nullable() })), unreadable: z.boolean() }), { access: 'session' }),
  'labels.void': command(z.object({ labelId: z.string().max(64), reason: z.string().trim().min(3, 'say why').max(500) }), LabelViewSchema, { access: 'session' }),
  'labels.reprint': command(
    z.object({ labelId: z.string().max(64), reason: z.string().trim().min(3, 'say why').max(500), signature: SignatureInputSchema.optional() }),
    LabelViewSchema,
    { access: ['operator', 'packer', 'supervisor', 'qa'], signed: 'optional' },
  ),
  'labels.apply': command(z.object({ labelId: z.string().max(64) }), LabelViewSchema, { access: 'session' }),
  'labels.reconciliation': query(z.object({ lotId: z.string().max(64) }), ReconciliationSchema, { access: 'session' }),
  'labels.reconcile': command(z.object({ lotId: z.string().max(64), explanation: z.string().trim().max(1000).optional(), signature: SignatureInputSchema }), ReconciliationSchema, { access: ['packer', 'supervisor', 'qa'], signed: true }),
  'labels.policy': query(Empty, LabelPolicySchema, { access: 'session' }),
  /** Whether printed labels must be verified by a scan (every one, first and last, none) and whether a reprint needs a signature: a signed act of QA or an administrator. */
  'labels.set_policy': command(LabelPolicySchema.extend({ signature: SignatureInputSchema }), LabelPolicySchema, { access: ['admin', 'qa'], signed: true, meanings: ['approved'] }),
  /**
   * Demo: scan a label the simulated printer printed, read from its ZPL (optionally damaged):
   * the last one, or the one of `labelId` (several unit labels come off the printer at once).
   */
  'devices.sim_scan_printed': query(
    z.object({ barcode: z.number().int().min(0).max(10).default(0), damage: z.boolean().default(false), labelId: z.string().min(1).max(64).optional() }),
    z.object({ text: z.string() }),
    { access: 'session' },
  ),
  'tickets.print': command(
    z.object({ templateId: z.string().regex(/^[a-z0-9-]+$/).max(64), data: z.record(z.string().max(64), z.unknown()), lang: TicketLanguageSchema.default('en') }),
    z.object({ lines: z.number().int() }),
    { access: 'session' },
  ),
  'directory.users': query(Empty, z.array(z.object({ userId: z.string(), name: z.string() })), { access: ['supervisor', 'qa', 'admin'] }),
  ...workflowContract,
  /** Issue 9: one touch raises an andon call; it reaches the supervisor board with the station's next push. */
  'andon.raise': command(z.object({ kind: AndonKindSchema, note: z.string().trim().max(500).optional() }), z.object({ callId: z.string() }), { access: 'session' }),
  ...packingContract,
} as const;

export type StationContract = typeof stationContract;
export type StationMethod = keyof StationContract;
export const STATION_METHODS = Object.keys(stationContract) as StationMethod[];

/** Messages the runtime pushes to every connected UI. */
export const PushSchema = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('status'), data: StationStatusSchema }),
  z.object({ topic: z.literal('event'), data: z.object({ seq: z.number().int(), type: z.string() }) }),
  z.object({ topic: z.literal('scan'), data: ScanViewSchema }),
  /** A device scan while nobody is logged in: offered to the login screen as a badge, not recorded. */
  z.object({ topic: z.literal('badge_scan'), data: z.object({ text: z.string(), source: z.string() }) }),
]);
export type Push = z.infer<typeof PushSchema>;
