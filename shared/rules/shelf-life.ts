// A lot's expiry when the clerk gives none: the item's shelf life counted from when the
// material was made — the label's production date (GS1 AI 11) or the supplier's date code
// (MH10 9D, YYWW). A date code names a week, so counting starts on its Monday: the material may
// have been made that day, and a later start would let it be used after its real expiry.
// Weeks are ISO weeks; a supplier numbering them otherwise is up to a week off, which is why
// a date code is only read when nothing better (an expiry, a production date) is on the label.

import { utcOffsetMinutes } from '../clock/zone';
import type { PlantClock } from './config';

const DAY = 86_400_000;

export type DateCodeReading =
  | { readonly ok: true; readonly firstDay: string }
  | { readonly ok: false; readonly problem: 'format' | 'week' };

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** UTC midnight of the Monday of ISO week 1 of `year` (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/**
 * Reads a date code as `YYWW`: year 20YY, ISO week. Six digits are not read: YYYYWW and YYMMDD
 * cannot be told apart, and other forms (WWYY, a letter per month) are not guessed at.
 */
export function readDateCode(code: string): DateCodeReading {
  const m = /^(\d{2})(\d{2})$/.exec(code.trim());
  if (!m) return { ok: false, problem: 'format' };
  const year = 2000 + Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return { ok: false, problem: 'week' };
  const monday = isoWeekOneMonday(year) + (week - 1) * 7 * DAY;
  // Week 53 exists only in years whose last week's Thursday still falls in that year.
  if (week === 53 && new Date(monday + 3 * DAY).getUTCFullYear() !== year) return { ok: false, problem: 'week' };
  return { ok: true, firstDay: isoDay(monday) };
}

/** The YYWW date code of the ISO week holding `ms` (UTC). */
export function dateCodeOf(ms: number): string {
  const day = Math.floor(ms / DAY) * DAY;
  const thursday = day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY)) + 1;
  return `${String(year % 100).padStart(2, '0')}${String(week).padStart(2, '0')}`;
}

/**
 * The last day of use of material made on `madeOn` with a shelf life of `shelfLifeDays`: a
 * shelf life of one day means usable on the day it was made only. Null for a day that does not exist.
 */
export function expiryFromShelfLife(madeOn: string, shelfLifeDays: number): string | null {
  const day = Date.parse(`${madeOn}T00:00:00Z`);
  // Date.parse rolls 30 February over into March; a day that does not exist is unreadable.
  if (Number.isNaN(day) || isoDay(day) !== madeOn) return null;
  return isoDay(day + (shelfLifeDays - 1) * DAY);
}

export type ReceivedExpiry =
  /** The clerk's (or the label's) expiry decides. */
  | { readonly kind: 'given'; readonly expiry: string }
  /** Counted from the shelf life. */
  | { readonly kind: 'counted'; readonly expiry: string; readonly from: 'production_date' | 'date_code'; readonly madeOn: string }
  /** The item has no shelf life and none was given: the lot has no expiry. */
  | { readonly kind: 'none' }
  /** The item has a shelf life and nothing on the form can give its expiry. */
  | { readonly kind: 'needed'; readonly why: 'nothing' | 'date_code_unread' | 'date_code_future' | 'production_date_future' };

/**
 * What a receipt records as expiry, decided the same way by the runtime and by the form's hint.
 * `today` is the plant's calendar day: a made-on day after it is a misread, not counted from.
 * A production date, when there is one, decides over the date code.
 */
export function receivedExpiry(
  form: { readonly expiry?: string | undefined; readonly productionDate?: string | undefined; readonly dateCode?: string | undefined },
  shelfLifeDays: number | undefined,
  today: string,
): ReceivedExpiry {
  if (form.expiry) return { kind: 'given', expiry: form.expiry };
  if (shelfLifeDays === undefined) return { kind: 'none' };
  if (form.productionDate) {
    if (form.productionDate > today) return { kind: 'needed', why: 'production_date_future' };
    const expiry = expiryFromShelfLife(form.productionDate, shelfLifeDays);
    if (expiry) return { kind: 'counted', expiry, from: 'production_date', madeOn: form.productionDate };
  }
  const code = form.dateCode?.trim();
  if (!code) return { kind: 'needed', why: 'nothing' };
  const r = readDateCode(code);
  if (!r.ok) return { kind: 'needed', why: 'date_code_unread' };
  if (r.firstDay > today) return { kind: 'needed', why: 'date_code_future' };
  return { kind: 'counted', expiry: expiryFromShelfLife(r.firstDay, shelfLifeDays)!, from: 'date_code', madeOn: r.firstDay };
}

/** The plant's calendar day at `nowMs`, on a fixed offset or in an IANA zone. */
export function plantDay(nowMs: number, clock: PlantClock): string {
  return isoDay(nowMs + (typeof clock === 'number' ? clock : utcOffsetMinutes(nowMs, clock)) * 60_000);
}
