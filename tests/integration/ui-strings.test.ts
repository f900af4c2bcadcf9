// Every language has every key, and no two feature files claim the same top-level key
// (they are merged into one namespace).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', '..', 'renderer', 'src', 'i18n', 'locales');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('UI strings', () => {
  const features = [...new Set(files.map((f) => f.split('.')[0]!))];
  it.each(features)('%s has the same keys in English and Spanish', (feature) => {
    expect(keys(load(`${feature}.es.json`)).sort()).toEqual(keys(load(`${feature}.en.json`)).sort());
  });

  it('no two feature files share a top-level key', () => {
    const seen = new Map<string, string>();
    for (const f of files.filter((x) => x.endsWith('.en.json'))) {
      for (const k of Object.keys(load(f))) {
        expect(seen.get(k), `"${k}" is in ${f} and ${seen.get(k)}`).toBeUndefined();
        seen.set(k, f);
      }
    }
  });
});
