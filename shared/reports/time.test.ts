// Tables for the one function every report prints its times with.
import { describe, expect, it } from 'vitest';
import { TimeZoneError } from '../clock/zone';
import { printedTime } from './time';

describe('printedTime in a zone', () => {
  it.each([
    ['UTC keeps the old output exactly', '2026-11-20T10:11:12.345Z', 'UTC', '2026-11-20 10:11:12 UTC'],
    ['UTC by default', '2026-11-20T12:11:12+02:00', undefined, '2026-11-20 10:11:12 UTC'],
    ['Etc/UTC is UTC', '2026-11-20T10:11:12Z', 'Etc/UTC', '2026-11-20 10:11:12 UTC'],
    ['Monterrey, no DST since 2022', '2026-11-20T10:11:12Z', 'America/Monterrey', '2026-11-20 04:11:12 CST (UTC-06:00)'],
    ['Monterrey in July is still CST', '2026-07-20T10:11:12Z', 'America/Monterrey', '2026-07-20 04:11:12 CST (UTC-06:00)'],
    ['Munich in winter', '2026-11-20T10:11:12Z', 'Europe/Berlin', '2026-11-20 11:11:12 CET (UTC+01:00)'],
    ['Munich in summer', '2026-07-20T10:11:12Z', 'Europe/Berlin', '2026-07-20 12:11:12 CEST (UTC+02:00)'],
    ['the local date differs from the UTC date', '2026-11-20T02:00:00Z', 'America/Chicago', '2026-11-19 20:00:00 CST (UTC-06:00)'],
    ['a half-hour zone without an English abbreviation', '2026-11-20T10:11:12Z', 'Asia/Kolkata', '2026-11-20 15:41:12 (UTC+05:30)'],
    ['London at offset 0 is not UTC', '2026-11-20T10:11:12Z', 'Europe/London', '2026-11-20 10:11:12 GMT (UTC+00:00)'],
    ['case is resolved', '2026-11-20T10:11:12Z', 'america/monterrey', '2026-11-20 04:11:12 CST (UTC-06:00)'],
    ['no time', null, 'Europe/Berlin', ''],
    ['not a time is returned as given', 'soon', 'Europe/Berlin', 'soon'],
  ])('%s', (_, iso, zone, want) => expect(printedTime(iso, zone)).toBe(want));

  it.each([
    // US spring-forward 2026-03-08: 01:59:59 EST is followed by 03:00:00 EDT.
    ['New York spring-forward, before', '2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08 01:59:59 EST (UTC-05:00)'],
    ['New York spring-forward, after', '2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08 03:00:00 EDT (UTC-04:00)'],
    // EU spring-forward 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST.
    ['Berlin spring-forward, before', '2026-03-29T00:59:59Z', 'Europe/Berlin', '2026-03-29 01:59:59 CET (UTC+01:00)'],
    ['Berlin spring-forward, after', '2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29 03:00:00 CEST (UTC+02:00)'],
  ])('%s', (_, iso, zone, want) => expect(printedTime(iso, zone)).toBe(want));

  it.each([
    // Two instants an hour apart that both read 01:30 on the wall: the offset tells them apart.
    ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-01 01:30:00 EDT (UTC-04:00)', '2026-11-01 01:30:00 EST (UTC-05:00)'],
    ['Europe/Berlin', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25 02:30:00 CEST (UTC+02:00)', '2026-10-25 02:30:00 CET (UTC+01:00)'],
  ])('fall-back hour in %s: same wall time, different offsets', (zone, first, second, wantFirst, wantSecond) => {
    const a = printedTime(first, zone);
    const b = printedTime(second, zone);
    expect([a, b]).toEqual([wantFirst, wantSecond]);
    expect(a.slice(0, 19)).toBe(b.slice(0, 19));
    expect(a).not.toBe(b);
  });

  it.each(['Mars/Olympus', 'America/Monterey', '', 'UTC+2'])('refuses %j', (zone) => expect(() => printedTime('2026-11-20T10:11:12Z', zone)).toThrow(TimeZoneError));
});
