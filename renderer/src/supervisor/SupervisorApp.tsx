// Supervisor mode: the same React code base served by `lotline server` under /board/,
// signed in against the central users (supervisor, QA, admin). Views: floor board, andon,
// exceptions, lot watch, charts, shift report; a wall-display mode rotates board, andon
// and charts in large type.
import { Suspense, lazy, useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';
import { login, savedSession, type BoardUser } from './api';
import { AndonView } from './Andon';
import { AuditView } from './Audit';
import { SupervisorProvider, useSupervisor } from './context';
import { ExceptionsView } from './Exceptions';
import { FloorBoard } from './FloorBoard';
import { LotWatchView } from './LotWatch';
import { ShiftReportView } from './ShiftReport';
import './supervisor.css';

// The charts carry ECharts: loaded the first time they are shown, not with the board.
const ChartsPanel = lazy(() => import('./Charts').then((m) => ({ default: m.ChartsPanel })));

const VIEWS = ['board', 'andon', 'exceptions', 'lots', 'charts', 'shift', 'audit'] as const;
type View = (typeof VIEWS)[number];
const WALL_ROTATION: readonly View[] = ['board', 'andon', 'charts'];
const WALL_SECONDS = 20;

export function SupervisorApp() {
  const [session, setSession] = useState(savedSession);
  const onLogout = useCallback(() => setSession(null), []);
  if (!session) return <SupervisorLogin onLogin={setSession} />;
  return (
    <SupervisorProvider token={session.token} user={session.user} onLogout={onLogout}>
      <Shell />
    </SupervisorProvider>
  );
}

function SupervisorLogin({ onLogin }: { onLogin: (s: { token: string; user: BoardUser }) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login(username.trim(), password).then(onLogin, (err: unknown) => {
      setPassword('');
      setError((err as Error).message);
    });
  };
  return (
    <main className="sv-login">
      <form onSubmit={submit} className="sv-login-form">
        <h1>{t('board.login.title')}</h1>
        <label className="sv-field">
          {t('board.login.user')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label className="sv-field">
          {t('board.login.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <div className="banner banner-error" role="alert">{error}</div>}
        <button className="btn btn-primary" type="submit">
          {t('board.login.submit')}
        </button>
        <p className="muted small">{t('board.login.help')}</p>
      </form>
    </main>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const { user, live, tiles, logout } = useSupervisor();
  const [view, setView] = useState<View>('board');
  const [wall, setWall] = useState(false);

  useEffect(() => {
    document.body.classList.toggle('sv-wall-mode', wall);
    if (!wall) return;
    const id = window.setInterval(() => setView((v) => WALL_ROTATION[(WALL_ROTATION.indexOf(v) + 1) % WALL_ROTATION.length]!), WALL_SECONDS * 1000);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setWall(false);
    window.addEventListener('keydown', onKey);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('keydown', onKey);
    };
  }, [wall]);

  const offline = tiles.filter((x) => !x.online && x.type !== 'supervisor').length;
  return (
    <div className={`app sv-app${wall ? ' sv-wall' : ''}`}>
      <header className="sv-header">
        <div className="sv-brand">{t('board.title')}</div>
        {!wall ? (
          <nav className="header-nav" aria-label={t('board.nav.label')}>
            {VIEWS.map((v) => (
              <button key={v} className={`tab${v === view ? ' tab-active' : ''}`} aria-current={v === view ? 'page' : undefined} onClick={() => setView(v)}>
                {t(`board.nav.${v}`)}
              </button>
            ))}
          </nav>
        ) : (
          <div className="sv-wall-title">{t(`board.nav.${view}`)}</div>
        )}
        <div className="row">
          <span className={`chip ${live ? 'sv-chip-on' : 'sv-chip-off'}`} data-testid="live-state">
            {live ? t('board.live') : t('board.liveDown')}
          </span>
          {offline > 0 && <span className="chip chip-warn">{t('board.offlineCount', { n: offline })}</span>}
          {!wall && (
            <>
              <select aria-label={t('board.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value)}>
                {LANGUAGES.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.label}
                  </option>
                ))}
              </select>
              <span data-testid="board-user">{user.name}</span>
              <button className="btn" onClick={() => setWall(true)}>
                {t('board.wall.on')}
              </button>
              <button className="btn" onClick={logout}>
                {t('board.logout')}
              </button>
            </>
          )}
          {wall && (
            <button className="btn" onClick={() => setWall(false)}>
              {t('board.wall.off')}
            </button>
          )}
        </div>
      </header>
      {!live && <div className="banner banner-error" role="alert">{t('board.liveDownBanner')}</div>}
      <main className="main sv-main">
        {view === 'board' ? (
          <FloorBoard wall={wall} />
        ) : view === 'andon' ? (
          <AndonView wall={wall} />
        ) : view === 'exceptions' ? (
          <ExceptionsView />
        ) : view === 'lots' ? (
          <LotWatchView />
        ) : view === 'charts' ? (
          <Suspense fallback={null}>
            <ChartsPanel wall={wall} />
          </Suspense>
        ) : view === 'shift' ? (
          <ShiftReportView />
        ) : (
          <AuditView />
        )}
      </main>
    </div>
  );
}
