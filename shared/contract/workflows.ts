// StationApi methods of the station workflows (issue 6): scan verdicts and what answers them,
// receiving with QA release, the SMT line (setup, start interlock, splices, revision change,
// boards, genealogy, traveler) and material clocks. Merged into stationContract.
// A workflow command names a recorded scan by its sequence number; the runtime re-reads the
// text from its log, so a UI can never verify something other than what was scanned.
import { z } from 'zod';
import { TicketLanguageSchema } from '../ticket/template';
import { RoleSchema } from '../domain/roles';
import { SignatureInputSchema } from '../domain/signature';
import { MslClockEventSchema, PasteClockEventSchema } from '../rules/clock-events';
import { REEL_REMOVE_REASONS } from '../rules/smt-teardown';
import { OVERRIDE_ROLES } from '../rules/config';
import { COC_CHUNK_BASE64, COC_MAX_BYTES } from '../documents/coc-file';
import { command, query } from './define';

const Seq = z.number().int().positive();
const Id = z.string().trim().min(1).max(64);
const isoDate = z.iso.date();

/**
 * A reason as the UI gets it: the English sentence that was recorded, and the code with its
 * parameters so the renderer can say it in the operator's language (shared/rules/messages.ts).
 * The event records them too, so a view rebuilt from the log has them; `params` is absent only
 * for verdicts recorded before parameters were kept (the UI then shows the recorded English).
 */
export const ReasonViewSchema = z.object({ code: z.string(), severity: z.enum(['WARN', 'REJECT']), message: z.string(), params: z.record(z.string(), z.unknown()).optional() });

export const VerdictViewSchema = z.object({
  verdictSeq: z.number().int(),
  scanSeq: z.number().int(),
  workflow: z.enum(['smt.slot', 'smt.reel', 'smt.splice', 'receiving', 'material']),
  verdict: z.enum(['ACCEPT', 'WARN', 'REJECT']),
  message: z.string(),
  /** ACCEPT: what was verified, by code + params (see `accept` in shared/rules/verdict.ts). */
  accept: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).optional(),
  reasons: z.array(ReasonViewSchema),
  overridable: z.boolean(),
  overrideRole: RoleSchema.optional(),
  lotId: z.string().optional(),
  itemId: z.string().optional(),
  slot: z.string().optional(),
});
export type VerdictView = z.infer<typeof VerdictViewSchema>;

export const ClockViewSchema = z.object({
  lotId: z.string(),
  itemId: z.string(),
  clock: z.enum(['msl', 'paste']),
  /** msl: sealed | open | closed | dry · paste: in_fridge | thawing | ready | open */
  phase: z.string(),
  /** Level (msl) for display. */
  level: z.string().nullable(),
  /** Time left on the nearest limit at `atMs`; null = unlimited. */
  remainingMs: z.number().nullable(),
  /** Counting down now (open on the floor, thawing or open jar). */
  running: z.boolean(),
  /** What the remaining time is about: floor_life | thaw | open_time | out_of_fridge */
  limit: z.string(),
  problems: z.array(z.string()),
  atMs: z.number(),
});
export type ClockView = z.infer<typeof ClockViewSchema>;

export const SetupViewSchema = z.object({
  workOrderId: z.string(),
  lineId: z.string(),
  productItemId: z.string(),
  quantity: z.number().int(),
  bomId: z.string(),
  revision: z.string(),
  /** The work order's revision in master data differs from the setup's: a revision change waits. */
  revisionPending: z.object({ bomId: z.string(), revision: z.string() }).nullable(),
  running: z.boolean(),
  boards: z.number().int(),
  pendingSlot: z.string().nullable(),
  slots: z.array(
    z.object({
      slot: z.string(),
      itemId: z.string(),
      itemName: z.string(),
      alternates: z.array(z.string()),
      qtyRequired: z.number(),
      obsolete: z.boolean(),
      loaded: z.object({ lotId: z.string(), itemId: z.string(), via: z.enum(['setup', 'splice']), atMs: z.number(), revision: z.string() }).nullable(),
    }),
  ),
  /**
   * BOM lines with no position on this line: not verified here. `clock` names the material clock
   * (paste thaw and open time, MSL floor life) that then goes unchecked at this line.
   */
  unslotted: z.array(z.object({ itemId: z.string(), qtyRequired: z.number(), clock: z.enum(['paste', 'msl']).nullable() })),
  missing: z.array(z.string()),
  canStart: z.boolean(),
  history: z.array(z.object({ slot: z.string(), lotId: z.string(), itemId: z.string(), endedAtMs: z.number(), why: z.string() })),
  clocks: z.array(ClockViewSchema),
});
export type SetupView = z.infer<typeof SetupViewSchema>;

