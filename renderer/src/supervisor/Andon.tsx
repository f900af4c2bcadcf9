// Andon: open calls with their age, acknowledged and closed by a supervisor (who and when
// recorded centrally), and the recent history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AndonCallView } from '../../../shared/board/api';
import { useBoardData, useNow, useSupervisor } from './context';
import { age } from './format';

export function AndonView({ wall = false }: { wall?: boolean }) {
  const { t } = useTranslation();
  const { api } = useSupervisor();
  const now = useNow();
  const { data, reload } = useBoardData<{ calls: AndonCallView[] }>('/andon', 'andon');
  const [error, setError] = useState<string | null>(null);
  const calls = data?.calls ?? [];
  const open = calls.filter((c) => !c.closedAt);
  const closed = calls.filter((c) => c.closedAt).slice(0, 10);
  const act = (path: string, body?: unknown) =>
    api.post(path, body).then(
      () => (setError(null), reload()),
      (err: unknown) => setError((err as Error).message),
    );
  return (
    <section aria-label={t('board.nav.andon')}>
      {error && <div className="banner banner-error" role="alert">{error}</div>}
      {open.length === 0 && <p className="sv-empty">{t('board.andon.none')}</p>}
      <div className="sv-andon-list">
        {open.map((c) => (
          <article key={c.callId} className={`sv-andon sv-andon-${c.kind}${c.ackedAt ? ' sv-andon-acked' : ''}`} data-testid={`andon-${c.stationName}`}>
            <div className="sv-andon-kind">{t(`board.andon.kind.${c.kind}`)}</div>
            <div className="sv-andon-where">{c.stationName}</div>
            <div className="sv-andon-age" aria-label={t('board.andon.age')}>{age(t, c.raisedAt, now)}</div>
            {c.note && <div className="sv-andon-note">{c.note}</div>}
            <div className="muted small">{c.ackedAt ? t('board.andon.ackedBy', { name: c.ackedBy, age: age(t, c.ackedAt, now) }) : t('board.andon.waiting')}</div>
            {!wall && (
              <div className="row">
                {!c.ackedAt && (
                  <button className="btn btn-primary" onClick={() => void act(`/andon/${encodeURIComponent(c.callId)}/ack`)}>
                    {t('board.andon.ack')}
                  </button>
                )}
                <button className="btn" onClick={() => void act(`/andon/${encodeURIComponent(c.callId)}/close`, {})}>
                  {t('board.andon.close')}
                </button>
              </div>
            )}
          </article>
        ))}
      </div>
      {!wall && closed.length > 0 && (
        <>
          <h2>{t('board.andon.recent')}</h2>
          <table className="sv-table">
            <thead>
              <tr>
                <th>{t('board.andon.station')}</th>
                <th>{t('board.andon.kindCol')}</th>
                <th>{t('board.andon.raised')}</th>
                <th>{t('board.andon.acked')}</th>
                <th>{t('board.andon.closed')}</th>
              </tr>
            </thead>
            <tbody>
              {closed.map((c) => (
                <tr key={c.callId}>
                  <td>{c.stationName}</td>
                  <td>{t(`board.andon.kind.${c.kind}`)}</td>
                  <td>{new Date(c.raisedAt).toLocaleTimeString()}</td>
                  <td>{c.ackedAt ? `${new Date(c.ackedAt).toLocaleTimeString()} · ${c.ackedBy ?? ''}` : '—'}</td>
                  <td>{c.closedAt ? `${new Date(c.closedAt).toLocaleTimeString()} · ${c.closedBy ?? ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
