// One measured figure of `lotline bench`, printed beside the baseline measured in the same run.
export interface BenchFigure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is compared with, measured in the same run (e.g. "raw durable SQLite insert p99"). */
  readonly baseline?: string;
  readonly baselineValue?: number;
  /** value / baselineValue when a baseline exists. */
  readonly ratio?: number;
  /** The budget from DESIGN.md, as text, for the reader (never asserted in tests). */
  readonly budget?: string;
}

export interface BenchSuite {
  readonly name: string;
  readonly summary: string;
  run(opts: { readonly quick: boolean; readonly log: (line: string) => void }): Promise<BenchFigure[]>;
}

export function figure(f: Omit<BenchFigure, 'ratio'>): BenchFigure {
  const ratio = f.baselineValue !== undefined && f.baselineValue > 0 ? f.value / f.baselineValue : undefined;
  return ratio === undefined ? f : { ...f, ratio };
}

/** Percentile of an unsorted sample (nearest-rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
