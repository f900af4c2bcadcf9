import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../barcode/parse';
import type { WorkOrderId } from '../ids';
import { DEFAULT_RULES_CONFIG } from './config';
import { dateIn, HOUR, iso, lotFacts, lotLabel, mslFact, scanOf, smtFloorFacts, snapshotOf, T0 } from './fixtures';
import type { SnapshotFact } from './snapshot-apply';
import { messageFor } from './messages';
import { CHECKS, verifyScan, type VerifyContext } from './verify';

const WO = 'WO-1' as WorkOrderId;
const use = (extra: object = {}): VerifyContext => ({ kind: 'use', workOrderId: WO, ...extra });
const atSlot = (slot: string) => use({ slot: { lineId: 'SMT1', slot } });
const verify = (facts: SnapshotFact[], lotId: string, ctx: VerifyContext = use(), config = {}, nowMs = T0) => verifyScan(snapshotOf([...smtFloorFacts(), ...facts], config), { ...lotLabel(lotId), nowMs, context: ctx });

describe('verifyScan composes the checks', () => {
  it('documents its order', () => {
    expect(CHECKS.map(([n]) => n)).toEqual(['line_clearance', 'segregation', 'work_order', 'bom', 'status', 'expiry', 'msl', 'paste', 'fifo', 'quantity']);
  });

  it.each<[string, SnapshotFact[], string, VerifyContext, string, string[]]>([
    ['good reel in its slot', [], 'M1', atSlot('F03'), 'ACCEPT', []],
    ['quarantined AND expired: both, quarantine first', lotFacts({ lotId: 'Q', itemId: 'CAP-100N', status: 'quarantined', expiry: dateIn(-3) }), 'Q', atSlot('F02'), 'REJECT', ['lot_not_released', 'lot_expired']],
    ['wrong part that is also quarantined: the part first', lotFacts({ lotId: 'Q', itemId: 'CAP-100N', status: 'quarantined' }), 'Q', atSlot('F03'), 'REJECT', ['wrong_item', 'lot_not_released']],
    ['expiring soon (WARN) and MSL exceeded (REJECT): the REJECT first', [...lotFacts({ lotId: 'M9', itemId: 'MCU', expiry: dateIn(5), seq: 9000 }), mslFact({ kind: 'open', lotId: 'M9' as never, at: iso(T0 - 200 * HOUR) })], 'M9', atSlot('F03'), 'REJECT', ['msl_floor_life_exceeded', 'lot_expiring_soon', 'fifo_older_lot']],
    ['only warnings: WARN, in check order', lotFacts({ lotId: 'M9', itemId: 'MCU', expiry: dateIn(5), quantity: 10, seq: 9000 }), 'M9', atSlot('F03'), 'WARN', ['lot_expiring_soon', 'fifo_older_lot', 'quantity_insufficient']],
    ['expired newer lot: REJECT expired, WARN FIFO', lotFacts({ lotId: 'C9', itemId: 'CAP-100N', expiry: dateIn(-12), seq: 9000 }), 'C9', atSlot('F02'), 'REJECT', ['lot_expired', 'fifo_older_lot']],
  ])('%s', (_, facts, lotId, ctx, verdict, codes) => {
    const v = verify(facts, lotId, ctx);
    expect(v.verdict).toBe(verdict);
    expect(v.reasons.map((r) => r.code)).toEqual(codes);
    expect(v.message).toBe(v.reasons[0]?.message ?? v.message);
  });

  it('the ACCEPT sentence names lot, part and slot; data carries what decided', () => {
    const v = verify([], 'M1', atSlot('F03'));
    expect(v).toMatchObject({ verdict: 'ACCEPT', message: 'Reel M1 (MCU) verified for slot F03.', overridable: false });
    expect(v.data).toMatchObject({ lot: { lotId: 'M1', itemId: 'MCU', status: 'released' }, resolvedVia: 'internal_id', slot: 'F03', workOrderId: 'WO-1', revision: 'C', msl: { level: '3', remainingMs: 168 * HOUR } });
  });

  it('a FIFO REJECT alone is overridable by the configured role', () => {
    const fifo = { fifo: { ...DEFAULT_RULES_CONFIG.fifo, mode: 'reject' as const } };
    const v = verify(lotFacts({ lotId: 'M9', itemId: 'MCU', seq: 9000 }), 'M9', atSlot('F03'), fifo);
    expect(v).toMatchObject({ verdict: 'REJECT', overridable: true, overrideRole: 'supervisor', data: { olderLotId: 'M1' } });
    const both = verify(lotFacts({ lotId: 'M9', itemId: 'MCU', seq: 9000, status: 'on_hold' }), 'M9', atSlot('F03'), fifo);
    expect(both.overridable).toBe(false);
  });

  it('a slot label where material is expected is refused', () => {
    const v = verifyScan(snapshotOf(smtFloorFacts()), { ...scanOf({ slot: { line: 'SMT1', slot: 'F01' } }, 'lotline'), nowMs: T0, context: use() });
    expect(v.reasons.map((r) => r.code)).toEqual(['not_a_material']);
  });
});

