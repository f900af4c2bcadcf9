// One ECharts chart in a React tree: created on mount, given each new option whole, resized
// with its box, disposed on unmount. The parent gets `png(filename)` through the ref.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { createChart, type ChartOption, type EChartsType } from './echarts';
import { chartToPng } from './export';

export interface EChartHandle {
  png(filename: string): Promise<void>;
}

export interface EChartProps {
  readonly option: ChartOption;
  /** The chart's accessible name (the drawing is one image to assistive technology; its figures are in the data table beside it). */
  readonly label: string;
  readonly height: number;
  readonly testId?: string;
}

export const EChart = forwardRef<EChartHandle, EChartProps>(function EChart({ option, label, height, testId }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const c = createChart(box.current!);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series that left the range must leave the chart too.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useImperativeHandle(ref, () => ({
    png: async (filename) => {
      if (!chart.current) throw new Error('the chart is not drawn yet');
      await chartToPng(chart.current, filename);
    },
  }));

  return <div ref={box} className="sv-chart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
});
