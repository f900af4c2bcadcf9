// The electronic-signature dialog (21 CFR 11.50/11.200): shows the meaning being signed,
// asks for badge + PIN (PIN only after a first full signature in this session) and reason.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureInput, SignatureMeaning } from '../../../shared/domain/signature';

export function SignatureDialog(props: { meaning: SignatureMeaning; onSign: (s: SignatureInput) => Promise<void>; onCancel: () => void; error: string | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.onSign({ ...(badge.trim() ? { badge: badge.trim() } : {}), pin, meaning: props.meaning, reason });
    } finally {
      setBusy(false);
      setPin('');
    }
  };
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="sig-title">
      <form className="card modal" onSubmit={submit}>
        <h2 id="sig-title">{t('signature.title')}</h2>
        <p>
          {t('signature.meaningLabel')}: <strong data-testid="signature-meaning">{t(`audit.meaning.${props.meaning}`)}</strong>
        </p>
        {props.children}
        <label className="field">
          <span>{t('signature.badgeOptional')}</span>
          <input name="sig-badge" autoComplete="off" value={badge} onChange={(e) => setBadge(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('signature.pin')}</span>
          <input name="sig-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
        <label className="field">
          <span>{t('signature.reason')}</span>
          <input name="sig-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <p className="muted small">{t('signature.legal')}</p>
        {props.error && <p className="error" role="alert">{props.error}</p>}
        <div className="row">
          <button type="button" className="btn btn-secondary" onClick={props.onCancel}>{t('signature.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy || pin.length < 4 || !reason.trim()}>{t('signature.sign')}</button>
        </div>
      </form>
    </div>
  );
}
