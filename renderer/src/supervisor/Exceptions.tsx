// The exception queue: rejections, overrides, deviations, integrity alarms, uncertain
// print jobs, unbalanced reconciliations — each with its evidence, assignable, resolved
// only with a signature and a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canResolve, type ExceptionView } from '../../../shared/board/api';
import { useBoardData, useNow, useSupervisor } from './context';
import { age, reasonLabel } from './format';
import { SignDialog } from './SignDialog';

export function ExceptionsView() {
  const { t, i18n } = useTranslation();
  const { api, user } = useSupervisor();
  const now = useNow(5000);
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const { data, reload } = useBoardData<{ exceptions: ExceptionView[] }>(`/exceptions?status=${status}`, 'exceptions');
  const [selected, setSelected] = useState<number | null>(null);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = data?.exceptions ?? [];
  const x = list.find((e) => e.id === selected) ?? null;

  return (
    <section aria-label={t('board.nav.exceptions')} className="sv-split">
      <div>
        <div className="row">
          <button className={`tab${status === 'open' ? ' tab-active' : ''}`} onClick={() => setStatus('open')}>
            {t('board.exc.open')}
          </button>
          <button className={`tab${status === 'resolved' ? ' tab-active' : ''}`} onClick={() => setStatus('resolved')}>
            {t('board.exc.resolved')}
          </button>
        </div>
        {list.length === 0 && <p className="sv-empty">{t('board.exc.none')}</p>}
        <ul className="sv-list">
          {list.map((e) => (
            <li key={e.id}>
              <button className={`sv-list-item${e.id === selected ? ' sv-selected' : ''}`} onClick={() => setSelected(e.id)} data-testid={`exception-${e.kind}`}>
                <span className={`chip sv-kind-${e.kind}`}>{t(`board.exc.kind.${e.kind}`)}</span> <strong>{reasonLabel(t, i18n.language, e.title)}</strong>
                <span className="muted small">
                  {' '}
                  · {e.stationId}
                  {e.lotId ? ` · ${e.lotId}` : ''} · {age(t, e.raisedAt, now)}
                  {e.assignedName ? ` · → ${e.assignedName}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="sv-detail">
        {!x ? (
          <p className="muted">{t('board.exc.pick')}</p>
        ) : (
          <>
            <h2>
              {t(`board.exc.kind.${x.kind}`)}: {reasonLabel(t, i18n.language, x.title)}
            </h2>
            <p>{x.detail}</p>
            <p className="muted small">
              {x.stationId} · {new Date(x.raisedAt).toLocaleString()} {x.assignedName ? `· ${t('board.exc.assigned', { name: x.assignedName })}` : ''}
            </p>
            <h3>{t('board.exc.evidence')}</h3>
            <ol className="sv-evidence">
              {x.evidence.map((ev) => (
                <li key={`${ev.stationId}:${ev.seq}`}>
                  <span className="mono">
                    {ev.stationId} #{ev.seq} {ev.type}
                  </span>{' '}
                  <span className="muted small">
                    {new Date(ev.at).toLocaleString()} · {ev.actor ?? '—'}
                    {ev.reason ? ` · ${t('board.exc.reason')}: ${ev.reason}` : ''}
                  </span>
                  {ev.signature ? <div className="small">{t('board.exc.signed', { sig: JSON.stringify(ev.signature) })}</div> : null}
                  <pre className="sv-payload">{JSON.stringify(ev.payload, null, 1)}</pre>
                </li>
              ))}
            </ol>
            {x.resolution && (
              <p className="sv-resolution">
                {t('board.exc.resolvedBy', { name: x.resolution.signature.name, at: new Date(x.resolution.signature.at).toLocaleString(), meaning: x.resolution.signature.meaning })}: {x.resolution.reason}
              </p>
            )}
            {error && <div className="banner banner-error" role="alert">{error}</div>}
            {x.status === 'open' && (
              <div className="row">
                <button
                  className="btn"
                  onClick={() =>
                    void api.post(`/exceptions/${x.id}/assign`, { userId: user.userId }).then(
                      () => reload(),
                      (err: unknown) => setError((err as Error).message),
                    )
                  }
                >
                  {t('board.exc.assignMe')}
                </button>
                <button className="btn btn-primary" disabled={!canResolve(user.roles, x.kind)} title={canResolve(user.roles, x.kind) ? '' : t('board.exc.needsQa')} onClick={() => setSigning(true)}>
                  {t('board.exc.resolve')}
                </button>
                {!canResolve(user.roles, x.kind) && <span className="muted small">{t('board.exc.needsQa')}</span>}
              </div>
            )}
          </>
        )}
      </div>
      {signing && x && (
        <SignDialog
          title={t('board.exc.resolve')}
          meaning={t('board.sign.resolved')}
          onCancel={() => setSigning(false)}
          onSign={async (reason, password) => {
            await api.post(`/exceptions/${x.id}/resolve`, { reason, password });
            setSigning(false);
            reload();
          }}
        />
      )}
    </section>
  );
}
