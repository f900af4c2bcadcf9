// The small words every operator sentence is built from, per language: durations, the noun
// for a container, "a or b" lists, counts. Pure, so the engine (English, recorded) and the
// renderer (the operator's language) fill sentences the same way.
import type { ItemKind } from './verdict';

export const MESSAGE_LANGS = ['en', 'es'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

const MIN = 60_000;
const UNDER_A_MINUTE: Record<MessageLang, string> = { en: 'less than a minute', es: 'menos de un minuto' };

/** "2 h 15 min", "3 d 4 h", "40 min"; floor life and thaw times read best in these units (same symbols in every language). */
export function formatDuration(ms: number, lang: MessageLang = 'en'): string {
  const m = Math.max(0, Math.floor(ms / MIN));
  if (m < 1) return UNDER_A_MINUTE[lang];
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** The word the floor uses for one container of an item kind. */
export function containerNoun(kind: ItemKind): 'reel' | 'jar' | 'sack' | 'lot' {
  switch (kind) {
    case 'component':
      return 'reel';
    case 'solder_paste':
      return 'jar';
    case 'resin':
      return 'sack';
    case 'pcb':
    case 'molded_part':
    case 'packaging':
    case 'finished_good':
      return 'lot';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Spanish container nouns carry a gender that articles, pronouns and adjectives agree with. */
export interface SpanishNoun {
  readonly word: string;
  readonly feminine: boolean;
}

const ES_NOUNS: Record<ReturnType<typeof containerNoun>, SpanishNoun> = {
  reel: { word: 'bobina', feminine: true },
  jar: { word: 'tarro', feminine: false },
  sack: { word: 'saco', feminine: false },
  lot: { word: 'lote', feminine: false },
};

export function containerNounEs(kind: ItemKind): SpanishNoun {
  return ES_NOUNS[containerNoun(kind)];
}

const OR: Record<MessageLang, string> = { en: 'or', es: 'o' };

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a or b", "a, b or c" */
export function listOr(xs: readonly string[], lang: MessageLang = 'en'): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${OR[lang]} ${xs[xs.length - 1]}`;
}

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Quantities as typed on the floor: no trailing zeros, at most three decimals. */
export const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''));
