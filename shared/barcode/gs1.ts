// GS1 AI data: element strings (FNC1 as GS), bracketed HRI, value validation against the
// generated dictionary table, association rules (req=/ex=) and the mapping to scan fields.
import { gs1Ai, gs1AiAt, PREDEFINED_PREFIX_LENGTH, type Gs1AiSpec, type Gs1Cset } from './gs1-ai-spec';
import { gs1Yymmdd, isDateProblem } from './gs1-date';
import { runLinter, type LintContext } from './gs1-linters';
import type { AssociationViolation, Element, Repair, ScanError, ScanFields, StrictReport, Measure } from './result';
import { problemOf, repairOf, scanError, type ScanProblem } from './scan-messages';

export const GS = '\u001d';

export interface Gs1ParseOptions extends LintContext {
  /** Offset of `data` in the scan text, so errors point into what the operator scanned. */
  readonly offset: number;
  /** The wedge is known to drop GS: every variable-length AI followed by more data is suspect. */
  readonly gsDropped: boolean;
}

export type Gs1Parsed =
  | { readonly ok: true; readonly elements: readonly Element[]; readonly repairs: readonly Repair[] }
  | { readonly ok: false; readonly elements: readonly Element[]; readonly error: ScanError };

/** A value's problem and where in the value it is. */
export interface ValueProblem extends ScanProblem {
  readonly offset: number;
}

