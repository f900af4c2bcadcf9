// The floor board: one tile per station with what a supervisor needs at a glance, updated
// from the live channel; stale data is marked, not hidden. Filters by area and type.
import { memo, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StationTileView } from '../../../shared/board/api';
import { useNow, useSupervisor } from './context';
import { age, reasonLabel } from './format';

export function FloorBoard({ wall = false }: { wall?: boolean }) {
  const { t, i18n } = useTranslation();
  const { tiles, live } = useSupervisor();
  // One clock for the whole board (not one timer per tile): 200 tiles were 200 intervals.
  const now = useNow();
  const [area, setArea] = useState('');
  const [type, setType] = useState('');
  const areas = useMemo(() => [...new Set(tiles.map((x) => x.area))].sort(), [tiles]);
  const types = useMemo(() => [...new Set(tiles.map((x) => x.type))].sort(), [tiles]);
  const shown = tiles.filter((x) => (!area || x.area === area) && (!type || x.type === type) && x.type !== 'supervisor');
  return (
    <section aria-label={t('board.nav.board')}>
      {!wall && (
        <div className="row sv-filters">
          <label>
            {t('board.filter.area')}{' '}
            <select value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('board.filter.all')}</option>
              {areas.map((a) => (
                <option key={a} value={a}>
                  {a || '—'}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('board.filter.type')}{' '}
            <select value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('board.filter.all')}</option>
              {types.map((a) => (
                <option key={a} value={a}>
                  {t(`board.stationType.${a}`, { defaultValue: a })}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">{t('board.count', { n: shown.length })}</span>
        </div>
      )}
      {shown.length === 0 && <p className="muted">{t('board.noStations')}</p>}
      <div className="sv-tiles">
        {shown.map((x) => (
          <Tile key={x.stationId} tile={x} liveUp={live} now={now} t={t} lng={i18n.language} />
        ))}
      </div>
    </section>
  );
}

/** Pure in its props, so a live update re-renders only the tiles whose station changed. */
const Tile = memo(function Tile({ tile, liveUp, now, t, lng }: { tile: StationTileView; liveUp: boolean; now: number; t: TFunction; lng: string }) {
  const stale = tile.stale || !liveUp;
  const v = tile.lastVerdict;
  const tone = !tile.online ? 'off' : tile.openAndon > 0 || tile.faults.length > 0 || tile.openAlarms > 0 ? 'alert' : v?.verdict === 'REJECT' ? 'bad' : 'ok';
  return (
    <article className={`sv-tile sv-tile-${tone}${stale ? ' sv-stale' : ''}`} data-testid={`tile-${tile.stationId}`} aria-label={tile.name}>
      <header className="row spread">
        <span className="sv-tile-name">{tile.name}</span>
        <span className={`chip ${tile.online ? 'sv-chip-on' : 'sv-chip-off'}`}>{tile.online ? t('board.online') : t('board.offline')}</span>
      </header>
      <div className="muted small">
        {t(`board.stationType.${tile.type}`, { defaultValue: tile.type })} · {tile.area || '—'} · {t('board.lastHeard', { age: age(t, tile.lastHeardAt, now) })}
        {stale && <strong className="sv-stale-mark"> · {t('board.stale')}</strong>}
      </div>
      <dl className="sv-facts">
        <dt>{t('board.operator')}</dt>
        <dd>{tile.operator?.name ?? '—'}</dd>
        <dt>{t('board.workOrder')}</dt>
        <dd className="mono">{tile.workOrderId ?? '—'}</dd>
        <dt>{t('board.state')}</dt>
        <dd className={tile.state === 'down' ? 'sv-num-bad' : ''}>{tile.state ? t(`board.states.${tile.state}`) : '—'}</dd>
        <dt>{t('board.step')}</dt>
        <dd>{tile.step ? t(`board.steps.${tile.step}`, { defaultValue: tile.step }) : '—'}</dd>
        <dt>{t('board.lastVerdict')}</dt>
        <dd>{v ? <span className={`sv-verdict sv-verdict-${v.verdict}`}>{t(`board.verdict.${v.verdict}`)}{v.code ? ` · ${reasonLabel(t, lng, v.code)}` : ''}</span> : '—'}</dd>
        <dt>{t('board.rejectsHour')}</dt>
        <dd className={tile.rejectsLastHour ? 'sv-num-bad' : ''}>{tile.rejectsLastHour}</dd>
        <dt>{t('board.syncQueue')}</dt>
        <dd>{!tile.outbox ? '—' : tile.outbox.pending === 0 ? t('board.queueEmpty') : t('board.queue', { n: tile.outbox.pending, age: tile.outbox.oldestAt ? age(t, tile.outbox.oldestAt, now) : '—' })}</dd>
      </dl>
      {(tile.faults.length > 0 || tile.openAndon > 0 || tile.openAlarms > 0) && (
        <ul className="sv-alerts">
          {tile.openAndon > 0 && <li className="sv-alert-andon">{t('board.andonOpen', { n: tile.openAndon })}</li>}
          {tile.openAlarms > 0 && <li>{t('board.alarms', { n: tile.openAlarms })}</li>}
          {tile.faults.map((f) => (
            <li key={f.role}>
              {t(`board.device.${f.role}`, { defaultValue: f.role })}: {t(`board.fault.${f.fault}`, { defaultValue: f.fault })}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
