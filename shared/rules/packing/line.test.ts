import { describe, expect, it } from 'vitest';
import { packingLineOf } from './line';

describe('packing line from the station configuration', () => {
  it.each([
    [{ area: 'CR1' }, 'CR1'],
    [{ area: '  CR2 ' }, 'CR2'],
    [{ area: '' }, null],
    [{ area: '   ' }, null],
    [{ area: 'x'.repeat(65) }, null],
    [null, null],
    [undefined, null],
  ] as const)('%j → %j', (station, line) => {
    expect(packingLineOf(station)).toBe(line);
  });
});