const CSET: Readonly<Record<Gs1Cset, RegExp>> = {
  N: /[^0-9]/,
  X: /[^!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/,
  Y: /[^#\-/0-9A-Z]/,
  Z: /[^A-Za-z0-9\-_=]/,
};

/** Checks one AI value against its dictionary components: length, character set, linters. */
export function validateGs1Value(spec: Gs1AiSpec, value: string, ctx: LintContext): ValueProblem | undefined {
  const ai = { ai: spec.ai, title: spec.title };
  if (value.length < spec.minLength) {
    return { ...problemOf('ai_too_short', { ...ai, length: value.length, min: spec.minLength, exact: spec.minLength === spec.maxLength }), offset: value.length };
  }
  if (value.length > spec.maxLength) {
    return { ...problemOf('ai_too_long', { ...ai, length: value.length, max: spec.maxLength }), offset: spec.maxLength };
  }
  let pos = 0;
  for (const c of spec.components) {
    if (pos >= value.length && c.optional) break;
    const take = c.min === c.max ? c.max : Math.min(value.length - pos, c.max);
    if (pos + take > value.length) return { ...problemOf('ai_value_short', ai), offset: value.length };
    const part = value.slice(pos, pos + take);
    const bad = part.search(CSET[c.cset]);
    if (bad >= 0) return { ...problemOf('ai_invalid_character', { ...ai, cset: c.cset, found: part[bad]! }), offset: pos + bad };
    for (const name of c.linters) {
      const f = runLinter(name, part, ctx);
      // f.params are f.code's values but the AI (LintFailure pairs them); TypeScript cannot follow the pairing through the union.
      if (f) return { ...problemOf(f.code, { ...ai, ...f.params } as never), offset: pos + f.offset };
    }
    pos += take;
  }
  if (pos < value.length) return { ...problemOf('ai_value_long', ai), offset: pos };
  return undefined;
}

/** The error of a value problem found in a value that starts at `valueStart` of the scan. */
export function atPosition({ offset, ...problem }: ValueProblem, valueStart: number): ScanError {
  return { ...problem, position: valueStart + offset };
}

function unknownAiError(data: string, pos: number, offset: number): ScanError {
  const digits = /^\d{2,4}/.exec(data.slice(pos))?.[0];
  if (!digits) {
    const ch = data[pos]!;
    if (/^\d$/.test(data.slice(pos))) return scanError('ai_incomplete', {}, offset + pos);
    return scanError('ai_expected', { found: ch }, offset + pos);
  }
  const reserved = PREDEFINED_PREFIX_LENGTH[digits.slice(0, 2)] !== undefined;
  return scanError('ai_unknown', { ai: digits.slice(0, 4), reserved }, offset + pos);
}

interface Interpretation {
  readonly elements: readonly Element[];
  /** Positions where a dropped GS had to be assumed. */
  readonly splits: readonly number[];
}

/** Straight reading: variable-length AIs end at GS or the end, as the standard says. */
function parseStraight(data: string, opts: Gs1ParseOptions): Gs1Parsed & { failedVariableAt?: number } {
  const elements: Element[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const spec = gs1AiAt(data, pos);
    if (!spec) return { ok: false, elements, error: unknownAiError(data, pos, opts.offset) };
    const start = pos + spec.ai.length;
    let end: number;
    if (spec.predefinedLength) {
      end = start + spec.maxLength;
      const gs = data.indexOf(GS, start);
      if (end > data.length || (gs >= 0 && gs < end)) {
        const got = (gs >= 0 && gs < end ? gs : data.length) - start;
        return { ok: false, elements, error: scanError('ai_too_short', { ai: spec.ai, title: spec.title, length: got, min: spec.maxLength, exact: true }, opts.offset + start + got) };
      }
    } else {
      const gs = data.indexOf(GS, start);
      end = gs < 0 ? data.length : gs;
    }
    const value = data.slice(start, end);
    const problem = validateGs1Value(spec, value, opts);
    if (problem) {
      return {
        ok: false,
        elements,
        error: atPosition(problem, opts.offset + start),
        ...(spec.predefinedLength ? {} : { failedVariableAt: pos }),
      };
    }
    elements.push([spec.ai, value]);
    pos = end;
  }
  return { ok: true, elements, repairs: [] };
}

/**
 * Every reading of `data` in which dropped GS characters are restored, capped at two (two
 * already means "ambiguous"). Memoized by position, so adversarial input stays polynomial.
 */
function interpretations(data: string, ctx: LintContext): Interpretation[] {
  const memo = new Map<number, Interpretation[]>();
  const at = (pos: number): Interpretation[] => {
    const hit = memo.get(pos);
    if (hit) return hit;
    const out: Interpretation[] = [];
    memo.set(pos, out);
    if (pos >= data.length) {
      out.push({ elements: [], splits: [] });
      return out;
    }
    if (data[pos] === GS) {
      out.push(...at(pos + 1));
      return out;
    }
    const spec = gs1AiAt(data, pos);
    if (!spec) return out;
    const start = pos + spec.ai.length;
    const follow = (value: string, next: number, split: boolean) => {
      if (validateGs1Value(spec, value, ctx)) return;
      for (const rest of at(next)) {
        if (out.length >= 2) return;
        out.push({ elements: [[spec.ai, value], ...rest.elements], splits: split ? [next, ...rest.splits] : rest.splits });
      }
    };
    if (spec.predefinedLength) {
      const end = start + spec.maxLength;
      const value = data.slice(start, end);
      if (end <= data.length && !value.includes(GS)) follow(value, end, false);
      return out;
    }
    const gs = data.indexOf(GS, start);
    const segEnd = gs < 0 ? data.length : gs;
    follow(data.slice(start, segEnd), segEnd, false);
    const last = Math.min(segEnd - 1, start + spec.maxLength);
    for (let k = start + spec.minLength; k <= last && out.length < 2; k++) follow(data.slice(start, k), k, true);
    return out;
  };
  return at(0);
}

function describeElements(elements: readonly Element[]): string {
  return elements.map(([ai, v]) => `(${ai})${v}`).join('');
}

/** Parses a GS1 element string whose FNC1 separators arrive as GS (the leading FNC1 already removed). */
export function parseGs1ElementString(data: string, opts: Gs1ParseOptions): Gs1Parsed {
  const straight = parseStraight(data, opts);
  const suspect = opts.gsDropped || (!straight.ok && straight.failedVariableAt !== undefined);
  if (!suspect) return straight.ok ? { ok: true, elements: straight.elements, repairs: [] } : { ok: false, elements: straight.elements, error: straight.error };
  const readings = interpretations(data, opts);
  if (readings.length === 0) return straight;
  if (readings.length === 1) {
    const only = readings[0]!;
    const repairs: Repair[] = only.splits.map((p) => repairOf('gs_inserted', { position: opts.offset + p }, opts.offset + p));
    return { ok: true, elements: only.elements, repairs };
  }
  const [a, b] = readings as [Interpretation, Interpretation];
  let i = 0;
  while (i < a.elements.length && i < b.elements.length && a.elements[i]![0] === b.elements[i]![0] && a.elements[i]![1] === b.elements[i]![1]) i++;
  const common = a.elements.slice(0, i);
  let position = 0;
  for (const [ai, v] of common) position += ai.length + v.length;
  const ai = a.elements[i]?.[0] ?? b.elements[i]?.[0] ?? '';
  return {
    ok: false,
    elements: common,
    error: scanError('gs_ambiguous', { ai, readingA: describeElements(a.elements.slice(i)), readingB: describeElements(b.elements.slice(i)) }, opts.offset + position),
  };
}

const HRI_AI = /\((\d{2,4})\)/y;

/** Bracketed HRI `(01)09501101530003(17)250101(10)ABC`; a value ends where the next known `(AI)` starts. */
export function parseGs1Hri(text: string, opts: Gs1ParseOptions): Gs1Parsed {
  const elements: Element[] = [];
  let pos = 0;
  const skipSpaces = () => {
    while (text[pos] === ' ') pos++;
  };
  skipSpaces();
  while (pos < text.length) {
    HRI_AI.lastIndex = pos;
    const m = HRI_AI.exec(text);
    if (!m) return { ok: false, elements, error: scanError('hri_expected_ai', {}, opts.offset + pos) };
    const spec = gs1Ai(m[1]!);
    if (!spec) return { ok: false, elements, error: scanError('not_an_ai', { ai: m[1]! }, opts.offset + pos) };
    const start = pos + m[0].length;
    let end = start;
    for (;;) {
      end = text.indexOf('(', end);
      if (end < 0) {
        end = text.length;
        break;
      }
      HRI_AI.lastIndex = end;
      const next = HRI_AI.exec(text);
      if (next && gs1Ai(next[1]!)) break;
      end++;
    }
    const value = text.slice(start, end).trim();
    const problem = validateGs1Value(spec, value, opts);
    if (problem) return { ok: false, elements, error: atPosition(problem, opts.offset + start) };
    elements.push([spec.ai, value]);
    pos = end;
  }
  if (elements.length === 0) return { ok: false, elements, error: scanError('hri_empty', {}, opts.offset) };
  return { ok: true, elements, repairs: [] };
}

function matches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  return true;
}

/** The dictionary's req=/ex= rules and GS1's duplicate rule over all AIs of one scan. */
export function checkGs1Associations(elements: readonly Element[]): StrictReport {
  const violations: AssociationViolation[] = [];
  const ais = elements.map(([ai]) => ai);
  const seen = new Map<string, string>();
  for (const [ai, value] of elements) {
    const before = seen.get(ai);
    if (before !== undefined && before !== value) violations.push({ kind: 'duplicate', ai, message: `(${ai}) appears twice with different values` });
    seen.set(ai, value);
  }
  const reported = new Set<string>();
  for (const ai of new Set(ais)) {
    const spec = gs1Ai(ai);
    if (!spec) continue;
    for (const key of spec.req) {
      const met = key.some((group) => group.every((p) => ais.some((other) => matches(p, other))));
      if (!met) {
        const want = key.map((g) => g.map((p) => `(${p})`).join('+')).join(' or ');
        violations.push({ kind: 'requires', ai, message: `(${ai}) ${spec.title} needs ${want} on the same item` });
      }
    }
    for (const p of spec.ex) {
      for (const other of new Set(ais)) {
        if (other === ai || !matches(p, other)) continue;
        const pair = [ai, other].sort().join('/');
        if (reported.has(pair)) continue;
        reported.add(pair);
        violations.push({ kind: 'excludes', ai, message: `(${ai}) and (${other}) must not be used together` });
      }
    }
  }
  return { ok: violations.length === 0, violations };
}

/** "001250" in AI 3103 → "1.250": the AI's last digit is the number of decimals. */
export function decimalValue(ai: string, digits: string): string {
  const places = Number(ai[ai.length - 1]);
  const padded = digits.padStart(places + 1, '0');
  const int = padded.slice(0, padded.length - places).replace(/^0+(?=\d)/, '');
  return places === 0 ? int : `${int}.${padded.slice(padded.length - places)}`;
}

function unitOf(title: string): string {
  const open = title.indexOf('(');
  const close = title.lastIndexOf(')');
  return open >= 0 && close > open ? title.slice(open + 1, close) : '';
}

/** Maps GS1 elements to Lotline's scan fields; the elements stay the source of truth. */
export function gs1Fields(elements: readonly Element[], referenceYear: number): ScanFields {
  const f: { -readonly [K in keyof ScanFields]: ScanFields[K] } = {};
  const measures: Measure[] = [];
  const date = (v: string, dayZero: 'last' | 'first' = 'last') => {
    const d = gs1Yymmdd(v, referenceYear, true, dayZero);
    return isDateProblem(d) ? undefined : d;
  };
  for (const [ai, v] of elements) {
    switch (ai) {
      case '00': f.sscc = v; break;
      case '01': f.gtin = v; break;
      case '02': case '03': f.gtin ??= v; break;
      case '10': f.lot = v; break;
      case '21': f.serial = v; break;
      case '11': f.productionDate = date(v, 'first'); break;
      case '15': f.bestBefore = date(v); break;
      case '17': f.expiry = date(v); break;
      case '30': case '37': f.quantity = Number(v); f.unit = 'pcs'; break;
      case '241': f.customerPart = v; break;
      case '400': f.purchaseOrder = v; break;
      case '414': f.gln = v; break;
      case '422': f.countryOfOrigin = v; break;
      case '8200': f.url = v; break;
      default: {
        const spec = gs1Ai(ai);
        if (spec?.decimal && ai < '37') measures.push({ ai, title: spec.title, value: decimalValue(ai, v), unit: unitOf(spec.title) });
      }
    }
  }
  if (measures.length) f.measures = measures;
  for (const k of Object.keys(f) as Array<keyof ScanFields>) if (f[k] === undefined) delete f[k];
  return f;
}
