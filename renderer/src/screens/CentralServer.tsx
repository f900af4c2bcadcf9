// Settings › Central server (administrators): where this station syncs and how it stands
// (from the status push), and enrollment with a central server — address, one-time code and
// the administrator's signature. The token the code is exchanged for never reaches the UI.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentView } from '../../../shared/contract/station';
import type { SignatureInput } from '../../../shared/domain/signature';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';
import { SignatureDialog } from '../components/SignatureDialog';

/** The certificate's own name: its stored path leads with the content's digest. */
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function CentralServerPanel() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const sync = status?.sync;
  const stationId = status?.station?.stationId ?? '';
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [enrolled, setEnrolled] = useState<EnrollmentView | null>(null);
  const [retried, setRetried] = useState<number | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const configured = sync !== undefined && sync.state !== 'not_configured';
  const docs = sync?.documents;

  const retry = async () => {
    setRetried(null);
    setRetryError(null);
    try {
      setRetried((await client.call('sync.retry_certificates', {})).count);
    } catch (err) {
      setRetryError(errorText(t, err));
    }
  };

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setEnrolled(null);
    setSigning(true);
  };
  const sign = async (signature: SignatureInput) => {
    setError(null);
    try {
      const r = await client.call('sync.enroll', { serverUrl: serverUrl.trim(), code: code.trim(), signature });
      setSigning(false);
      setCode('');
      setEnrolled(r);
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <section className="card settings" aria-labelledby="central-title" style={{ marginTop: '1.2rem' }} data-testid="central-server">
      <h2 id="central-title">{t('settings.central.title')}</h2>
      {sync && (
        <dl className="kv">
          <dt>{t('settings.central.state')}</dt>
          <dd data-testid="central-state" className={`status status-${sync.state}`}>
            {t(`header.syncState.${sync.state}`)}
            {/* Online, the rows below say what waits in the reader's language; the runtime's
                detail (English, for the log) would only repeat them. Offline or stopped, it is
                the reason, and nothing else says it. */}
            {sync.detail && configured && sync.state !== 'online' ? ` · ${sync.detail}` : ''}
          </dd>
          {configured && sync.server && (
            <>
              <dt>{t('settings.central.server')}</dt>
              <dd className="mono" data-testid="central-url">{sync.server}</dd>
              <dt>{t('settings.central.queued')}</dt>
              <dd data-testid="central-queued">{sync.queued}</dd>
            </>
          )}
          {configured && sync.configuredServer && (
            <>
              <dt>{t('settings.central.configured')}</dt>
              <dd data-testid="central-configured">
                <span className="mono">{sync.configuredServer}</span>
                <p className="warn small">{t('settings.central.configuredHelp', { configured: sync.configuredServer, server: sync.server ?? '' })}</p>
              </dd>
            </>
          )}
          {configured && docs && (
            <>
              <dt>{t('settings.central.certificates')}</dt>
              <dd data-testid="central-certificates">
                {t('settings.central.certificatesCounts', { pending: docs.pending, failed: docs.failed })}
                {docs.refused ? t('settings.central.certificatesRefused', { refused: docs.refused }) : ''}
                {docs.failed > 0 && (docs.latest || docs.problem) && (
                  <p className="muted small" data-testid="central-certificates-problem" title={docs.problem ?? undefined}>
                    {docs.latest ? t(`settings.central.parked.${docs.latest.reason}`, { lot: docs.latest.lotId, file: fileName(docs.latest.path) }) : docs.problem}
                  </p>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {configured && docs && docs.failed > 0 && (
        <div className="settings-action">
          <p className="muted small">{t('settings.central.retryHelp')}</p>
          <button type="button" className="btn" onClick={() => void retry()}>
            {t('settings.central.retry')}
          </button>
        </div>
      )}
      {retried !== null && <p className="ok" role="status" data-testid="central-retried">{t('settings.central.retried', { count: retried })}</p>}
      {retryError && <p className="error" role="alert">{retryError}</p>}
      {!configured && <p className="muted">{t('settings.central.notEnrolled')}</p>}
      <p className="muted small">{t('settings.central.intro', { stationId })}</p>
      <form onSubmit={ask}>
        <label className="field">
          <span>{t('settings.central.serverUrl')}</span>
          <input name="central-url" type="url" inputMode="url" autoComplete="off" placeholder="http://central.example:4790" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.central.code')}</span>
          <input name="enroll-code" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!serverUrl.trim() || !code.trim()}>
          {t(configured ? 'settings.central.reenroll' : 'settings.central.enroll')}
        </button>
      </form>
      {enrolled && <p className="ok" role="status" data-testid="central-enrolled">{t('settings.central.enrolled', { server: enrolled.serverUrl, stationId: enrolled.stationId })}</p>}
      {signing && <SignatureDialog meaning="approved" onSign={sign} onCancel={() => setSigning(false)} error={error} />}
    </section>
  );
}
