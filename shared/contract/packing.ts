// StationApi methods of issue 7: molding batches, cleanroom packing (two-person line
// clearance, verified material scans, count by weight, check-weight, signed lot close),
// genealogy trace, defects → hold → recall report, device history record, supplier quality.
// Merged into stationContract.
import { z } from 'zod';
import { TimeZoneSchema } from '../domain/time-zone';
import { SignatureInputSchema } from '../domain/signature';
import { UnitLabelCountsSchema } from '../events/packing-types';
import { VerdictViewSchema } from './workflows';
import { command, query } from './define';
import { REPORT_LANGS } from '../reports/document';
import { OVERRIDE_ROLES } from '../rules/config';

const Seq = z.number().int().positive();
const Id = z.string().trim().min(1).max(64);
const Mode = z.enum(['precise', 'close_approximation']);

export const BatchViewSchema = z.object({
  batchLotId: z.string(),
  workOrderId: z.string(),
  itemId: z.string(),
  machine: z.string(),
  mold: z.string(),
  cavities: z.array(z.number().int()),
  resinLotId: z.string(),
  state: z.enum(['open', 'closed']),
  quantity: z.number().int(),
  perCavity: z.array(z.object({ cavity: z.number().int(), quantity: z.number().int() })),
});
export type BatchView = z.infer<typeof BatchViewSchema>;

