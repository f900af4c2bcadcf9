// Payloads of the workflow events (issue 6): verdicts of scans and what answers them
// (acknowledgement, signed override), receiving with QA release or rejection, material
// clocks, rule settings and the SMT line (setup, splices, revision changes, boards).
// Kept apart from types.ts so the station's core event list stays easy to merge; this file
// must not import types.ts (it is spread into EVENT_PAYLOADS there).
import { z } from 'zod';
import { RoleSchema } from '../domain/roles';
import { MslClockEventSchema, PasteClockEventSchema } from '../rules/clock-events';
import { REEL_REMOVE_REASONS } from '../rules/smt-teardown';

const seq = z.number().int().positive();
const isoDate = z.iso.date();

export const VERDICT_WORKFLOWS = ['smt.slot', 'smt.reel', 'smt.splice', 'receiving', 'material'] as const;
export const VerdictKindSchema = z.enum(['ACCEPT', 'WARN', 'REJECT']);

/**
 * Parameters of a reason or an ACCEPT note as recorded (ids, numbers, dates and codes: see
 * ReasonParams in shared/rules/verdict.ts), so a verdict read back from the log is said in the
 * operator's language. Added later and optional: verdicts recorded before carry none, and are
 * shown with their recorded English sentence. An object with a catch-all rather than a
 * z.record: the same members kept and refused, in about half the time (every verdict carries them).
 */
export const RecordedParamsSchema = z
  .object({})
  .catchall(z.union([z.string().max(1000), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]))
  .refine((params) => Object.keys(params).every((name) => name.length <= 64), { message: 'a parameter name is at most 64 characters' });

/** A reason as recorded: the stable code, its severity, the sentence the operator saw (English, the audit text) and its parameters. */
export const RecordedReasonSchema = z.object({ code: z.string().min(1).max(64), severity: z.enum(['WARN', 'REJECT']), message: z.string().max(1000), params: RecordedParamsSchema.optional() });

const LotOnSlot = z.object({ slot: z.string(), lotId: z.string(), itemId: z.string() });

