import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stationContract } from '../contract/station';
import { RequestSchema } from '../contract/wire';
import { EVENT_PAYLOADS } from '../events/types';
import { compiled } from './compiled';

// What the station checks through compiled schemas: every event payload (the log, central's
// push), every request's envelope and every command's input and answer (the bus).
const SCHEMAS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['request envelope', RequestSchema],
  ...Object.entries(EVENT_PAYLOADS).map(([type, s]) => [`event ${type}`, s as z.ZodType] as const),
  ...Object.entries(stationContract).flatMap(([method, spec]) => [
    [`${method} input`, spec.input as z.ZodType] as const,
    [`${method} output`, spec.output as z.ZodType] as const,
  ]),
];

type Def = { type: string; [k: string]: any };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): Def[] => (d.checks ?? []).map((c: { _zod: { def: Def } }) => c._zod.def);
const bound = (checks: Def[], kind: string, key: string): number | undefined => checks.find((c) => c.check === kind)?.[key];

/**
 * Values shaped like what `schema` accepts, built from its definition: mostly valid, sometimes
 * not (a pattern and a length together, a refinement) — either way a fair input, since the
 * property compares two parsers on the same input.
 */
function near(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  if (depth > 6) return fc.constant(null);
  const checks = checksOf(d);
  switch (d.type) {
    case 'object': {
      const shape = d.shape as Record<string, z.ZodType>;
      const keys = Object.keys(shape);
      const required = keys.filter((k) => !['optional', 'default'].includes(defOf(shape[k]!).type));
      const model = Object.fromEntries(keys.map((k) => [k, near(shape[k]!, depth + 1)]));
      const base = fc.record(model, { requiredKeys: required });
      if (!d.catchall || defOf(d.catchall).type === 'never') return base;
      return fc.tuple(base, fc.dictionary(fc.string({ maxLength: 8 }), near(d.catchall, depth + 1), { maxKeys: 3 })).map(([b, extra]) => ({ ...extra, ...b }));
    }
    case 'string': {
      const pattern = (d.pattern as RegExp | undefined) ?? checks.find((c) => c.pattern)?.pattern;
      if (pattern) return fc.stringMatching(pattern);
      const min = bound(checks, 'min_length', 'minimum') ?? 0;
      return fc.string({ minLength: min, maxLength: Math.min(bound(checks, 'max_length', 'maximum') ?? 12, min + 12) });
    }
    case 'number': {
      const int = checks.some((c) => c.check === 'number_format');
      const gt = checks.find((c) => c.check === 'greater_than');
      const lt = checks.find((c) => c.check === 'less_than');
      return int
        ? fc.integer({ min: gt ? Math.ceil(gt.value) : -1000, max: lt ? Math.floor(lt.value) : 1_000_000 })
        : fc.double({ min: gt?.value ?? -1e6, max: lt?.value ?? 1e6, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
      return fc.option(near(d.innerType, depth + 1), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(near(d.innerType, depth + 1), { nil: null, freq: 4 });
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return near(d.innerType, depth + 1);
    case 'array': {
      const min = bound(checks, 'min_length', 'minimum') ?? 0;
      return fc.array(near(d.element, depth + 1), { minLength: min, maxLength: Math.min(bound(checks, 'max_length', 'maximum') ?? 3, min + 3) });
    }
    case 'union':
      return fc.oneof(...(d.options as z.ZodType[]).map((o) => near(o, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), near(d.valueType, depth + 1), { maxKeys: 3 });
    case 'pipe':
      return near(d.in, depth + 1);
    default:
      return fc.jsonValue();
  }
}

/** One edit somewhere in `v`: a member dropped or replaced, or one added. */
const ODD = [undefined, null, -1, 0, 1.5, Number.NaN, '', 'x'.repeat(1001), [], {}, true, '2026-13-45', { __proto__: 1 }] as const;
function mutate(v: unknown, at: number, action: number, replacement: unknown): unknown {
  const spots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach((y, i) => (spots.push({ parent: x, key: i }), walk(y)));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) (spots.push({ parent: x as Record<string, unknown>, key: k }), walk(y));
  };
  const copy = structuredClone(v);
  walk(copy);
  if (!spots.length) return replacement;
  const { parent, key } = spots[at % spots.length]!;
  if (action === 0 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
  else if (action === 1 && !Array.isArray(parent)) (parent as Record<string, unknown>)[`extra${at}`] = replacement;
  else (parent as Record<string, unknown>)[key as string] = replacement;
  return copy;
}

function sameParse(schema: z.ZodType, input: unknown): void {
  const plain = schema.safeParse(structuredClone(input));
  const fast = compiled(schema).safeParse(structuredClone(input));
  expect(fast.success).toBe(plain.success);
  if (plain.success) expect(fast.data).toStrictEqual(plain.data);
  else expect(fast.error!.issues).toEqual(plain.error.issues);
}

describe('compiled schemas', () => {
  it('compiles every schema the station checks on its paths, none left to the slow walk', () => {
    // strict: z.compile refuses instead of handing the schema back; a schema that falls back
    // is still correct, only slow — this is where a new feature of a schema would show it.
    const refused = SCHEMAS.flatMap(([name, s]) => {
      try {
        z.compile(s, { strict: true });
        return [];
      } catch (err) {
        return [`${name}: ${(err as Error).message}`];
      }
    });
    expect(refused).toEqual([]);
  });

  it('compiles a schema once and keeps it, leaving the schema itself as it was', () => {
    const s = EVENT_PAYLOADS['scan.verdict'];
    expect(compiled(s)).not.toBe(s);
    expect(compiled(s)).toBe(compiled(s));
    expect(s.safeParse({}).success).toBe(false);
  });

  it('answers as the schema itself: same data for what it accepts, same issues for what it refuses', () => {
    for (const [name, schema] of SCHEMAS) {
      let valid = 0;
      const input = fc.oneof(
        { weight: 2, arbitrary: near(schema) },
        { weight: 3, arbitrary: fc.tuple(near(schema), fc.nat(), fc.nat({ max: 2 }), fc.oneof(fc.constantFrom(...ODD), fc.jsonValue())).map(([v, at, action, r]) => mutate(v, at, action, r)) },
      );
      fc.assert(
        fc.property(input, (v) => {
          if (schema.safeParse(structuredClone(v)).success) valid++;
          sameParse(schema, v);
        }),
        { numRuns: 60, seed: 6 },
      );
      // The generator must reach the accepting path too, or the property would test refusals only.
      expect({ name, valid: valid > 0 }).toEqual({ name, valid: true });
    }
  });

  it('keeps a verdict payload as recorded: reasons with parameters, the catch-all and its refinement', () => {
    const verdict = EVENT_PAYLOADS['scan.verdict'];
    const reject = {
      scanSeq: 7,
      workflow: 'smt.reel',
      verdict: 'REJECT',
      reasons: [{ code: 'wrong_item', severity: 'REJECT', message: 'Reel L-1 is item R-10K.', params: { lotId: 'L-1', qty: 5, ok: false, none: null, list: ['a'] } }],
      message: 'Reel L-1 is item R-10K.',
      overridable: true,
      overrideRole: 'supervisor',
      extra: 'dropped',
    };
    expect(compiled(verdict).parse(reject)).toStrictEqual(verdict.parse(reject));
    expect(compiled(verdict).parse(reject)).not.toHaveProperty('extra');
    sameParse(verdict, { ...reject, reasons: [{ ...reject.reasons[0], params: { ['n'.repeat(65)]: 1 } }] });
    sameParse(verdict, { ...reject, scanSeq: 0 });
    expect(() => compiled(verdict).parse({ ...reject, scanSeq: 0 })).toThrow(/scanSeq/);
  });
});
