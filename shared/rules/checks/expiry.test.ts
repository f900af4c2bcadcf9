import { describe, expect, it } from 'vitest';
import { codesOf, DAY, envFor, HOUR, lotFacts, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import { plantClock, type RulesConfig } from '../config';
import { checkExpiry, expiryEndMs } from './expiry';

describe('checkExpiry (warn window 30 days by default)', () => {
  it.each<[string, string | undefined, number, string[], object?]>([
    ['no expiry', undefined, T0, []],
    ['a year left', '2027-03-02', T0, []],
    ['31 days left', '2026-04-01', T0, []],
    ['10 days left', '2026-03-11', T0, ['lot_expiring_soon'], { daysLeft: 10 }],
    ['last day of use, morning', '2026-03-02', T0, ['lot_expiring_soon'], { daysLeft: 1 }],
    ['the day after', '2026-03-01', T0, ['lot_expired']],
    ['12 days past', '2026-02-18', T0, ['lot_expired'], { expiry: '2026-02-18' }],
    ['unreadable date counts as expired', '2026-02-30x', T0, ['lot_expired']],
  ])('%s', (_, expiry, now, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', ...(expiry ? { expiry } : {}) })]);
    const r = checkExpiry(envFor(s, 'E1', {}, now));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r?.params).toMatchObject(params);
  });

  it.each([
    ['UTC plant', 0, Date.parse('2026-03-03T00:00:00Z')],
    ['plant at UTC+2 ends its day two hours earlier in UTC', 120, Date.parse('2026-03-02T22:00:00Z')],
    ['plant at UTC-6', -360, Date.parse('2026-03-03T06:00:00Z')],
  ])('expiry end: %s', (_, offset, end) => expect(expiryEndMs('2026-03-02', offset)).toBe(end));

  it('the window is configurable', () => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', expiry: '2026-03-11' })], { expiryWarnDays: 5 });
    expect(checkExpiry(envFor(s, 'E1', {}, T0))).toBeNull();
    expect(codesOf(checkExpiry(envFor(s, 'E1', {}, T0 + 6 * DAY - HOUR)))).toEqual(['lot_expiring_soon']);
  });
});

