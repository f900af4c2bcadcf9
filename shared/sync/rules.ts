// Business rules that a late-arriving station event can break against central state (a lot
// QA held while the station was offline). The physical act happened, so the event is
// always recorded; a breach becomes a deviation in QA's queue, never a refusal.
import type { LOT_STATUSES } from '../events/types';

export type LotStatus = (typeof LOT_STATUSES)[number];

/** How an event touches a lot: `consume` uses material, `release` changes its status to released. */
export type LotUse = { readonly lotId: string; readonly use: 'consume' | 'release' };

/** Which lots an event type touches. Extend as event types that use material are added. */
export type LotUseTable = Readonly<Record<string, (payload: unknown) => readonly LotUse[]>>;

/** The lot an event names in `field`, put to `use`. */
const lotIn =
  (field: string, use: LotUse['use']) =>
  (p: unknown): readonly LotUse[] => {
    const lotId = (p as Record<string, unknown> | null)?.[field];
    return typeof lotId === 'string' ? [{ lotId, use }] : [];
  };

export const LOT_USES: LotUseTable = {
  'lot.released': lotIn('lotId', 'release'),
  // `scan.received` carries raw text only; the verification event that resolves a scan to
  // a lot (issue 4) will be listed here as a `consume`.
  // Issue 6: a reel verified onto an SMT slot, or spliced onto one, is material put to use.
  'smt.reel_loaded': lotIn('lotId', 'consume'),
  'smt.spliced': lotIn('newLotId', 'consume'),
  // Issue 7: packaging and component lots put into a finished lot, the resin of a molding
  // batch, a lot passed through an operation of its routing.
  'packing.material_used': lotIn('lotId', 'consume'),
  'molding.batch_started': lotIn('resinLotId', 'consume'),
  'operation.passed': lotIn('lotId', 'consume'),
};

/** Statuses that block use, wherever they were placed. */
export const BLOCKING_STATUSES: ReadonlySet<LotStatus> = new Set(['on_hold', 'recalled', 'rejected']);

/**
 * Who placed a block: QA at the central server, or a signed hold or rejection at a station (QA
 * there, a defect found at packing). Both reach every station; a station may lift only a
 * station's block, never central QA's.
 */
export type BlockOrigin = 'central' | 'station';

export interface CentralLot {
  readonly status: LotStatus;
  /** When the current blocking status was placed (ISO), null if not blocked. */
  readonly blockedAt: string | null;
  /** Who placed the current block; absent: central (the only origin before stations' holds were shared). */
  readonly blockedBy?: BlockOrigin;
  /**
   * Every time the lot was blocked, from its status history (blockedSpans), so a use while it
   * was held counts even when the lot was released before the station's push arrived. Absent:
   * only the current block (blockedAt) is known.
   */
  readonly blocked?: readonly BlockedSpan[];
}

/** A time the lot stood blocked: from (ISO) until a release (ISO), or still (null), and who blocked it. */
export interface BlockedSpan {
  readonly status: LotStatus;
  readonly from: string;
  readonly to: string | null;
  readonly by: BlockOrigin;
}

/** The blocked spans of a lot from its status changes in the order they were made; a change without `by` is central's. */
export function blockedSpans(changes: ReadonlyArray<{ readonly status: LotStatus; readonly at: string; readonly by?: BlockOrigin }>): BlockedSpan[] {
  const out: Array<{ status: LotStatus; from: string; to: string | null; by: BlockOrigin }> = [];
  for (const c of changes) {
    const open = out.at(-1)?.to === null ? out.at(-1) : undefined;
    const by = c.by ?? 'central';
    if (BLOCKING_STATUSES.has(c.status)) {
      // A recall of a held lot keeps it blocked from the first hold; it is said by its latest
      // status, and once central QA acted on it, only central QA lifts it.
      if (open) {
        open.status = c.status;
        if (by === 'central') open.by = 'central';
      } else out.push({ status: c.status, from: c.at, to: null, by });
    } else if (open) open.to = c.at;
  }
  return out;
}

