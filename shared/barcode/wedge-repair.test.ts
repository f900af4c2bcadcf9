import { describe, expect, it } from 'vitest';
import { parseScan } from './parse';
import { repairWedge } from './wedge-repair';

const G = '\u001d';
const R = '\u001e';
const E = '\u0004';

describe('wedge repair', () => {
  it.each([
    ['visible control pictures', '[)>␞06␝1PABC␝Q5␞␄', {}, `[)>${R}06${G}1PABC${G}Q5${R}${E}`, ['control_picture', 'control_picture', 'control_picture']],
    ['GS typed as a substitute', '0109501101530003^10ABC^21X', { gsSubstitute: '^' }, `0109501101530003${G}10ABC${G}21X`, ['gs_substitute']],
    ['malformed >[)> header', `>[)>${R}06${G}1PABC`, {}, `[)>${R}06${G}1PABC`, ['header_fixed']],
    ['RS dropped after the header', `[)>06${G}1PABC`, {}, `[)>${R}06${G}1PABC`, ['rs_inserted']],
    ['prefix and suffix', '#]C10109501101530003!', { prefix: '#', suffix: '!' }, ']C10109501101530003', ['prefix_stripped', 'suffix_stripped']],
    ['Enter after the scan', ']C10109501101530003\r\n', {}, ']C10109501101530003', ['terminator_stripped']],
    ['scan split at a newline', ']C1010950110153\n0003', {}, ']C10109501101530003', ['newline_joined']],
    ['nothing to do', ']C10109501101530003', {}, ']C10109501101530003', []],
  ])('%s', (_, raw, opts, text, kinds) => {
    const r = repairWedge(raw, opts);
    expect(r.text).toBe(text);
    expect(r.repairs.map((x) => x.kind)).toEqual(kinds);
  });

  it('repairs reach the parse result', () => {
    const r = parseScan('0109501101530003|10ABC|17250101', { wedge: { gsSubstitute: '|' }, referenceYear: 2025 });
    expect(r.ok).toBe(true);
    expect(r.fields).toMatchObject({ lot: 'ABC', expiry: '2025-01-01' });
    expect(r.repairs).toEqual([expect.objectContaining({ kind: 'gs_substitute', position: 16 })]);
  });

  it('a Digi-Key scan through a wedge that shows control pictures', () => {
    const r = parseScan('[)>␞06␝P296-1234-1-ND␝1PSN74LVC1G08DBVR␝Q250␞␄');
    expect(r.ok).toBe(true);
    expect(r.fields.quantity).toBe(250);
  });

  it('Caps Lock on a Lotline id is folded and reported', () => {
    const r = parseScan('ll-badge-00417');
    expect(r.ok && r.fields.badgeId).toBe('00417');
    expect(r.repairs.map((x) => x.kind)).toEqual(['case_folded']);
  });
});
