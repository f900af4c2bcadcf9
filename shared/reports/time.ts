// Times as printed on reports and the time zone they are printed in. One pure function for
// the station's PDFs, the CLI and the central server's shift report, so a time reads the same
// wherever it is printed. Intl only (no I/O); the zone arithmetic is shared/clock/zone.ts.
import { checkTimeZone, isUtcZone, offsetText, processTimeZone, utcOffsetMinutes, UTC_ZONE } from '../clock/zone';

/**
 * The zone a report prints in: the one asked for (a CLI option, an API input), else the one
 * configured for the station, else the process's. Each is checked; an unknown one throws.
 */
export function reportZone(configured: string | null | undefined, asked?: string): string {
  if (asked !== undefined) return checkTimeZone(asked);
  return configured ? checkTimeZone(configured) : processTimeZone();
}

interface ZoneFormat {
  readonly utc: boolean;
  readonly wall: Intl.DateTimeFormat;
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
      // en-US knows CST/EST, en-GB knows CET/CEST/BST; either may answer "GMT+2" instead.
      abbrev: ['en-US', 'en-GB'].map((l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: 'short' })),
    };
    formats.set(zone, f);
  }
  return f;
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';

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