/** Who blocks the lot now: the origin of its open span, or of the current block. */
export function blockOriginOf(l: CentralLot | undefined): BlockOrigin | null {
  if (!l || !BLOCKING_STATUSES.has(l.status)) return null;
  const open = l.blocked?.at(-1);
  return open && open.to === null ? open.by : (l.blockedBy ?? 'central');
}

export interface RuleEvent {
  readonly type: string;
  readonly payload: unknown;
  /** The station's wall time of the event (ISO). */
  readonly wallTime: string;
}

export const DEVIATION_RULES = ['consumed_after_hold', 'released_while_held'] as const;
export type DeviationRule = (typeof DEVIATION_RULES)[number];

export interface DeviationDraft {
  readonly rule: DeviationRule;
  readonly lotId: string;
  readonly message: string;
}

/**
 * Deviations an event raises against central lot state. The event's time is corrected by
 * the station's measured clock offset (server − station), so a drifting station clock
 * does not turn an act before the hold into one after it, or the reverse.
 */
export function lotDeviations(e: RuleEvent, lot: (lotId: string) => CentralLot | undefined, clockOffsetMs = 0, uses: LotUseTable = LOT_USES): DeviationDraft[] {
  const extract = uses[e.type];
  if (!extract) return [];
  const at = Date.parse(e.wallTime) + clockOffsetMs;
  const out: DeviationDraft[] = [];
  for (const u of extract(e.payload)) {
    const l = lot(u.lotId);
    if (!l) continue;
    // A release lifts a station's block by right (shared/sync/rules: BlockOrigin); only a release under central QA's block is a deviation.
    const status = blockedStatusAt(l, at, u.use === 'release' ? 'central' : null);
    if (!status) continue;
    out.push(
      u.use === 'consume'
        ? { rule: 'consumed_after_hold', lotId: u.lotId, message: `lot ${u.lotId} was used by ${e.type} while it was ${status.replace('_', ' ')} centrally` }
        : { rule: 'released_while_held', lotId: u.lotId, message: `lot ${u.lotId} was released at a station while it was ${status.replace('_', ' ')} centrally; the central status stands` },
    );
  }
  return out;
}

/** The blocking status the lot stood in at `at` (ms), placed by `by` (null: by anyone), or null; an unreadable time counts as now. */
function blockedStatusAt(l: CentralLot, at: number, by: BlockOrigin | null): LotStatus | null {
  const t = Number.isFinite(at) ? at : Number.POSITIVE_INFINITY;
  if (l.blocked) return l.blocked.find((b) => (by === null || b.by === by) && t >= Date.parse(b.from) && (b.to === null || t < Date.parse(b.to)))?.status ?? null;
  if (!BLOCKING_STATUSES.has(l.status) || l.blockedAt === null || (by !== null && (l.blockedBy ?? 'central') !== by)) return null;
  return t < Date.parse(l.blockedAt) ? null : l.status;
}

/**
 * Status a lot takes from a station event. A central block always stands over a station
 * release; a station's own block (`origin` 'station') is lifted by one. A hold never softens a
 * rejection or a recall, and a rejection never softens a recall.
 */
export function lotStatusAfter(e: { readonly type: string }, current: LotStatus | undefined, origin: BlockOrigin | null = current !== undefined && BLOCKING_STATUSES.has(current) ? 'central' : null): LotStatus | undefined {
  switch (e.type) {
    case 'lot.received':
      return current ?? 'quarantined';
    case 'lot.released':
      return current !== undefined && BLOCKING_STATUSES.has(current) && origin !== 'station' ? current : 'released';
    case 'lot.held':
      return current === 'recalled' || current === 'rejected' ? current : 'on_hold';
    case 'lot.rejected':
      return current === 'recalled' ? current : 'rejected';
    default:
      return current;
  }
}
