// The committed GS1 AI table must be what the generator makes from the committed dictionary.
// (It lives here rather than beside the table because shared/ tests may not read files.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain-JS build script without type declarations
import { DICTIONARY, OUTPUT, generate, parseDictionary } from '../../scripts/gen-gs1-table.mjs';

describe('GS1 AI table generation', () => {
  it('the committed table is not stale', () => {
    const fresh = (generate as (t: string) => string)(readFileSync(DICTIONARY as string, 'utf8'));
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe(fresh);
  });
  it('the dictionary keeps its licence notice and the repo its NOTICE', () => {
    const dict = readFileSync(DICTIONARY as string, 'utf8');
    expect(dict).toContain('Licensed under the Apache License, Version 2.0');
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'gs1', 'NOTICE'), 'utf8')).toContain('GS1 AISBL');
  });
  it('reads flags, optional components, linters and attributes', () => {
    const [entry] = (parseDictionary as (t: string) => unknown[])('7007 ?  N6,yymmdd [N6],yymmdd  req=01,02 ex=8006 dlpkey=22,10|235  # HARVEST DATE\n');
    expect(entry).toEqual({
      first: '7007', last: '7007', predefinedLength: false, dlAttribute: true,
      components: [{ cset: 'N', min: 6, max: 6, optional: false, linters: ['yymmdd'] }, { cset: 'N', min: 6, max: 6, optional: true, linters: ['yymmdd'] }],
      req: [[['01'], ['02']]], ex: ['8006'], dlpkey: [['22', '10'], ['235']], title: 'HARVEST DATE',
    });
  });
});
