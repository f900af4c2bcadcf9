// The board's figures as pure functions of facts: Pareto of reject reasons, first-pass
// yield, availability from run states, output per hour. Times are epoch milliseconds.
import type { StationState } from './inputs';

export interface ParetoBar {
  readonly key: string;
  readonly count: number;
  /** Share of all counts, 0..1. */
  readonly share: number;
  /** Running share up to and including this bar, 0..1. */
  readonly cumulative: number;
}

/** Bars in descending count (ties by key, so the order is stable); past `top`, the rest is one "other" bar. */
export function pareto(counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>, top = 8, otherKey = 'other'): ParetoBar[] {
  const entries = (counts instanceof Map ? [...counts.entries()] : Object.entries(counts)).filter(([, n]) => n > 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return [];
  const head = entries.slice(0, top);
  const rest = entries.slice(top).reduce((s, [, n]) => s + n, 0);
  if (rest > 0) head.push([otherKey, rest]);
  let run = 0;
  return head.map(([key, count]) => {
    run += count;
    return { key, count, share: count / total, cumulative: run / total };
  });
}

export interface VerdictFact {
  /** What was verified (work order + slot, or the lot): a unit's first verdict decides its first pass. */
  readonly unit: string;
  readonly verdict: 'ACCEPT' | 'WARN' | 'REJECT';
  readonly at: number;
}

/**
 * First-pass yield: the share of units whose first verdict was not a REJECT. A WARN that
 * the operator acknowledged passed first time. No units → null (not 100 %: nothing was made).
 */
export function firstPassYield(facts: readonly VerdictFact[]): { units: number; passed: number; fpy: number | null } {
  const first = new Map<string, VerdictFact>();
  for (const f of facts) {
    const seen = first.get(f.unit);
    if (!seen || f.at < seen.at) first.set(f.unit, f);
  }
  let passed = 0;
  for (const f of first.values()) if (f.verdict !== 'REJECT') passed++;
  return { units: first.size, passed, fpy: first.size ? passed / first.size : null };
}

export interface StateChange {
  readonly at: number;
  readonly state: StationState;
}

export type StateDurations = Record<StationState | 'unknown', number>;

/**
 * Time in each state inside [from, to). `before` is the state in force at `from` (the last
 * change before the range), or unknown. Availability = running / (running + setup + down):
 * idle is time nobody planned to produce, unknown is time the station did not report; both
 * are left out rather than guessed. Null when there was no planned time.
 */
export function availability(changes: readonly StateChange[], from: number, to: number, before: StationState | null = null): { durations: StateDurations; availability: number | null } {
  const durations: StateDurations = { running: 0, setup: 0, idle: 0, down: 0, unknown: 0 };
  if (to <= from) return { durations, availability: null };
  const sorted = [...changes].filter((c) => c.at < to).sort((a, b) => a.at - b.at);
  let state: StationState | 'unknown' = before ?? 'unknown';
  let t = from;
  for (const c of sorted) {
    if (c.at <= from) {
      state = c.state;
      continue;
    }
    durations[state] += c.at - t;
    t = c.at;
    state = c.state;
  }
  durations[state] += to - t;
  const planned = durations.running + durations.setup + durations.down;
  return { durations, availability: planned > 0 ? durations.running / planned : null };
}

/** Sums `n` per (bucket start, series key) in hour (or `bucketMs`) buckets over [from, to). */
export function perBucket(facts: readonly { at: number; key: string; n: number }[], from: number, to: number, bucketMs = 3_600_000): { buckets: number[]; series: { key: string; values: number[] }[] } {
  const start = Math.floor(from / bucketMs) * bucketMs;
  const buckets: number[] = [];
  for (let b = start; b < to; b += bucketMs) buckets.push(b);
  const series = new Map<string, number[]>();
  for (const f of facts) {
    if (f.at < from || f.at >= to) continue;
    const i = Math.floor((f.at - start) / bucketMs);
    let v = series.get(f.key);
    if (!v) series.set(f.key, (v = new Array<number>(buckets.length).fill(0)));
    v[i] = (v[i] ?? 0) + f.n;
  }
  return { buckets, series: [...series.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, values]) => ({ key, values })) };
}
