// Time zones as Lotline reads them: IANA names checked against the zone database ICU ships
// with, a zone's UTC offset at an instant, and the instant a zone's wall clock shows a time.
// The plant's clock for rules (expiry days), reports and shift windows alike. Intl only.

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

/** True for the names of UTC itself (not for zones that merely sit at offset 0, like London in winter). */
export const isUtcZone = (zone: string) => ['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].includes(zone);

// Building a DateTimeFormat is the costly part (rules ask per scan, a DHR per line): one per zone.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
function offsetFormat(zone: string): Intl.DateTimeFormat {
  let f = offsetFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: checkTimeZone(zone), timeZoneName: 'longOffset' });
    offsetFormats.set(zone, f);
  }
  return f;
}

const offsetsByMinute = new Map<string, Map<number, number>>();

/**
 * Minutes east of UTC in `zone` at instant `ms` (Monterrey in winter: -360). Remembered per
 * zone and UTC minute: a scan's expiry check under the station clock asks four or five times,
 * and formatToParts was most of it. Exact, because a zone's offset changes at a wall-clock
 * minute, which for the whole-minute offsets read here is a UTC minute.
 */
export function utcOffsetMinutes(ms: number, zone: string): number {
  const minute = Math.floor(ms / 60_000);
  let byMinute = offsetsByMinute.get(zone);
  if (!byMinute) offsetsByMinute.set(zone, (byMinute = new Map()));
  let offset = byMinute.get(minute);
  if (offset === undefined) {
    offset = readUtcOffsetMinutes(ms, zone);
    // Bounded: a station asks about a few instants a day; a report may ask about thousands.
    if (byMinute.size >= 4096) byMinute.clear();
    byMinute.set(minute, offset);
  }
  return offset;
}

/** The offset as Intl says it, unremembered (what `utcOffsetMinutes` caches). */
export function readUtcOffsetMinutes(ms: number, zone: string): number {
  const name = offsetFormat(zone).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? ''; // "GMT-06:00", "GMT+05:30" or "GMT"
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
