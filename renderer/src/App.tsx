// The station shell: header always, the login screen until someone is logged in, then the
// station's screens. Activity keeps the session alive; the runtime enforces the idle lock.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from './api/station-context';
import { Header } from './components/Header';
import { AuditScreen } from './screens/Audit';
import { HomeScreen } from './screens/Home';
import { LoginScreen } from './screens/Login';
import { SettingsScreen } from './screens/Settings';

export type Screen = 'home' | 'audit' | 'settings';

export function App() {
  const { t } = useTranslation();
  const { status, connected, client } = useStation();
  const [screen, setScreen] = useState<Screen>('home');
  const session = status?.session ?? null;

  useEffect(() => {
    if (!session) setScreen('home');
  }, [session]);

  useEffect(() => {
    if (!session) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 30_000) return;
      last = now;
      void client.call('session.touch', {}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown'] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, onActivity));
  }, [session, client]);

  if (!status) {
    return <div className="splash" role="status">{connected ? t('app.connecting') : t('app.disconnected')}</div>;
  }

  return (
    <div className="app">
      <Header screen={screen} onNavigate={setScreen} />
      {!connected && <div className="banner banner-error" role="alert">{t('app.disconnected')}</div>}
      <main className="main">
        {!session ? (
          <LoginScreen />
        ) : screen === 'audit' ? (
          <AuditScreen />
        ) : screen === 'settings' ? (
          <SettingsScreen />
        ) : (
          <HomeScreen onNavigate={setScreen} />
        )}
      </main>
    </div>
  );
}
