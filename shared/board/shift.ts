// Shifts: three windows of a local day by the wall clock (early 06–14, late 14–22, night
// 22–06 into the next day). The floor's zone is given — an IANA name, or a fixed offset in
// minutes east of UTC — so the report does not depend on the server's time zone.
import { zonedInstant } from '../reports/time';

export const SHIFTS = { early: 6, late: 14, night: 22 } as const;
export type ShiftId = keyof typeof SHIFTS;
export const SHIFT_IDS = Object.keys(SHIFTS) as ShiftId[];

/**
 * The instants a shift runs between. `tz` is either the floor's IANA zone — the shift starts
 * and ends at its wall-clock hours, so a shift across a DST change runs 7 or 9 hours — or,
 * as older clients send it, a fixed offset in minutes east of UTC.
 */
export function shiftWindow(date: string, shift: ShiftId, tz: number | string = 0): { from: number; to: number } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  if (typeof tz === 'string') return { from: zonedInstant(date, SHIFTS[shift] * 60, tz), to: zonedInstant(date, (SHIFTS[shift] + 8) * 60, tz) };
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(midnightUtc)) throw new RangeError(`not a date: ${date}`);
  const from = midnightUtc + SHIFTS[shift] * 3_600_000 - tz * 60_000;
  return { from, to: from + 8 * 3_600_000 };
}

/** The shift (and its local date) that contains `at`. */
export function shiftAt(at: number, utcOffsetMinutes = 0): { date: string; shift: ShiftId } {
  const local = at + utcOffsetMinutes * 60_000;
  const h = new Date(local).getUTCHours();
  if (h >= SHIFTS.early && h < SHIFTS.late) return { date: new Date(local).toISOString().slice(0, 10), shift: 'early' };
  if (h >= SHIFTS.late && h < SHIFTS.night) return { date: new Date(local).toISOString().slice(0, 10), shift: 'late' };
  // Night belongs to the day it started on.
  const startDay = h >= SHIFTS.night ? local : local - 86_400_000;
  return { date: new Date(startDay).toISOString().slice(0, 10), shift: 'night' };
}
