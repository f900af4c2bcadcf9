// Solder paste handling clock: thaw after the fridge, open (stencil) time, returns to the
// fridge and total time out of it, as a pure state machine plus a reading at a given time.
// The state keeps facts only; the limits are applied when read, so a changed parameter
// takes effect at the next scan without replaying events.
import { noteAnomaly, type ClockAnomaly } from './clock-anomaly';

const H = 3_600_000;

export interface PasteParams {
  /** Out of the fridge, closed, at least this long before opening (condensation). */
  readonly minThawMs: number;
  /** From the first opening of the jar, used within this long (fridge time included). */
  readonly maxOpenMs: number;
  /** How many times the jar may go back into the fridge after being taken out. */
  readonly maxFridgeReturns: number;
  /** Sum of all periods out of the fridge. */
  readonly maxOutOfFridgeMs: number;
}

/**
 * Defaults follow common SAC305 no-clean datasheets and plant practice: thaw ≥ 4 h sealed at
 * room temperature, use within 24 h of opening, at most one return to the fridge, and at most
 * 48 h out of the fridge in total. Items override them from their own datasheet.
 */
export const DEFAULT_PASTE_PARAMS: PasteParams = {
  minThawMs: 4 * H,
  maxOpenMs: 24 * H,
  maxFridgeReturns: 1,
  maxOutOfFridgeMs: 48 * H,
};

export type PasteEventKind = 'fridge_out' | 'open' | 'fridge_in' | 'discarded';

export interface PasteEvent {
  readonly kind: PasteEventKind;
  readonly atMs: number;
}

export interface PasteState {
  readonly inFridge: boolean;
  /** Start of the current out-of-fridge period (earliest fridge_out seen in it), for the total. */
  readonly outSinceMs: number | null;
  /** Latest fridge_out of the current period: thaw is measured from here, never from an earlier one. */
  readonly thawStartMs: number | null;
  /** Out-of-fridge time of the periods that ended. */
  readonly outTotalMs: number;
  readonly returns: number;
  readonly lidOpen: boolean;
  readonly firstOpenedAtMs: number | null;
  /** Shortest thaw at any opening (0 when opened in the fridge); null when never opened. */
  readonly minThawAtOpenMs: number | null;
  readonly lastAtMs: number | null;
  /** Emptied or scrapped: for good (an act recorded after it moves the clock, never the jar back to use). */
  readonly discardedAtMs: number | null;
  readonly anomalies: readonly ClockAnomaly[];
  readonly irregular: number;
}

/** A jar as received: in the fridge, sealed. */
export function pasteInit(): PasteState {
  return { inFridge: true, outSinceMs: null, thawStartMs: null, outTotalMs: 0, returns: 0, lidOpen: false, firstOpenedAtMs: null, minThawAtOpenMs: null, lastAtMs: null, discardedAtMs: null, anomalies: [], irregular: 0 };
}

function flag(s: PasteState, kind: ClockAnomaly['kind'], event: PasteEventKind, atMs: number, irregular: boolean): PasteState {
  return { ...s, anomalies: noteAnomaly(s.anomalies, { kind, event, atMs, irregular }), irregular: s.irregular + (irregular ? 1 : 0) };
}

/** Applies one event in log order; out-of-order times are clamped and flagged, never refused. */
export function pasteApply(state: PasteState, ev: PasteEvent): PasteState {
  let s = state;
  let t = ev.atMs;
  if (!Number.isFinite(t)) return flag(s, 'out_of_order', ev.kind, s.lastAtMs ?? 0, true);
  if (s.lastAtMs !== null && t < s.lastAtMs) {
    s = flag(s, 'out_of_order', ev.kind, t, true);
    t = s.lastAtMs!;
  }
  s = { ...s, lastAtMs: t };
  switch (ev.kind) {
    case 'fridge_out':
      if (!s.inFridge) return { ...flag(s, 'duplicate', ev.kind, t, false), thawStartMs: t };
      return { ...s, inFridge: false, outSinceMs: t, thawStartMs: t };
    case 'fridge_in':
      if (s.inFridge) return flag(s, 'close_without_open', ev.kind, t, true);
      return { ...s, inFridge: true, outTotalMs: s.outTotalMs + Math.max(0, t - (s.outSinceMs ?? t)), outSinceMs: null, thawStartMs: null, returns: s.returns + 1, lidOpen: false };
    case 'open': {
      if (s.lidOpen) return flag(s, 'duplicate', ev.kind, t, false);
      if (s.inFridge) s = flag(s, 'open_while_in_fridge', ev.kind, t, true);
      const thawed = s.inFridge || s.thawStartMs === null ? 0 : Math.max(0, t - s.thawStartMs);
      return {
        ...s,
        lidOpen: true,
        firstOpenedAtMs: s.firstOpenedAtMs ?? t,
        minThawAtOpenMs: s.minThawAtOpenMs === null ? thawed : Math.min(s.minThawAtOpenMs, thawed),
      };
    }
    case 'discarded':
      if (s.discardedAtMs !== null) return flag(s, 'duplicate', ev.kind, t, false);
      return { ...s, discardedAtMs: t };
    default: {
      const never: never = ev.kind;
      return never;
    }
  }
}

