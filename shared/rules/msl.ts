// MSL floor life (IPC/JEDEC J-STD-033) as a pure state machine over material clock events,
// and the reading of it at a given time. Exposure counts only while the parts are out of
// dry conditions; the clock never refuses an event (the act happened), it notes anomalies.
import type { MSL_LEVELS } from '../events/types';
import { noteAnomaly, type ClockAnomaly } from './clock-anomaly';

export type MslLevel = (typeof MSL_LEVELS)[number];

const H = 3_600_000;

/**
 * Floor life at ≤ 30 °C / 60 % RH (level 1: ≤ 30 °C / 85 % RH), J-STD-033 table 5-1.
 * `null`: unlimited. Level 6 has no fixed floor life: bake before use, then the time on label.
 */
export const MSL_FLOOR_LIFE_H: Readonly<Record<MslLevel, number | null>> = {
  '1': null,
  '2': 365 * 24,
  '2a': 4 * 7 * 24,
  '3': 168,
  '4': 72,
  '5': 48,
  '5a': 24,
  '6': 0,
};

/**
 * sealed: factory dry pack, never opened. open: exposed to floor air. closed: resealed in a
 * moisture barrier bag with desiccant. dry: in a dry cabinet.
 *
 * Rule chosen (conservative): closed and dry only PAUSE the clock. J-STD-033 also allows a
 * reset after short exposures followed by desiccation (5× or 10× the exposure time); that
 * depends on cabinet RH we do not record, so only a bake resets.
 */
export type MslPhase = 'sealed' | 'open' | 'closed' | 'dry';

export type MslEventKind = 'open' | 'close' | 'dry_storage_in' | 'dry_storage_out' | 'bake';

export interface MslEvent {
  readonly kind: MslEventKind;
  readonly atMs: number;
  /** Bake only: for MSL 6, the time on label (hours) the parts may spend on the floor after this bake. */
  readonly timeOnLabelH?: number;
}

export interface MslState {
  readonly level: MslLevel;
  readonly phase: MslPhase;
  /** Exposure of closed periods; the current open period is added by `mslRemaining`. */
  readonly exposedMs: number;
  readonly openSinceMs: number | null;
  /** Latest event time applied; later events never move the clock backwards. */
  readonly lastAtMs: number | null;
  readonly bakedAtMs: number | null;
  readonly timeOnLabelMs: number | null;
  readonly anomalies: readonly ClockAnomaly[];
  /** Irregular anomalies since the last bake (a bake makes earlier exposure irrelevant). */
  readonly irregular: number;
}

export function mslInit(level: MslLevel): MslState {
  return { level, phase: 'sealed', exposedMs: 0, openSinceMs: null, lastAtMs: null, bakedAtMs: null, timeOnLabelMs: null, anomalies: [], irregular: 0 };
}

function flag(s: MslState, kind: ClockAnomaly['kind'], event: MslEventKind, atMs: number, irregular: boolean): MslState {
  return { ...s, anomalies: noteAnomaly(s.anomalies, { kind, event, atMs, irregular }), irregular: s.irregular + (irregular ? 1 : 0) };
}

function endExposure(s: MslState, t: number): number {
  return s.exposedMs + (s.openSinceMs === null ? 0 : Math.max(0, t - s.openSinceMs));
}

/**
 * Applies one event in log order. Out-of-order times are clamped to the last applied time
 * (flagged irregular). Where the record is contradictory the clock takes the reading that
 * counts more exposure, never less.
 */
export function mslApply(state: MslState, ev: MslEvent): MslState {
  let s = state;
  let t = ev.atMs;
  if (!Number.isFinite(t)) return flag(s, 'out_of_order', ev.kind, s.lastAtMs ?? 0, true);
  if (s.lastAtMs !== null && t < s.lastAtMs) {
    s = flag(s, 'out_of_order', ev.kind, t, true);
    t = s.lastAtMs!;
  }
  s = { ...s, lastAtMs: t };
  switch (ev.kind) {
    case 'open':
      if (s.phase === 'open') return flag(s, 'duplicate', ev.kind, t, false);
      // Opening straight from the dry cabinet is taking it out: exposure starts either way.
      return { ...s, phase: 'open', openSinceMs: t };
    case 'close':
      if (s.phase !== 'open') return flag(s, 'close_without_open', ev.kind, t, true);
      return { ...s, phase: 'closed', exposedMs: endExposure(s, t), openSinceMs: null };
    case 'dry_storage_in':
      if (s.phase === 'dry') return flag(s, 'duplicate', ev.kind, t, false);
      return { ...s, phase: 'dry', exposedMs: endExposure(s, t), openSinceMs: null };
    case 'dry_storage_out':
      if (s.phase === 'dry') return { ...s, phase: 'open', openSinceMs: t };
      if (s.phase === 'open') return flag(s, 'out_without_in', ev.kind, t, false);
      // Out of a cabinet it was never recorded in: it is on the floor now, so count from here.
      return { ...flag(s, 'out_without_in', ev.kind, t, false), phase: 'open', openSinceMs: t };
    case 'bake': {
      // Parts leave the oven onto the floor; a following close or dry_storage_in pauses again.
      const tol = ev.timeOnLabelH !== undefined && ev.timeOnLabelH >= 0 ? ev.timeOnLabelH * H : null;
      return { ...s, phase: 'open', exposedMs: 0, openSinceMs: t, bakedAtMs: t, timeOnLabelMs: tol, irregular: 0 };
    }
    default: {
      const never: never = ev.kind;
      return never;
    }
  }
}

export interface MslReading {
  readonly level: MslLevel;
  readonly phase: MslPhase;
  /** null: unlimited (level 1). */
  readonly floorLifeMs: number | null;
  readonly exposedMs: number;
  /** null: unlimited. Never negative; 0 when exceeded. */
  readonly remainingMs: number | null;
  readonly exceeded: boolean;
  /** Level 6 and not baked since receipt. */
  readonly bakeRequired: boolean;
  readonly irregular: number;
  readonly lastAnomaly: ClockAnomaly | null;
}

export interface MslReadOptions {
  /** Level 6 time on label from master data, used when the bake event did not carry one. */
  readonly timeOnLabelH?: number;
}

/** Floor life left at `nowMs`. A time before the last event reads as the last event's time. */
export function mslRemaining(state: MslState, nowMs: number, opts: MslReadOptions = {}): MslReading {
  const t = state.lastAtMs !== null && nowMs < state.lastAtMs ? state.lastAtMs : nowMs;
  const exposedMs = Math.max(0, endExposure(state, t));
  let floorLifeMs: number | null;
  if (state.level === '6') {
    // Without a time on label the parts get none: bake and record it, never a guessed default.
    floorLifeMs = state.timeOnLabelMs ?? (opts.timeOnLabelH !== undefined ? opts.timeOnLabelH * H : 0);
  } else {
    const h = MSL_FLOOR_LIFE_H[state.level];
    floorLifeMs = h === null ? null : h * H;
  }
  const bakeRequired = state.level === '6' && state.bakedAtMs === null;
  const remainingMs = floorLifeMs === null ? null : Math.max(0, floorLifeMs - exposedMs);
  const exceeded = floorLifeMs !== null && !bakeRequired && exposedMs >= floorLifeMs;
  return {
    level: state.level,
    phase: state.phase,
    floorLifeMs,
    exposedMs,
    remainingMs,
    exceeded,
    bakeRequired,
    irregular: state.irregular,
    lastAnomaly: state.anomalies.length > 0 ? state.anomalies[state.anomalies.length - 1]! : null,
  };
}