export const ScanOutcomeSchema = z.object({ verdict: VerdictViewSchema, setup: SetupViewSchema.nullable() });
export type ScanOutcome = z.infer<typeof ScanOutcomeSchema>;

export const ReceivingPrefillSchema = z.object({
  itemId: z.string().nullable(),
  itemName: z.string().nullable(),
  uom: z.string().nullable(),
  supplierId: z.string().nullable(),
  supplierLot: z.string().nullable(),
  quantity: z.number().nullable(),
  expiry: z.string().nullable(),
  dateCode: z.string().nullable(),
  /** GS1 AI 11: with the item's shelf life it gives the expiry when the label has none. */
  productionDate: z.string().nullable(),
  shelfLifeDays: z.number().int().positive().nullable(),
  msl: z.string().nullable(),
});
export type ReceivingPrefill = z.infer<typeof ReceivingPrefillSchema>;

export const ReceiveInputSchema = z.object({
  /** The supplier label's scan; null for manual entry (a label without a barcode). */
  scanSeq: Seq.nullable(),
  /** The receiving verdict of that scan (a WARN is acknowledged by receiving anyway). */
  verdictSeq: Seq.nullable(),
  itemId: Id,
  supplierId: Id.optional(),
  supplierLot: z.string().trim().min(1, 'type the supplier lot from the label').max(30),
  quantityPerContainer: z.number().positive().max(10_000_000),
  containers: z.number().int().min(1).max(99),
  expiry: isoDate.optional(),
  dateCode: z.string().trim().min(1).max(16).optional(),
  /** From the label (GS1 AI 11); without an expiry, the item's shelf life counts from it. */
  productionDate: isoDate.optional(),
  msl: z.enum(['1', '2', '2a', '3', '4', '5', '5a', '6']).optional(),
  coc: z.object({ kind: z.enum(['file', 'photo']), path: z.string().trim().min(1).max(1024) }).nullable(),
  /** Manual entry of a supplier lot already received: the operator confirmed it is a new delivery. */
  confirmDuplicate: z.boolean().default(false),
});

export const LotViewSchema = z.object({
  lotId: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  supplierId: z.string().nullable(),
  supplierLot: z.string().nullable(),
  quantity: z.number(),
  uom: z.string(),
  status: z.string(),
  expiry: z.string().nullable(),
  dateCode: z.string().nullable(),
  msl: z.string().nullable(),
  receivedAt: z.string(),
  entry: z.string().nullable(),
  containers: z.number().nullable(),
  /** As received: what each container's label says. */
  quantityPerContainer: z.number().nullable(),
  coc: z.object({ kind: z.string(), path: z.string() }).nullable(),
  labelsPrinted: z.number(),
});
export type LotView = z.infer<typeof LotViewSchema>;

const PrintOutcome = z.object({ lotId: z.string(), copies: z.number().int(), jobs: z.array(z.object({ id: z.string(), state: z.string(), note: z.string().nullable() })) });

/** What an administrator sets for the verification rules of this station. */
export const RuleSettingsSchema = z.object({
  fifo: z.object({ mode: z.enum(['off', 'warn', 'reject']), order: z.enum(['received', 'expiry']), overrideRole: z.enum(OVERRIDE_ROLES) }),
  expiryWarnDays: z.number().int().min(0).max(365),
  /** Plant time, minutes east of UTC (a multiple of 15): an expiry date is the last day of use in plant time. */
  utcOffsetMinutes: z.number().int().min(-720).max(840).refine((m) => m % 15 === 0, 'a UTC offset is a multiple of 15 minutes'),
  /** `station`: expiry days follow the station's time zone (DST-correct); `offset`: the fixed offset above (settings signed before zones). */
  expiryClock: z.enum(['offset', 'station']),
});
export type RuleSettings = z.infer<typeof RuleSettingsSchema>;
/** The settings in force, with the station's zone a `station` clock follows (its own setting, shown, not edited here). */
export const RuleStateSchema = RuleSettingsSchema.extend({ stationZone: z.string() });

