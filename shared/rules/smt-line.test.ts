import { describe, expect, it } from 'vitest';
import { smtLineOf } from './smt-line';

describe('SMT line from the station configuration', () => {
  it.each([
    [{ area: 'SMT1' }, 'SMT1'],
    [{ area: ' SMT2 ' }, 'SMT2'],
    [{ area: 'L2' }, 'L2'],
    [{ area: 'ABCDEFGHIJKL' }, 'ABCDEFGHIJKL'],
    // Not a name a slot label can carry: no line, never a guess.
    [{ area: 'ABCDEFGHIJKLM' }, null],
    [{ area: 'Electronics' }, null],
    [{ area: 'smt1' }, null],
    [{ area: 'SMT-1' }, null],
    [{ area: 'SMT 1' }, null],
    [{ area: '' }, null],
    [{ area: '   ' }, null],
    [null, null],
    [undefined, null],
  ] as const)('%j → %j', (station, line) => {
    expect(smtLineOf(station)).toBe(line);
  });
});
