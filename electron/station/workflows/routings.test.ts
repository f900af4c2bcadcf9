import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRoutings } from './routings';

const dir = mkdtempSync(join(tmpdir(), 'lotline-routings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the site routings file', () => {
  it('the shipped file routes the demo molded cap through degating, then visual inspection', () => {
    expect(loadRoutings()['MP-LUER-CAP']?.map((o) => o.code)).toEqual(['DEGATE', 'INSPECT']);
  });

  it('a missing file means no item has pass-through operations; a bad one is refused with where it is wrong', () => {
    expect(loadRoutings(join(dir, 'none.json'))).toEqual({});
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ 'MP-LUER-CAP': [{ code: 'DEGATE', name: 'Degating' }, { code: 'DEGATE', name: 'Twice' }] }));
    expect(() => loadRoutings(bad)).toThrow(/routings file .*bad\.json: MP-LUER-CAP: an operation appears twice/);
  });
});
