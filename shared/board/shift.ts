// Shifts: three windows of a local day by the wall clock (early 06–14, late 14–22, night
// 22–06 into the next day). The floor's zone is given — an IANA name, or a fixed offset in
// minutes east of UTC — so the report does not depend on the server's time zone.
import { isTimeZone, offsetText, zonedInstant } from '../clock/zone';

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

/**
 * Where a shift report's zone came from: the request (`request`, or `offset` for the minutes older
 * clients send), the zone the line's stations report (`stations`), the server's setting
 * (`setting`, `lotline server --tz`), or the server's own zone (`server`).
 */
export type ShiftZoneSource = 'request' | 'offset' | 'stations' | 'setting' | 'server';

export interface ShiftZone {
  /** The IANA zone the window follows and times print in; for an offset request, the offset ("UTC-06:00"). */
  readonly name: string;
  readonly source: ShiftZoneSource;
  /** The distinct zones the line's stations last reported, sorted; more than one is a disagreement the board shows. */
  readonly stations: readonly string[];
}

/**
 * Each station's zone in force after its `station.configured` payloads, given in log order: a
 * `timeZone` sets it, null clears it, an absent key (enrollment, demo load) keeps it.
 */
export function configuredZones(events: Iterable<{ readonly stationId: string; readonly payload: unknown }>): Map<string, string | null> {
  const zones = new Map<string, string | null>();
  for (const e of events) {
    const p = e.payload;
    if (typeof p !== 'object' || p === null || !('timeZone' in p)) continue;
    const z = (p as { timeZone: unknown }).timeZone;
    // A zone this server's ICU does not know cannot draw a window; it counts as none rather than failing the report.
    zones.set(e.stationId, typeof z === 'string' && isTimeZone(z) ? z : null);
  }
  return zones;
}

/**
 * The plant zone of a report nobody gave a zone for. The stations' zone wins when they agree,
 * because a station's zone is what its own printed reports already use and one server may serve
 * plants in several zones; when they disagree (or report none) no station is the plant, and the
 * server's setting — else its own zone — decides, with the disagreement kept for the board to show.
 */
export function plantZone(stationZones: Iterable<string | null>, setting: string | undefined, serverZone: string): ShiftZone {
  const stations = [...new Set([...stationZones].filter((z): z is string => z !== null))].sort();
  if (stations.length === 1) return { name: stations[0]!, source: 'stations', stations };
  if (setting !== undefined) return { name: setting, source: 'setting', stations };
  return { name: serverZone, source: 'server', stations };
}

/** The zone a request named, if it named one: an IANA zone, or (older clients) minutes east of UTC. */
export function askedZone(asked: number | string | undefined): ShiftZone | undefined {
  if (typeof asked === 'number') return { name: offsetText(asked), source: 'offset', stations: [] };
  if (typeof asked === 'string') return { name: asked, source: 'request', stations: [] };
  return undefined;
}
