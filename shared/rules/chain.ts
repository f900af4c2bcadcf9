// An immutable list that grows at its end in O(1): each value keeps the one before it and
// shares everything older. A setup's history is one — every reel change appends to it, and
// copying the whole array per change cost time and garbage that grew with the run (a slot
// re-verified a thousand times copied a thousand-entry array each time). Pure.

export interface Chain<T> {
  readonly last: T;
  readonly before: Chain<T> | null;
  readonly length: number;
}

export const EMPTY_CHAIN = null;

export function append<T>(chain: Chain<T> | null, ...items: readonly T[]): Chain<T> | null {
  let c = chain;
  for (const last of items) c = { last, before: c, length: (c?.length ?? 0) + 1 };
  return c;
}

/** The newest `n` items, oldest first. */
export function lastItems<T>(chain: Chain<T> | null, n: number): T[] {
  const out: T[] = [];
  for (let c = chain; c && out.length < n; c = c.before) out.push(c.last);
  return out.reverse();
}

/** Every item, oldest first. */
export function chainItems<T>(chain: Chain<T> | null): T[] {
  return lastItems(chain, Number.POSITIVE_INFINITY);
}

export const chainLength = (chain: Chain<unknown> | null): number => chain?.length ?? 0;
