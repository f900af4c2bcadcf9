// The shape of one GS1 Barcode Syntax Dictionary entry and the AI lookup built from the
// generated table; everything else reads AIs through `gs1Ai()` so ranges stay expanded once.
import { GS1_DICTIONARY } from './gs1-ai-table.generated';

export type Gs1Cset = 'N' | 'X' | 'Y' | 'Z';

export interface Gs1Component {
  readonly cset: Gs1Cset;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  readonly linters: readonly string[];
}

export interface Gs1DictionaryEntry {
  readonly first: string;
  readonly last: string;
  /** `*` flag: the AI's length is fixed by its prefix, so no FNC1/GS follows it. */
  readonly predefinedLength: boolean;
  /** `?` flag: may appear as a GS1 Digital Link query attribute. */
  readonly dlAttribute: boolean;
  readonly components: readonly Gs1Component[];
  /** Each inner list is one `req=` key; every key must be met by one of its `+`-joined groups. */
  readonly req: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  readonly ex: readonly string[];
  /** Digital Link primary key: null when the AI is not one; `[[]]` when it takes no qualifiers. */
  readonly dlpkey: ReadonlyArray<readonly string[]> | null;
  readonly title: string;
}

export interface Gs1AiSpec extends Gs1DictionaryEntry {
  readonly ai: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** AIs whose last digit says where the implied decimal point sits (31nn–36nn, 390n–395n). */
  readonly decimal: boolean;
}

const index = new Map<string, Gs1AiSpec>();
for (const entry of GS1_DICTIONARY) {
  const width = entry.first.length;
  const minLength = entry.components.reduce((n, c) => n + (c.optional ? 0 : c.min), 0);
  const maxLength = entry.components.reduce((n, c) => n + c.max, 0);
  for (let n = Number(entry.first); n <= Number(entry.last); n++) {
    const ai = String(n).padStart(width, '0');
    // The dictionary does not mark decimal AIs; GS1 General Specifications §3.6 does, by prefix.
    const decimal = /^3[1-6]\d\d$|^39[0-5]\d$/.test(ai);
    index.set(ai, { ...entry, ai, minLength, maxLength, decimal });
  }
}

export function gs1Ai(ai: string): Gs1AiSpec | undefined {
  return index.get(ai);
}

/** Finds the AI at `pos` of `data`: AIs are prefix-free, so the first 2-, 3- or 4-digit hit is the one. */
export function gs1AiAt(data: string, pos: number): Gs1AiSpec | undefined {
  for (let len = 2; len <= 4; len++) {
    const spec = index.get(data.slice(pos, pos + len));
    if (spec && spec.ai.length === len) return spec;
  }
  return undefined;
}

export function allGs1Ais(): IterableIterator<Gs1AiSpec> {
  return index.values();
}

/**
 * GS1 General Specifications Figure 5.10.1-2: two-digit prefixes whose AIs have a pre-defined
 * length, including reserved ones the dictionary does not list (04, 18, 19, 41 etc.). Used to tell an
 * operator that an unknown AI could not even be skipped.
 */
export const PREDEFINED_PREFIX_LENGTH: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18, '11': 8, '12': 8, '13': 8, '14': 8, '15': 8,
  '16': 8, '17': 8, '18': 8, '19': 8, '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10,
  '36': 10, '41': 16,
};
