// Station header: who and where, the clock, and the honest state of devices and sync.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../api/station-context';
import { formatTime, LANGUAGES, setLanguage } from '../i18n';
import type { Screen } from '../App';

/** "42 s", "7 min", "3 h 05 min": how long the oldest unsent record has waited. */
function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function Header({ screen, onNavigate }: { screen: Screen; onNavigate: (s: Screen) => void }) {
  const { t, i18n } = useTranslation();
  const { status, client } = useStation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const station = status?.station;
  const session = status?.session;
  const canAudit = session?.roles.some((r) => r === 'supervisor' || r === 'qa' || r === 'admin');

  return (
    <header className="header">
      <div className="header-station">
        <div className="station-name" data-testid="station-name">{station ? station.name : t('header.notConfigured')}</div>
        <div className="station-meta">
          {station && <span className="chip">{t(`stationType.${station.type}`)}</span>}
          {station && <span className="muted">{station.stationId}</span>}
          {status?.demo && <span className="chip chip-warn">{t('header.demo')}</span>}
        </div>
      </div>

      {session && (
        <nav className="header-nav" aria-label="main">
          <button className={screen === 'home' ? 'tab active' : 'tab'} onClick={() => onNavigate('home')}>{t('nav.home')}</button>
          {station && station.type !== 'supervisor' && <button className={screen === 'labels' ? 'tab active' : 'tab'} onClick={() => onNavigate('labels')}>{t('nav2.labels')}</button>}
          {/* QA and supervisors trace, hold and recall from whichever station they stand at. */}
          {canAudit && station?.type !== 'supervisor' && <button className={screen === 'trace' ? 'tab active' : 'tab'} onClick={() => onNavigate('trace')}>{t('nav.trace')}</button>}
          {canAudit && <button className={screen === 'audit' ? 'tab active' : 'tab'} onClick={() => onNavigate('audit')}>{t('nav.audit')}</button>}
          <button className={screen === 'settings' ? 'tab active' : 'tab'} onClick={() => onNavigate('settings')}>{t('nav.settings')}</button>
        </nav>
      )}

      <div className="header-user">
        <div className="clock" aria-live="off">{formatTime(now, i18n.language)}</div>
        <div className="operator" data-testid="operator">{session ? `${session.name} · ${session.roles.map((r) => t(`role.${r}`)).join(', ')}` : t('header.nobody')}</div>
        <div className="header-actions">
          <select aria-label={t('header.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>{l.label}</option>
            ))}
          </select>
          {session && (
            <button className="btn btn-secondary" onClick={() => void client.call('auth.logout', {})}>
              {t('header.logout')}
            </button>
          )}
        </div>
      </div>
      <div className="header-status statusbar">
        <ul className="status-list" aria-label={t('header.devices')}>
          {status?.devices.map((d) => (
            <li key={d.role} className={`status status-${d.state}`} title={d.detail ?? ''}>
              <span className="dot" aria-hidden="true" />
              {t(`header.device.${d.role}`)}: {t(`header.deviceState.${d.state}`)}
            </li>
          ))}
          {status && (
            <li className={`status status-${status.sync.state}`} data-testid="sync-status">
              <span className="dot" aria-hidden="true" />
              {t('header.sync')}: {t(`header.syncState.${status.sync.state}`)}
              {status.sync.state !== 'not_configured' && (
                <span className="sync-detail" data-testid="sync-detail">
                  {' · '}
                  {status.sync.queued > 0
                    ? t('header.syncQueued', { count: status.sync.queued, age: formatAge(status.sync.oldestUnsentAgeMs ?? 0) })
                    : t('header.syncUpToDate')}
                  {status.sync.lastSuccessAt ? ` · ${t('header.syncLast', { time: formatTime(new Date(status.sync.lastSuccessAt), i18n.language) })}` : ''}
                  {status.sync.state === 'error' && status.sync.lastError ? ` · ${status.sync.lastError}` : ''}
                </span>
              )}
            </li>
          )}
        </ul>
      </div>

    </header>
  );
}
