import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalJson, canonicalJsonWithEncoded } from './canonical';

describe('canonical JSON', () => {
  it.each([
    ['sorts keys at every depth', { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}'],
    ['drops undefined properties', { a: undefined, b: 2 }, '{"b":2}'],
    ['keeps unicode as is', { lot: 'Lösung ␝' }, '{"lot":"Lösung ␝"}'],
    ['escapes control characters', { s: '\u001d' }, '{"s":"\\u001d"}'],
    // JavaScript orders array-index keys first in any object, so a sorted copy alone is not enough.
    ['sorts index-like keys as text', { b: 0, 10: 1, 9: 2, '09': 3, a: { 2: 'x', 10: 'y' } }, '{"09":3,"10":1,"9":2,"a":{"10":"y","2":"x"},"b":0}'],
    ['writes -0 as 0 and undefined list items as null', { z: -0, l: [undefined, 1] }, '{"l":[null,1],"z":0}'],
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

  it('equals a plain recursive encoding with sorted keys, index-like keys included', () => {
    // The definition, written as simply as possible: the module's fast path must agree with it.
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    const key = fc.oneof(fc.string(), fc.nat().map(String), fc.constant('__proto__'), fc.constant('0'));
    const leaf = fc.oneof(fc.constant(undefined), fc.constant(-0), fc.jsonValue());
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree')), fc.dictionary(key, tie('tree'))),
    }));
    fc.assert(
      fc.property(tree.filter((v) => v !== undefined), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
        expect(canonicalForm(v).text).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
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
