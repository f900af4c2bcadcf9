import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalJson, canonicalJsonWithEncoded } from './canonical';

describe('canonical JSON', () => {
  it.each([
    ['sorts keys at every depth', { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}'],
    ['drops undefined properties', { a: undefined, b: 2 }, '{"b":2}'],
    ['keeps unicode as is', { lot: 'Lösung ␝' }, '{"lot":"Lösung ␝"}'],
    ['escapes control characters', { s: '\u001d' }, '{"s":"\\u001d"}'],
  ])('%s', (_, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ['NaN', { n: Number.NaN }, /\$\.n: NaN cannot be stored/],
    ['Infinity deep in a list', { a: [1, { b: [Number.POSITIVE_INFINITY] }] }, /^\$\.a\[1\]\.b\[0\]: Infinity cannot be stored/],
    ['a Date', { d: new Date(0) }, /dates are stored as ISO strings/],
    ['a function', { f: () => 1 }, /a function cannot be stored/],
  ])('refuses %s with the path named', (_, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('is independent of key insertion order and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        const reparsed = JSON.parse(text) as unknown;
        expect(canonicalJson(reparsed)).toBe(text);
      }),
    );
  });

  it('with an already-encoded member names the path of a member it cannot store', () => {
    expect(() => canonicalJsonWithEncoded({ payload: {}, meta: { at: new Date(0) } }, { payload: '{}' })).toThrow(/^\$\.meta\.at: dates are stored as ISO strings/);
  });

  it('with an already-encoded member equals the plain encoding', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (rest, payload) => {
        const value = { ...rest, payload };
        const encoded = canonicalJsonWithEncoded(value, { payload: canonicalJson(payload) });
        expect(encoded).toBe(canonicalJson(value));
      }),
    );
  });

  it('in one pass gives the canonical text and the value as that text reads back', () => {
    // Undefined members and list items, -0 and a "__proto__" member are where a copy made by
    // hand can differ from JSON.parse.
    const extra = fc.oneof(fc.constant(undefined), fc.constant(-0), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), fc.oneof(extra, fc.array(extra), fc.dictionary(fc.string(), extra))), (v) => {
        const form = canonicalForm(v);
        expect(form.text).toBe(canonicalJson(v));
        expect(form.value).toStrictEqual(JSON.parse(form.text));
        expect(Object.keys(form.value as object)).toEqual(Object.keys(JSON.parse(form.text) as object));
      }),
    );
  });

  it('in one pass refuses what it cannot store, with the path named', () => {
    expect(() => canonicalForm({ a: [1, { b: Number.NaN }] })).toThrow(/^\$\.a\[1\]\.b: NaN cannot be stored/);
    expect(() => canonicalForm({ d: new Date(0) })).toThrow(/dates are stored as ISO strings/);
  });
});