export const OperationPassedViewSchema = z.object({ seq: z.number().int(), operation: z.string(), quantity: z.number().int(), scrap: z.number().int(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string() });
export type OperationPassedView = z.infer<typeof OperationPassedViewSchema>;

/** What a scan of a lot at a pass-through operation derives: the operator only confirms. */
export const OperationDerivedSchema = z.object({
  lotId: z.string(),
  itemId: z.string(),
  workOrderId: z.string(),
  /** The next operation of the item's routing the lot has not passed. */
  operation: z.object({ code: z.string(), name: z.string() }),
  /** The lot's current quantity (after scrap at earlier operations). */
  quantity: z.number().int(),
  passed: z.array(OperationPassedViewSchema),
});
export type OperationDerived = z.infer<typeof OperationDerivedSchema>;

export const PackingLotViewSchema = z.object({
  lineId: z.string(),
  finishedLotId: z.string(),
  workOrderId: z.string(),
  productItemId: z.string(),
  mode: Mode,
  /** cleared: performed, waiting for the second person · open: packing · closed */
  state: z.enum(['clearance_pending', 'open', 'closed']),
  clearance: z.object({ performedBy: z.string().nullable(), verifiedBy: z.string().nullable() }),
  materials: z.array(z.object({ itemId: z.string(), lotId: z.string(), candidate: z.boolean() })),
  missingItems: z.array(z.string()),
  quantity: z.number().int(),
  pieceGrams: z.number().nullable(),
  boxes: z.array(z.object({ boxNo: z.number().int(), grams: z.number(), targetGrams: z.number(), ok: z.boolean() })),
  /** The product gives each unit a serial number when it is counted. */
  serialized: z.boolean(),
  /** Serials assigned in this lot (= units counted when serialized), first and last, and how many are not in a weighed box yet. */
  serials: z.object({ count: z.number().int(), first: z.string().nullable(), last: z.string().nullable(), unboxed: z.number().int() }),
  /** A serialized lot's unit labels (one per serial, scanned back); null when the product is not serialized. */
  unitLabels: z
    .object({
      /** Serials counted that never had a unit label: what one touch of "Print unit labels" prints (at most `perPrint`). */
      toPrint: z.number().int(),
      perPrint: z.number().int(),
      /** Unit labels in force still on their way to the printer. */
      printing: z.number().int(),
      /** Printed, waiting for their scan-back; `next` is the serial the next scan must carry (labels come off the printer in count order). */
      awaitingScan: z.number().int(),
      next: z.string().nullable(),
      /** Serials whose unit label in force is verified. */
      verified: z.number().int(),
      voided: z.number().int(),
      /** Voided unit labels whose serial has no label in force: each is reprinted with a reason (and a signature where the station asks). */
      reprint: z.array(z.object({ labelId: z.string(), serial: z.string() })),
      /** Every serial has exactly one verified unit label in force. */
      complete: z.boolean(),
    })
    .nullable(),
});
export type PackingLotView = z.infer<typeof PackingLotViewSchema>;

/** Serials given by one step (a count, a box): how many, the first and the last. */
const SerialSpan = z.object({ count: z.number().int(), first: z.string().nullable(), last: z.string().nullable() });

const MaterialOutcome = z.object({
  verdict: VerdictViewSchema,
  /** used: recorded in the lot · warn: acknowledge to use · rejected · split: precise mode, close this lot and clear the line for a new one */
  outcome: z.enum(['used', 'already', 'warn', 'rejected', 'split']),
  /** The outcome in English (logs, tests); the UI says it from `outcome` and `detail`. */
  message: z.string(),
  /** used · already · split: the lots it is about (`replaces`: split only; `candidate`: a further candidate lot, close approximation); null for warn · rejected. */
  detail: z.object({ lotId: z.string(), itemId: z.string(), finishedLotId: z.string(), replaces: z.string().nullable(), candidate: z.boolean() }).nullable(),
  lot: PackingLotViewSchema,
});
export type PackingMaterialOutcome = z.infer<typeof MaterialOutcome>;

export const TraceNodeSchema = z.object({
  lotId: z.string(),
  kind: z.string(),
  itemId: z.string().nullable(),
  depth: z.number().int(),
  via: z.string().nullable(),
  workOrderId: z.string().nullable(),
  station: z.string().nullable(),
  ambiguous: z.boolean(),
  status: z.string().nullable(),
  supplierId: z.string().nullable(),
  supplierLot: z.string().nullable(),
});
export const TraceResultSchema = z.object({ root: z.string(), direction: z.enum(['forward', 'backward']), nodes: z.array(TraceNodeSchema), ms: z.number() });
export type TraceResult = z.infer<typeof TraceResultSchema>;

const SignatureView = z.object({ signerName: z.string(), meaning: z.string(), signedAt: z.string(), reason: z.string() });
export const RecallReportSchema = z.object({
  lotId: z.string(),
  generatedAt: z.string(),
  rows: z.array(z.object({ outputId: z.string(), kind: z.string(), itemId: z.string().nullable(), quantity: z.number().nullable(), status: z.string().nullable(), workOrderId: z.string().nullable(), station: z.string().nullable(), madeAt: z.string().nullable(), ambiguous: z.boolean() })),
  totals: z.object({ finishedLots: z.number().int(), serials: z.number().int(), quantity: z.number() }),
  /**
   * Blocks in force on the lot or anything made from it: a hold signed here (its signature),
   * or one placed by central QA or at another station and pulled from the central server
   * (`placedAt`: 'central' or that station's id, with who placed it and why).
   */
  holds: z.array(
    z.object({
      lotId: z.string(),
      seq: z.number().int(),
      at: z.string(),
      signature: SignatureView.nullable(),
      status: z.enum(['on_hold', 'recalled', 'rejected']).optional(),
      placedAt: z.string().optional(),
      byName: z.string().nullable().optional(),
      reason: z.string().nullable().optional(),
    }),
  ),
  csv: z.string(),
});
export type RecallReport = z.infer<typeof RecallReportSchema>;

export const DhrSchema = z.object({
  finishedLotId: z.string(),
  productItemId: z.string(),
  workOrderId: z.string(),
  bomId: z.string().nullable(),
  revision: z.string().nullable(),
  mode: z.string().nullable(),
  state: z.string(),
  quantity: z.number(),
  materials: z.array(z.object({ lotId: z.string(), itemId: z.string().nullable(), kind: z.string(), depth: z.number().int(), supplierLot: z.string().nullable() })),
  batches: z.array(z.object({ batchLotId: z.string(), machine: z.string(), mold: z.string(), resinLotId: z.string(), quantity: z.number(), params: z.record(z.string(), z.unknown()) })),
  records: z.array(z.object({ seq: z.number().int(), at: z.string(), type: z.string(), actor: z.string().nullable(), summary: z.string(), signature: SignatureView.nullable() })),
  reconciliation: z.unknown().nullable(),
  /** Defects against the lot, its molding batches and its serials; `targetId` says which. */
  defects: z.array(z.object({ defectSeq: z.number().int(), targetId: z.string(), description: z.string(), recordedAt: z.string() })),
  /** A serialized lot: serials assigned, first and last (null: none). */
  serials: z.object({ count: z.number().int(), first: z.string().nullable(), last: z.string().nullable() }).nullable(),
  /** The DHR of one serial: the record of its lot and this section of its own (null: the lot's DHR). */
  serial: z
    .object({
      serial: z.string(),
      itemId: z.string(),
      number: z.number().int(),
      assignedSeq: z.number().int(),
      assignedAt: z.string(),
      /** Printed name of whoever counted the unit. */
      assignedBy: z.string().nullable(),
      method: z.string().nullable(),
      box: z.object({ boxNo: z.number().int(), grams: z.number().nullable(), targetGrams: z.number().nullable(), ok: z.boolean().nullable() }).nullable(),
      materials: z.array(z.object({ lotId: z.string(), itemId: z.string().nullable(), ambiguous: z.boolean() })),
      defects: z.array(z.object({ defectSeq: z.number().int(), description: z.string(), recordedAt: z.string() })),
      /** The unit's labels in issue order: the one in force, and any voided before it (with why). */
      labels: z.array(
        z.object({
          labelId: z.string(),
          state: z.string(),
          issuedAt: z.string(),
          issuedBy: z.string().nullable(),
          printedAt: z.string().nullable(),
          verifiedAt: z.string().nullable(),
          voidedAt: z.string().nullable(),
          voidReason: z.string().nullable(),
          reprintOf: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  html: z.string(),
});
export type Dhr = z.infer<typeof DhrSchema>;

/**
 * A report as PDF. It travels base64 in the JSON envelope: responses are not bound by
 * MAX_MESSAGE_BYTES (that caps requests), and a DHR of a few thousand records is well under
 * a megabyte; `bytes` is the decoded length, so a client can check what it received.
 */
export const PdfFileSchema = z.object({ filename: z.string(), base64: z.string(), bytes: z.number().int().nonnegative() });
export type PdfFile = z.infer<typeof PdfFileSchema>;
const PdfOptions = {
  lang: z.enum(REPORT_LANGS).default('en'),
  paper: z.enum(['A4', 'LETTER']).default('A4'),
  /** IANA zone the times print in; absent: the station's configured zone, else the process's. */
  timeZone: TimeZoneSchema.optional(),
};

/**
 * Whose device history record: `id` — a finished lot or a serial, the station finds which (what
 * the trace screen and `lotline trace ID --dhr` send) — or, when the caller knows, `finishedLotId`
 * or `serial`. Exactly one.
 */
const DhrTargetFields = z.object({ id: Id.optional(), finishedLotId: Id.optional(), serial: Id.optional() });
const oneTarget = (t: { id?: string | undefined; finishedLotId?: string | undefined; serial?: string | undefined }) => [t.id, t.finishedLotId, t.serial].filter((x) => x !== undefined).length === 1;
const ONE_TARGET = { message: 'name exactly one of id, finishedLotId or serial' };
const DhrTarget = DhrTargetFields.refine(oneTarget, ONE_TARGET);

const MOLDERS = ['operator', 'supervisor', 'admin'] as const;
const PACKERS = ['packer', 'supervisor'] as const;

export const packingContract = {
  // Molding
  'molding.work_orders': query(z.object({}).strict(), z.array(z.object({ workOrderId: z.string(), productItemId: z.string(), quantity: z.number() })), { access: 'session' }),
  'molding.start_batch': command(
    z.object({
      workOrderId: Id,
      machine: Id,
      mold: Id,
      cavities: z.array(z.number().int().min(1).max(256)).min(1).max(256),
      resinScanSeq: Seq,
      dryingHours: z.number().min(0).max(72),
      dryingTempC: z.number().min(0).max(250),
      meltTempC: z.number().min(0).max(450),
      injectionPressureBar: z.number().min(0).max(3000),
      cycleTimeS: z.number().positive().max(600),
      shift: z.string().trim().min(1).max(16),
      /** The resin verdict was a WARN the operator read and accepts. */
      acknowledgeWarn: z.boolean().default(false),
      /** The resin verdict was a FIFO REJECT, overridden with the signature of its override role. */
      signature: SignatureInputSchema.optional(),
    }),
    z.object({ verdict: VerdictViewSchema, batch: BatchViewSchema.nullable(), closed: BatchViewSchema.nullable() }),
    { access: MOLDERS, signed: 'optional', signers: OVERRIDE_ROLES, meanings: ['overridden'] },
  ),
  'molding.record_output': command(z.object({ batchLotId: Id, perCavity: z.array(z.object({ cavity: z.number().int().min(1), quantity: z.number().int().min(0).max(1_000_000) })).min(1) }), BatchViewSchema, { access: MOLDERS }),
  'molding.close_batch': command(z.object({ batchLotId: Id }), BatchViewSchema, { access: MOLDERS }),
  'molding.batches': query(z.object({ machine: Id.optional() }), z.array(BatchViewSchema), { access: 'session' }),

  // Pass-through operations at the molding station: a scan derives lot, work order, next operation and quantity; one confirm records it.
  'operation.derive': query(z.object({ scanSeq: Seq }), OperationDerivedSchema, { access: 'session' }),
  'operation.pass': command(
    z.object({
      scanSeq: Seq,
      lotId: Id,
      operation: Id,
      quantity: z.number().int().min(0).max(1_000_000),
      /** Required when `quantity` is lower than the lot's: why the difference is scrapped. */
      reason: z.string().trim().min(1).max(200).optional(),
    }),
    z.object({ verdict: VerdictViewSchema, passed: OperationPassedViewSchema.nullable() }),
    { access: MOLDERS },
  ),

  // Cleanroom packing
  'packing.work_orders': query(z.object({}).strict(), z.array(z.object({ workOrderId: z.string(), productItemId: z.string(), quantity: z.number(), mode: Mode, serialized: z.boolean() })), { access: 'session' }),
  'packing.clearance_perform': command(
    z.object({ lineId: Id, workOrderId: Id, checklist: z.array(z.object({ item: z.string().max(64), ok: z.boolean() })).min(1), signature: SignatureInputSchema }),
    PackingLotViewSchema,
    { access: PACKERS, signed: true, signers: ['packer', 'supervisor'] },
  ),
  'packing.clearance_verify': command(z.object({ lineId: Id, finishedLotId: Id, signature: SignatureInputSchema }), PackingLotViewSchema, { access: PACKERS, signed: true, signers: ['packer', 'supervisor', 'qa'] }),
  'packing.state': query(z.object({ lineId: Id }), PackingLotViewSchema.nullable(), { access: 'session' }),
  'packing.scan': command(z.object({ lineId: Id, scanSeq: Seq }), MaterialOutcome, { access: PACKERS }),
  'packing.acknowledge': command(z.object({ lineId: Id, verdictSeq: Seq }), MaterialOutcome, { access: PACKERS }),
  /** A FIFO REJECT of a material scan for this lot, used anyway with the signature of the verdict's override role. */
  'packing.override': command(z.object({ lineId: Id, verdictSeq: Seq, signature: SignatureInputSchema }), MaterialOutcome, { access: PACKERS, signed: true, signers: OVERRIDE_ROLES, meanings: ['overridden'] }),
  'packing.count': command(
    z.discriminatedUnion('method', [
      z.object({ method: z.literal('unit'), lineId: Id, quantity: z.number().int().min(1).max(100_000) }),
      /** Weighs the pan: with `samplePieces` it is the sample (sets the piece weight), otherwise the bulk to count. */
      z.object({ method: z.literal('weight'), lineId: Id, samplePieces: z.number().int().min(1).max(10_000).optional(), readabilityGrams: z.number().positive().default(0.01) }),
    ]),
    z.object({ lot: PackingLotViewSchema, counted: z.number().int(), pieceGrams: z.number().nullable(), uncertaintyPieces: z.number().nullable(), serials: SerialSpan.nullable() }),
    { access: PACKERS },
  ),
  'packing.check_weight': command(
    z.object({ lineId: Id, units: z.number().int().min(1), tareGrams: z.number().min(0), toleranceGrams: z.number().positive() }),
    z.object({ lot: PackingLotViewSchema, ok: z.boolean(), grams: z.number(), targetGrams: z.number(), deviationGrams: z.number(), serials: SerialSpan.nullable() }),
    { access: PACKERS },
  ),
  'packing.close_lot': command(
    z.object({ lineId: Id, used: z.record(z.string(), z.number().min(0)), boxes: z.number().int().min(0), signature: SignatureInputSchema }),
    z.object({
      lot: PackingLotViewSchema,
      materials: z.array(z.object({ itemId: z.string(), planned: z.number(), used: z.number(), variance: z.number(), ok: z.boolean(), lotIds: z.array(z.string()) })),
      labels: z.object({ issued: z.number(), printed: z.number(), verified: z.number(), applied: z.number(), voided: z.number(), balanced: z.boolean() }),
      serials: z.object({ assigned: z.number().int(), first: z.string().nullable(), last: z.string().nullable() }).nullable(),
      unitLabels: UnitLabelCountsSchema.nullable(),
    }),
    { access: PACKERS, signed: true, signers: ['packer', 'supervisor'] },
  ),
  /** One unit label per serial counted and never labelled, through the label issue and print queue path (never twice). */
  'packing.print_unit_labels': command(
    z.object({ lineId: Id }),
    z.object({ lot: PackingLotViewSchema, labels: z.array(z.object({ labelId: z.string(), serial: z.string() })), serials: SerialSpan }),
    { access: PACKERS },
  ),
  /**
   * The scan-back of the oldest unit label waiting for one: verified when the read carries its
   * serial; another unit's label or an unreadable read voids it (reprint with a reason); a read
   * of its lot or GTIN line records nothing and asks for the barcode with the serial.
   */
  'packing.verify_unit_label': command(
    z.object({ lineId: Id, scanSeq: Seq }),
    z.object({
      outcome: z.enum(['verified', 'voided', 'other_barcode']),
      labelId: z.string(),
      serial: z.string(),
      mismatches: z.array(z.object({ field: z.string(), expected: z.string().nullable(), scanned: z.string().nullable() })),
      unreadable: z.boolean(),
      /** The outcome in English (logs, tests); the UI says it from `outcome`, `serial` and `mismatches`. */
      message: z.string(),
      lot: PackingLotViewSchema,
    }),
    { access: PACKERS },
  ),

  // Genealogy, defects, recall, DHR, supplier quality
  'trace.lot': query(z.object({ id: Id, direction: z.enum(['forward', 'backward']) }), TraceResultSchema, { access: 'session' }),
  'quality.record_defect': command(
    z.object({ targetId: Id, description: z.string().trim().min(3).max(1000), suspectLotId: Id.optional() }),
    z.object({ defectSeq: z.number().int(), suspectLotIds: z.array(z.string()), sharing: z.array(z.object({ suspectLotId: z.string(), outputs: z.array(z.object({ outputId: z.string(), kind: z.string(), ambiguous: z.boolean() })) })) }),
    { access: 'session' },
  ),
  'quality.hold': command(z.object({ lotId: Id, defectSeq: Seq.optional(), signature: SignatureInputSchema }), z.object({ lotId: z.string(), status: z.string() }), { access: ['qa', 'supervisor'], signed: true }),
  'quality.recall_report': query(z.object({ lotId: Id }), RecallReportSchema, { access: 'session' }),
  'quality.dhr': query(DhrTarget, DhrSchema, { access: 'session' }),
  'quality.recall_pdf': query(z.object({ lotId: Id, ...PdfOptions }), PdfFileSchema, { access: 'session' }),
  'quality.dhr_pdf': query(DhrTargetFields.extend(PdfOptions).refine(oneTarget, ONE_TARGET), PdfFileSchema, { access: 'session' }),
  'quality.supplier_rates': query(
    z.object({}).strict(),
    z.array(z.object({ supplierId: z.string().nullable(), supplierLot: z.string().nullable(), lotId: z.string().nullable(), outputs: z.number().int(), defects: z.number().int(), rate: z.number() })),
    { access: 'session' },
  ),
} as const;
