// Badge + PIN login, built for gloves: a large keypad, the badge field takes a scanner's
// keystrokes, and every refusal says why and what to do.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StationError } from '../../../shared/contract/errors';
import { useStation } from '../api/station-context';
import { formatDateTime } from '../i18n';

export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const { client, status } = useStation();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  // A badge scanned on any scanner (wedge here, or a serial scanner via the runtime) fills the badge.
  useEffect(() => {
    const fill = (text: string) => {
      setBadge(text.replace(/^LL-BADGE-/i, ''));
      pinRef.current?.focus();
    };
    const onWedge = (e: Event) => fill(String((e as CustomEvent<string>).detail));
    window.addEventListener('lotline:badge-scan', onWedge);
    const off = client.onPush((p) => p.topic === 'badge_scan' && fill(p.data.text));
    return () => {
      window.removeEventListener('lotline:badge-scan', onWedge);
      off();
    };
  }, [client]);

  const explain = (err: unknown): string => {
    if (!(err instanceof StationError)) return t('login.error.other', { message: String((err as Error)?.message ?? err) });
    switch (err.code) {
      case 'unknown_badge':
      case 'inactive_user':
        return t(`login.error.${err.code}`);
      case 'wrong_pin':
        return t('login.error.wrong_pin', { remaining: err.details?.remaining ?? 0 });
      case 'locked_out':
        return t('login.error.locked_out', { until: typeof err.details?.until === 'string' ? formatDateTime(err.details.until, i18n.language, false) : '?' });
      case 'invalid_input':
        return t('login.error.invalid_input', { detail: err.issues?.map((i) => i.message).join('; ') ?? err.message });
      default:
        return t('login.error.other', { message: err.message });
    }
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('auth.login', { badge: badge.trim(), pin });
    } catch (err) {
      setError(explain(err));
      setPin('');
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const press = (k: string) => setPin((p) => (p.length < 12 ? p + k : p));

  return (
    <section className="login" aria-labelledby="login-title">
      <form className="card login-card" onSubmit={submit}>
        <h1 id="login-title">{t('login.title')}</h1>
        <label className="field">
          <span>{t('login.badge')}</span>
          <input
            name="badge"
            autoFocus
            autoComplete="off"
            value={badge}
            placeholder={t('login.badgeHint')}
            onChange={(e) => setBadge(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                pinRef.current?.focus();
              }
            }}
          />
        </label>
        <label className="field">
          <span>{t('login.pin')}</span>
          <input ref={pinRef} name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
        <div className="keypad" role="group" aria-label={t('login.pin')}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => (
            <button type="button" key={k} className="key" onClick={() => press(k)}>{k}</button>
          ))}
          <button type="button" className="key key-muted" onClick={() => setPin('')}>{t('login.clear')}</button>
          <button type="button" className="key" onClick={() => press('0')}>0</button>
          <button type="button" className="key key-muted" onClick={() => setPin((p) => p.slice(0, -1))}>{t('login.back')}</button>
        </div>
        {error && <p className="error" role="alert" data-testid="login-error">{error}</p>}
        <button className="btn btn-primary btn-xl" type="submit" disabled={busy || !badge || pin.length < 4}>{t('login.submit')}</button>
      </form>

      {status?.demo && status.demo.hints.length > 0 && (
        <aside className="card demo-card" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('login.demoTitle')}</h2>
          <p className="muted">{t('login.demoHelp')}</p>
          <ul className="demo-users">
            {status.demo.hints.map((h) => (
              <li key={h.badge}>
                <button type="button" className="demo-user" onClick={() => { setBadge(h.badge); pinRef.current?.focus(); }}>
                  <strong>{h.name}</strong>
                  <span>{h.roles.map((r) => t(`role.${r}`)).join(', ')}</span>
                  <span className="mono">{h.badge} · PIN {h.pin}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </section>
  );
}
