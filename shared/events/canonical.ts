// Canonical JSON: one byte sequence per value (sorted keys, no whitespace, no undefined),
// so that a hash over it is the same on every station, on the server and after a reload.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export function canonicalJson(value: unknown): string {
  try {
    return encode(value, false);
  } catch (err) {
    throw named(err, '$');
  }
}

/**
 * Canonical JSON of an object some of whose members are already encoded (their canonical
 * text is given), so a large member is not encoded twice — the event log hashes the payload
 * text it has just written. The result equals `canonicalJson` of the decoded object.
 */
export function canonicalJsonWithEncoded(value: { readonly [k: string]: unknown }, encoded: { readonly [k: string]: string }): string {
  try {
    return encodeObject(value, (k, v) => (Object.prototype.hasOwnProperty.call(encoded, k) ? encoded[k]! : encode(v, false)), null);
  } catch (err) {
    throw named(err, '$');
  }
}

/**
 * The canonical text of a value and the value as that text reads back (`JSON.parse(text)`:
 * keys in canonical order, undefined members left out, -0 as 0), built in one pass — the event
 * log hands every payload to the projections in the form a replay will read, and re-parsing
 * the text it had just written was a second walk over every payload on the scan path.
 */
export function canonicalForm(value: unknown): { readonly text: string; readonly value: unknown } {
  try {
    const text = encode(value, true);
    return { text, value: copied };
  } catch (err) {
    throw named(err, '$');
  }
}

/** What the last `encode(…, true)` built beside its text (a slot rather than a pair per value). */
let copied: unknown;

const encodeMember = (_: string, v: unknown): string => encode(v, false);
const copyMember = (_: string, v: unknown): string => encode(v, true);

/**
 * `{…}` with the members in key order, each encoded by `member`; undefined members are left
 * out. With `copy`, the members `member` copied are gathered into it (then left in `copied`).
 */
function encodeObject(o: { readonly [k: string]: unknown }, member: (k: string, v: unknown) => string, copy: Record<string, unknown> | null): string {
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
    // JSON.parse makes "__proto__" an own member; an assignment would set the prototype.
    if (copy && k === '__proto__') Object.defineProperty(copy, k, { value: copied, enumerable: true, writable: true, configurable: true });
    else if (copy) copy[k] = copied;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  if (copy) copied = copy;
  return `${out}}`;
}

/**
 * A value JSON cannot hold. Its path is collected while the error unwinds, so the encoder
 * builds no path strings for the values it can store — every event on the scan path.
 */
class Unstorable extends Error {
  readonly segments: string[] = [];
}

function within(err: unknown, segment: string): unknown {
  if (err instanceof Unstorable) err.segments.push(segment);
  return err;
}

function named(err: unknown, root: string): unknown {
  return err instanceof Unstorable ? new Error(`${root}${[...err.segments].reverse().join('')}: ${err.message}`) : err;
}

/** The canonical text of `v`; with `copy`, also the value it reads back as, left in `copied`. */
function encode(v: unknown, copy: boolean): string {
  if (v === null) {
    if (copy) copied = null;
    return 'null';
  }
  switch (typeof v) {
    case 'boolean':
      if (copy) copied = v;
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Unstorable(`${v} cannot be stored (not a finite number)`);
      if (copy) copied = v === 0 ? 0 : v;
      return JSON.stringify(v);
    case 'string':
      if (copy) copied = v;
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) {
        const list: unknown[] | null = copy ? new Array<unknown>(v.length) : null;
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          let text: string;
          try {
            text = x === undefined ? 'null' : encode(x, copy);
          } catch (err) {
            throw within(err, `[${i}]`);
          }
          if (list) list[i] = x === undefined ? null : copied;
          out += i === 0 ? text : `,${text}`;
        }
        if (list) copied = list;
        return `${out}]`;
      }
      if (v instanceof Date) throw new Unstorable('dates are stored as ISO strings, not Date objects');
      return copy ? encodeObject(v as Record<string, unknown>, copyMember, {}) : encodeObject(v as Record<string, unknown>, encodeMember, null);
    }
    default:
      throw new Unstorable(`a ${typeof v} cannot be stored`);
  }
}
