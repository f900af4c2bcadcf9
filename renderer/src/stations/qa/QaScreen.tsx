// QA release: quarantined lots with what receiving recorded (entry, containers, certificate
// of conformance); release (signed as approved) or reject (signed as rejected) each with an electronic signature.
import '../stations.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotView } from '../../../../shared/contract/workflows';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { bytesOfBase64, saveFile } from '../../components/files';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';

export function QaScreen() {
  const { t } = useTranslation();
  const { client, status, eventTick } = useStation();
  const feedback = useFeedback();
  // null until the first read answers: an unanswered read is not an empty quarantine.
  const [lots, setLots] = useState<LotView[] | null>(null);
  const { problem, track } = useLoadProblem();
  const [deciding, setDeciding] = useState<{ lot: LotView; action: 'release' | 'reject' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isQa = status?.session?.roles.includes('qa') ?? false;
  /** A certificate photo shown on screen (a PDF is saved instead: the page may show no plugin). */
  const [photo, setPhoto] = useState<{ lotId: string; name: string; url: string } | null>(null);
  const openCoc = (lotId: string) =>
    void client.call('qa.coc_file', { lotId }).then((f) => {
      const bytes = bytesOfBase64(f.base64);
      if (f.mediaType === 'application/pdf') return saveFile(f.filename, f.mediaType, bytes);
      setPhoto({ lotId, name: f.filename, url: URL.createObjectURL(new Blob([bytes], { type: f.mediaType })) });
    }, (err: unknown) => feedback.show({ tone: 'bad', title: t('qa.cocUnavailable'), detail: errorText(t, err) }));
  // The shown photo's object URL goes with it, when closed, replaced or left.
  useEffect(() => () => {
    if (photo) URL.revokeObjectURL(photo.url);
  }, [photo]);
  const closePhoto = () => setPhoto(null);

  useEffect(() => {
    track(client.call('qa.lots', { status: 'quarantined' }), setLots);
  }, [client, eventTick, track]);

  const sign = async (sig: SignatureInput) => {
    if (!deciding) return;
    try {
      const lot = deciding.action === 'release' ? await client.call('qa.release', { lotId: deciding.lot.lotId, signature: sig }) : await client.call('qa.reject', { lotId: deciding.lot.lotId, signature: sig });
      setDeciding(null);
      setError(null);
      feedback.show({ tone: deciding.action === 'release' ? 'good' : 'warn', title: t(deciding.action === 'release' ? 'qa.released' : 'qa.rejected', { lot: lot.lotId }) });
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <section className="station" aria-labelledby="qa-title">
      <h1 id="qa-title">{t('qa.title')}</h1>
      <p className="step">{isQa ? t('qa.step') : t('qa.onlyQa')}</p>
      <LoadProblem problem={problem} />
      {lots?.length === 0 && <p className="muted">{t('qa.none')}</p>}
      <ul className="qa-lots">
        {(lots ?? []).map((l) => (
          <li key={l.lotId} className="card qa-lot" data-testid={`qa-lot-${l.lotId}`}>
            <div className="row spread">
              <h2>{l.lotId}</h2>
              <span className="chip chip-warn">{t('receiving.quarantined')}</span>
            </div>
            <p><strong>{l.itemId}</strong> — {l.itemName}</p>
            <dl className="kv small">
              <dt>{t('receiving.supplierLot')}</dt><dd>{l.supplierLot ?? '—'}{l.supplierId ? ` (${l.supplierId})` : ''}</dd>
              <dt>{t('qa.quantity')}</dt><dd>{l.quantity} {l.uom}{l.containers ? ` · ${t('qa.containers', { count: l.containers })}` : ''}</dd>
              <dt>{t('receiving.expiry')}</dt><dd>{l.expiry ?? '—'}{l.dateCode ? ` · ${t('receiving.dateCode')} ${l.dateCode}` : ''}{l.msl ? ` · MSL ${l.msl}` : ''}</dd>
              <dt>{t('qa.entry')}</dt><dd>{l.entry ? t(`qa.entryKind.${l.entry}`) : '—'}</dd>
              <dt>{t('receiving.coc')}</dt>
              <dd className="mono">
                {l.coc ? `${t(l.coc.kind === 'photo' ? 'receiving.cocPhoto' : 'receiving.cocFile')}: ${l.coc.path}` : t('qa.noCoc')}
                {l.coc?.path.startsWith('documents/') && (
                  <button type="button" className="btn btn-secondary" onClick={() => openCoc(l.lotId)} data-testid={`coc-open-${l.lotId}`}>{t(l.coc.kind === 'photo' ? 'qa.cocShow' : 'qa.cocSave')}</button>
                )}
              </dd>
            </dl>
            <div className="row">
              <button className="btn btn-primary btn-big" disabled={!isQa} onClick={() => setDeciding({ lot: l, action: 'release' })} data-testid={`release-${l.lotId}`}>{t('qa.release')}</button>
              <button className="btn btn-danger btn-big" disabled={!isQa} onClick={() => setDeciding({ lot: l, action: 'reject' })}>{t('qa.reject')}</button>
            </div>
          </li>
        ))}
      </ul>
      {deciding && <SignatureDialog meaning={deciding.action === 'release' ? 'approved' : 'rejected'} onSign={sign} onCancel={() => { setDeciding(null); setError(null); }} error={error} />}
      {photo && (
        <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={photo.name} data-testid="coc-photo-view">
          <div className="card modal coc-view">
            <h2>{t('qa.cocOf', { lot: photo.lotId })}</h2>
            <img src={photo.url} alt={photo.name} />
            <button type="button" className="btn btn-primary btn-big" onClick={closePhoto}>{t('qa.cocClose')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
