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

export interface RulesConfig {
  /** WARN when a lot's last day of use is fewer than this many days away. */
  readonly expiryWarnDays: number;
  /** Plant time zone, minutes east of UTC: an expiry date is the last day of use in plant time. */
  readonly utcOffsetMinutes: number;
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
  mslWarnMs: 8 * H,
  pasteWarnMs: 2 * H,
  fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' },
  paste: DEFAULT_PASTE_PARAMS,
};

/** Who may be the one to sign an override of a FIFO REJECT: an operator overriding the rule meant to hold them would make it no rule. */
export const OVERRIDE_ROLES = ['supervisor', 'qa'] as const satisfies readonly Role[];
