// Canonical JSON: one byte sequence per value (sorted keys, no whitespace, no undefined),
// so that a hash over it is the same on every station, on the server and after a reload.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

/**
 * Canonical JSON of an object some of whose members are already encoded (their canonical
 * text is given), so a large member is not encoded twice — the event log hashes the payload
 * text it has just written. The result equals `canonicalJson` of the decoded object.
 */
export function canonicalJsonWithEncoded(value: { readonly [k: string]: unknown }, encoded: { readonly [k: string]: string }): string {
  const entries = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${Object.prototype.hasOwnProperty.call(encoded, k) ? encoded[k] : encode(value[k], `$.${k}`)}`);
  return `{${entries.join(',')}}`;
}

function encode(v: unknown, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`${path}: ${v} cannot be stored (not a finite number)`);
      return JSON.stringify(v);
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x, i) => (x === undefined ? 'null' : encode(x, `${path}[${i}]`))).join(',')}]`;
      if (v instanceof Date) throw new Error(`${path}: dates are stored as ISO strings, not Date objects`);
      const entries = Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${encode((v as Record<string, unknown>)[k], `${path}.${k}`)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new Error(`${path}: a ${typeof v} cannot be stored`);
  }
}
