// The supervisor views' HTTP API and live channel, as data: requests validated on the
// server, responses typed for the renderer. Routes under /board/api, the live channel at
// /board/live (WebSocket; the first frame authenticates with the user's session token).
import { z } from 'zod';
import { checkTimeZone, isTimeZone } from '../clock/zone';
import { REPORT_LANGS } from '../reports/document';
import type { ExceptionKind, Evidence, LastVerdict, DeviceFault } from './project';
import type { AndonKind, StationState } from './inputs';
import type { ParetoBar, StateDurations } from './metrics';
import type { ShiftZone } from './shift';

/** Who may open the supervisor views at all; an operator or packer may not. */
export const BOARD_ROLES = ['supervisor', 'qa', 'admin'] as const;
/** Lot holds and releases: QA's decision (the server's holds API enforces the same). */
export const HOLD_ROLES = ['qa', 'admin'] as const;
/** Exceptions whose resolution is a quality decision. */
const QA_ONLY: readonly ExceptionKind[] = ['override', 'deviation', 'alarm'];

export function canView(roles: readonly string[]): boolean {
  return roles.some((r) => (BOARD_ROLES as readonly string[]).includes(r));
}
export function canHold(roles: readonly string[]): boolean {
  return roles.some((r) => (HOLD_ROLES as readonly string[]).includes(r));
}
export function canResolve(roles: readonly string[], kind: ExceptionKind): boolean {
  return QA_ONLY.includes(kind) ? canHold(roles) : canView(roles);
}

export interface StationTileView {
  readonly stationId: string;
  readonly name: string;
  readonly type: string;
  readonly area: string;
  readonly connected: boolean;
  readonly online: boolean;
  readonly stale: boolean;
  /** Server time the station last pushed or was connected. */
  readonly lastHeardAt: string | null;
  /** Station wall time of its newest event the server holds. */
  readonly lastEventAt: string | null;
  readonly ackSeq: number;
  readonly outbox: { readonly pending: number; readonly oldestAt: string | null; readonly reportedAt: string } | null;
  readonly clockOffsetMs: number | null;
  readonly operator: { readonly userId: string; readonly name: string } | null;
  readonly workOrderId: string | null;
  readonly step: string | null;
  readonly state: StationState | null;
  readonly lastVerdict: LastVerdict | null;
  readonly rejectsLastHour: number;
  readonly faults: readonly ({ readonly role: string } & DeviceFault)[];
  readonly openAndon: number;
  readonly openAlarms: number;
}

export interface BoardSnapshot {
  readonly serverTime: string;
  readonly tiles: readonly StationTileView[];
}

export interface AndonCallView {
  readonly callId: string;
  readonly stationId: string;
  readonly stationName: string;
  readonly kind: AndonKind;
  readonly note: string | null;
  readonly raisedAt: string;
  readonly raisedBy: string | null;
  readonly ackedAt: string | null;
  readonly ackedBy: string | null;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly closeNote: string | null;
}

export interface ExceptionView {
  readonly id: number;
  readonly kind: ExceptionKind;
  readonly stationId: string;
  readonly lotId: string | null;
  readonly title: string;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
  readonly raisedAt: string;
  readonly assignedTo: string | null;
  readonly assignedName: string | null;
  readonly status: 'open' | 'resolved';
  readonly resolution: { readonly reason: string; readonly signature: BoardSignature } | null;
}

/** A central electronic signature: the signer re-entered the password; bound to the record by its hash. */
export interface BoardSignature {
  readonly userId: string;
  readonly name: string;
  readonly meaning: string;
  readonly at: string;
  readonly recordHash: string;
}

/** The central acts the supervisor views record (board_audit), as the audit view lists them. */
export const BOARD_AUDIT_TYPES = [
  'andon.acknowledged',
  'andon.closed',
  'exception.assigned',
  'exception.resolved',
  'lot.hold_placed',
  'lot.hold_released',
  'certificate.downloaded',
  'signature.failed',
] as const;

export interface BoardAuditEntry {
  readonly id: number;
  readonly type: string;
  /** What it was done to: `andon:<id>`, `exception:<id>`, `lot:<lotId>`. */
  readonly subject: string;
  readonly userId: string;
  readonly userName: string;
  readonly at: string;
  readonly reason: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Signed acts: who signed, with which meaning and when. */
  readonly signature: BoardSignature | null;
}

export interface BoardAuditPage {
  readonly entries: readonly BoardAuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last. */
  readonly nextBefore: number | null;
}

