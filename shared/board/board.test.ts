// Tables for the board's pure rules: staleness, Pareto, first-pass yield, availability,
// CSV escaping, shifts, the event projection and the lot watch.
import { describe, expect, it } from 'vitest';
import { canHold, canResolve, canView, ShiftQuerySchema } from './api';
import { csvField, toCsv } from './csv';
import type { StationState } from './inputs';
import { compactAge, freshness } from './freshness';
import { lotWatchRow, type LotWatchInput } from './lotwatch';
import { availability, firstPassYield, pareto, perBucket } from './metrics';
import { EMPTY_TILE, projectEvent, type BoardEvent } from './project';
import { askedZone, configuredZones, plantZone, shiftAt, shiftWindow } from './shift';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('freshness', () => {
  it.each([
    ['connected, heard now', { connected: true, lastHeardAt: ago(0), outboxOldestAt: null }, { online: true, stale: false }],
    ['connected, last push long ago (channel open: fresh)', { connected: true, lastHeardAt: ago(3_600_000), outboxOldestAt: null }, { online: true, stale: false }],
    ['not connected, pushed 30 s ago', { connected: false, lastHeardAt: ago(30_000), outboxOldestAt: null }, { online: true, stale: false }],
    ['not connected, pushed 2 min ago', { connected: false, lastHeardAt: ago(120_000), outboxOldestAt: null }, { online: false, stale: false }],
    ['not connected, silent 6 min', { connected: false, lastHeardAt: ago(360_000), outboxOldestAt: null }, { online: false, stale: true }],
    ['never heard', { connected: false, lastHeardAt: null, outboxOldestAt: null }, { online: false, stale: true }],
    ['online but 10 min of unsent events', { connected: true, lastHeardAt: ago(0), outboxOldestAt: ago(600_000) }, { online: true, stale: true }],
    ['online, 1 min of unsent events', { connected: true, lastHeardAt: ago(0), outboxOldestAt: ago(60_000) }, { online: true, stale: false }],
    ['a garbage time is never heard', { connected: false, lastHeardAt: 'yesterday', outboxOldestAt: null }, { online: false, stale: true }],
  ])('%s', (_, input, want) => {
    expect(freshness(input, NOW)).toMatchObject(want);
  });

  it.each([
    [0, { value: 0, unit: 's' }],
    [59_999, { value: 59, unit: 's' }],
    [60_000, { value: 1, unit: 'min' }],
    [3_600_000 * 5 + 1, { value: 5, unit: 'h' }],
    [86_400_000 * 3, { value: 3, unit: 'd' }],
  ])('compactAge(%d)', (ms, want) => expect(compactAge(ms)).toEqual(want));
});

describe('pareto', () => {
  it.each([
    ['empty', {}, []],
    ['zero counts dropped', { a: 0 }, []],
    ['one reason', { a: 3 }, [{ key: 'a', count: 3, share: 1, cumulative: 1 }]],
    [
      'sorted by count, ties by key, cumulative',
      { b: 1, a: 1, c: 2 },
      [
        { key: 'c', count: 2, share: 0.5, cumulative: 0.5 },
        { key: 'a', count: 1, share: 0.25, cumulative: 0.75 },
        { key: 'b', count: 1, share: 0.25, cumulative: 1 },
      ],
    ],
  ])('%s', (_, counts, want) => expect(pareto(counts)).toEqual(want));

  it('folds the tail into "other" past top N', () => {
    const bars = pareto({ a: 5, b: 4, c: 1, d: 1 }, 2);
    expect(bars.map((b) => [b.key, b.count])).toEqual([['a', 5], ['b', 4], ['other', 2]]);
    expect(bars.at(-1)!.cumulative).toBe(1);
  });
});

describe('first-pass yield', () => {
  const v = (unit: string, verdict: 'ACCEPT' | 'WARN' | 'REJECT', at: number) => ({ unit, verdict, at });
  it.each([
    ['nothing made → null, not 100 %', [], { units: 0, passed: 0, fpy: null }],
    ['all accepted', [v('a', 'ACCEPT', 1), v('b', 'ACCEPT', 2)], { units: 2, passed: 2, fpy: 1 }],
    ['reject then accept on the same unit fails first pass', [v('a', 'REJECT', 1), v('a', 'ACCEPT', 2)], { units: 1, passed: 0, fpy: 0 }],
    ['order of the input does not matter (first by time)', [v('a', 'ACCEPT', 2), v('a', 'REJECT', 1)], { units: 1, passed: 0, fpy: 0 }],
    ['a warning acknowledged passes', [v('a', 'WARN', 1), v('b', 'REJECT', 1)], { units: 2, passed: 1, fpy: 0.5 }],
    ['a later reject does not undo a first pass', [v('a', 'ACCEPT', 1), v('a', 'REJECT', 5)], { units: 1, passed: 1, fpy: 1 }],
  ])('%s', (_, facts, want) => expect(firstPassYield(facts)).toEqual(want));
});

