// Times as printed on reports and the time zone they are printed in. One pure function for
// the station's PDFs, the CLI and the central server's shift report, so a time reads the same
// wherever it is printed. Intl only (no I/O): the zone database is the one ICU ships with.

/** The zone today's reports were printed in; printing in it keeps that exact output. */
export const UTC_ZONE = 'UTC';

/** Thrown for a name Intl does not know as a time zone; the message names the bad value. */
export class TimeZoneError extends RangeError {
  constructor(readonly zone: string) {
    super(`"${zone}" is not a known IANA time zone (e.g. America/Monterrey, Europe/Berlin, UTC)`);
    this.name = 'TimeZoneError';
  }
}

/**
 * The zone's canonical spelling (Intl resolves case: "america/monterrey" → "America/Monterrey"),
 * or a TimeZoneError. Offsets like "+05:00" are refused: a fixed offset cannot follow DST.
 */
export function checkTimeZone(zone: string): string {
  const z = zone.trim();
  if (z === '' || z.length > 64 || /^[+-]/.test(z)) throw new TimeZoneError(zone);
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone;
  } catch {
    throw new TimeZoneError(zone);
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the process (or browser) this code runs in; "UTC" when Intl cannot say. */
export function processTimeZone(): string {
  const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return z && isTimeZone(z) ? z : UTC_ZONE;
}

/**
 * The zone a report prints in: the one asked for (a CLI option, an API input), else the one
 * configured for the station, else the process's. Each is checked; an unknown one throws.
 */
export function reportZone(configured: string | null | undefined, asked?: string): string {
  if (asked !== undefined) return checkTimeZone(asked);
  return configured ? checkTimeZone(configured) : processTimeZone();
}

/** True for the names of UTC itself (not for zones that merely sit at offset 0, like London in winter). */
export const isUtcZone = (zone: string) => ['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].includes(zone);

interface ZoneFormat {
  readonly utc: boolean;
  readonly wall: Intl.DateTimeFormat;
  readonly offset: Intl.DateTimeFormat;
  readonly abbrev: readonly Intl.DateTimeFormat[];
}
// A DHR prints hundreds of times; building a DateTimeFormat is the costly part, so one per zone.
const formats = new Map<string, ZoneFormat>();
function zoneFormat(zone: string): ZoneFormat {
  let f = formats.get(zone);
  if (!f) {
    const timeZone = checkTimeZone(zone);
    f = {
      utc: isUtcZone(timeZone),
      wall: new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
      offset: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
      // en-US knows CST/EST, en-GB knows CET/CEST/BST; either may answer "GMT+2" instead.
      abbrev: ['en-US', 'en-GB'].map((l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: 'short' })),
    };
    formats.set(zone, f);
  }
  return f;
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';

/** Minutes east of UTC in `zone` at instant `ms` (Monterrey in winter: -360). */
export function utcOffsetMinutes(ms: number, zone: string): number {
  const name = part(zoneFormat(zone).offset.formatToParts(ms), 'timeZoneName'); // "GMT-06:00", "GMT+05:30" or "GMT"
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "UTC-06:00": ASCII minus, because the PDF's standard fonts print WinAnsi only. */
export function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * A time as printed on reports, to the second. In UTC exactly as reports always printed it
 * ("2026-11-20 10:11:12 UTC"); in any other zone the local wall time with its abbreviation
 * where English has one and always the UTC offset in force at that instant
 * ("2026-11-20 04:11:12 CST (UTC-06:00)"), so the two instants of a DST fall-back hour that
 * share a wall time still print differently. Not a time: returned as given.
 */
export function printedTime(iso: string | null | undefined, zone: string = UTC_ZONE): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const f = zoneFormat(zone);
  if (f.utc) return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const p = f.wall.formatToParts(ms);
  const wall = `${part(p, 'year')}-${part(p, 'month')}-${part(p, 'day')} ${part(p, 'hour')}:${part(p, 'minute')}:${part(p, 'second')}`;
  const abbrev = f.abbrev.map((x) => part(x.formatToParts(ms), 'timeZoneName')).find((a) => /^[A-Z]{2,5}$/.test(a) && a !== 'UTC');
  const offset = offsetText(utcOffsetMinutes(ms, zone));
  return abbrev ? `${wall} ${abbrev} (${offset})` : `${wall} (${offset})`;
}

/**
 * The instant at which the wall clock in `zone` reads `date` (YYYY-MM-DD) plus `minutes`
 * after its midnight (may run past 24 h into the next day). In a spring-forward gap the wall
 * time does not exist and the earlier offset is used (02:30 → 03:30); in a fall-back hour
 * the first of the two instants is taken.
 */
export function zonedInstant(date: string, minutes: number, zone: string): number {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(midnight)) throw new RangeError(`not a date: ${date}`);
  const wallAsUtc = midnight + minutes * 60_000;
  // The offset before the wall time, then re-checked at the guessed instant: two passes settle it.
  const before = utcOffsetMinutes(wallAsUtc - 86_400_000, zone);
  const guess = wallAsUtc - before * 60_000;
  const at = utcOffsetMinutes(guess, zone);
  if (at === before) return guess;
  const second = wallAsUtc - at * 60_000;
  return utcOffsetMinutes(second, zone) === at ? second : guess;
}
