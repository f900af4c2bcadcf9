// Canonical JSON: one byte sequence per value (sorted keys, no whitespace, no undefined),
// so that a hash over it is the same on every station, on the server and after a reload.
//
// The text is JSON.stringify of a copy built with its keys in sorted order: the copy is the
// value as the text reads back (what the event log hands to projections), and the engine's
// own serializer writes the text faster than any walker in JavaScript — the log encodes
// every payload on the scan path. JSON.stringify keeps an object's key order except for
// array-index keys ("0", "12"), which JavaScript orders first; a value with a key that may be
// one is written by the walker below instead, and so is one that cannot be stored, so that
// its error names the path.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export function canonicalJson(value: unknown): string {
  return canonicalForm(value).text;
}

/**
 * Canonical JSON of an object some of whose members are already encoded (their canonical
 * text is given), so a large member is not encoded twice — the event log hashes the payload
 * text it has just written. The result equals `canonicalJson` of the decoded object.
 */
export function canonicalJsonWithEncoded(value: { readonly [k: string]: unknown }, encoded: { readonly [k: string]: string }): string {
  try {
    let out = '{';
    for (const k of Object.keys(value).sort()) {
      const v = value[k];
      if (v === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${Object.hasOwn(encoded, k) ? encoded[k]! : textOf(copyOf(v))}`;
    }
    return `${out}}`;
  } catch (err) {
    if (!(err instanceof Unstorable)) throw err;
    return named(() => encodeObject(value, (k, v) => (Object.hasOwn(encoded, k) ? encoded[k]! : encode(v))));
  }
}

/**
 * The canonical text of a value and the value as that text reads back (`JSON.parse(text)`:
 * keys in canonical order, undefined members left out, -0 as 0) — the event log hands every
 * payload to the projections in the form a replay will read, without parsing its own text.
 */
export function canonicalForm(value: unknown): { readonly text: string; readonly value: unknown } {
  let copy: unknown;
  try {
    copy = copyOf(value);
  } catch (err) {
    if (!(err instanceof Unstorable)) throw err;
    named(() => encode(value));
    throw err;
  }
  return { text: textOf(copy), value: copy };
}

/** Set by `copyOf` when it met a key JavaScript may order before the others (an array index). */
let indexKey = false;

/** The canonical text of a copy made by `copyOf` (and of nothing else: it resets `indexKey`). */
function textOf(copy: unknown): string {
  if (!indexKey) return JSON.stringify(copy);
  indexKey = false;
  return encode(copy);
}

/** `v` as its canonical text reads back: plain objects with keys in sorted order, lists, scalars. */
function copyOf(v: unknown): unknown {
  if (v === null) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw new Unstorable('');
      return v === 0 ? 0 : v;
    case 'object': {
      if (Array.isArray(v)) {
        const list: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          list.push(x === undefined ? null : copyOf(x));
        }
        return list;
      }
      if (v instanceof Date) throw new Unstorable('');
      const o = v as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) {
        const x = o[k];
        if (x === undefined) continue;
        const c = k.charCodeAt(0);
        if (c >= 48 && c <= 57) indexKey = true;
        // JSON.parse makes "__proto__" an own member; an assignment would set the prototype.
        if (k === '__proto__') Object.defineProperty(copy, k, { value: copyOf(x), enumerable: true, writable: true, configurable: true });
        else copy[k] = copyOf(x);
      }
      return copy;
    }
    default:
      throw new Unstorable('');
  }
}

/**
 * A value JSON cannot hold. Its path is collected while the error unwinds, so the walker
 * builds no path strings for the values it can store.
 */
class Unstorable extends Error {
  readonly segments: string[] = [];
}

function within(err: unknown, segment: string): unknown {
  if (err instanceof Unstorable) err.segments.push(segment);
  return err;
}

/** Runs the walker; a value it cannot store becomes an error naming its path from `$`. */
function named(walk: () => string): string {
  indexKey = false;
  try {
    return walk();
  } catch (err) {
    throw err instanceof Unstorable ? new Error(`$${[...err.segments].reverse().join('')}: ${err.message}`) : err;
  }
}

/** `{…}` with the members in key order, each encoded by `member`; undefined members are left out. */
function encodeObject(o: { readonly [k: string]: unknown }, member: (k: string, v: unknown) => string): string {
  let out = '{';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === undefined) continue;
    let text: string;
    try {
      text = member(k, v);
    } catch (err) {
      throw within(err, `.${k}`);
    }
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  return `${out}}`;
}

const encodeMember = (_: string, v: unknown): string => encode(v);

/** The canonical text of `v`, member by member: for keys JSON.stringify would reorder, and for errors. */
function encode(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Unstorable(`${v} cannot be stored (not a finite number)`);
      return JSON.stringify(v);
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          let text: string;
          try {
            text = x === undefined ? 'null' : encode(x);
          } catch (err) {
            throw within(err, `[${i}]`);
          }
          out += i === 0 ? text : `,${text}`;
        }
        return `${out}]`;
      }
      if (v instanceof Date) throw new Unstorable('dates are stored as ISO strings, not Date objects');
      return encodeObject(v as Record<string, unknown>, encodeMember);
    }
    default:
      throw new Unstorable(`a ${typeof v} cannot be stored`);
  }
}