export const WORKFLOW_EVENT_PAYLOADS = {
  /** The answer to one recorded scan, whatever it was; `scanSeq` is the scan.received event. */
  'scan.verdict': z.object({
    scanSeq: seq,
    /** Splice: the new reel's scan (the old one is `scanSeq`). */
    secondScanSeq: seq.optional(),
    workflow: z.enum(VERDICT_WORKFLOWS),
    verdict: VerdictKindSchema,
    reasons: z.array(RecordedReasonSchema),
    message: z.string().max(1000),
    /** ACCEPT: what was verified, by code + params (the `accept` note of shared/rules/verdict.ts). Optional: older verdicts have none. */
    accept: z.object({ code: z.string().min(1).max(64), params: RecordedParamsSchema }).optional(),
    overridable: z.boolean(),
    overrideRole: RoleSchema.optional(),
    workOrderId: z.string().optional(),
    slot: z.string().optional(),
    lotId: z.string().optional(),
    itemId: z.string().optional(),
    /** Splice: the reel running out. */
    oldLotId: z.string().optional(),
    revision: z.string().optional(),
    /** Packing: the finished lot the material was scanned for; its WARN is answered only for that lot. */
    finishedLotId: z.string().optional(),
  }),
  /** The operator read a WARN and confirmed the use. */
  'scan.verdict_acknowledged': z.object({ verdictSeq: seq, scanSeq: seq }),
  /** A REJECT turned into a recorded exception: signed (meaning overridden) with a reason. */
  'scan.verdict_overridden': z.object({ verdictSeq: seq, scanSeq: seq, codes: z.array(z.string()).min(1) }),

  /** Receiving's own record beside lot.received: how the data was entered and what came with it. */
  'receiving.recorded': z.object({
    lotId: z.string(),
    entry: z.enum(['scan', 'manual']),
    scanSeq: seq.nullable(),
    verdictSeq: seq.nullable(),
    containers: z.number().int().min(1).max(999),
    quantityPerContainer: z.number().positive(),
    coc: z.object({ kind: z.enum(['file', 'photo']), path: z.string().min(1).max(1024) }).nullable(),
    /** Where lot.received's expiry came from when the clerk gave none: the item's shelf life counted from this. */
    expiryFrom: z.enum(['production_date', 'date_code']).optional(),
    /** The label's production date (GS1 AI 11), when it had one. */
    productionDate: isoDate.optional(),
  }),
  /** Internal lot labels sent to the label printer, one per container (reprints carry a reason). Not main's label.* accountability events. */
  'receiving.labels_printed': z.object({
    lotId: z.string(),
    template: z.string(),
    copies: z.number().int().min(1),
    jobIds: z.array(z.string()),
    states: z.array(z.string()),
    reprint: z.boolean(),
  }),
  /** QA refused a quarantined lot (signed, meaning approved: QA approves the rejection). */
  'lot.rejected': z.object({ lotId: z.string() }),

  'material.msl': MslClockEventSchema,
  'material.paste': PasteClockEventSchema,
  'rules.configured': z.object({
    fifo: z.object({ mode: z.enum(['off', 'warn', 'reject']), order: z.enum(['received', 'expiry']), overrideRole: RoleSchema }).optional(),
    expiryWarnDays: z.number().int().min(0).max(365).optional(),
    utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
    /** Absent (every setting signed before it existed): the clock in force stays, `offset` by default. */
    expiryClock: z.enum(['offset', 'station']).optional(),
  }),

  'smt.work_order_loaded': z.object({ workOrderId: z.string(), lineId: z.string(), bomId: z.string(), revision: z.string() }),
  'smt.slot_selected': z.object({ workOrderId: z.string(), slot: z.string(), scanSeq: seq }),
  'smt.reel_loaded': z.object({
    workOrderId: z.string(),
    slot: z.string(),
    lotId: z.string(),
    itemId: z.string(),
    scanSeq: seq,
    verdictSeq: seq,
    via: z.enum(['accepted', 'acknowledged', 'overridden']),
  }),
  'smt.spliced': z.object({
    workOrderId: z.string(),
    slot: z.string(),
    oldLotId: z.string(),
    newLotId: z.string(),
    itemId: z.string(),
    verdictSeq: seq,
    via: z.enum(['accepted', 'acknowledged', 'overridden']),
  }),
  /** The work order moved to another BOM revision mid-run: obsolete loads end (kept in history). */
  'smt.revision_changed': z.object({
    workOrderId: z.string(),
    fromBomId: z.string(),
    fromRevision: z.string(),
    bomId: z.string(),
    revision: z.string(),
    obsolete: z.array(z.string()),
    kept: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  /** Recorded only when every slot was verified (the start interlock). */
  'smt.line_started': z.object({ workOrderId: z.string(), lineId: z.string(), revision: z.string(), lots: z.array(LotOnSlot) }),
  /**
   * Boards built, linked to the reels loaded while they were built. `ambiguous`: slots whose
   * reel changed (a splice, a replacement, a removal) while the line ran since the last boards
   * were recorded — every reel the slot held may have fed them.
   */
  'smt.boards_recorded': z.object({
    workOrderId: z.string(),
    lineId: z.string(),
    serials: z.array(z.string().min(1).max(64)).min(1).max(1000),
    source: z.enum(['scanned', 'generated']),
    panelScanSeq: seq.nullable(),
    lots: z.array(LotOnSlot),
    ambiguous: z.array(z.object({ slot: z.string(), lotIds: z.array(z.string()).min(2) })),
  }),
  /**
   * A reel taken off its slot (empty, wrong, end of job, damaged): the slot is unverified
   * again; a running line stops (`stoppedLine`) and may start only once the slot is verified.
   */
  'smt.reel_removed': z.object({
    workOrderId: z.string(),
    lineId: z.string(),
    slot: z.string(),
    lotId: z.string(),
    itemId: z.string(),
    reason: z.enum(REEL_REMOVE_REASONS),
    /** The slot label scan that chose the slot; null when the slot was touched on the screen. */
    scanSeq: seq.nullable(),
    stoppedLine: z.boolean(),
  }),
  /**
   * End of run: every slot cleared, the setup closed (a new load starts afresh; the events
   * keep its history). `remaining`: quantities counted on reels, recorded back on their lots.
   */
  'smt.work_order_unloaded': z.object({
    workOrderId: z.string(),
    lineId: z.string(),
    revision: z.string(),
    boards: z.number().int().nonnegative(),
    cleared: z.array(LotOnSlot),
    remaining: z.array(z.object({ lotId: z.string(), quantity: z.number().nonnegative(), previous: z.number() })),
  }),
  'smt.traveler_printed': z.object({ workOrderId: z.string(), kind: z.enum(['traveler', 'kitting']), lines: z.number().int() }),
} as const;
