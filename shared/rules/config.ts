// Station-wide rule settings with their documented defaults; per-item parameters (paste,
// MSL time on label) live on the item, because the datasheet that sets them is per part.
import type { Role } from '../domain/roles';
import { DEFAULT_PASTE_PARAMS, type PasteParams } from './solder-paste';

const H = 3_600_000;

export type FifoMode = 'off' | 'warn' | 'reject';
/** `received`: first in, first out. `expiry`: first expiring, first out (ties by receipt). */
export type FifoOrder = 'received' | 'expiry';

export interface FifoConfig {
  readonly mode: FifoMode;
  readonly order: FifoOrder;
  /** Who may sign an override of a FIFO finding; the runtime collects the signature and reason. */
  readonly overrideRole: Role;
}

/**
 * Which clock decides the calendar day a lot expires on. `offset`: a fixed utcOffsetMinutes, as
 * every rule setting signed before station time zones existed — it never moves with DST, so a
 * plant on summer time decides an hour off half the year. `station`: the station's IANA time
 * zone (the one its reports print in), DST-correct. A store keeps `offset` until an
 * administrator signs `station`: switching by itself would move verdicts nobody approved.
 */
export type ExpiryClock = 'offset' | 'station';

/** A plant clock as the rules read it: minutes east of UTC (fixed) or an IANA zone. */
export type PlantClock = number | string;

export interface RulesConfig {
  /** WARN when a lot's last day of use is fewer than this many days away. */
  readonly expiryWarnDays: number;
  /** Plant time, minutes east of UTC: an expiry date is the last day of use in plant time (with expiryClock `offset`). */
  readonly utcOffsetMinutes: number;
  readonly expiryClock: ExpiryClock;
  /**
   * The station's IANA zone in force (its setting, else the computer's), kept current by the
   * runtime — never part of a rules event: it is the station's setting, signed there.
   */
  readonly stationZone: string;
  /** WARN when MSL floor life left is under this (default 8 h: less than one shift). */
  readonly mslWarnMs: number;
  /** WARN when solder paste's nearest limit (open time, time out of the fridge) is under this. */
  readonly pasteWarnMs: number;
  readonly fifo: FifoConfig;
  /** Paste parameters for items that do not set their own. */
  readonly paste: PasteParams;
}

export const DEFAULT_RULES_CONFIG: RulesConfig = {
  expiryWarnDays: 30,
  utcOffsetMinutes: 0,
  expiryClock: 'offset',
  stationZone: 'UTC',
  mslWarnMs: 8 * H,
  pasteWarnMs: 2 * H,
  fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' },
  paste: DEFAULT_PASTE_PARAMS,
};

/** Who may be the one to sign an override of a FIFO REJECT: an operator overriding the rule meant to hold them would make it no rule. */
export const OVERRIDE_ROLES = ['supervisor', 'qa'] as const satisfies readonly Role[];

/** The clock expiry days are counted on under these settings. */
export function plantClock(c: Pick<RulesConfig, 'expiryClock' | 'utcOffsetMinutes' | 'stationZone'>): PlantClock {
  return c.expiryClock === 'station' ? c.stationZone : c.utcOffsetMinutes;
}
