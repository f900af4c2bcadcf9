// Lot watch: holds, quarantines, recalls, lots expiring soon and material clocks close to
// their limit, across all stations; QA places or releases a hold here (signed), and the
// stations get it through their holds feed. A lot whose certificate central holds offers it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canHold, type LotWatchRow } from '../../../shared/board/api';
import { useBoardData, useSupervisor } from './context';
import { pct } from './format';
import { SignDialog } from './SignDialog';

export function LotWatchView() {
  const { t } = useTranslation();
  const { api, user } = useSupervisor();
  const { data, reload } = useBoardData<{ lots: LotWatchRow[] }>('/lots', 'lots');
  const [pending, setPending] = useState<{ lotId: string; action: 'hold' | 'release' } | null>(null);
  const [lotId, setLotId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const qa = canHold(user.roles);
  const lots = data?.lots ?? [];
  const startHold = (e: FormEvent) => {
    e.preventDefault();
    if (lotId.trim()) setPending({ lotId: lotId.trim(), action: 'hold' });
  };
  return (
    <section aria-label={t('board.nav.lots')}>
      {qa ? (
        <form className="row" onSubmit={startHold}>
          <label>
            {t('board.lots.lotId')} <input name="lotId" value={lotId} onChange={(e) => setLotId(e.target.value)} maxLength={64} />
          </label>
          <button className="btn btn-danger" type="submit">
            {t('board.lots.hold')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('board.lots.qaOnly')}</p>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {lots.length === 0 && <p className="sv-empty">{t('board.lots.none')}</p>}
      {lots.length > 0 && (
        <table className="sv-table">
          <thead>
            <tr>
              <th>{t('board.lots.lot')}</th>
              <th>{t('board.lots.item')}</th>
              <th>{t('board.lots.status')}</th>
              <th>{t('board.lots.why')}</th>
              <th>{t('board.lots.expiry')}</th>
              <th>{t('board.lots.msl')}</th>
              <th>{t('board.lots.last')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lots.map((l) => (
              <tr key={l.lotId} data-testid={`lot-${l.lotId}`}>
                <td className="mono">{l.lotId}</td>
                <td className="mono">{l.itemId ?? '—'}</td>
                <td>{t(`board.lots.st.${l.status}`, { defaultValue: l.status })}</td>
                <td>
                  {l.watch.map((w) => (
                    <span key={w} className={`chip sv-watch-${w}`}>
                      {t(`board.lots.w.${w}`)}
                    </span>
                  ))}
                </td>
                <td>{l.expiry ? `${l.expiry} (${t('board.lots.days', { n: l.daysToExpiry ?? 0 })})` : '—'}</td>
                <td>{l.msl ? `${l.msl} · ${pct(l.mslUsed)}` : '—'}</td>
                <td className="small">{l.lastChange ? `${t(`board.lots.k.${l.lastChange.kind}`, { defaultValue: l.lastChange.kind })} · ${l.lastChange.byName ?? '—'} · ${l.lastChange.reason ?? ''}` : '—'}</td>
                <td>
                  {l.certificate && (
                    <button className="btn" data-testid={`certificate-${l.lotId}`} onClick={() => void api.download(`/lots/${encodeURIComponent(l.lotId)}/certificate`).catch((err: unknown) => setError((err as Error).message))}>
                      {t('board.lots.certificate')}
                    </button>
                  )}
                  {qa && l.status === 'on_hold' && (
                    <button className="btn" onClick={() => setPending({ lotId: l.lotId, action: 'release' })}>
                      {t('board.lots.release')}
                    </button>
                  )}
                  {qa && l.status !== 'on_hold' && l.status !== 'recalled' && (
                    <button className="btn btn-danger" onClick={() => setPending({ lotId: l.lotId, action: 'hold' })}>
                      {t('board.lots.hold')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending && (
        <SignDialog
          title={t(pending.action === 'hold' ? 'board.lots.holdTitle' : 'board.lots.releaseTitle', { lot: pending.lotId })}
          meaning={t(pending.action === 'hold' ? 'board.sign.holdPlaced' : 'board.sign.holdReleased')}
          onCancel={() => setPending(null)}
          onSign={async (reason, password) => {
            await api.post(`/lots/${encodeURIComponent(pending.lotId)}/${pending.action}`, { reason, password });
            setPending(null);
            setLotId('');
            reload();
          }}
        />
      )}
    </section>
  );
}
