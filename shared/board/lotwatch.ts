// Which lots the supervisor must watch and why: blocked (hold, quarantine, recall),
// expiring or expired, MSL floor life or solder-paste open time close to the limit — from
// what the central data holds (a station that has not pushed its clock events yet is not
// seen). Pure: the caller passes "now".
import { MSL_LEVELS } from '../events/types';
import { mslApply, mslInit, mslRemaining, type MslEventKind } from '../rules/msl';
import { PASTE_EVENT_KINDS } from '../rules/clock-events';
import { DEFAULT_PASTE_PARAMS, pasteApply, pasteInit, pasteStatus, type PasteEventKind } from '../rules/solder-paste';
import type { LotWatchRow } from './api';

export const LOT_WATCH = {
  expiringWithinDays: 14,
  /** Share of MSL floor life (or paste open time) used that puts a lot on the watch. */
  clockWarnShare: 0.75,
} as const;

export interface LotWatchInput {
  readonly lotId: string;
  readonly itemId: string | null;
  readonly status: string;
  readonly stationId: string | null;
  readonly blockedAt: string | null;
  readonly expiry: string | null;
  readonly msl: string | null;
  readonly mslEvents: readonly { kind: string; at: string }[];
  readonly pasteEvents: readonly { kind: string; at: string }[];
  readonly lastChange: LotWatchRow['lastChange'];
}

const MSL_KINDS = new Set(['open', 'close', 'dry_storage_in', 'dry_storage_out', 'bake']);
const PASTE_KINDS = new Set<string>(PASTE_EVENT_KINDS);
const byTime = (a: { at: string }, b: { at: string }) => Date.parse(a.at) - Date.parse(b.at);

export function lotWatchRow(l: LotWatchInput, now: number, rules = LOT_WATCH): LotWatchRow | null {
  const watch: LotWatchRow['watch'][number][] = [];
  if (l.status === 'on_hold') watch.push('hold');
  if (l.status === 'quarantined') watch.push('quarantine');
  if (l.status === 'recalled') watch.push('recall');
  const usable = l.status !== 'consumed' && l.status !== 'rejected';

  let daysToExpiry: number | null = null;
  if (l.expiry && /^\d{4}-\d{2}-\d{2}$/.test(l.expiry)) {
    // A lot expires at the end of its expiry day (UTC), as the verification rule reads it.
    daysToExpiry = Math.floor((Date.parse(`${l.expiry}T00:00:00Z`) + 86_400_000 - now) / 86_400_000);
    if (usable && daysToExpiry < 0) watch.push('expired');
    else if (usable && daysToExpiry <= rules.expiringWithinDays) watch.push('expiring');
  }

  let mslUsed: number | null = null;
  if (l.msl && (MSL_LEVELS as readonly string[]).includes(l.msl) && l.mslEvents.length) {
    let s = mslInit(l.msl as (typeof MSL_LEVELS)[number]);
    for (const e of [...l.mslEvents].sort(byTime)) if (MSL_KINDS.has(e.kind)) s = mslApply(s, { kind: e.kind as MslEventKind, atMs: Date.parse(e.at) });
    const r = mslRemaining(s, now);
    if (r.floorLifeMs) mslUsed = Math.min(1, r.exposedMs / r.floorLifeMs);
    if (usable && (r.exceeded || (mslUsed !== null && mslUsed >= rules.clockWarnShare))) watch.push('msl');
  }

  let pasteOpenSince: string | null = null;
  if (l.pasteEvents.length) {
    let s = pasteInit();
    const sorted = [...l.pasteEvents].sort(byTime);
    for (const e of sorted) if (PASTE_KINDS.has(e.kind)) s = pasteApply(s, { kind: e.kind as PasteEventKind, atMs: Date.parse(e.at) });
    const r = pasteStatus(s, DEFAULT_PASTE_PARAMS, now);
    if (r.phase === 'open') pasteOpenSince = [...sorted].reverse().find((e) => e.kind === 'open')?.at ?? null;
    const openShare = r.openMs !== null && r.openRemainingMs !== null && r.openMs + r.openRemainingMs > 0 ? r.openMs / (r.openMs + r.openRemainingMs) : 0;
    // A discarded jar has left the floor: nothing of its clock to watch.
    if (usable && r.phase !== 'discarded' && (r.problems.length > 0 || openShare >= rules.clockWarnShare)) watch.push('paste');
  }

  if (!watch.length) return null;
  return {
    lotId: l.lotId,
    itemId: l.itemId,
    status: l.status,
    stationId: l.stationId,
    blockedAt: l.blockedAt,
    expiry: l.expiry,
    daysToExpiry,
    msl: l.msl,
    mslUsed,
    pasteOpenSince,
    watch,
    lastChange: l.lastChange,
  };
}
