// Code 128 symbol planning (subsets B and C, FNC1): the fewest codewords for the data, written
// both as codeword values (for the preview) and as ZPL ^BC mode-N field data with explicit
// invocation codes, so the printer draws exactly the symbol the preview shows.

/** One input unit: a printable ASCII character, or FNC1. */
export type C128Token = string | { readonly fnc1: true };

export const FNC1: C128Token = { fnc1: true };

const START_B = 104;
const START_C = 105;
const CODE_B = 100;
const CODE_C = 99;
const FNC1_CW = 102;

export interface C128Plan {
  /** Start character and data codewords; the check character and stop are added by whoever draws. */
  readonly codewords: readonly number[];
  /** ZPL ^BC field data in mode N (start code, `>5`/`>6` switches, `>8` FNC1, `>0`/`><`/`>=` escapes). */
  readonly zpl: string;
  /** Symbol width in modules without quiet zones: 11 per codeword and check character, 13 for stop. */
  readonly modules: number;
}

export type C128Result = { readonly ok: true; readonly plan: C128Plan } | { readonly ok: false; readonly message: string };

const isDigit = (t: C128Token | undefined): boolean => typeof t === 'string' && t >= '0' && t <= '9';

// Characters ZPL reads as commands or invocation codes inside ^FD, written as the invocation code
// that stands for their subset-B value.
const ZPL_B_ESCAPE: Readonly<Record<string, string>> = { '>': '>0', '^': '><', '~': '>=' };

/** Tokens of a GS1 element string with GS as separator: leading FNC1, then FNC1 for each GS. */
export function gs1Tokens(elementString: string): C128Token[] {
  return [FNC1, ...[...elementString].map((c) => (c === '\u001d' ? FNC1 : c))];
}

export function textTokens(text: string): C128Token[] {
  return [...text];
}

export function planCode128(tokens: readonly C128Token[]): C128Result {
  const bad = tokens.find((t) => typeof t === 'string' && !(t >= ' ' && t <= '~'));
  if (bad !== undefined) return { ok: false, message: `"${String(bad)}" cannot be encoded in Code 128 here (printable ASCII only)` };
  if (tokens.length === 0) return { ok: false, message: 'there is nothing to encode' };
  const n = tokens.length;
  // cost[i][s]: fewest codewords to encode tokens[i..] when subset s (0 = B, 1 = C) is active.
  const cost: [number, number][] = Array.from({ length: n + 1 }, () => [0, 0]);
  for (let i = n - 1; i >= 0; i--) {
    const t = tokens[i]!;
    const stepB = 1 + cost[i + 1]![0];
    const stepC = typeof t !== 'string' ? 1 + cost[i + 1]![1] : isDigit(t) && isDigit(tokens[i + 1]) ? 1 + cost[i + 2]![1] : Infinity;
    cost[i] = [Math.min(stepB, 1 + stepC), Math.min(stepC, 1 + stepB)];
  }
  const startC = 1 + pathCost(0, 1, cost, tokens) <= 1 + pathCost(0, 0, cost, tokens);
  let set = startC ? 1 : 0;
  const codewords: number[] = [startC ? START_C : START_B];
  let zpl = startC ? '>;' : '>:';
  let i = 0;
  while (i < n) {
    const t = tokens[i]!;
    const here = pathCost(i, set, cost, tokens);
    const other = 1 - set;
    // Switch only when staying costs more than a switch plus the other subset's best.
    if (here > 1 + pathCost(i, other, cost, tokens)) {
      set = other;
      codewords.push(set ? CODE_C : CODE_B);
      zpl += set ? '>5' : '>6';
    }
    if (typeof t !== 'string') {
      codewords.push(FNC1_CW);
      zpl += '>8';
      i++;
    } else if (set === 1) {
      const pair = t + (tokens[i + 1] as string);
      codewords.push(Number(pair));
      zpl += pair;
      i += 2;
    } else {
      codewords.push(t.charCodeAt(0) - 32);
      zpl += ZPL_B_ESCAPE[t] ?? t;
      i++;
    }
  }
  return { ok: true, plan: { codewords, zpl, modules: 11 * (codewords.length + 1) + 13 } };
}

/** Cost of encoding tokens[i..] starting in subset s without an immediate switch. */
function pathCost(i: number, s: number, cost: readonly [number, number][], tokens: readonly C128Token[]): number {
  if (i >= tokens.length) return 0;
  const t = tokens[i]!;
  if (s === 0) return 1 + cost[i + 1]![0];
  if (typeof t !== 'string') return 1 + cost[i + 1]![1];
  return isDigit(t) && isDigit(tokens[i + 1]) ? 1 + cost[i + 2]![1] : Infinity;
}
