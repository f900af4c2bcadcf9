// The board's charts as ECharts options, built from the central server's figures by pure
// functions: the translated words and the type size come in as arguments, so the same
// builders serve a desk screen and a wall screen read from three metres, in any language.
import type { ChartOption } from './echarts';

/** Type sizes in CSS pixels. Wall: about 1/40 of a 1080p screen's height per axis label, readable at 3 m. */
export interface ChartLook {
  readonly title: number;
  readonly axis: number;
  readonly value: number;
  readonly legend: number;
}

export const DESK_LOOK: ChartLook = { title: 20, axis: 15, value: 15, legend: 14 };
export const WALL_LOOK: ChartLook = { title: 32, axis: 24, value: 26, legend: 22 };

const FONT = "'DejaVu Sans', sans-serif";
const TEXT = '#f3f6f9';
const GRID = '#3a4656';
/** The panel colour, also the background of an exported PNG (so it looks like the screen). */
export const CHART_BACKGROUND = '#1b232c';
const CUMULATIVE = '#e69f00';
const REJECTS = '#d55e00';

/** A colour per series, distinct on a dark background and for common colour blindness (Okabe–Ito). */
export const PALETTE = ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#ffffff'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length]!;

/** Yield and availability: green from 95 %, yellow from 85 %, red below; grey when nothing was planned. */
export function percentColour(v: number | null): string {
  if (v === null) return GRID;
  return v >= 0.95 ? '#009e73' : v >= 0.85 ? '#f0e442' : '#d55e00';
}

/** "97.5 %" in the given language; "—" when there is no figure (not 0 %: nothing was planned). */
export function formatPercent(v: number | null, lang: string): string {
  return v === null ? '—' : `${new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v * 100)} %`;
}

function base(title: string, look: ChartLook): ChartOption {
  return {
    // No animation: the figure is there at once, and two screenshots of the same data are the same.
    animation: false,
    backgroundColor: CHART_BACKGROUND,
    textStyle: { fontFamily: FONT, color: TEXT },
    title: { text: title, left: 8, top: 4, textStyle: { color: TEXT, fontSize: look.title, fontWeight: 'bold', fontFamily: FONT } },
  };
}

const axisLabel = (look: ChartLook) => ({ color: TEXT, fontSize: look.axis, fontFamily: FONT });
const splitLine = { lineStyle: { color: GRID } };

export interface OutputChartInput {
  readonly title: string;
  /** One label per bucket (an hour, or day + hour for a week). */
  readonly labels: readonly string[];
  readonly series: readonly { readonly key: string; readonly values: readonly number[] }[];
  readonly look: ChartLook;
}

/** Output per hour: one bar per bucket, stacked by station · work order; the counts written on the bars while they fit. */
export function outputOption({ title, labels, series, look }: OutputChartInput): ChartOption {
  const showValues = labels.length <= 24;
  const legendRows = Math.ceil(series.length / 3);
  return {
    ...base(title, look),
    legend: { bottom: 4, left: 8, itemWidth: look.legend, itemHeight: look.legend, textStyle: { color: TEXT, fontSize: look.legend, fontFamily: FONT } },
    grid: { left: 56 + look.axis, right: 16, top: look.title * 2 + 8, bottom: (look.legend + 12) * Math.max(1, legendRows) + look.axis * 2 },
    xAxis: { type: 'category', data: [...labels], axisLabel: axisLabel(look), axisLine: { lineStyle: { color: GRID } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisLabel(look), splitLine },
    series: series.map((s, i) => ({
      type: 'bar' as const,
      name: s.key,
      stack: 'output',
      data: [...s.values],
      itemStyle: { color: colour(i) },
      label: { show: showValues, position: 'inside' as const, color: '#000', fontSize: look.value, fontWeight: 'bold' as const, formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
    })),
  };
}

export interface ParetoChartInput {
  readonly title: string;
  readonly bars: readonly { readonly label: string; readonly count: number; readonly cumulative: number }[];
  readonly countName: string;
  readonly cumulativeName: string;
  readonly look: ChartLook;
}

/** Reject reasons as a Pareto: bars in descending count on the left axis, the cumulative share as a line on a 0–100 % right axis. */
export function paretoOption({ title, bars, countName, cumulativeName, look }: ParetoChartInput): ChartOption {
  const rotate = bars.length > 4 ? 25 : 0;
  return {
    ...base(title, look),
    legend: { top: 8, right: 8, itemWidth: look.legend, itemHeight: look.legend, textStyle: { color: TEXT, fontSize: look.legend, fontFamily: FONT } },
    grid: { left: 48 + look.axis, right: 56 + look.axis * 2, top: look.title * 2 + 16, bottom: rotate ? look.axis * 6 : look.axis * 3 },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { ...axisLabel(look), rotate, interval: 0 }, axisLine: { lineStyle: { color: GRID } } },
    yAxis: [
      // Headroom above the tallest bar for its count.
      { type: 'value', minInterval: 1, max: (e: { max: number }) => Math.max(1, Math.ceil(e.max * 1.2)), axisLabel: axisLabel(look), splitLine },
      { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { ...axisLabel(look), color: CUMULATIVE, formatter: '{value} %' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: countName, data: bars.map((b) => b.count), itemStyle: { color: REJECTS }, label: { show: true, position: 'top', color: TEXT, fontSize: look.value, fontWeight: 'bold' } },
      {
        type: 'line',
        name: cumulativeName,
        yAxisIndex: 1,
        data: bars.map((b) => Math.round(b.cumulative * 1000) / 10),
        itemStyle: { color: CUMULATIVE },
        lineStyle: { color: CUMULATIVE, width: 3 },
        symbolSize: look.axis / 2,
        // Read against the right axis; written figures here would sit on the bars' counts (they are in the data table).
      },
    ],
  };
}

export interface PercentChartInput {
  readonly title: string;
  readonly rows: readonly { readonly label: string; readonly value: number | null }[];
  readonly lang: string;
  readonly look: ChartLook;
}

/** One horizontal 0–100 % bar per station, coloured by threshold, the figure written beside it; a station without a figure says "—" instead of drawing 0. */
export function percentOption({ title, rows, lang, look }: PercentChartInput): ChartOption {
  return {
    ...base(title, look),
    grid: { left: 16 + look.axis * 7, right: 16 + look.value * 5, top: look.title * 2 + 8, bottom: look.axis * 2 },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { ...axisLabel(look), formatter: '{value} %' }, splitLine },
    // Top row first, like a table.
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: axisLabel(look), axisLine: { lineStyle: { color: GRID } } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: r.value === null ? 0 : Math.round(r.value * 1000) / 10,
          itemStyle: { color: percentColour(r.value) },
          label: { show: true, position: 'right' as const, color: TEXT, fontSize: look.value, formatter: formatPercent(r.value, lang) },
        })),
        barMaxWidth: look.axis * 2,
        showBackground: true,
        backgroundStyle: { color: '#243040' },
      },
    ],
  };
}

/** Height in pixels a percentage chart needs for `rows` stations at this type size. */
export function percentChartHeight(rows: number, look: ChartLook): number {
  return look.title * 2 + 8 + look.axis * 2 + Math.max(1, rows) * look.axis * 2.6;
}