export interface LotWatchRow {
  readonly lotId: string;
  readonly itemId: string | null;
  readonly status: string;
  readonly stationId: string | null;
  readonly blockedAt: string | null;
  readonly expiry: string | null;
  readonly daysToExpiry: number | null;
  readonly msl: string | null;
  /** Floor life used, 0..1 (open time over the level's limit), when the central data has MSL events. */
  readonly mslUsed: number | null;
  readonly pasteOpenSince: string | null;
  readonly watch: readonly ('hold' | 'quarantine' | 'recall' | 'expiring' | 'expired' | 'msl' | 'paste')[];
  readonly lastChange: { readonly kind: string; readonly byName: string | null; readonly reason: string | null; readonly at: string } | null;
  /** Central holds the certificate the lot was received on (GET /board/api/lots/:lotId/certificate). */
  readonly certificate?: boolean;
}

export interface ChartsView {
  readonly from: string;
  readonly to: string;
  readonly output: { readonly buckets: readonly number[]; readonly series: readonly { readonly key: string; readonly values: readonly number[] }[] };
  readonly fpy: readonly { readonly stationId: string; readonly units: number; readonly passed: number; readonly fpy: number | null }[];
  readonly pareto: readonly ParetoBar[];
  readonly availability: readonly { readonly stationId: string; readonly durations: StateDurations; readonly availability: number | null }[];
}

export interface ShiftReport {
  readonly line: string;
  readonly date: string;
  readonly shift: string;
  readonly from: string;
  readonly to: string;
  readonly stations: readonly {
    readonly stationId: string;
    readonly name: string;
    readonly produced: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly overrides: number;
    readonly fpy: number | null;
    readonly availability: number | null;
    readonly andonCalls: number;
  }[];
  readonly rejects: readonly { readonly reason: string; readonly count: number }[];
  /** The zone the window was drawn in, and where it came from: a report says which clock it read. */
  readonly zone: ShiftZone;
}

// ---------------------------------------------------------------- requests

const reason = z.string().trim().min(3, 'say why').max(500);
const password = z.string().min(1).max(200);

export const BoardLoginSchema = z.object({ username: z.string().min(1).max(64), password });
export const AndonAckSchema = z.object({});
export const AndonCloseSchema = z.object({ note: z.string().trim().max(500).optional() });
export const AssignSchema = z.object({ userId: z.string().min(1).max(64).nullable() });
export const ResolveSchema = z.object({ reason, password });
export const SignedHoldSchema = z.object({ reason, password });
export const AuditQuerySchema = z.object({
  type: z.enum(BOARD_AUDIT_TYPES).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const RangeQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  hours: z.coerce.number().int().min(1).max(24 * 31).optional(),
});
/**
 * The floor's time zone for a shift report: an IANA name (the window follows its wall clock and
 * the PDF prints its times there, with their offsets) or, as older clients send, minutes east
 * of UTC (window by that fixed offset, times printed in UTC as before). Absent: the plant's
 * zone, which the server works out (shared/board/shift.ts plantZone) — a supervisor's browser
 * in another zone must not move the plant's shifts.
 */
const ShiftTzSchema = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v, ctx): number | string | undefined => {
    if (v === undefined || v === '') return undefined;
    if (/^[+-]?\d{1,4}$/.test(v)) {
      const n = Number(v);
      if (n >= -840 && n <= 840) return n;
      ctx.addIssue({ code: 'custom', message: `tz: ${v} minutes is not an offset from UTC (-840 to 840)` });
      return z.NEVER;
    }
    if (isTimeZone(v)) return checkTimeZone(v);
    ctx.addIssue({ code: 'custom', message: `tz: "${v}" is not a known IANA time zone (e.g. America/Monterrey, Europe/Berlin, UTC)` });
    return z.NEVER;
  });
export const ShiftQuerySchema = z.object({
  line: z.string().max(64).default(''),
  date: z.iso.date(),
  shift: z.enum(['early', 'late', 'night']),
  tz: ShiftTzSchema,
  format: z.enum(['json', 'csv', 'ticket']).default('json'),
  /** format=ticket: the ticket's own words (the shift, "all lines") and its template in this language. */
  lang: z.enum(REPORT_LANGS).default('en'),
});
/** /shift-report.pdf: the same report, in a language and on a paper size. */
export const ShiftPdfQuerySchema = ShiftQuerySchema.omit({ format: true }).extend({
  paper: z.enum(['A4', 'LETTER']).default('A4'),
});

// ---------------------------------------------------------------- live channel

/** Browser → server, first frame: the user's session token. */
export const BoardAuthFrameSchema = z.object({ topic: z.literal('auth'), token: z.string().min(1).max(200) });

export type BoardLiveMessage =
  | { readonly topic: 'hello'; readonly userId: string; readonly serverTime: string }
  | { readonly topic: 'tiles'; readonly tiles: readonly StationTileView[]; readonly serverTime: string }
  | { readonly topic: 'changed'; readonly what: readonly ('andon' | 'exceptions' | 'lots' | 'charts')[] }
  | { readonly topic: 'denied'; readonly message: string };
