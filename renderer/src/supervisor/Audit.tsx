// Audit: the central acts of these views (andon acknowledged and closed, exceptions assigned
// and resolved, holds placed and released, certificates downloaded, failed signatures), newest
// first, with who, when, the reason and the signature; filtered by kind, a page at a time.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_AUDIT_TYPES, type BoardAuditEntry, type BoardAuditPage } from '../../../shared/board/api';
import { formatDateTime } from '../i18n/format';
import { useSupervisor } from './context';

const PAGE = 50;

export function AuditView() {
  const { t, i18n } = useTranslation();
  const { api } = useSupervisor();
  const [type, setType] = useState('');
  const [entries, setEntries] = useState<BoardAuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [loading, setLoading] = useState(false);
  // Each fresh start (a new filter, Refresh) is a new generation; an answer that comes back
  // after a newer start belongs to a list no longer shown and is dropped, so a slow page of
  // the old filter never lands under the new one.
  const generation = useRef(0);

  const load = (before: number | null) => {
    const g = before === null ? ++generation.current : generation.current;
    setLoading(true);
    return api.get<BoardAuditPage>(`/audit?limit=${PAGE}${type ? `&type=${encodeURIComponent(type)}` : ''}${before !== null ? `&before=${before}` : ''}`).then(
      (p) => {
        if (g !== generation.current) return;
        setEntries((had) => {
          if (before === null) return [...p.entries];
          const seen = new Set(had.map((e) => e.id));
          return [...had, ...p.entries.filter((e) => !seen.has(e.id))];
        });
        setNext(p.nextBefore);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (g !== generation.current) return;
        setError((err as Error).message);
        setLoading(false);
      },
    );
  };
  useEffect(() => {
    void load(null);
    // A new filter starts from the newest again.
  }, [api, type]);

  return (
    <section aria-label={t('board.nav.audit')}>
      {error && <div className="banner banner-error" role="alert">{error}</div>}
      <div className="row">
        <label>
          {t('board.audit.kind')}{' '}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('board.filter.all')}</option>
            {BOARD_AUDIT_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`board.audit.type.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" onClick={() => void load(null)}>
          {t('board.audit.refresh')}
        </button>
      </div>
      {entries.length === 0 && !error && <p className="sv-empty">{t('board.audit.none')}</p>}
      {entries.length > 0 && (
        <table className="sv-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('board.audit.at')}</th>
              <th>{t('board.audit.who')}</th>
              <th>{t('board.audit.what')}</th>
              <th>{t('board.audit.subject')}</th>
              <th>{t('board.audit.reason')}</th>
              <th>{t('board.audit.signed')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>{e.userName}</td>
                <td>{t(`board.audit.type.${e.type}`, { defaultValue: e.type })}</td>
                <td className="mono">{e.subject}</td>
                <td>{e.reason ?? ''}</td>
                <td>{e.signature ? t('board.audit.signedBy', { name: e.signature.name, meaning: t(`board.audit.meaning.${e.signature.meaning}`, { defaultValue: e.signature.meaning }) }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button className="btn" disabled={loading} onClick={() => void load(next)}>
          {t('board.audit.older')}
        </button>
      )}
    </section>
  );
}
