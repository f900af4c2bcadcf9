// Print lot labels and close the loop: preview from the same layout the printer gets, print,
// scan each label back (the next scan on this screen verifies the oldest label waiting),
// void and reprint with a reason and signature, apply, and reconcile the lot with a signature.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { awaitsScanBack } from '../../../../shared/label/verify';
import type { LabelView } from '../../../../shared/contract/station';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';
import { formatDateTime } from '../../i18n';
import { StationError } from '../../../../shared/contract/errors';

interface Template {
  id: string;
  name: string;
  widthMm: number;
  heightMm: number;
  dpi: number;
  fields: Array<{ name: string; type: string; required: boolean; label: string | null }>;
  example: Record<string, string | number | boolean | null>;
}

type Pending = { kind: 'reprint'; label: LabelView; reason: string } | { kind: 'reconcile'; lotId: string; explanation: string } | null;

export function LabelsScreen() {
  const { t, i18n } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [data, setData] = useState<Record<string, string | number | boolean | null>>({});
  const [lotId, setLotId] = useState('');
  const [copies, setCopies] = useState(1);
  const [svg, setSvg] = useState<string | null>(null);
  const [problems, setProblems] = useState<Array<{ path: string; message: string }>>([]);
  const [labels, setLabels] = useState<LabelView[]>([]);
  const [recon, setRecon] = useState<null | { issued: number; printed: number; verified: number; applied: number; voided: number; balanced: boolean }>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const [voidReason, setVoidReason] = useState('');
  const labelsRef = useRef<LabelView[]>([]);
  labelsRef.current = labels;

  const template = templates.find((x) => x.id === templateId);

  useEffect(() => {
    void client.call('labels.templates', {}).then((ts) => {
      setTemplates(ts as Template[]);
      const first = ts.find((x) => x.id === 'fg-udi-lot') ?? ts[0];
      if (first) {
        setTemplateId(first.id);
        setData(first.example);
        setLotId(String(first.example.lot ?? ''));
      }
    });
  }, [client]);

  const refresh = useCallback(async () => {
    const list = await client.call('labels.list', lotId ? { lotId, limit: 50 } : { limit: 50 });
    setLabels(list);
    if (lotId) setRecon(await client.call('labels.reconciliation', { lotId }).catch(() => null));
  }, [client, lotId]);
  useEffect(() => void refresh(), [refresh, eventTick]);

  // Live preview, drawn by the runtime from the same layout the printer receives.
  useEffect(() => {
    if (!templateId) return;
    const id = setTimeout(() => {
      client.call('labels.preview', { templateId, data }).then(
        (r) => {
          setSvg(r.svg);
          setProblems([]);
        },
        (err: unknown) => {
          setSvg(null);
          setProblems(err instanceof StationError && err.issues ? err.issues : [{ path: '', message: errorText(t, err) }]);
        },
      );
    }, 250);
    return () => clearTimeout(id);
  }, [client, templateId, data, t]);

  // The next scan on this screen is the scan-back of the oldest label waiting for one.
  useEffect(
    () =>
      client.onPush((p) => {
        if (p.topic !== 'scan') return;
        const waiting = [...labelsRef.current].reverse().find(awaitsScanBack);
        if (!waiting) return;
        void client.call('labels.verify', { labelId: waiting.labelId, scanSeq: p.data.seq }).then(
          (r) => {
            if (r.match) feedback.show({ tone: 'good', title: t('labels.verified') });
            else {
              const first = r.mismatches[0];
              feedback.show({
                tone: 'bad',
                title: r.unreadable ? t('labels.unreadable') : t('labels.mismatch'),
                detail: first ? t('labels.mismatchDetail', { field: first.field, expected: first.expected ?? '—', scanned: first.scanned ?? '—' }) : undefined,
                next: t('labels.voidedReprint'),
              });
            }
            void refresh();
          },
          (err: unknown) => feedback.show({ tone: 'bad', title: t('labels.verifyFailed'), detail: errorText(t, err) }),
        );
      }),
    [client, feedback, refresh, t],
  );

  const print = async () => {
    try {
      await client.call('labels.print', { templateId, data, lotId: lotId || null, copies });
      feedback.show({ tone: 'good', title: t('labels.printing', { count: copies }), next: t('labels.scanBack') });
      void refresh();
    } catch (err) {
      feedback.show({ tone: 'bad', title: t('labels.notPrinted'), detail: errorText(t, err) });
    }
  };

  const sign = async (signature: SignatureInput) => {
    setSigError(null);
    try {
      if (pending?.kind === 'reprint') await client.call('labels.reprint', { labelId: pending.label.labelId, reason: pending.reason, signature });
      if (pending?.kind === 'reconcile') await client.call('labels.reconcile', { lotId: pending.lotId, signature, ...(pending.explanation ? { explanation: pending.explanation } : {}) });
      setPending(null);
      void refresh();
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };

  const previewSrc = useMemo(() => (svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : null), [svg]);

  return (
    <section className="labels" aria-labelledby="labels-title">
      <h1 id="labels-title">{t('labels.title')}</h1>
      <div className="labels-grid">
        <div className="card">
          <label className="field">
            <span>{t('labels.template')}</span>
            <select name="template" value={templateId} onChange={(e) => { const tp = templates.find((x) => x.id === e.target.value); setTemplateId(e.target.value); if (tp) setData(tp.example); }}>
              {templates.map((tp) => <option key={tp.id} value={tp.id}>{tp.name} ({tp.widthMm}×{tp.heightMm} mm, {tp.dpi} dpi)</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('labels.lot')}</span>
            <input name="label-lot" value={lotId} onChange={(e) => setLotId(e.target.value)} />
          </label>
          {template?.fields.map((f) => (
            <label className="field" key={f.name}>
              <span>{f.label ?? f.name}{f.required ? ' *' : ''}</span>
              <input
                name={`field-${f.name}`}
                value={data[f.name] === null || data[f.name] === undefined ? '' : String(data[f.name])}
                aria-invalid={problems.some((p) => p.path === f.name)}
                onChange={(e) => setData({ ...data, [f.name]: f.type === 'integer' && e.target.value !== '' && /^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value === '' ? null : e.target.value })}
              />
              {problems.filter((p) => p.path === f.name).map((p) => <em key={p.message} className="error small">{p.message}</em>)}
            </label>
          ))}
          <div className="row">
            <label className="field" style={{ width: '8rem' }}>
              <span>{t('labels.copies')}</span>
              <input name="copies" type="number" min={1} max={200} value={copies} onChange={(e) => setCopies(Math.max(1, Number(e.target.value) || 1))} />
            </label>
            <button className="btn btn-primary btn-xl" style={{ width: 'auto' }} disabled={problems.length > 0 || !templateId} onClick={() => void print()}>{t('labels.print')}</button>
          </div>
          {problems.length > 0 && <p className="error" role="alert" data-testid="label-problems">{problems.map((p) => `${p.path}: ${p.message}`).join(' · ')}</p>}
        </div>
        <div className="card label-preview">
          <h2>{t('labels.preview')}</h2>
          {previewSrc ? <img src={previewSrc} alt={t('labels.preview')} data-testid="label-preview" /> : <p className="muted">—</p>}
        </div>
      </div>

      <div className="card" style={{ marginTop: '1rem' }}>
        <h2>{t('labels.issued')}</h2>
        <table className="audit-table" data-testid="labels-table">
          <thead>
            <tr><th>{t('labels.when')}</th><th>{t('labels.lot')}</th><th>{t('labels.state')}</th><th /></tr>
          </thead>
          <tbody>
            {labels.map((l) => (
              <tr key={l.labelId} data-state={l.state} data-serial={l.serial ?? undefined} data-testid="label-row">
                <td>{formatDateTime(l.issuedAt, i18n.language)}<div className="mono small">{l.labelId.slice(-8)}{l.reprintOf ? ` ↺ ${l.reprintOf.slice(-8)}` : ''}</div></td>
                <td>{l.lotId ?? '—'} · {l.templateId}{l.serial ? <div className="mono small">{t('labels.unitOf', { serial: l.serial })}</div> : null}</td>
                <td>
                  <strong>{t(`labels.stateName.${l.state}`)}</strong>
                  {awaitsScanBack(l) && <div className="small">{t('labels.waitingScan')}</div>}
                </td>
                <td className="row">
                  {(l.state === 'verified' || (l.state === 'printed' && !l.needsVerification)) && <button className="btn btn-secondary" onClick={() => void client.call('labels.apply', { labelId: l.labelId }).then(refresh)}>{t('labels.apply')}</button>}
                  {l.state === 'voided' && !labels.some((x) => x.reprintOf === l.labelId) && (
                    <button className="btn btn-primary" onClick={() => setPending({ kind: 'reprint', label: l, reason: '' })}>{t('labels.reprint')}</button>
                  )}
                  {l.state !== 'voided' && !l.applied && (
                    <button className="btn btn-secondary" disabled={voidReason.trim().length < 3} title={t('labels.voidHint')} onClick={() => void client.call('labels.void', { labelId: l.labelId, reason: voidReason }).then(() => { setVoidReason(''); void refresh(); })}>{t('labels.void')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field" style={{ maxWidth: '32rem' }}>
          <span>{t('labels.voidReason')}</span>
          <input name="void-reason" value={voidReason} onChange={(e) => setVoidReason(e.target.value)} />
        </label>
      </div>

      {lotId && recon && (
        <div className="card" style={{ marginTop: '1rem' }} data-testid="reconciliation">
          <h2>{t('labels.reconcileTitle', { lot: lotId })}</h2>
          <p>{t('labels.counts', recon)}</p>
          <p className={recon.balanced ? 'ok' : 'error'}>{recon.balanced ? t('labels.balanced') : t('labels.unbalanced')}</p>
          <button className="btn btn-primary" disabled={recon.issued === 0} onClick={() => setPending({ kind: 'reconcile', lotId, explanation: '' })}>{t('labels.reconcile')}</button>
        </div>
      )}

      {pending && (
        <SignatureDialog meaning={pending.kind === 'reprint' ? 'performed' : 'verified'} onSign={sign} onCancel={() => { setPending(null); setSigError(null); }} error={sigError}>
          {pending.kind === 'reprint' ? (
            <label className="field">
              <span>{t('labels.reprintReason')}</span>
              <input name="reprint-reason" value={pending.reason} onChange={(e) => setPending({ ...pending, reason: e.target.value })} />
            </label>
          ) : (
            !recon?.balanced && (
              <label className="field">
                <span>{t('labels.explanation')}</span>
                <input name="reconcile-explanation" value={pending.explanation} onChange={(e) => setPending({ ...pending, explanation: e.target.value })} />
              </label>
            )
          )}
        </SignatureDialog>
      )}
    </section>
  );
}
