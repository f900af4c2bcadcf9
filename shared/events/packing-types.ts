// Payloads of the molding, cleanroom packing, genealogy and quality events (issue 7). Spread
// into EVENT_PAYLOADS in types.ts; this file must not import types.ts.
import { z } from 'zod';

const seq = z.number().int().positive();
const id = z.string().min(1).max(64);
const Mode = z.enum(['precise', 'close_approximation']);

/** A serialized lot's unit labels at its close: in the close's answer, its event and the DHR. */
export const UnitLabelCountsSchema = z.object({ assigned: z.number().int(), issued: z.number().int(), printed: z.number().int(), verified: z.number().int(), voided: z.number().int(), balanced: z.boolean() });

export const PACKING_EVENT_PAYLOADS = {
  /** A molding batch begins on a machine with one resin lot (verified); a resin change begins a new batch. */
  'molding.batch_started': z.object({
    batchLotId: id,
    workOrderId: id,
    itemId: id,
    machine: z.string().min(1).max(64),
    mold: z.string().min(1).max(64),
    cavities: z.array(z.number().int().min(1).max(256)).min(1).max(256),
    resinLotId: id,
    resinVerdictSeq: seq,
    dryingHours: z.number().min(0).max(72),
    dryingTempC: z.number().min(0).max(250),
    meltTempC: z.number().min(0).max(450),
    injectionPressureBar: z.number().min(0).max(3000),
    cycleTimeS: z.number().positive().max(600),
    shift: z.string().min(1).max(16),
  }),
  /** A lot passed a pass-through operation of its routing (shared/rules/operations.ts); `quantity` the parts that passed, lower than the lot's only with `scrap` and `reason`. */
  'operation.passed': z.object({
    lotId: id,
    workOrderId: id,
    operation: z.string().min(1).max(32),
    quantity: z.number().int().min(0),
    scrap: z.number().int().min(1).optional(),
    reason: z.string().min(1).max(200).optional(),
    verdictSeq: seq.optional(),
  }),
  /** Good parts counted per cavity (cumulative additions). */
  'molding.output_recorded': z.object({ batchLotId: id, perCavity: z.array(z.object({ cavity: z.number().int(), quantity: z.number().int().min(0) })).min(1) }),
  /** The batch ends: its parts become a lot of the molded part, linked to its resin lot. */
  'molding.batch_closed': z.object({ batchLotId: id, workOrderId: id, itemId: id, machine: z.string(), resinLotId: id, quantity: z.number().int().min(0), why: z.enum(['operator', 'resin_change']) }),

  /** Line clearance performed by the packer (signed, meaning performed) for the next finished lot. */
  'packing.clearance_performed': z.object({
    lineId: id,
    finishedLotId: id,
    workOrderId: id,
    productItemId: id,
    mode: Mode,
    checklist: z.array(z.object({ item: z.string().max(64), ok: z.boolean() })).min(1),
  }),
  /** Verified by a second person (signed, meaning verified): the line is clear for this lot. */
  'packing.clearance_signed': z.object({ lineId: id, finishedLotId: id, performedSeq: seq, performedBy: id, at: z.string() }),
  'packing.lot_opened': z.object({ lineId: id, finishedLotId: id, workOrderId: id, productItemId: id, mode: Mode }),
  /** A verified material lot consumed into the finished lot. `candidate`: close-approximation extra lot of an item. */
  'packing.material_used': z.object({ lineId: id, finishedLotId: id, lotId: id, itemId: id, verdictSeq: seq, via: z.enum(['accepted', 'acknowledged', 'overridden']), candidate: z.boolean() }),
  /** Units packed: counted by weight (sample → piece weight → count) or by unit. */
  'packing.counted': z.object({
    finishedLotId: id,
    method: z.enum(['weight', 'unit']),
    quantity: z.number().int().min(0),
    /** Weight counts count components (pieces); `quantity` is finished units = pieces / components per unit. */
    pieces: z.number().int().min(0).optional(),
    samplePieces: z.number().int().positive().optional(),
    sampleGrams: z.number().optional(),
    pieceGrams: z.number().optional(),
    bulkGrams: z.number().optional(),
    uncertaintyPieces: z.number().optional(),
  }),
  /**
   * Serial numbers given to units just counted of a serialized product (same transaction as
   * the packing.counted it follows), with the material lots in the finished lot at that moment:
   * the serial's genealogy. `ranges` are the numbers from the server's blocks that `serials`
   * spell, in the same order. At most 1000 per event; a larger count records several.
   */
  'packing.serials_assigned': z.object({
    lineId: id,
    finishedLotId: id,
    productItemId: id,
    countedSeq: seq,
    method: z.enum(['weight', 'unit']),
    count: z.number().int().min(1).max(1000),
    first: id,
    last: id,
    serials: z.array(id).min(1).max(1000),
    ranges: z.array(z.object({ blockId: z.string(), first: z.number().int().positive(), last: z.number().int().positive() })).min(1),
    /** Material lots of the finished lot when the units were counted; `ambiguous`: one of several candidate lots of its item. */
    lots: z.array(z.object({ lotId: id, itemId: id, ambiguous: z.boolean() })),
  }),
  /** `serials`: a serialized product's units in this box (a passing weighing only), the next ones not yet boxed, in count order. */
  'packing.box_weighed': z.object({
    finishedLotId: id,
    boxNo: z.number().int().min(1),
    grams: z.number(),
    targetGrams: z.number(),
    toleranceGrams: z.number(),
    deviationGrams: z.number(),
    ok: z.boolean(),
    serials: z.array(id).max(10_000).optional(),
  }),
  /** Lot close (signed): material and label reconciliation; the finished lot exists from here. */
  'packing.lot_closed': z.object({
    lineId: id,
    finishedLotId: id,
    workOrderId: id,
    productItemId: id,
    bomId: id,
    revision: z.string(),
    mode: Mode,
    quantity: z.number().int().min(0),
    boxes: z.number().int().min(0),
    materials: z.array(z.object({ itemId: z.string(), planned: z.number(), used: z.number(), variance: z.number(), ok: z.boolean(), lotIds: z.array(z.string()) })),
    labels: z.object({ issued: z.number().int(), printed: z.number().int(), verified: z.number().int(), applied: z.number().int(), voided: z.number().int(), balanced: z.boolean() }),
    /** Serialized products: serials assigned (= units packed), first and last. */
    serials: z.object({ assigned: z.number().int().min(0), first: z.string().nullable(), last: z.string().nullable() }).optional(),
    /** Serialized products: their unit labels, one verified per serial (issued = assigned + voided). */
    unitLabels: UnitLabelCountsSchema.optional(),
  }),

  /** A defect found on a serial or a lot; `suspectLotIds` are the input lots it came from. */
  'quality.defect_recorded': z.object({ targetId: id, targetKind: z.enum(['lot', 'serial']), description: z.string().min(3).max(1000), suspectLotIds: z.array(z.string()) }),
  /** QA or a supervisor put a lot on hold (signed): scans of it are rejected from now on. */
  'lot.held': z.object({ lotId: id, defectSeq: seq.optional() }),
} as const;