describe('availability', () => {
  const H = 3_600_000;
  it.each([
    ['no reports: all unknown, no availability', [], null, { unknown: 8 * H }, null],
    ['running all along (state before the range)', [], 'running', { running: 8 * H }, 1],
    ['down half the planned time', [{ at: 4 * H, state: 'down' as const }], 'running', { running: 4 * H, down: 4 * H }, 0.5],
    ['idle is not planned time', [{ at: 2 * H, state: 'idle' as const }, { at: 6 * H, state: 'running' as const }], 'running', { running: 4 * H, idle: 4 * H }, 1],
    ['setup counts as planned, not running', [{ at: 0, state: 'setup' as const }, { at: 2 * H, state: 'running' as const }], null, { setup: 2 * H, running: 6 * H }, 0.75],
    ['changes after the range are ignored', [{ at: 9 * H, state: 'down' as const }], 'running', { running: 8 * H }, 1],
    ['a change before the range sets the starting state', [{ at: -H, state: 'down' as const }], 'running', { down: 8 * H }, 0],
  ])('%s', (_, changes, before, durations, want) => {
    const r = availability(changes, 0, 8 * H, before as StationState | null);
    expect(r.durations).toMatchObject(durations);
    expect(Object.values(r.durations).reduce((a, b) => a + b, 0)).toBe(8 * H);
    expect(r.availability).toBe(want);
  });

  it('an empty range has no availability', () => expect(availability([], 5, 5).availability).toBeNull());
});

