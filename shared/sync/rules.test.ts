import { describe, expect, it } from 'vitest';
import { blockedSpans, blockOriginOf, LOT_USES, lotDeviations, lotStatusAfter, type BlockOrigin, type CentralLot, type LotUseTable } from './rules';

const HOLD_AT = '2026-03-01T10:00:00.000Z';
const lots: Record<string, CentralLot> = {
  HELD: { status: 'on_hold', blockedAt: HOLD_AT },
  RECALLED: { status: 'recalled', blockedAt: HOLD_AT },
  OK: { status: 'released', blockedAt: null },
  // Held 10:00, released 12:00 (the push arrives later): history, not the current status, decides.
  WAS_HELD: { status: 'released', blockedAt: null, blocked: blockedSpans([{ status: 'on_hold', at: HOLD_AT }, { status: 'released', at: '2026-03-01T12:00:00.000Z' }]) },
  // Held at a station (its QA, a defect at packing): every station is told; a station may lift it.
  STATION_HELD: { status: 'on_hold', blockedAt: HOLD_AT, blocked: blockedSpans([{ status: 'on_hold', at: HOLD_AT, by: 'station' }]) },
};
const lookup = (id: string) => lots[id];
/** A consuming event type as issue 4 will add one; the rule is generic over the table. */
const withConsume: LotUseTable = { 'material.consumed': (p) => [{ lotId: (p as { lotId: string }).lotId, use: 'consume' }] };

describe('lotDeviations', () => {
  it.each([
    ['release of a held lot after the hold', 'lot.released', 'HELD', '2026-03-01T11:00:00Z', 0, undefined, 'released_while_held'],
    ['release before the hold was placed', 'lot.released', 'HELD', '2026-03-01T09:00:00Z', 0, undefined, null],
    ['release of a lot that is not held', 'lot.released', 'OK', '2026-03-01T11:00:00Z', 0, undefined, null],
    ['release of a lot unknown centrally', 'lot.released', 'NEW', '2026-03-01T11:00:00Z', 0, undefined, null],
    ['consumed after the hold', 'material.consumed', 'HELD', '2026-03-01T10:00:01Z', 0, withConsume, 'consumed_after_hold'],
    ['consumed after a recall', 'material.consumed', 'RECALLED', '2026-03-02T00:00:00Z', 0, withConsume, 'consumed_after_hold'],
    ['consumed before the hold', 'material.consumed', 'HELD', '2026-03-01T09:59:59Z', 0, withConsume, null],
    ['slow station clock: before by its clock, after by the server', 'material.consumed', 'HELD', '2026-03-01T09:59:00Z', 120_000, withConsume, 'consumed_after_hold'],
    ['event type that uses no lot', 'scan.received', 'HELD', '2026-03-01T11:00:00Z', 0, undefined, null],
    ['consumed while it was held, the hold released since', 'material.consumed', 'WAS_HELD', '2026-03-01T11:00:00Z', 0, withConsume, 'consumed_after_hold'],
    ['consumed after that release', 'material.consumed', 'WAS_HELD', '2026-03-01T12:30:00Z', 0, withConsume, null],
    ['consumed before that hold', 'material.consumed', 'WAS_HELD', '2026-03-01T09:00:00Z', 0, withConsume, null],
    ['consumed after a station\'s hold', 'material.consumed', 'STATION_HELD', '2026-03-01T11:00:00Z', 0, withConsume, 'consumed_after_hold'],
    ['a station\'s hold released at a station: its right, no deviation', 'lot.released', 'STATION_HELD', '2026-03-01T11:00:00Z', 0, undefined, null],
  ] as const)('%s', (_, type, lotId, wallTime, offset, table, want) => {
    const d = lotDeviations({ type, payload: { lotId }, wallTime }, lookup, offset, table);
    expect(d[0]?.rule ?? null).toBe(want);
    if (want) expect(d[0]?.lotId).toBe(lotId);
  });
});

