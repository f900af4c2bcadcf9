// Shifts: three fixed eight-hour windows of a local day (early 06–14, late 14–22, night
// 22–06 into the next day). `utcOffsetMinutes` is the floor's offset from UTC (east
// positive), so the report does not depend on the server's time zone.
export const SHIFTS = { early: 6, late: 14, night: 22 } as const;
export type ShiftId = keyof typeof SHIFTS;
export const SHIFT_IDS = Object.keys(SHIFTS) as ShiftId[];

export function shiftWindow(date: string, shift: ShiftId, utcOffsetMinutes = 0): { from: number; to: number } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`date must be YYYY-MM-DD, not ${date}`);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(midnightUtc)) throw new RangeError(`not a date: ${date}`);
  const from = midnightUtc + SHIFTS[shift] * 3_600_000 - utcOffsetMinutes * 60_000;
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
