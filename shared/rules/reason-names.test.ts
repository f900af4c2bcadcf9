import { describe, expect, it } from 'vitest';
import { MESSAGE_LANGS } from './message-words';
import { reasonName, UNSPECIFIED_REASON } from './reason-names';
import { REASON_CODES } from './verdict';

describe('reason names', () => {
  it.each(MESSAGE_LANGS.map((l) => [l] as const))('%s: every reason code has its own name, none is the code itself', (lang) => {
    const names = [...REASON_CODES, UNSPECIFIED_REASON].map((c) => reasonName(c, lang));
    for (const [i, n] of names.entries()) expect(n, [...REASON_CODES, UNSPECIFIED_REASON][i]).not.toMatch(/_/);
    expect(new Set(names).size).toBe(names.length);
    // The shift ticket is 42 columns: the name, a space and a count of up to five digits.
    expect(names.filter((n) => n.length > 36)).toEqual([]);
  });

  it('Spanish names are Spanish, not the English ones', () => {
    const same = REASON_CODES.filter((c) => reasonName(c, 'es') === reasonName(c, 'en'));
    expect(same).toEqual([]);
  });

  it.each([
    ['wrong_item', 'en', 'Wrong item'],
    ['fifo_older_lot', 'es', 'Lote anterior sin usar (FIFO)'],
    ['unspecified', 'en', 'Unspecified'],
    ['a_newer_code', 'en', 'a_newer_code'],
    ['__proto__', 'es', '__proto__'],
  ] as const)('%s in %s is %j', (code, lang, name) => {
    expect(reasonName(code, lang)).toBe(name);
  });
});