describe('lotStatusAfter', () => {
  it.each([
    ['received', 'lot.received', undefined, 'quarantined'],
    ['released', 'lot.released', 'quarantined', 'released'],
    ['station release does not lift a central hold', 'lot.released', 'on_hold', 'on_hold'],
    ['nor a recall', 'lot.released', 'recalled', 'recalled'],
    ['other events leave it', 'scan.received', 'released', 'released'],
    ['held at a station', 'lot.held', 'released', 'on_hold'],
    ['held at a station, unknown centrally', 'lot.held', undefined, 'on_hold'],
    ['a hold does not soften a rejection', 'lot.held', 'rejected', 'rejected'],
    ['nor a recall', 'lot.held', 'recalled', 'recalled'],
    ['rejected at a station (QA at receiving)', 'lot.rejected', 'quarantined', 'rejected'],
    ['a rejection hardens a hold', 'lot.rejected', 'on_hold', 'rejected'],
    ['a rejection does not soften a recall', 'lot.rejected', 'recalled', 'recalled'],
  ] as const)('%s', (_, type, cur, want) => expect(lotStatusAfter({ type }, cur)).toBe(want));

  it.each([
    ['a station lifts a station\'s hold', 'on_hold', 'station', 'released'],
    ['a station lifts a station\'s rejection', 'rejected', 'station', 'released'],
    ['but not central QA\'s hold', 'on_hold', 'central', 'on_hold'],
  ] as const)('release: %s', (_, cur, origin, want) => expect(lotStatusAfter({ type: 'lot.released' }, cur, origin)).toBe(want));
});

describe('LOT_USES: every event that puts a lot to use names it', () => {
  it.each([
    ['smt.reel_loaded', { lotId: 'L-1', slot: 'F01' }, 'L-1'],
    ['smt.spliced', { oldLotId: 'L-0', newLotId: 'L-1' }, 'L-1'],
    ['packing.material_used', { lotId: 'L-1', finishedLotId: 'F-1' }, 'L-1'],
    ['molding.batch_started', { batchLotId: 'B-1', resinLotId: 'L-1' }, 'L-1'],
    ['operation.passed', { lotId: 'L-1', operation: 'Deburr' }, 'L-1'],
  ] as const)('%s', (type, payload, lotId) => expect(LOT_USES[type]!(payload)).toEqual([{ lotId, use: 'consume' }]));
});

describe('blockedSpans', () => {
  const at = (h: number) => `2026-03-01T${String(h).padStart(2, '0')}:00:00.000Z`;
  it.each([
    ['never blocked', [{ status: 'quarantined', at: at(8) }, { status: 'released', at: at(9) }], []],
    ['held, still held', [{ status: 'on_hold', at: at(10) }], [{ status: 'on_hold', from: at(10), to: null, by: 'central' }]],
    ['held then released', [{ status: 'on_hold', at: at(10) }, { status: 'released', at: at(12) }], [{ status: 'on_hold', from: at(10), to: at(12), by: 'central' }]],
    ['held, recalled: one span from the hold, said as recalled', [{ status: 'on_hold', at: at(10) }, { status: 'recalled', at: at(11) }], [{ status: 'recalled', from: at(10), to: null, by: 'central' }]],
    ['held, released, held again', [{ status: 'on_hold', at: at(10) }, { status: 'released', at: at(11) }, { status: 'on_hold', at: at(13) }], [{ status: 'on_hold', from: at(10), to: at(11), by: 'central' }, { status: 'on_hold', from: at(13), to: null, by: 'central' }]],
    ['held at a station', [{ status: 'on_hold', at: at(10), by: 'station' }], [{ status: 'on_hold', from: at(10), to: null, by: 'station' }]],
    ['held at a station, recalled centrally: central QA\'s block now', [{ status: 'on_hold', at: at(10), by: 'station' }, { status: 'recalled', at: at(11) }], [{ status: 'recalled', from: at(10), to: null, by: 'central' }]],
    ['held centrally, rejected at a station: still central QA\'s', [{ status: 'on_hold', at: at(10) }, { status: 'rejected', at: at(11), by: 'station' }], [{ status: 'rejected', from: at(10), to: null, by: 'central' }]],
  ] as const)('%s', (_, changes, spans) => expect(blockedSpans(changes)).toEqual(spans));
});

describe('blockOriginOf', () => {
  it.each<[string, CentralLot | undefined, BlockOrigin | null]>([
    ['unknown lot', undefined, null],
    ['released', lots.OK, null],
    ['blocked, no history known: central', lots.HELD, 'central'],
    ['held at a station', { status: 'on_hold', blockedAt: HOLD_AT, blocked: blockedSpans([{ status: 'on_hold', at: HOLD_AT, by: 'station' }]) }, 'station'],
    ['held at a station, its history not loaded', { status: 'on_hold', blockedAt: HOLD_AT, blockedBy: 'station' }, 'station'],
  ])('%s', (_, lot, want) => expect(blockOriginOf(lot)).toBe(want));
});