describe('expiry days in the station\'s time zone (IANA, DST-correct)', () => {
  const at = Date.parse;
  it.each([
    ['Berlin, an ordinary winter day: CET midnight', '2026-03-28', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['Berlin, the spring-forward day is 23 hours: CEST midnight', '2026-03-29', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['Berlin, the day before fall-back: CEST midnight', '2026-10-24', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['Berlin, the fall-back day is 25 hours: CET midnight', '2026-10-25', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['Chicago, the day before spring-forward: CST midnight', '2026-03-07', 'America/Chicago', '2026-03-08T06:00:00.000Z'],
    ['Chicago, the spring-forward day: CDT midnight', '2026-03-08', 'America/Chicago', '2026-03-09T05:00:00.000Z'],
    ['Chicago, the fall-back day: CST midnight', '2026-11-01', 'America/Chicago', '2026-11-02T06:00:00.000Z'],
    ['UTC by name is UTC by offset', '2026-03-02', 'UTC', '2026-03-03T00:00:00.000Z'],
  ])('expiry end: %s', (_, expiry, zone, end) => {
    expect(new Date(expiryEndMs(expiry, zone)).toISOString()).toBe(end);
    // The date as parsed when the lot was recorded (UTC midnight ms) ends at the same instant.
    expect(new Date(expiryEndMs(Date.parse(`${expiry}T00:00:00Z`), zone)).toISOString()).toBe(end);
  });

  it.each([
    ['offset', 60, 'Europe/Berlin', 60],
    ['station', 60, 'Europe/Berlin', 'Europe/Berlin'],
    ['offset', 0, 'America/Monterrey', 0],
  ] as const)('plantClock: clock %s, offset %d, station zone %s → %j', (expiryClock, utcOffsetMinutes, stationZone, want) =>
    expect(plantClock({ expiryClock, utcOffsetMinutes, stationZone })).toBe(want));

  // A lot expiring on the night the clocks change, scanned around the plant's midnight.
  const BER = { expiryClock: 'station', stationZone: 'Europe/Berlin' } as const;
  it.each<[string, string, number, Partial<RulesConfig>, string[]]>([
    ['spring-forward day, 00:30 CEST the next morning, station zone: expired', '2026-03-29', at('2026-03-29T22:30:00Z'), BER, ['lot_expired']],
    ['… the same scan on the winter offset the plant signed (+60): still its last day', '2026-03-29', at('2026-03-29T22:30:00Z'), { utcOffsetMinutes: 60 }, ['lot_expiring_soon']],
    ['spring-forward day, 23:30 CEST, station zone: still usable', '2026-03-29', at('2026-03-29T21:30:00Z'), BER, ['lot_expiring_soon']],
    ['fall-back day, 23:30 CET (its 25th hour), station zone: still usable', '2026-10-25', at('2026-10-25T22:30:00Z'), BER, ['lot_expiring_soon']],
    ['… the same scan on the summer offset the plant signed (+120): refused an hour early', '2026-10-25', at('2026-10-25T22:30:00Z'), { utcOffsetMinutes: 120 }, ['lot_expired']],
    ['fall-back day, 00:30 CET the next morning, station zone: expired', '2026-10-25', at('2026-10-25T23:30:00Z'), BER, ['lot_expired']],
    ['the day before fall-back, 00:30 CEST on the 25th, station zone: expired', '2026-10-24', at('2026-10-24T22:30:00Z'), BER, ['lot_expired']],
    ['Chicago fall-back night, 23:30 CST on 1 November, station zone: still usable', '2026-11-01', at('2026-11-02T05:30:00Z'), { expiryClock: 'station', stationZone: 'America/Chicago' }, ['lot_expiring_soon']],
    ['… the same scan on the summer offset (-300): expired', '2026-11-01', at('2026-11-02T05:30:00Z'), { utcOffsetMinutes: -300 }, ['lot_expired']],
    // Settings signed before zones (no expiryClock): the station's zone changes nothing.
    ['never signed a clock: the offset decides, whatever the station zone', '2026-03-29', at('2026-03-29T22:30:00Z'), { stationZone: 'Europe/Berlin' }, ['lot_expiring_soon']],
    ['never signed a clock, +60 signed, Chicago station: still +60', '2026-03-29', at('2026-03-29T23:30:00Z'), { utcOffsetMinutes: 60, stationZone: 'America/Chicago' }, ['lot_expired']],
  ])('%s', (_, expiry, now, config, codes) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', expiry })], config);
    expect(codesOf(checkExpiry(envFor(s, 'E1', {}, now)))).toEqual(codes);
  });

  // Days of use left, today included, counted in the plant's calendar days: around a clock
  // change a day is 23 or 25 hours, and hours / 24 would miscount them.
  it.each<[string, string, number, Partial<RulesConfig>, string[], number?]>([
    ['Berlin, 00:30 CEST on the fall-back day, expiry the day after: today and tomorrow', '2026-10-26', at('2026-10-24T22:30:00Z'), BER, ['lot_expiring_soon'], 2],
    ['… the same scan on the summer offset signed before zones (+120): 47.5 hours, two days as before', '2026-10-26', at('2026-10-24T22:30:00Z'), { utcOffsetMinutes: 120 }, ['lot_expiring_soon'], 2],
    ['Berlin, 23:30 CET the night before spring-forward, expiry two days on: today, the 23-hour day and the last', '2026-03-30', at('2026-03-28T22:30:00Z'), BER, ['lot_expiring_soon'], 3],
    ['Berlin, 00:30 CET on the spring-forward day, expiry the next day: today and tomorrow', '2026-03-30', at('2026-03-28T23:30:00Z'), BER, ['lot_expiring_soon'], 2],
    ['Chicago, 23:30 CDT before fall-back, last day of use tomorrow', '2026-11-01', at('2026-11-01T04:30:00Z'), { expiryClock: 'station', stationZone: 'America/Chicago' }, ['lot_expiring_soon'], 2],
    ['Berlin, the warning window is counted in days too: 30 days left warns, 31 do not', '2026-11-23', at('2026-10-24T22:30:00Z'), BER, ['lot_expiring_soon'], 30],
    ['… 31 calendar days left: no warning yet', '2026-11-24', at('2026-10-24T22:30:00Z'), BER, []],
  ])('days left: %s', (_, expiry, now, config, codes, daysLeft) => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'E1', itemId: 'CAP-100N', expiry })], config);
    const r = checkExpiry(envFor(s, 'E1', {}, now));
    expect(codesOf(r)).toEqual(codes);
    if (daysLeft !== undefined) expect(r?.params).toMatchObject({ daysLeft });
  });
});
