// Production charts: output per hour per station and work order, first-pass yield, reject
// reasons as a Pareto, availability from the stations' run states; a time range; each
// chart exported as PNG, the output as CSV.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartsView } from '../../../shared/board/api';
import { useBoardData, useSupervisor } from './context';
import { svgToPng } from './charts/export';
import { Pareto, PercentBars, StackedBars } from './charts/Svg';

const RANGES = [8, 24, 168] as const;

export function ChartsPanel({ wall = false }: { wall?: boolean }) {
  const { t } = useTranslation();
  const { api } = useSupervisor();
  const [hours, setHours] = useState<number>(8);
  const { data } = useBoardData<ChartsView>(`/charts?hours=${hours}`, 'charts');
  const refs = { output: useRef<SVGSVGElement>(null), fpy: useRef<SVGSVGElement>(null), pareto: useRef<SVGSVGElement>(null), avail: useRef<SVGSVGElement>(null) };
  const [error, setError] = useState<string | null>(null);
  const png = (k: keyof typeof refs) => {
    const el = refs[k].current;
    if (el) void svgToPng(el, `lotline-${k}-${new Date().toISOString().slice(0, 16)}.png`).catch((err: unknown) => setError((err as Error).message));
  };
  const hourLabel = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const dayLabel = (ms: number) => new Date(ms).toLocaleString([], { weekday: 'short', hour: '2-digit' });
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
      {data && (
        <div className={wall ? 'sv-charts sv-charts-wall' : 'sv-charts'}>
          <figure>
            <StackedBars ref={refs.output} title={t('board.charts.output')} labels={data.output.buckets.map(hours > 24 ? dayLabel : hourLabel)} series={data.output.series} />
            {!wall && <button className="btn" onClick={() => png('output')}>{t('board.charts.png')}</button>}
          </figure>
          <figure>
            <Pareto ref={refs.pareto} title={t('board.charts.pareto')} bars={data.pareto.map((b) => ({ label: b.key === 'other' ? t('board.charts.other') : t(`board.reasons.${b.key}`, { defaultValue: b.key }), count: b.count, cumulative: b.cumulative }))} />
            {!wall && <button className="btn" onClick={() => png('pareto')}>{t('board.charts.png')}</button>}
          </figure>
          <figure>
            <PercentBars ref={refs.fpy} title={t('board.charts.fpy')} empty={t('board.charts.noData')} rows={data.fpy.map((f) => ({ label: f.stationId, value: f.fpy }))} />
            {!wall && <button className="btn" onClick={() => png('fpy')}>{t('board.charts.png')}</button>}
          </figure>
          <figure>
            <PercentBars ref={refs.avail} title={t('board.charts.availability')} empty={t('board.charts.noData')} rows={data.availability.map((a) => ({ label: a.stationId, value: a.availability }))} />
            {!wall && <button className="btn" onClick={() => png('avail')}>{t('board.charts.png')}</button>}
          </figure>
        </div>
      )}
    </section>
  );
}
