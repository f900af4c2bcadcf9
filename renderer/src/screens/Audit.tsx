// The audit-trail viewer: every recorded event, newest first, filterable by type, user and
// time; signatures show the signer's printed name, time and meaning (21 CFR 11.50).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, VerifyResult } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';
import { formatDateTime } from '../i18n';

interface Filters {
  type: string;
  userId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { type: '', userId: '', from: '', to: '' };

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const { client, eventTick } = useStation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [users, setUsers] = useState<Array<{ userId: string; name: string }>>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<VerifyResult | null>(null);

  const load = useCallback(
    async (beforeSeq?: number) => {
      try {
        const page = await client.call('audit.list', {
          limit: 100,
          ...(filters.type ? { types: [filters.type] } : {}),
          ...(filters.userId ? { userId: filters.userId } : {}),
          ...(filters.from ? { from: toIso(filters.from) } : {}),
          ...(filters.to ? { to: toIso(filters.to) } : {}),
          ...(beforeSeq ? { beforeSeq } : {}),
        });
        setEntries((old) => (beforeSeq ? [...old, ...page.entries] : page.entries));
        setNext(page.nextBeforeSeq);
        setTypes(page.eventTypes);
        setError(null);
      } catch (err) {
        setError(errorText(t, err));
      }
    },
    [client, filters, t],
  );

  useEffect(() => {
    void load();
  }, [load, eventTick]);

  useEffect(() => {
    void client.call('directory.users', {}).then(setUsers, () => undefined);
  }, [client]);

  const who = (e: AuditEntry) => e.actorName ?? (e.actor === 'system' ? t('audit.system') : e.actor ?? t('audit.anonymous'));

  return (
    <section className="audit" aria-labelledby="audit-title">
      <div className="row spread">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <button className="btn btn-secondary" onClick={() => void client.call('audit.verify', {}).then(setVerify, (err: unknown) => setError(errorText(t, err)))}>
          {t('audit.verify')}
        </button>
      </div>
      {verify && (
        <p className={verify.ok ? 'banner banner-ok' : 'banner banner-error'} role="status" data-testid="verify-result">
          {verify.ok ? t('audit.verifyOk', { checked: verify.checked }) : t('audit.verifyBroken', { seq: verify.firstBroken?.seq, message: verify.firstBroken?.message })}
        </p>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <label className="field">
          <span>{t('audit.type')}</span>
          <select name="type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {types.map((ty) => (
              <option key={ty} value={ty}>{ty}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.user')}</span>
          <select name="user" value={draft.userId} onChange={(e) => setDraft({ ...draft, userId: e.target.value })}>
            <option value="">{t('audit.any')}</option>
            {users.map((u) => (
              <option key={u.userId} value={u.userId}>{u.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input name="from" type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input name="to" type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <div className="row">
          <button className="btn btn-primary" type="submit">{t('audit.apply')}</button>
          <button className="btn btn-secondary" type="button" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); }}>{t('audit.reset')}</button>
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('audit.col.seq')}</th>
              <th>{t('audit.col.time')}</th>
              <th>{t('audit.col.type')}</th>
              <th>{t('audit.col.who')}</th>
              <th>{t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-type={e.type}>
                <td className="mono">{e.seq}</td>
                <td>{formatDateTime(e.wallTime, i18n.language)}</td>
                <td className="mono">{e.type}</td>
                <td>{who(e)}</td>
                <td>
                  <code className="payload">{JSON.stringify(e.payload)}</code>
                  {e.reason && <div className="small">{t('audit.reason', { reason: e.reason })}</div>}
                  {e.signature && (
                    <div className="signature" data-testid="signature">
                      {t('audit.signature', { name: e.signature.signerName, meaning: t(`audit.meaning.${e.signature.meaning}`), time: formatDateTime(e.signature.signedAt, i18n.language) })}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button className="btn btn-secondary" onClick={() => void load(next)}>{t('audit.more')}</button>
      )}
    </section>
  );
}
