// The board's charts as plain SVG (no chart library is installed here): a stacked bar
// chart, a Pareto chart (bars + cumulative line) and horizontal percentage bars. Colours
// and fonts are attributes, not CSS, so an exported PNG looks like the screen.
import { forwardRef } from 'react';
import { bands, colour, linear, niceTicks, stack } from './scale';

const FONT = 'DejaVu Sans, sans-serif';
const TEXT = '#f3f6f9';
const GRID = '#3a4656';

export interface StackedBarsProps {
  readonly labels: readonly string[];
  readonly series: readonly { readonly key: string; readonly values: readonly number[] }[];
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

export const StackedBars = forwardRef<SVGSVGElement, StackedBarsProps>(function StackedBars({ labels, series, title, width = 900, height = 380 }, ref) {
  const m = { top: 36, right: 16, bottom: 70, left: 56 };
  const stacked = stack(series.map((s) => s.values));
  const max = Math.max(0, ...labels.map((_, i) => stacked.reduce((top, s) => Math.max(top, s[i]?.[1] ?? 0), 0)));
  const ticks = niceTicks(max, 5, true);
  const y = linear(ticks[ticks.length - 1]!, height - m.bottom, m.top);
  const b = bands(labels.length, m.left, width - m.right);
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return (
    <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg" fontFamily={FONT}>
      <text x={m.left} y={22} fill={TEXT} fontSize={18} fontWeight="bold">
        {title}
      </text>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={m.left} x2={width - m.right} y1={y(v)} y2={y(v)} stroke={GRID} />
          <text x={m.left - 8} y={y(v) + 5} fill={TEXT} fontSize={14} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {stacked.map((s, si) =>
        s.map(([y0, y1], i) => (y1 > y0 ? <rect key={`${si}:${i}`} x={b.x(i)} width={b.width} y={y(y1)} height={y(y0) - y(y1)} fill={colour(si)} /> : null)),
      )}
      {labels.map((l, i) =>
        i % every === 0 ? (
          <text key={l + i} x={b.center(i)} y={height - m.bottom + 20} fill={TEXT} fontSize={14} textAnchor="middle">
            {l}
          </text>
        ) : null,
      )}
      {series.map((s, si) => (
        <g key={s.key} transform={`translate(${m.left + (si % 3) * 280}, ${height - 28 + Math.floor(si / 3) * 18})`}>
          <rect width={12} height={12} y={-11} fill={colour(si)} />
          <text x={18} fill={TEXT} fontSize={13}>
            {s.key}
          </text>
        </g>
      ))}
    </svg>
  );
});

export interface ParetoProps {
  readonly bars: readonly { readonly label: string; readonly count: number; readonly cumulative: number }[];
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
}

export const Pareto = forwardRef<SVGSVGElement, ParetoProps>(function Pareto({ bars, title, width = 900, height = 380 }, ref) {
  const m = { top: 52, right: 56, bottom: 90, left: 56 };
  const ticks = niceTicks(Math.max(0, ...bars.map((x) => x.count)), 5, true);
  const y = linear(ticks[ticks.length - 1]!, height - m.bottom, m.top);
  const yPct = linear(1, height - m.bottom, m.top);
  const b = bands(bars.length, m.left, width - m.right);
  const line = bars.map((x, i) => `${i ? 'L' : 'M'}${b.center(i)},${yPct(x.cumulative)}`).join(' ');
  return (
    <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg" fontFamily={FONT}>
      <text x={m.left} y={22} fill={TEXT} fontSize={18} fontWeight="bold">
        {title}
      </text>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={m.left} x2={width - m.right} y1={y(v)} y2={y(v)} stroke={GRID} />
          <text x={m.left - 8} y={y(v) + 5} fill={TEXT} fontSize={14} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {[0, 0.5, 0.8, 1].map((p) => (
        <text key={p} x={width - m.right + 6} y={yPct(p) + 5} fill="#e69f00" fontSize={13}>
          {Math.round(p * 100)}%
        </text>
      ))}
      {bars.map((x, i) => (
        <g key={x.label}>
          <rect x={b.x(i)} width={b.width} y={y(x.count)} height={y(0) - y(x.count)} fill="#d55e00" />
          <text x={b.center(i)} y={y(x.count) - 6} fill={TEXT} fontSize={14} textAnchor="middle">
            {x.count}
          </text>
          <text x={b.center(i)} y={height - m.bottom + 18} fill={TEXT} fontSize={13} textAnchor="end" transform={`rotate(-25 ${b.center(i)} ${height - m.bottom + 18})`}>
            {x.label}
          </text>
        </g>
      ))}
      {bars.length > 0 && <path d={line} fill="none" stroke="#e69f00" strokeWidth={3} />}
      {bars.map((x, i) => (
        <circle key={x.label} cx={b.center(i)} cy={yPct(x.cumulative)} r={4} fill="#e69f00" />
      ))}
    </svg>
  );
});

export interface PercentBarsProps {
  readonly rows: readonly { readonly label: string; readonly value: number | null; readonly note?: string }[];
  readonly title: string;
  readonly empty: string;
  readonly width?: number;
}

/** One horizontal bar per row, 0–100 %; a row without a value says so instead of drawing 0. */
export const PercentBars = forwardRef<SVGSVGElement, PercentBarsProps>(function PercentBars({ rows, title, empty, width = 900 }, ref) {
  const row = 34;
  const m = { top: 36, left: 160, right: 90 };
  const height = m.top + Math.max(1, rows.length) * row + 10;
  const x = linear(1, m.left, width - m.right);
  return (
    <svg ref={ref} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg" fontFamily={FONT}>
      <text x={16} y={22} fill={TEXT} fontSize={18} fontWeight="bold">
        {title}
      </text>
      {rows.length === 0 && (
        <text x={16} y={m.top + 22} fill={TEXT} fontSize={15}>
          {empty}
        </text>
      )}
      {rows.map((r, i) => {
        const top = m.top + i * row;
        const v = r.value;
        const fill = v === null ? GRID : v >= 0.95 ? '#009e73' : v >= 0.85 ? '#f0e442' : '#d55e00';
        return (
          <g key={r.label}>
            <text x={m.left - 10} y={top + 21} fill={TEXT} fontSize={15} textAnchor="end">
              {r.label}
            </text>
            <rect x={m.left} y={top + 4} width={x(1) - m.left} height={row - 10} fill="#243040" />
            {v !== null && <rect x={m.left} y={top + 4} width={Math.max(0, x(v) - m.left)} height={row - 10} fill={fill} />}
            <text x={x(1) + 8} y={top + 21} fill={TEXT} fontSize={15}>
              {v === null ? '—' : `${(v * 100).toFixed(1)} %`}
            </text>
          </g>
        );
      })}
    </svg>
  );
});
