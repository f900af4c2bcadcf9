import { describe, expect, it } from 'vitest';
import { DESK_LOOK, WALL_LOOK, formatPercent, outputOption, paretoOption, percentColour, percentOption } from './options';

type Anything = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chart options', () => {
  it.each([
    [null, '#3a4656'],
    [1, '#009e73'],
    [0.95, '#009e73'],
    [0.9, '#f0e442'],
    [0.85, '#f0e442'],
    [0.5, '#d55e00'],
    [0, '#d55e00'],
  ])('percentColour(%s) = %s', (v, c) => expect(percentColour(v)).toBe(c));

  it.each([
    [null, 'en', '—'],
    [0.975, 'en', '97.5 %'],
    [0.975, 'es', '97,5 %'],
    [1, 'en', '100.0 %'],
  ])('formatPercent(%s, %s) = %s', (v, lang, text) => expect(formatPercent(v, lang)).toBe(text));

  it('output: one stacked bar series per station · work order, counts written on the bars, zeros left blank', () => {
    const o = outputOption({ title: 'Output', labels: ['08:00', '09:00'], series: [{ key: 'SMT-1 · WO-1', values: [5, 0] }, { key: 'SMT-2 · WO-2', values: [0, 3] }], look: DESK_LOOK }) as Anything;
    expect(o.xAxis.data).toEqual(['08:00', '09:00']);
    expect(o.series.map((s: Anything) => [s.type, s.name, s.stack, s.data])).toEqual([
      ['bar', 'SMT-1 · WO-1', 'output', [5, 0]],
      ['bar', 'SMT-2 · WO-2', 'output', [0, 3]],
    ]);
    const label = o.series[0].label;
    expect(label.show).toBe(true);
    expect([label.formatter({ value: 5 }), label.formatter({ value: 0 })]).toEqual(['5', '']);
    expect(o.animation).toBe(false);
  });

  it('output: a week of hours is too many bars for written counts', () => {
    const labels = Array.from({ length: 168 }, (_, i) => String(i));
    const o = outputOption({ title: 'Output', labels, series: [{ key: 'A', values: labels.map(() => 1) }], look: DESK_LOOK }) as Anything;
    expect(o.series[0].label.show).toBe(false);
  });

  it('pareto: count bars on the left axis, cumulative % line on a 0–100 right axis', () => {
    const o = paretoOption({
      title: 'Pareto',
      bars: [
        { label: 'Wrong item', count: 3, cumulative: 0.6 },
        { label: 'Expired', count: 2, cumulative: 1 },
      ],
      countName: 'Rejects',
      cumulativeName: 'Cumulative',
      look: DESK_LOOK,
    }) as Anything;
    expect(o.xAxis.data).toEqual(['Wrong item', 'Expired']);
    expect(o.series[0]).toMatchObject({ type: 'bar', name: 'Rejects', data: [3, 2] });
    expect(o.series[1]).toMatchObject({ type: 'line', name: 'Cumulative', yAxisIndex: 1, data: [60, 100] });
    expect(o.yAxis[1]).toMatchObject({ min: 0, max: 100 });
  });

  it('percent bars: a station without a figure shows "—" in grey instead of a 0 % bar in red', () => {
    const o = percentOption({ title: 'FPY', rows: [{ label: 'SMT-1', value: 0.8 }, { label: 'SMT-2', value: null }], lang: 'en', look: WALL_LOOK }) as Anything;
    expect(o.yAxis.data).toEqual(['SMT-1', 'SMT-2']);
    const [a, b] = o.series[0].data;
    expect([a.value, a.label.formatter, a.itemStyle.color]).toEqual([80, '80.0 %', '#d55e00']);
    expect([b.value, b.label.formatter, b.itemStyle.color]).toEqual([0, '—', '#3a4656']);
  });

  it('wall type is larger than desk type everywhere', () => {
    for (const k of ['title', 'axis', 'value', 'legend'] as const) expect(WALL_LOOK[k]).toBeGreaterThan(DESK_LOOK[k]);
    const o = percentOption({ title: 'FPY', rows: [], lang: 'en', look: WALL_LOOK }) as Anything;
    expect(o.title.textStyle.fontSize).toBe(WALL_LOOK.title);
    expect(o.yAxis.axisLabel.fontSize).toBe(WALL_LOOK.axis);
  });
});
