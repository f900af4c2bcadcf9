// The station shell: header always, the login screen until someone is logged in, then the
// station's screens. Activity keeps the session alive; the runtime enforces the idle lock.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from './api/station-context';
import { BoardLink } from './components/BoardLink';
import { Header } from './components/Header';
import { AuditScreen } from './screens/Audit';
import { HomeScreen } from './screens/Home';
import { LoginScreen } from './screens/Login';
import { SettingsScreen } from './screens/Settings';
import { LabelsScreen } from './stations/labels/LabelsScreen';
import { PrintJobsBanner } from './components/PrintJobsBanner';
import { errorText } from './components/errors';
import { useFeedback } from './feedback/feedback';
import { useWedge } from './scan/useWedge';
import { VirtualScanner } from './scan/VirtualScanner';
import { SmtScreen } from './stations/smt/SmtScreen';
import { ReceivingScreen } from './stations/receiving/ReceivingScreen';
import { QaScreen } from './stations/qa/QaScreen';
import { MoldingScreen } from './stations/molding/MoldingScreen';
import { PackingScreen } from './stations/packing/PackingScreen';
import { TraceScreen } from './stations/trace/TraceScreen';

export type Screen = 'home' | 'audit' | 'settings' | 'labels' | 'smt' | 'receiving' | 'qa' | 'molding' | 'packing' | 'trace';

export function App() {
  const { t } = useTranslation();
  const { status, connected, client } = useStation();
  const [screen, setScreen] = useState<Screen>('home');
  const session = status?.session ?? null;
  const feedback = useFeedback();
  const scanner = status?.devices.find((d) => d.role === 'scanner')?.uri ?? null;

  // A wedge scan goes through the same command path as any scanner's; before anyone is
  // logged in, it can only be a badge, so the login screen takes it.
  useWedge(scanner, (text, at) => {
    if (!session) {
      window.dispatchEvent(new CustomEvent('lotline:badge-scan', { detail: text }));
      return;
    }
    client.call('scan.submit', { text, source: 'wedge', receivedAt: new Date(at).toISOString() }).catch((err: unknown) => feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) }));
  });

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
      {status.station?.type === 'supervisor' && <BoardLink server={status.sync.server} />}
      {session && <PrintJobsBanner />}
      <main className="main">
        {!session ? (
          <LoginScreen />
        ) : screen === 'audit' ? (
          <AuditScreen />
        ) : screen === 'settings' ? (
          <SettingsScreen />
        ) : screen === 'labels' ? (
          <LabelsScreen />
        ) : screen === 'smt' ? (
          <SmtScreen />
        ) : screen === 'receiving' ? (
          <ReceivingScreen />
        ) : screen === 'qa' ? (
          <QaScreen />
        ) : screen === 'molding' ? (
          <MoldingScreen />
        ) : screen === 'packing' ? (
          <PackingScreen />
        ) : screen === 'trace' ? (
          <TraceScreen />
        ) : (
          <HomeScreen onNavigate={setScreen} />
        )}
      </main>
      <VirtualScanner />
    </div>
  );
}