describe('verifyScan on the night the clocks go back (Chicago, 1 November 2026)', () => {
  // 23:30 CST on 1 November: the 25-hour day's last half hour. A plant that signed its summer offset (-300) is already on the 2nd.
  const NIGHT = Date.parse('2026-11-02T05:30:00Z');
  const CHICAGO = { expiryClock: 'station', stationZone: 'America/Chicago' } as const;
  it.each<[string, object, boolean]>([
    ['station clock: a lot expiring on the 1st is still usable', CHICAGO, false],
    ['the summer offset signed before zones: refused an hour early', { utcOffsetMinutes: -300, stationZone: 'America/Chicago' }, true],
    ['the winter offset: usable, as the zone', { utcOffsetMinutes: -360, stationZone: 'America/Chicago' }, false],
  ])('scan-before-use, %s', (_, config, expired) => {
    const v = verify(lotFacts({ lotId: 'D1', itemId: 'CAP-100N', seq: 9100, expiry: '2026-11-01' }), 'D1', atSlot('F02'), config, NIGHT);
    expect(v.reasons.some((r) => r.code === 'lot_expired')).toBe(expired);
    expect(v.verdict === 'REJECT').toBe(expired);
  });
  it.each<[string, object, string, string[]]>([
    ['station clock', CHICAGO, 'WARN', ['lot_expiring_soon']],
    ['the summer offset', { utcOffsetMinutes: -300, stationZone: 'America/Chicago' }, 'REJECT', ['lot_expired']],
  ])('receiving a label expiring on the 1st, %s', (_, config, verdict, codes) => {
    const v = verifyScan(snapshotOf(smtFloorFacts(), config), { ...scanOf({ gtin: '09501101530003', lot: 'DST-1', expiry: '2026-11-01' }), nowMs: NIGHT, context: { kind: 'receiving' } });
    expect(v.verdict).toBe(verdict);
    expect(v.reasons.map((r) => r.code)).toEqual(codes);
  });
});

describe('verifyScan at receiving', () => {
  const receive = (fields: object, facts: SnapshotFact[] = []) => verifyScan(snapshotOf([...smtFloorFacts(), ...facts]), { ...scanOf(fields), nowMs: T0, context: { kind: 'receiving' } });
  it.each<[string, object, string, string[]]>([
    ['new lot', { gtin: '09501101530003', lot: 'NEW-1', expiry: dateIn(300) }, 'ACCEPT', []],
    ['supplier lot already here', { gtin: '09501101530003', lot: 'MU88213' }, 'WARN', ['lot_already_received']],
    ['no lot on the label', { gtin: '09501101530003' }, 'WARN', ['supplier_lot_missing']],
    ['expired on arrival', { gtin: '09501101530003', lot: 'OLD', expiry: dateIn(-1) }, 'REJECT', ['lot_expired']],
    ['expires within the window', { gtin: '09501101530003', lot: 'SOON', expiry: dateIn(10) }, 'WARN', ['lot_expiring_soon']],
    ['unknown item', { gtin: '04006381333931', lot: 'X' }, 'REJECT', ['item_unknown']],
  ])('%s', (_, fields, verdict, codes) => {
    const v = receive(fields);
    expect(v.verdict).toBe(verdict);
    expect(v.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('a label with no lot number, expired: the lot is named as "on this label" by the sentence, not by an English parameter', () => {
    const v = receive({ gtin: '09501101530003', expiry: dateIn(-1) });
    const expired = v.reasons.find((r) => r.code === 'lot_expired')!;
    expect(expired.params).toMatchObject({ lotId: null, itemId: 'CAP-100N' });
    expect(expired.message).toMatch(/^Reel on this label expired on \d{4}-\d{2}-\d{2}\./);
    expect(messageFor('lot_expired', expired.params as never, 'es')).toMatch(/^La bobina de esta etiqueta caducó el \d{4}-\d{2}-\d{2}\./);
  });

  it('ACCEPT returns the lot the label would create', () => {
    expect(receive({ gtin: '09501101530003', lot: 'NEW-1', quantity: 4000 }).data.newLot).toEqual({ itemId: 'CAP-100N', supplierLot: 'NEW-1', expiry: null, quantity: 4000 });
  });
});

describe('verifyScan never throws', () => {
  const s = snapshotOf(smtFloorFacts());
  it('for any scanned text, in any context', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom<VerifyContext>(use(), atSlot('F01'), { kind: 'receiving' }, use({ packing: { lineId: 'P', finishedLotId: 'F' } })), (text, context) => {
        const v = verifyScan(s, { text, scan: parseScan(text, { referenceYear: 2026 }), nowMs: T0, context });
        expect(['ACCEPT', 'WARN', 'REJECT']).toContain(v.verdict);
        expect(v.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
