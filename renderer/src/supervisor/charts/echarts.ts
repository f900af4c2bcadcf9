// The one place ECharts is loaded: only the chart types, components and renderer the board
// uses are registered (tree-shaken through `echarts/core`), and only the supervisor's
// lazily loaded charts chunk imports this file, so station screens never carry it.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, type GridComponentOption, type LegendComponentOption, type TitleComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// No tooltip/axis pointer (about a quarter of the chunk): the counts are written on the bars
// and every chart has a data table beside it; a wall screen has no pointer anyway.
use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption>;
export type { EChartsType };

/**
 * SVG, not canvas: text stays text (searchable, assertable, sharp at any wall-screen
 * scale) and the drawing is the same on every run, so screenshots can be compared.
 */
export function createChart(el: HTMLElement): EChartsType {
  return init(el, null, { renderer: 'svg' });
}
