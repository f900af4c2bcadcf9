import { describe, expect, it } from 'vitest';
import type { FifoConfig } from '../config';
import { DEFAULT_RULES_CONFIG } from '../config';
import type { LotId } from '../../ids';
import { codesOf, dateIn, envFor, HOUR, iso, lotFacts, smtFloorFacts, snapshotOf, T0 } from '../fixtures';
import type { SnapshotFact } from '../snapshot-apply';
import { checkFifo } from './fifo';

const fifo = (f: Partial<FifoConfig>) => ({ fifo: { ...DEFAULT_RULES_CONFIG.fifo, ...f } });
// M1 (from the floor, seq ~1000) is the oldest MCU lot; N2 is received after it.
const newer = lotFacts({ lotId: 'N2', itemId: 'MCU', seq: 5000, expiry: dateIn(300) });
const hoursAgo = (h: number) => iso(T0 - h * HOUR);
const mslOpen = (lotId: string, h: number): SnapshotFact => ({ type: 'material.msl', payload: { kind: 'open', lotId: lotId as LotId, at: hoursAgo(h) } });
const pasteOut = (lotId: string, h: number): SnapshotFact => ({ type: 'material.paste', payload: { kind: 'fridge_out', lotId: lotId as LotId, at: hoursAgo(h) } });

describe('checkFifo: an older usable lot of the same item at the same location', () => {
  it.each<[string, SnapshotFact[], string, object, string[], object?]>([
    ['oldest lot scanned', newer, 'M1', {}, []],
    ['newer lot scanned → WARN by default', newer, 'N2', {}, ['fifo_older_lot'], { olderLotId: 'M1', overrideRole: null }],
    ['configured to REJECT', newer, 'N2', fifo({ mode: 'reject' }), ['fifo_older_lot'], { overrideRole: 'supervisor' }],
    ['off', newer, 'N2', fifo({ mode: 'off' }), []],
    ['older lot on hold does not count', [...lotFacts({ lotId: 'O0', itemId: 'LED', seq: 1, status: 'on_hold' }), ...lotFacts({ lotId: 'O1', itemId: 'LED', seq: 6000 })], 'O1', {}, ['fifo_older_lot'], { olderLotId: 'L1' }],
    ['older lot expired does not count', [...lotFacts({ lotId: 'X0', itemId: 'LED-ALT', seq: 2, expiry: dateIn(-1) })], 'LA1', {}, []],
    ['older lot empty does not count', [...lotFacts({ lotId: 'Z0', itemId: 'LED-ALT', seq: 3, quantity: 0 })], 'LA1', {}, []],
    ['older lot elsewhere does not count', [...lotFacts({ lotId: 'W0', itemId: 'LED-ALT', seq: 4, location: 'WAREHOUSE-B' })], 'LA1', {}, []],
    // Its own clocks would refuse it now: not the lot to take first.
    ['older reel past its floor life does not count', [...newer, mslOpen('M1', 200)], 'N2', {}, []],
    ['older reel within its floor life counts', [...newer, mslOpen('M1', 2)], 'N2', {}, ['fifo_older_lot'], { olderLotId: 'M1' }],
    ['older paste jar still in the fridge does not count', [...lotFacts({ lotId: 'P2', itemId: 'PASTE', seq: 8000, uom: 'g', expiry: dateIn(120) }), pasteOut('P2', 6)], 'P2', {}, []],
    ['older paste jar thawed counts', [...lotFacts({ lotId: 'P2', itemId: 'PASTE', seq: 8000, uom: 'g', expiry: dateIn(120) }), pasteOut('P1', 6), pasteOut('P2', 6)], 'P2', {}, ['fifo_older_lot'], { olderLotId: 'P1' }],
    ['FEFO: the lot expiring first goes first', [...lotFacts({ lotId: 'F1', itemId: 'PCB', seq: 7000, expiry: dateIn(30) }), ...lotFacts({ lotId: 'F2', itemId: 'PCB', seq: 7001, expiry: dateIn(10) })], 'F1', fifo({ order: 'expiry' }), ['fifo_older_lot'], { olderLotId: 'F2' }],
  ])('%s', (_, facts, lotId, config, codes, params) => {
    const s = snapshotOf([...smtFloorFacts(), ...facts], config);
    const r = checkFifo(envFor(s, lotId));
    expect(codesOf(r)).toEqual(codes);
    if (params) expect(r?.params).toMatchObject(params);
  });

  it('REJECT carries the override role; WARN carries none', () => {
    const s = snapshotOf([...smtFloorFacts(), ...newer], fifo({ mode: 'reject', overrideRole: 'qa' }));
    expect(checkFifo(envFor(s, 'N2'))).toMatchObject({ severity: 'REJECT', override: { role: 'qa', reasonRequired: true } });
    const w = snapshotOf([...smtFloorFacts(), ...newer]);
    expect(checkFifo(envFor(w, 'N2'))).toMatchObject({ severity: 'WARN' });
    expect(checkFifo(envFor(w, 'N2'))?.override).toBeUndefined();
  });

  it('compares at the context location when given', () => {
    const s = snapshotOf([...smtFloorFacts(), ...lotFacts({ lotId: 'S0', itemId: 'LED-ALT', seq: 4, location: 'SMT1' }), ...lotFacts({ lotId: 'S1', itemId: 'LED-ALT', seq: 9000, location: 'SMT1' })]);
    expect(codesOf(checkFifo(envFor(s, 'S1')))).toEqual(['fifo_older_lot']);
    expect(codesOf(checkFifo(envFor(s, 'S1', { location: 'ELSEWHERE' })))).toEqual([]);
  });
});

describe('checkFifo on the night the clocks change: an older lot is usable only until its expiry day ends on the plant clock', () => {
  // 00:30 CEST on 30 March 2026 in Berlin, the spring-forward night; still 23:30 on the 29th on a +60 offset.
  const NIGHT = Date.parse('2026-03-29T22:30:00Z');
  const older = lotFacts({ lotId: 'X1', itemId: 'LED-ALT', seq: 2, expiry: '2026-03-29' });
  it.each<[string, object, string[]]>([
    ['station clock in Berlin: its day is over, not the lot to take first', { expiryClock: 'station', stationZone: 'Europe/Berlin' }, []],
    ['the +60 offset a plant signed: still its last day, take it first', { utcOffsetMinutes: 60, stationZone: 'Europe/Berlin' }, ['fifo_older_lot']],
    ['FEFO, station clock in Chicago (17:30 CDT): still usable, and expiring first', { expiryClock: 'station', stationZone: 'America/Chicago', ...fifo({ order: 'expiry' }) }, ['fifo_older_lot']],
  ])('%s', (_, config, codes) => {
    const s = snapshotOf([...smtFloorFacts(), ...older], config);
    expect(codesOf(checkFifo(envFor(s, 'LA1', {}, NIGHT)))).toEqual(codes);
  });
});

describe('checkFifo ignores lots already in use', () => {
  const s = snapshotOf([...smtFloorFacts(), ...newer]);
  it.each<[string, object, string[]]>([
    ['older lot loaded on the line', { inUse: ['M1'] }, []],
    ['older lot is the reel being spliced off', { splice: { oldLotId: 'M1', oldItemId: 'MCU' } }, []],
    ['nothing in use', {}, ['fifo_older_lot']],
  ])('%s', (_, ctx, codes) => expect(codesOf(checkFifo(envFor(s, 'N2', ctx)))).toEqual(codes));
});