const OPERATORS = ['operator', 'supervisor', 'admin'] as const;
const RECEIVERS = ['operator', 'supervisor', 'qa', 'admin'] as const;

export const workflowContract = {
  // Verdicts: a WARN is acknowledged, an overridable REJECT overridden with the signature of its override role.
  'verdict.acknowledge': command(z.object({ verdictSeq: Seq }), ScanOutcomeSchema, { access: 'session' }),
  /** The signer must hold the verdict's override role (checked against the recorded verdict by the handler). */
  'verdict.override': command(z.object({ verdictSeq: Seq, signature: SignatureInputSchema }), ScanOutcomeSchema, { access: 'session', signed: true, signers: OVERRIDE_ROLES, meanings: ['overridden'] }),

  // Receiving and QA
  'receiving.scan': command(z.object({ scanSeq: Seq, supplierId: Id.optional() }), z.object({ verdict: VerdictViewSchema, prefill: ReceivingPrefillSchema }), { access: RECEIVERS }),
  'receiving.items': query(z.object({ text: z.string().max(64) }), z.array(z.object({ itemId: z.string(), name: z.string(), uom: z.string(), msl: z.string().nullable(), shelfLifeDays: z.number().int().positive().nullable() })), { access: 'session' }),
  'receiving.suppliers': query(z.object({}).strict(), z.array(z.object({ supplierId: z.string(), name: z.string() })), { access: 'session' }),
  'receiving.receive': command(ReceiveInputSchema, LotViewSchema, { access: RECEIVERS }),
  /**
   * A certificate of conformance (PDF or photo) sent in chunks; the last one stores it under its
   * hash and answers the path the receipt then names.
   */
  'receiving.attach_coc': command(
    z.object({
      uploadId: z.string().uuid(),
      index: z.number().int().min(0).max(Math.ceil((COC_MAX_BYTES * 4) / 3 / COC_CHUNK_BASE64)),
      data: z.string().max(COC_CHUNK_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
      last: z.boolean(),
      name: z.string().trim().min(1).max(200),
    }),
    z.discriminatedUnion('done', [
      z.object({ done: z.literal(false), received: z.number().int() }),
      z.object({ done: z.literal(true), coc: z.object({ kind: z.enum(['file', 'photo']), path: z.string(), bytes: z.number().int() }) }),
    ]),
    { access: RECEIVERS },
  ),
  /** The lot's labels, once (when the printer was not ready at the receipt); a damaged one is voided and reprinted in Labels. */
  'receiving.print_labels': command(z.object({ lotId: Id }), PrintOutcome, { access: RECEIVERS }),
  'qa.lots': query(z.object({ status: z.enum(['quarantined', 'released', 'rejected']).default('quarantined') }), z.array(LotViewSchema), { access: 'session' }),
  'qa.release': command(z.object({ lotId: Id, signature: SignatureInputSchema }), LotViewSchema, { access: ['qa'], signed: true, meanings: ['approved'] }),
  /** The certificate of conformance the station keeps for a lot, to read before releasing it (base64: responses are not bound by the message limit). */
  /** A supplier's certificate: for who receives and reviews lots, not every session at the station. */
  'qa.coc_file': query(z.object({ lotId: Id }), z.object({ filename: z.string(), mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']), base64: z.string(), bytes: z.number().int() }), { access: RECEIVERS }),
  'qa.reject': command(z.object({ lotId: Id, signature: SignatureInputSchema }), LotViewSchema, { access: ['qa'], signed: true, meanings: ['rejected'] }),

  // SMT line
  'smt.work_orders': query(
    z.object({}).strict(),
    z.array(z.object({ workOrderId: z.string(), productItemId: z.string(), bomId: z.string(), revision: z.string(), quantity: z.number(), status: z.string(), loaded: z.boolean(), running: z.boolean() })),
    { access: 'session' },
  ),
  /**
   * The line is the station's own (its configured area, as on the slot labels), decided by the
   * runtime: a UI cannot load a work order on another line. `lineId`, when given, is what the
   * caller expects, and a station on another line refuses instead of loading.
   */
  'smt.load': command(z.object({ workOrderId: Id, lineId: Id.optional() }), SetupViewSchema, { access: OPERATORS }),
  'smt.state': query(z.object({ workOrderId: Id }), SetupViewSchema, { access: 'session' }),
  'smt.scan': command(z.object({ workOrderId: Id, scanSeq: Seq }), ScanOutcomeSchema, { access: OPERATORS }),
  'smt.splice': command(z.object({ workOrderId: Id, oldScanSeq: Seq, newScanSeq: Seq }), ScanOutcomeSchema, { access: OPERATORS }),
  'smt.start': command(z.object({ workOrderId: Id }), SetupViewSchema, { access: OPERATORS }),
  'smt.change_revision': command(z.object({ workOrderId: Id }), SetupViewSchema.extend({ obsolete: z.array(z.string()), kept: z.array(z.string()) }), { access: OPERATORS }),
  'smt.record_boards': command(
    z.object({ workOrderId: Id, count: z.number().int().min(1).max(1000).optional(), panelScanSeq: Seq.optional() }).refine((x) => (x.count === undefined) !== (x.panelScanSeq === undefined), 'give a count or a panel scan'),
    z.object({ serials: z.array(z.string()), ambiguous: z.array(z.object({ slot: z.string(), lotIds: z.array(z.string()) })), setup: SetupViewSchema }),
    { access: OPERATORS },
  ),
  /** A reel off its slot: by the slot label's scan or a touch on the slot. The slot is unverified again; a running line stops. */
  'smt.remove_reel': command(
    z.object({ workOrderId: Id, slot: Id.optional(), slotScanSeq: Seq.optional(), reason: z.enum(REEL_REMOVE_REASONS) }).refine((x) => (x.slot === undefined) !== (x.slotScanSeq === undefined), 'give the slot or the scan of its label'),
    SetupViewSchema.extend({ removed: z.object({ slot: z.string(), lotId: z.string(), itemId: z.string() }), stoppedLine: z.boolean() }),
    { access: OPERATORS },
  ),
  /** End of run: every slot cleared, remaining quantities (optional) recorded on the lots, the setup closed. */
  'smt.unload': command(
    z.object({ workOrderId: Id, remaining: z.array(z.object({ lotId: Id, quantity: z.number().min(0).max(10_000_000) })).max(200).default([]) }),
    z.object({
      workOrderId: z.string(),
      cleared: z.array(z.object({ slot: z.string(), lotId: z.string(), itemId: z.string() })),
      remaining: z.array(z.object({ lotId: z.string(), quantity: z.number(), previous: z.number() })),
    }),
    { access: OPERATORS },
  ),
  /** Every reel of the loaded run, once each (on a slot now, or ended earlier): what the unload panel lists for counting. */
  'smt.run_reels': query(z.object({ workOrderId: Id }), z.array(z.object({ slot: z.string(), lotId: z.string(), itemId: z.string(), onSlot: z.boolean() })), { access: 'session' }),
  'smt.boards_of_lot': query(z.object({ lotId: Id }), z.array(z.object({ serial: z.string(), workOrderId: z.string().nullable(), slot: z.string().nullable(), ambiguous: z.boolean() })), { access: 'session' }),
  'smt.lots_of_board': query(z.object({ serial: Id }), z.array(z.object({ lotId: z.string(), slot: z.string().nullable(), ambiguous: z.boolean() })), { access: 'session' }),
  /** `lang`: the fixed words and the run's own words (operations, where to pick) in the operator's language. */
  'smt.print_traveler': command(z.object({ workOrderId: Id, kind: z.enum(['traveler', 'kitting']), lang: TicketLanguageSchema.default('en') }), z.object({ lines: z.number().int() }), { access: 'session' }),

  // Material clocks: MSL (open / close / dry storage / bake) and solder paste (fridge out / open / fridge in)
  'material.msl': command(MslClockEventSchema, ClockViewSchema, { access: 'session' }),
  'material.paste': command(PasteClockEventSchema, ClockViewSchema, { access: 'session' }),
  /** Station rule settings (FIFO mode and who overrides it, expiry warning window, plant time): an admin's signed act. */
  'rules.configure': command(
    RuleSettingsSchema.partial().extend({ signature: SignatureInputSchema }),
    z.object({ ok: z.literal(true) }),
    { access: ['admin'], signed: true, meanings: ['approved'] },
  ),
  /** The rule settings in force (Settings shows and edits them). */
  'rules.state': query(z.object({}), RuleStateSchema, { access: 'session' }),
  'material.clocks': query(z.object({ lotIds: z.array(Id).max(200).optional() }), z.array(ClockViewSchema), { access: 'session' }),
} as const;