export type PasteProblem = 'discarded' | 'not_thawed' | 'opened_before_thaw' | 'open_time_exceeded' | 'returns_exceeded' | 'out_of_fridge_exceeded';

export type PastePhase = 'in_fridge' | 'thawing' | 'ready' | 'open' | 'discarded';

export interface PasteReading {
  readonly phase: PastePhase;
  readonly thawedMs: number;
  readonly thawRemainingMs: number;
  readonly openMs: number | null;
  readonly openRemainingMs: number | null;
  readonly outOfFridgeMs: number;
  readonly outRemainingMs: number;
  readonly returns: number;
  /** Shortest thaw at an opening, when it was shorter than the minimum. */
  readonly thawAtEarlyOpenMs: number | null;
  /** Hard limits broken at `nowMs`, in the order the verdict lists them. */
  readonly problems: readonly PasteProblem[];
  readonly irregular: number;
  readonly lastAnomaly: ClockAnomaly | null;
}

export function pasteStatus(state: PasteState, params: PasteParams, nowMs: number): PasteReading {
  const t = state.lastAtMs !== null && nowMs < state.lastAtMs ? state.lastAtMs : nowMs;
  const thawedMs = state.inFridge || state.thawStartMs === null ? 0 : Math.max(0, t - state.thawStartMs);
  const outOfFridgeMs = state.outTotalMs + (state.inFridge || state.outSinceMs === null ? 0 : Math.max(0, t - state.outSinceMs));
  const openMs = state.firstOpenedAtMs === null ? null : Math.max(0, t - state.firstOpenedAtMs);
  const early = state.minThawAtOpenMs !== null && state.minThawAtOpenMs < params.minThawMs ? state.minThawAtOpenMs : null;
  const problems: PasteProblem[] = [];
  // A discarded jar is refused for that alone: its other limits no longer matter.
  if (state.discardedAtMs !== null) problems.push('discarded');
  else if (early !== null) problems.push('opened_before_thaw');
  // A jar opened after a full thaw stays usable while out; one in the fridge never is.
  else if (state.inFridge || (!state.lidOpen && thawedMs < params.minThawMs)) problems.push('not_thawed');
  if (state.discardedAtMs === null) {
    if (openMs !== null && openMs >= params.maxOpenMs) problems.push('open_time_exceeded');
    if (state.returns > params.maxFridgeReturns) problems.push('returns_exceeded');
    if (outOfFridgeMs >= params.maxOutOfFridgeMs) problems.push('out_of_fridge_exceeded');
  }
  const phase: PastePhase = state.discardedAtMs !== null ? 'discarded' : state.inFridge ? 'in_fridge' : state.lidOpen ? 'open' : thawedMs >= params.minThawMs ? 'ready' : 'thawing';
  return {
    phase,
    thawedMs,
    thawRemainingMs: Math.max(0, params.minThawMs - thawedMs),
    openMs,
    openRemainingMs: openMs === null ? null : Math.max(0, params.maxOpenMs - openMs),
    outOfFridgeMs,
    outRemainingMs: Math.max(0, params.maxOutOfFridgeMs - outOfFridgeMs),
    returns: state.returns,
    thawAtEarlyOpenMs: early,
    problems,
    irregular: state.irregular,
    lastAnomaly: state.anomalies.length > 0 ? state.anomalies[state.anomalies.length - 1]! : null,
  };
}
