// UI entry: language first, then the connection to the station runtime, then the app.
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { StationProvider } from './api/station-context';
import { FeedbackProvider } from './feedback/feedback';
import { connect } from './api/transport';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
// Each mode is its own chunk: a station screen never downloads the board (and ECharts), and
// the board on a wall screen never downloads the station screens — it paints sooner.
const SupervisorApp = lazy(() => import('./supervisor/SupervisorApp').then((m) => ({ default: m.SupervisorApp })));
const App = lazy(() => import('./App').then((m) => ({ default: m.App })));
// Supervisor mode (issue 9): the central server serves this build under /board/; there is no station runtime to connect to.
const supervisor = window.location.pathname.startsWith('/board');
const connection = supervisor ? null : connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {connection ? (
      <StationProvider connection={connection}>
        <FeedbackProvider>
          <Suspense fallback={null}>
            <App />
          </Suspense>
        </FeedbackProvider>
      </StationProvider>
    ) : (
      <Suspense fallback={null}>
        <SupervisorApp />
      </Suspense>
    )}
  </StrictMode>,
);
