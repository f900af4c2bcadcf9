// UI entry: language first, then the connection to the station runtime, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StationProvider } from './api/station-context';
import { FeedbackProvider } from './feedback/feedback';
import { connect } from './api/transport';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
// Each mode is its own chunk: a station screen never downloads the board (and ECharts), and
// the board on a wall screen never downloads the station screens — it paints sooner. The
// chunk is loaded before the first render rather than behind React.lazy: React holds a
// revealed Suspense boundary back for up to 300 ms (its fallback throttle), which the board
// measured as 280 ms of an idle page before its first frame.
// Supervisor mode (issue 9): the central server serves this build under /board/; there is no station runtime to connect to.
const supervisor = window.location.pathname.startsWith('/board');
const root = createRoot(document.getElementById('root')!);
if (supervisor) {
  void import('./supervisor/SupervisorApp').then(({ SupervisorApp }) =>
    root.render(
      <StrictMode>
        <SupervisorApp />
      </StrictMode>,
    ),
  );
} else {
  const connection = connect();
  void import('./App').then(({ App }) =>
    root.render(
      <StrictMode>
        <StationProvider connection={connection}>
          <FeedbackProvider>
            <App />
          </FeedbackProvider>
        </StationProvider>
      </StrictMode>,
    ),
  );
}
