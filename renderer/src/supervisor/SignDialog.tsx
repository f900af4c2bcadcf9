// A central electronic signature: the signer's printed name and the meaning are shown; the
// reason and the password (re-authentication) are entered each time.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupervisor } from './context';

export function SignDialog({ title, meaning, onSign, onCancel }: { title: string; meaning: string; onSign: (reason: string, password: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const { user } = useSupervisor();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onSign(reason, password).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setPassword('');
        setError((err as Error).message);
      },
    );
  };
  return (
    <div className="sv-modal" role="dialog" aria-modal="true" aria-label={title}>
      <form className="sv-modal-body" onSubmit={submit}>
        <h2>{title}</h2>
        <p>
          {t('board.sign.signer')}: <strong>{user.name}</strong> · {t('board.sign.meaning')}: <strong>{meaning}</strong>
        </p>
        <label className="sv-field">
          {t('board.sign.reason')}
          <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} rows={3} />
        </label>
        <label className="sv-field">
          {t('board.sign.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <div className="banner banner-error" role="alert">{error}</div>}
        <div className="row">
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {t('board.sign.submit')}
          </button>
          <button className="btn" type="button" onClick={onCancel}>
            {t('board.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
