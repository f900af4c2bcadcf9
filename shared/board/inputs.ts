// What the supervisor board reads from station events. Three small event types are the
// board's own (appended to EVENT_PAYLOADS): an andon call, a station's run state, a device
// fault. Everything else is read defensively from the types other features record
// (verdicts, overrides, logins, work orders, boards, print jobs, reconciliations, lots,
// material clocks): an event whose payload does not have the fields below is ignored by
// the board, never refused — the sync path has already stored it.
import { z } from 'zod';

export const ANDON_KINDS = ['material', 'quality', 'maintenance', 'help'] as const;
export type AndonKind = (typeof ANDON_KINDS)[number];
export const AndonKindSchema = z.enum(ANDON_KINDS);

/** Run states a station reports; availability is computed from them. */
export const STATION_STATES = ['running', 'setup', 'idle', 'down'] as const;
export type StationState = (typeof STATION_STATES)[number];

export const DEVICE_ROLES = ['scanner', 'scale', 'labelPrinter', 'ticketPrinter'] as const;

export const BOARD_EVENT_PAYLOADS = {
  /** One touch at a station: a call for material, quality, maintenance or help. `callId` is unique (UUID). */
  'andon.raised': z.object({ callId: z.string().min(1).max(64), kind: AndonKindSchema, note: z.string().max(500).optional() }),
  /** The station's run state changed (the operator's choice or the line interlock). */
  'station.state_changed': z.object({ state: z.enum(STATION_STATES), cause: z.string().max(200).optional() }),
  /** A device became faulty (`fault` names it: paper_out, head_open, offline, …) or recovered (`fault: null`). */
  'device.fault': z.object({ role: z.enum(DEVICE_ROLES), fault: z.string().max(64).nullable(), detail: z.string().max(500).optional() }),
} as const;

/**
 * The fields the board reads from other features' events. Documented here so a station
 * feature that wants to appear on the board knows what to record.
 */
export const BOARD_READS = {
  'auth.login': 'userId → operator',
  'auth.logout': 'operator cleared',
  'scan.verdict': 'verdict (ACCEPT|WARN|REJECT), reasons[0].code, message, workOrderId, slot, lotId, workflow → last verdict, rejects, FPY, Pareto, exception (REJECT)',
  'scan.verdict_overridden': 'verdictSeq, codes → exception (override), with the event signature as evidence',
  'smt.work_order_loaded': 'workOrderId → work order, step setup',
  'smt.line_started': 'workOrderId → step running, state running',
  'smt.boards_recorded': 'workOrderId, serials.length → output',
  'lot.received': 'lotId, itemId, expiry, msl → lot watch',
  'material.msl': 'kind, lotId, at → MSL clock on lot watch',
  'material.paste': 'kind, lotId, at → solder paste clock on lot watch',
  'print.job_uncertain': 'jobId, printer, note → exception (uncertain print), labelPrinter fault',
  'print.job_resolved': 'jobId → labelPrinter fault cleared',
  'label.reconciled': 'lotId, balanced=false → exception (unbalanced reconciliation)',
  'device.tested': 'role, ok=false, detail → device fault; ok=true clears it',
} as const;
