// Chart geometry without a chart library: "nice" axis ticks, a linear scale and band
// positions. Pure, so the drawing code stays a thin SVG layer over tested numbers.

/** Ticks from 0 to at least `max` at 1, 2 or 5 × 10^n steps, about `count` of them; `integer` for counts (no 0.5 of a reject). */
export function niceTicks(max: number, count = 5, integer = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** Maps [0, domainMax] onto [rangeStart, rangeEnd] (the y axis runs downwards in SVG: pass bottom, top). */
export function linear(domainMax: number, rangeStart: number, rangeEnd: number): (v: number) => number {
  const d = domainMax > 0 ? domainMax : 1;
  return (v) => rangeStart + ((rangeEnd - rangeStart) * v) / d;
}

/** `n` equal bands across [start, end] with `padding` (0..1) of each band left empty. */
export function bands(n: number, start: number, end: number, padding = 0.2): { x: (i: number) => number; width: number; center: (i: number) => number } {
  const step = n > 0 ? (end - start) / n : 0;
  const width = step * (1 - padding);
  return { x: (i) => start + i * step + (step - width) / 2, width, center: (i) => start + i * step + step / 2 };
}

/** Stacks series values per bucket: for each series the [y0, y1] of every bucket. */
export function stack(series: readonly (readonly number[])[]): [number, number][][] {
  const n = series[0]?.length ?? 0;
  const base = new Array<number>(n).fill(0);
  return series.map((values) =>
    values.map((v, i) => {
      const y0 = base[i]!;
      base[i] = y0 + v;
      return [y0, y0 + v] as [number, number];
    }),
  );
}

/** A colour per series, distinct on a dark background and for common colour blindness (Okabe–Ito). */
export const PALETTE = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#ffffff'];
export const colour = (i: number) => PALETTE[i % PALETTE.length]!;
