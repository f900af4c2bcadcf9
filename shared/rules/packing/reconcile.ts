// Lot close: planned-vs-used material reconciliation and the box check-weight. Pure.

export interface BomLineLike {
  readonly itemId: string;
  readonly qtyPer: number;
}

export interface MaterialReconLine {
  readonly itemId: string;
  readonly planned: number;
  readonly used: number;
  readonly variance: number;
  /** |variance| / planned, 0 when nothing was planned and nothing used. */
  readonly variancePct: number;
  readonly ok: boolean;
}

export interface MaterialRecon {
  readonly lines: readonly MaterialReconLine[];
  readonly balanced: boolean;
}

/**
 * Planned = qtyPer × finished units packed; used = what the packer counted as consumed
 * (including scrap). A line balances within `tolerancePct` (default 2 %); an item used but
 * not on the BOM never balances.
 */
export function reconcileMaterials(bom: readonly BomLineLike[], unitsPacked: number, used: Readonly<Record<string, number>>, tolerancePct = 2): MaterialRecon {
  const lines: MaterialReconLine[] = bom.map((l) => {
    const planned = round6(l.qtyPer * unitsPacked);
    const u = used[l.itemId] ?? planned;
    const variance = round6(u - planned);
    const variancePct = planned === 0 ? (u === 0 ? 0 : Infinity) : (Math.abs(variance) / planned) * 100;
    return { itemId: l.itemId, planned, used: u, variance, variancePct: Number.isFinite(variancePct) ? round6(variancePct) : 100, ok: variancePct <= tolerancePct };
  });
  for (const [itemId, u] of Object.entries(used)) {
    if (!bom.some((l) => l.itemId === itemId)) lines.push({ itemId, planned: 0, used: u, variance: u, variancePct: 100, ok: u === 0 });
  }
  return { lines, balanced: lines.every((l) => l.ok) };
}

export interface CheckWeight {
  readonly grams: number;
  readonly targetGrams: number;
  readonly toleranceGrams: number;
  readonly deviationGrams: number;
  readonly ok: boolean;
}

/** Box check-weight: target = units × piece weight + packaging tare; ok within ± tolerance (inclusive). */
export function checkWeight(grams: number, units: number, pieceGrams: number, tareGrams: number, toleranceGrams: number): CheckWeight {
  const targetGrams = round6(units * pieceGrams + tareGrams);
  const deviationGrams = round6(grams - targetGrams);
  return { grams, targetGrams, toleranceGrams, deviationGrams, ok: Math.abs(deviationGrams) <= toleranceGrams + 1e-9 };
}

export interface BoxWeighing {
  readonly boxNo: number;
  readonly ok: boolean;
}

/** The box the next weighing is for: a box that failed is reworked and weighed again under its
 *  own number (the failure stays in the log); otherwise the next box. */
export function nextBoxNo(weighings: readonly BoxWeighing[]): number {
  const last = weighings.at(-1);
  if (last && !last.ok) return last.boxNo;
  return weighings.reduce((m, w) => Math.max(m, w.boxNo), 0) + 1;
}

/** Each box as its latest weighing left it, in box order. */
export function latestPerBox<T extends BoxWeighing>(weighings: readonly T[]): T[] {
  const by = new Map<number, T>();
  for (const w of weighings) by.set(w.boxNo, w);
  return [...by.values()].sort((a, b) => a.boxNo - b.boxNo);
}

/** Label reconciliation as the label service reports it: balanced, and as many labels applied as boxes packed. */
export function labelsBalanced(r: { readonly printed: number; readonly applied: number; readonly voided: number; readonly balanced: boolean }, boxes: number | null): boolean {
  return r.balanced && (boxes === null || r.applied === boxes);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
