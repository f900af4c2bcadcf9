// Tables for the zone arithmetic: which names are zones, offsets, and wall times to instants.
import { describe, expect, it } from 'vitest';
import { checkTimeZone, isTimeZone, offsetText, readUtcOffsetMinutes, TimeZoneError, utcOffsetMinutes, zonedInstant } from './zone';

describe('zone names', () => {
  it.each(['Mars/Olympus', 'America/Monterey', '', '   ', '+05:00', 'UTC+2', 'x'.repeat(80)])('refuses %j with a message naming it', (zone) => {
    expect(() => checkTimeZone(zone)).toThrow(TimeZoneError);
    expect(() => checkTimeZone(zone)).toThrow(`"${zone}" is not a known IANA time zone`);
    expect(isTimeZone(zone)).toBe(false);
  });

  it.each([
    ['America/Monterrey', 'America/Monterrey'],
    [' europe/berlin ', 'Europe/Berlin'],
    ['UTC', 'UTC'],
  ])('checkTimeZone(%j) = %s', (zone, want) => expect(checkTimeZone(zone)).toBe(want));
});

describe('offsets and local wall times', () => {
  it.each([
    [-360, 'UTC-06:00'],
    [330, 'UTC+05:30'],
    [0, 'UTC+00:00'],
    [-570, 'UTC-09:30'],
  ])('offsetText(%d) = %s', (m, want) => expect(offsetText(m)).toBe(want));

  it.each([
    ['2026-11-20T10:00:00Z', 'America/Monterrey', -360],
    ['2026-07-01T10:00:00Z', 'Europe/Berlin', 120],
    ['2026-07-01T10:00:00Z', 'UTC', 0],
  ])('utcOffsetMinutes(%s, %s) = %d', (iso, zone, want) => expect(utcOffsetMinutes(Date.parse(iso), zone)).toBe(want));

  it.each([
    // Transitions of whole hours, at half-hour offsets, of half an hour, and in a :45 zone.
    ['America/Chicago', '2026-03-08T07:00:00Z'],
    ['America/Chicago', '2026-11-01T06:00:00Z'],
    ['America/St_Johns', '2026-03-08T05:30:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Asia/Kathmandu', '2026-01-01T00:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
  ])('the remembered offset in %s equals Intl\'s at every second around %s, asked in any order', (zone, around) => {
    const at = Date.parse(around);
    // Seconds from two hours before to two hours after, visited out of order so a remembered
    // minute is asked again from its other end.
    const seconds = Array.from({ length: 4 * 3600 + 1 }, (_, i) => at - 2 * 3600_000 + i * 1000);
    const order = [...seconds.filter((_, i) => i % 2 === 1).reverse(), ...seconds.filter((_, i) => i % 2 === 0)];
    const wrong = order.filter((ms) => utcOffsetMinutes(ms, zone) !== readUtcOffsetMinutes(ms, zone));
    expect(wrong.map((ms) => new Date(ms).toISOString())).toEqual([]);
    // The window holds a change (Kathmandu, which has none, checks the steady case).
    expect(new Set(seconds.map((ms) => readUtcOffsetMinutes(ms, zone))).size).toBe(zone === 'Asia/Kathmandu' ? 1 : 2);
  });

  it.each([
    ['an ordinary day', '2026-11-20', 6 * 60, 'America/Monterrey', '2026-11-20T12:00:00.000Z'],
    ['past midnight into the next day', '2026-11-20', 30 * 60, 'Europe/Berlin', '2026-11-21T05:00:00.000Z'],
    ['the day after spring-forward', '2026-03-09', 6 * 60, 'America/New_York', '2026-03-09T10:00:00.000Z'],
    ['later on the spring-forward day', '2026-03-08', 14 * 60, 'America/New_York', '2026-03-08T18:00:00.000Z'],
    ['a wall time skipped by spring-forward moves an hour on', '2026-03-08', 150, 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['a fall-back wall time is its first instant', '2026-11-01', 90, 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['later on the fall-back day', '2026-11-01', 14 * 60, 'America/New_York', '2026-11-01T19:00:00.000Z'],
    ['UTC', '2026-11-20', 22 * 60, 'UTC', '2026-11-20T22:00:00.000Z'],
  ])('zonedInstant: %s', (_, date, minutes, zone, want) => expect(new Date(zonedInstant(date, minutes, zone)).toISOString()).toBe(want));
});