describe('perBucket', () => {
  it('sums per hour and series, dropping what is outside the range', () => {
    const H = 3_600_000;
    const r = perBucket(
      [
        { at: 10, key: 'b', n: 2 },
        { at: H + 5, key: 'a', n: 3 },
        { at: H + 6, key: 'a', n: 1 },
        { at: 3 * H, key: 'a', n: 100 },
      ],
      0,
      2 * H,
    );
    expect(r.buckets).toEqual([0, H]);
    expect(r.series).toEqual([
      { key: 'a', values: [0, 4] },
      { key: 'b', values: [2, 0] },
    ]);
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['number', 12.5, '12.5'],
    ['negative number stays a number', '-3', '-3'],
    ['null → empty', null, ''],
    ['NaN → empty', Number.NaN, ''],
    ['comma quoted', 'a,b', '"a,b"'],
    ['quote doubled', 'say "hi"', '"say ""hi"""'],
    ['line break quoted', 'a\nb', '"a\nb"'],
    ['formula neutralised', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['plus formula', '+1+1', "'+1+1"],
    ['at formula', '@SUM(A1)', "'@SUM(A1)"],
    ['minus formula', '-1+2', "'-1+2"],
    ['leading space kept by quoting', ' x', '" x"'],
    ['unicode kept', 'Señal ∆', 'Señal ∆'],
  ])('%s', (_, v, want) => expect(csvField(v)).toBe(want));

  it('rows end with CRLF', () => expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n'));
});

describe('shifts', () => {
  it.each([
    ['2026-03-02', 'early' as const, 0, '2026-03-02T06:00:00.000Z', '2026-03-02T14:00:00.000Z'],
    ['2026-03-02', 'night' as const, 0, '2026-03-02T22:00:00.000Z', '2026-03-03T06:00:00.000Z'],
    ['2026-03-02', 'early' as const, 60, '2026-03-02T05:00:00.000Z', '2026-03-02T13:00:00.000Z'],
  ])('%s %s (UTC%+d)', (date, shift, tz, from, to) => {
    const w = shiftWindow(date, shift, tz);
    expect([new Date(w.from).toISOString(), new Date(w.to).toISOString()]).toEqual([from, to]);
  });
  it.each([
    ['2026-03-02T07:00:00Z', 0, { date: '2026-03-02', shift: 'early' }],
    ['2026-03-02T15:00:00Z', 0, { date: '2026-03-02', shift: 'late' }],
    ['2026-03-02T23:00:00Z', 0, { date: '2026-03-02', shift: 'night' }],
    ['2026-03-03T03:00:00Z', 0, { date: '2026-03-02', shift: 'night' }],
    ['2026-03-02T05:30:00Z', 60, { date: '2026-03-02', shift: 'early' }],
  ])('shiftAt(%s, %d)', (at, tz, want) => expect(shiftAt(Date.parse(at), tz)).toEqual(want));
  it('refuses a bad date', () => expect(() => shiftWindow('2026-3-2', 'early')).toThrow(RangeError));
  it.each([
    ['Monterrey, a winter day', '2026-11-20', 'early' as const, 'America/Monterrey', '2026-11-20T12:00:00.000Z', '2026-11-20T20:00:00.000Z'],
    ['Munich in summer', '2026-07-20', 'late' as const, 'Europe/Berlin', '2026-07-20T12:00:00.000Z', '2026-07-20T20:00:00.000Z'],
    // The night of the EU fall-back runs 22:00 CEST to 06:00 CET: nine hours on the wall clock.
    ['Munich, the fall-back night', '2026-10-24', 'night' as const, 'Europe/Berlin', '2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z'],
    // The night of the EU spring-forward runs 22:00 CET to 06:00 CEST: seven hours.
    ['Munich, the spring-forward night', '2026-03-28', 'night' as const, 'Europe/Berlin', '2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z'],
    ['UTC by name is UTC by offset', '2026-03-02', 'early' as const, 'UTC', '2026-03-02T06:00:00.000Z', '2026-03-02T14:00:00.000Z'],
  ])('in a named zone: %s', (_, date, shift, zone, from, to) => {
    const w = shiftWindow(date, shift, zone);
    expect([new Date(w.from).toISOString(), new Date(w.to).toISOString()]).toEqual([from, to]);
  });
  it.each([
    ['-360', -360],
    ['America/Monterrey', 'America/Monterrey'],
    ['europe/berlin', 'Europe/Berlin'],
    [undefined, undefined],
    ['', undefined],
  ])('the tz query %j reads as %j', (tz, want) => expect(ShiftQuerySchema.parse({ date: '2026-11-20', shift: 'early', ...(tz === undefined ? {} : { tz }) }).tz).toBe(want));
  it.each([
    ['Mars/Olympus', /"Mars\/Olympus" is not a known IANA time zone/],
    ['9999', /not an offset from UTC/],
    ['+05:00', /not a known IANA time zone/],
  ])('the tz query %j is refused', (tz, message) => {
    const r = ShiftQuerySchema.safeParse({ date: '2026-11-20', shift: 'early', tz });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });
});

describe('roles', () => {
  it.each([
    [['operator'], false, false],
    [['packer'], false, false],
    [['supervisor'], true, false],
    [['qa'], true, true],
    [['admin'], true, true],
  ])('%j: view %s, hold %s', (roles, view, hold) => {
    expect(canView(roles)).toBe(view);
    expect(canHold(roles)).toBe(hold);
  });
  it('a supervisor resolves rejects but not deviations', () => {
    expect(canResolve(['supervisor'], 'reject')).toBe(true);
    expect(canResolve(['supervisor'], 'deviation')).toBe(false);
    expect(canResolve(['qa'], 'alarm')).toBe(true);
  });
});

describe('projectEvent', () => {
  const ev = (type: string, payload: unknown, seq = 1): BoardEvent => ({ stationId: 'S', seq, type, wallTime: '2026-03-02T10:00:00.000Z', actor: 'U', payload, reason: null, signature: null });
  it('a login sets the operator, a logout clears it', () => {
    const a = projectEvent(EMPTY_TILE, ev('auth.login', { userId: 'u1', badge: 'b' })).tile;
    expect(a.operatorUserId).toBe('u1');
    expect(projectEvent(a, ev('auth.logout', { userId: 'u1', cause: 'user' })).tile.operatorUserId).toBeNull();
  });
  it('a reject verdict: last verdict, a verdict fact with its reason, an exception', () => {
    const p = projectEvent(EMPTY_TILE, ev('scan.verdict', { scanSeq: 1, workflow: 'smt.reel', verdict: 'REJECT', reasons: [{ code: 'lot_expired', severity: 'REJECT', message: 'expired' }], message: 'Lot expired', workOrderId: 'WO', slot: 'S1' }, 7));
    expect(p.tile.lastVerdict).toMatchObject({ verdict: 'REJECT', code: 'lot_expired', seq: 7 });
    expect(p.tile.workOrderId).toBe('WO');
    expect(p.facts).toEqual([expect.objectContaining({ kind: 'verdict', code: 'REJECT', reason: 'lot_expired', unit: 'smt.reel:WO:S1' })]);
    expect(p.exceptions).toEqual([expect.objectContaining({ kind: 'reject', sourceKey: 'event:S:7', title: 'lot_expired' })]);
  });
  it('a reject verdict that named no reason is counted and titled as unspecified, which the board names', () => {
    const p = projectEvent(EMPTY_TILE, ev('scan.verdict', { scanSeq: 1, workflow: 'smt.reel', verdict: 'REJECT', reasons: [], message: 'Refused' }, 8));
    expect(p.facts).toEqual([expect.objectContaining({ kind: 'verdict', code: 'REJECT', reason: 'unspecified' })]);
    expect(p.exceptions).toEqual([expect.objectContaining({ kind: 'reject', title: 'unspecified' })]);
  });
  it.each([
    ['unknown type', 'something.new', { a: 1 }],
    ['verdict without a verdict', 'scan.verdict', { reasons: [] }],
    ['verdict with a garbage payload', 'scan.verdict', 'not an object'],
    ['andon of an unknown kind', 'andon.raised', { callId: 'c', kind: 'coffee' }],
    ['state not in the list', 'station.state_changed', { state: 'dancing' }],
  ])('%s changes nothing but "last event"', (_, type, payload) => {
    const p = projectEvent(EMPTY_TILE, ev(type, payload));
    expect({ ...p.tile, lastEventAt: null }).toEqual(EMPTY_TILE);
    expect([p.facts, p.exceptions, p.andon, p.lot]).toEqual([[], [], null, null]);
  });
  it('a removed reel puts a running line back in setup; an unload leaves the station idle with no work order', () => {
    const running = projectEvent(EMPTY_TILE, ev('smt.line_started', { workOrderId: 'WO' })).tile;
    expect(running.state).toBe('running');
    const removed = projectEvent(running, ev('smt.reel_removed', { workOrderId: 'WO', lineId: 'L', slot: 'F03', lotId: 'L1', itemId: 'I', reason: 'empty', scanSeq: null }, 2));
    expect(removed.tile).toMatchObject({ state: 'setup', step: 'setup', workOrderId: 'WO' });
    expect(removed.facts).toEqual([expect.objectContaining({ kind: 'state', code: 'setup' })]);
    const unloaded = projectEvent(removed.tile, ev('smt.work_order_unloaded', { workOrderId: 'WO', lineId: 'L', revision: 'A', boards: 3, cleared: [], remaining: [] }, 3)).tile;
    expect(unloaded).toMatchObject({ state: 'idle', step: null, workOrderId: null });
  });

  it('device faults come and go', () => {
    const a = projectEvent(EMPTY_TILE, ev('device.fault', { role: 'scale', fault: 'offline', detail: 'no answer' })).tile;
    expect(a.faults.scale).toMatchObject({ fault: 'offline' });
    expect(projectEvent(a, ev('device.fault', { role: 'scale', fault: null })).tile.faults).toEqual({});
    const u = projectEvent(EMPTY_TILE, ev('print.job_uncertain', { jobId: 'J', printer: 'p', note: 'cut' }));
    expect(u.exceptions[0]).toMatchObject({ kind: 'print_uncertain' });
    expect(projectEvent(u.tile, ev('print.job_resolved', { jobId: 'J', decision: 'printed' })).tile.faults).toEqual({});
  });
  it('a state change is a fact only when the state changes', () => {
    const a = projectEvent(EMPTY_TILE, ev('station.state_changed', { state: 'running' }));
    expect(a.facts).toHaveLength(1);
    expect(projectEvent(a.tile, ev('station.state_changed', { state: 'running' })).facts).toHaveLength(0);
  });
  it('boards recorded count as output; an unbalanced reconciliation is an exception', () => {
    expect(projectEvent(EMPTY_TILE, ev('smt.boards_recorded', { workOrderId: 'WO', serials: ['a', 'b'] })).facts[0]).toMatchObject({ kind: 'output', n: 2, workOrderId: 'WO' });
    expect(projectEvent(EMPTY_TILE, ev('label.reconciled', { lotId: 'L', balanced: false, issued: 3, applied: 1, voided: 1 })).exceptions[0]).toMatchObject({ kind: 'reconciliation', lotId: 'L' });
    expect(projectEvent(EMPTY_TILE, ev('label.reconciled', { lotId: 'L', balanced: true })).exceptions).toEqual([]);
  });
});

describe('lot watch', () => {
  const base: LotWatchInput = { lotId: 'L', itemId: 'I', status: 'released', stationId: 'S', blockedAt: null, expiry: null, msl: null, mslEvents: [], pasteEvents: [], lastChange: null };
  it.each([
    ['released, nothing near: not watched', {}, null],
    ['on hold', { status: 'on_hold' }, ['hold']],
    ['quarantined', { status: 'quarantined' }, ['quarantine']],
    ['recalled', { status: 'recalled' }, ['recall']],
    ['expires in 3 days', { expiry: '2026-03-04' }, ['expiring']],
    ['expired yesterday', { expiry: '2026-03-01' }, ['expired']],
    ['expires in 60 days: not yet', { expiry: '2026-05-01' }, null],
    ['consumed lots are not watched for expiry', { status: 'consumed', expiry: '2026-03-01' }, null],
    ['MSL 3 open 150 h of 168', { msl: '3', mslEvents: [{ kind: 'open', at: ago(150 * 3_600_000) }] }, ['msl']],
    ['MSL 3 open 10 h', { msl: '3', mslEvents: [{ kind: 'open', at: ago(10 * 3_600_000) }] }, null],
    ['paste open 23 h of 24', { pasteEvents: [{ kind: 'fridge_out', at: ago(30 * 3_600_000) }, { kind: 'open', at: ago(23 * 3_600_000) }] }, ['paste']],
    ['paste open 23 h, then discarded: off the floor, not watched', { pasteEvents: [{ kind: 'fridge_out', at: ago(30 * 3_600_000) }, { kind: 'open', at: ago(23 * 3_600_000) }, { kind: 'discarded', at: ago(3_600_000) }] }, null],
  ])('%s', (_, over, want) => {
    const r = lotWatchRow({ ...base, ...over } as LotWatchInput, NOW);
    expect(r === null ? null : r.watch).toEqual(want);
  });
});

describe('the plant zone of a shift report asked for without one', () => {
  const configured = (stationId: string, payload: unknown) => ({ stationId, payload });
  it.each([
    ['a zone set', [configured('A', { name: 'A', timeZone: 'America/Monterrey' })], { A: 'America/Monterrey' }],
    ['set, then a configuration without the key keeps it', [configured('A', { timeZone: 'America/Monterrey' }), configured('A', { name: 'renamed' })], { A: 'America/Monterrey' }],
    ['set, then null clears it', [configured('A', { timeZone: 'America/Monterrey' }), configured('A', { timeZone: null })], { A: null }],
    ['set, then changed: the last wins', [configured('A', { timeZone: 'UTC' }), configured('A', { timeZone: 'Europe/Berlin' })], { A: 'Europe/Berlin' }],
    ['never said: no entry', [configured('A', { name: 'A' })], {}],
    ['a zone this server does not know counts as none', [configured('A', { timeZone: 'Mars/Olympus' })], { A: null }],
    ['an unreadable payload is skipped', [configured('A', { timeZone: 'UTC' }), configured('A', null)], { A: 'UTC' }],
  ])('configuredZones: %s', (_, events, want) => expect(Object.fromEntries(configuredZones(events))).toEqual(want));

  it.each([
    ['the stations agree', ['America/Monterrey', 'America/Monterrey', null], undefined, { name: 'America/Monterrey', source: 'stations', stations: ['America/Monterrey'] }],
    ['the stations agree, over the server setting', ['America/Monterrey'], 'Europe/Berlin', { name: 'America/Monterrey', source: 'stations', stations: ['America/Monterrey'] }],
    ['the stations disagree: the setting, disagreement kept', ['Europe/Berlin', 'America/Monterrey'], 'America/Chicago', { name: 'America/Chicago', source: 'setting', stations: ['America/Monterrey', 'Europe/Berlin'] }],
    ['the stations disagree, no setting: the server', ['Europe/Berlin', 'America/Monterrey'], undefined, { name: 'Asia/Kolkata', source: 'server', stations: ['America/Monterrey', 'Europe/Berlin'] }],
    ['no station says: the setting', [null], 'America/Chicago', { name: 'America/Chicago', source: 'setting', stations: [] }],
    ['nothing at all: the server', [], undefined, { name: 'Asia/Kolkata', source: 'server', stations: [] }],
  ] as const)('plantZone: %s', (_, stations, setting, want) => expect(plantZone(stations, setting, 'Asia/Kolkata')).toEqual(want));

  it.each([
    ['America/Monterrey', { name: 'America/Monterrey', source: 'request', stations: [] }],
    [-360, { name: 'UTC-06:00', source: 'offset', stations: [] }],
    [0, { name: 'UTC+00:00', source: 'offset', stations: [] }],
    [undefined, undefined],
  ] as const)('askedZone(%j)', (asked, want) => expect(askedZone(asked)).toEqual(want));
});
