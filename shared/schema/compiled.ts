// Schemas checked on every scan (each event's payload where the log appends it, each
// command's input) are checked through zod's compiled form (z.compile): the same results and
// the same issues, from flat generated code instead of a walk over the schema's objects.
// In the station's steady state the walk is what costs — between two scans the fsync and the
// rest of the runtime push zod's schema objects out of the CPU's caches — and the scan's
// verdict payload took about 19 µs to check in place against 0.8 µs in a hot loop; compiled,
// the verdict's whole path gets about 25 µs faster at p50 (`lotline bench --only verdict`).
//
// Compiled on first use, not at import: z.compile generates code with `new Function`, which
// the renderer's content security policy forbids (there z.compile hands the schema back
// unchanged), and most schemas are never parsed in a given process.
import { z } from 'zod';

const cache = new WeakMap<z.ZodType, z.ZodType>();

/** `schema` compiled by zod (made once, then kept): parse it exactly as `schema` itself. */
export function compiled<S extends z.ZodType>(schema: S): S {
  let c = cache.get(schema);
  if (!c) {
    c = z.compile(schema);
    cache.set(schema, c);
  }
  return c as S;
}
