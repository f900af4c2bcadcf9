import { describe, expect, it } from 'vitest';
import { LOT_ID_MAX, stationLotId, stationLotPrefix } from './produced-lot-id';

describe('lot ids a station creates', () => {
  it.each([
    { kind: 'FL', station: 'PCK-01', n: 1, id: 'FL-PCK-01-00001' },
    { kind: 'MB', station: 'MLD-01', n: 12, id: 'MB-MLD-01-00012' },
    { kind: 'L', station: 'RCV-01', n: 7, id: 'L-RCV-01-00007' },
    { kind: 'FL', station: 'cr1 pack/2', n: 3, id: 'FL-CR1PACK2-00003' },
    { kind: 'FL', station: '---', n: 1, id: 'FL-ST-00001' },
  ] as const)('$kind at $station, number $n → $id', ({ kind, station, n, id }) => {
    expect(stationLotId(kind, station, n)).toBe(id);
  });

  it('a station id too long for GS1 AI (10) is shortened to its start and a hash: still at most 20 characters, still one per station', () => {
    const a = stationLotId('FL', 'CLEANROOM-PACKING-NORTH-01', 1);
    const b = stationLotId('FL', 'CLEANROOM-PACKING-NORTH-02', 1);
    expect(a.length).toBeLessThanOrEqual(LOT_ID_MAX);
    expect(b.length).toBeLessThanOrEqual(LOT_ID_MAX);
    expect(a).toMatch(/^FL-CLEAN-[0-9A-Z]{5}-00001$/);
    expect(a).not.toBe(b);
    for (const kind of ['L', 'FL', 'MB'] as const) expect(stationLotId(kind, 'X'.repeat(64), 99_999).length).toBeLessThanOrEqual(LOT_ID_MAX);
  });

  it('two stations counting on their own never make the same id; the prefix is what the count runs over', () => {
    expect(stationLotId('FL', 'PCK-01', 1)).not.toBe(stationLotId('FL', 'PCK-02', 1));
    expect(stationLotId('MB', 'MLD-01', 4).startsWith(stationLotPrefix('MB', 'MLD-01'))).toBe(true);
  });
});
