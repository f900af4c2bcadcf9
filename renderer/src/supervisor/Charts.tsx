// Production charts: output per hour per station and work order, first-pass yield, reject
// reasons as a Pareto, availability from the stations' run states; a time range; each
// chart drawn by ECharts and exported as PNG, the output as CSV. Every chart has its
// figures in a data table beside it, for screen readers and for reading exact numbers.
// This module is loaded lazily (it carries ECharts): see SupervisorApp.
import { useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartsView } from '../../../shared/board/api';
import { useBoardData, useSupervisor } from './context';
import { reasonLabel } from './format';
import { EChart, type EChartHandle } from './charts/EChart';
import { DESK_LOOK, WALL_LOOK, formatPercent, outputOption, paretoOption, percentChartHeight, percentOption } from './charts/options';

const RANGES = [8, 24, 168] as const;
type ChartKey = 'output' | 'pareto' | 'fpy' | 'availability';

export function ChartsPanel({ wall = false }: { wall?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { api } = useSupervisor();
  const [hours, setHours] = useState<number>(8);
  const { data } = useBoardData<ChartsView>(`/charts?hours=${hours}`, 'charts');
  const [error, setError] = useState<string | null>(null);
  const refs: Record<ChartKey, RefObject<EChartHandle | null>> = { output: useRef(null), pareto: useRef(null), fpy: useRef(null), availability: useRef(null) };
  const look = wall ? WALL_LOOK : DESK_LOOK;

  const options = useMemo(() => {
    if (!data) return null;
    const time = new Intl.DateTimeFormat(lang, hours > 24 ? { weekday: 'short', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
    const reason = (key: string) => (key === 'other' ? t('board.charts.other') : reasonLabel(t, i18n.language, key));
    return {
      output: outputOption({ title: t('board.charts.output'), labels: data.output.buckets.map((b) => time.format(b)), series: data.output.series, look }),
      pareto: paretoOption({ title: t('board.charts.pareto'), bars: data.pareto.map((b) => ({ label: reason(b.key), count: b.count, cumulative: b.cumulative })), countName: t('board.charts.rejects'), cumulativeName: t('board.charts.cumulative'), look }),
      fpy: percentOption({ title: t('board.charts.fpy'), rows: data.fpy.map((f) => ({ label: f.stationId, value: f.fpy })), lang, look }),
      availability: percentOption({ title: t('board.charts.availability'), rows: data.availability.map((a) => ({ label: a.stationId, value: a.availability })), lang, look }),
      reason,
    };
  }, [data, hours, lang, look, t]);

  const png = (k: ChartKey) => {
    void refs[k].current?.png(`lotline-${k}-${new Date().toISOString().slice(0, 16).replace(':', '')}.png`).catch((err: unknown) => setError((err as Error).message));
  };
  const wallHeight = 430;
  const fmtHours = (ms: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(ms / 3_600_000);

  const figure = (key: ChartKey, title: string, height: number, empty: boolean, table: ReactNode) => (
    <figure key={key} data-testid={`chart-${key}`}>
      {empty ? (
        <div className="sv-chart-empty" style={{ height }}>
          <strong>{title}</strong>
          <span>{t('board.charts.noData')}</span>
        </div>
      ) : (
        <EChart ref={refs[key]} option={options![key]} label={title} height={height} />
      )}
      {!wall && !empty && (
        <div className="row">
          <button className="btn" onClick={() => png(key)}>
            {t('board.charts.png')}
          </button>
        </div>
      )}
      {!wall && (
        <details className="sv-chart-data">
          <summary>{t('board.charts.table')}</summary>
          <table>
            <caption>{title}</caption>
            {table}
          </table>
        </details>
      )}
    </figure>
  );

  return (
    <section aria-label={t('board.nav.charts')}>
      {!wall && (
        <div className="row">
          {RANGES.map((h) => (
            <button key={h} className={`tab${h === hours ? ' tab-active' : ''}`} onClick={() => setHours(h)}>
              {t(`board.charts.range${h}`)}
            </button>
          ))}
          <button className="btn" onClick={() => void api.download(`/charts?hours=${hours}&format=csv`, `lotline-output-${hours}h.csv`).catch((err: unknown) => setError((err as Error).message))}>
            {t('board.charts.csv')}
          </button>
        </div>
      )}
      {error && <div className="banner banner-error" role="alert">{error}</div>}
      {data && options && (
        <div className={wall ? 'sv-charts sv-charts-wall' : 'sv-charts'}>
          {figure(
            'output',
            t('board.charts.output'),
            wall ? wallHeight : 380,
            data.output.series.length === 0,
            <>
              <thead>
                <tr>
                  <th scope="col">{t('board.charts.series')}</th>
                  <th scope="col">{t('board.charts.total')}</th>
                </tr>
              </thead>
              <tbody>
                {data.output.series.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.key}</th>
                    <td className="num">{s.values.reduce((a, b) => a + b, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </>,
          )}
          {figure(
            'pareto',
            t('board.charts.pareto'),
            wall ? wallHeight : 380,
            data.pareto.length === 0,
            <>
              <thead>
                <tr>
                  <th scope="col">{t('board.charts.reason')}</th>
                  <th scope="col">{t('board.charts.rejects')}</th>
                  <th scope="col">{t('board.charts.cumulative')}</th>
                </tr>
              </thead>
              <tbody>
                {data.pareto.map((b) => (
                  <tr key={b.key}>
                    <th scope="row">{options.reason(b.key)}</th>
                    <td className="num">{b.count}</td>
                    <td className="num">{formatPercent(b.cumulative, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </>,
          )}
          {figure(
            'fpy',
            t('board.charts.fpy'),
            wall ? wallHeight : percentChartHeight(data.fpy.length, look),
            data.fpy.length === 0,
            <>
              <thead>
                <tr>
                  <th scope="col">{t('board.charts.station')}</th>
                  <th scope="col">{t('board.charts.units')}</th>
                  <th scope="col">{t('board.charts.passed')}</th>
                  <th scope="col">{t('board.charts.fpy')}</th>
                </tr>
              </thead>
              <tbody>
                {data.fpy.map((f) => (
                  <tr key={f.stationId}>
                    <th scope="row">{f.stationId}</th>
                    <td className="num">{f.units}</td>
                    <td className="num">{f.passed}</td>
                    <td className="num">{formatPercent(f.fpy, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </>,
          )}
          {figure(
            'availability',
            t('board.charts.availability'),
            wall ? wallHeight : percentChartHeight(data.availability.length, look),
            data.availability.length === 0,
            <>
              <thead>
                <tr>
                  <th scope="col">{t('board.charts.station')}</th>
                  {(['running', 'setup', 'idle', 'down'] as const).map((s) => (
                    <th scope="col" key={s}>
                      {t('board.charts.stateHours', { state: t(`board.states.${s}`) })}
                    </th>
                  ))}
                  <th scope="col">{t('board.charts.unknownHours')}</th>
                  <th scope="col">{t('board.charts.availabilityShort')}</th>
                </tr>
              </thead>
              <tbody>
                {data.availability.map((a) => (
                  <tr key={a.stationId}>
                    <th scope="row">{a.stationId}</th>
                    {(['running', 'setup', 'idle', 'down', 'unknown'] as const).map((s) => (
                      <td className="num" key={s}>
                        {fmtHours(a.durations[s])}
                      </td>
                    ))}
                    <td className="num">{formatPercent(a.availability, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </>,
          )}
        </div>
      )}
    </section>
  );
}
