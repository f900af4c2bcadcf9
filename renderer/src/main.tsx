// UI entry: language first, then the connection to the station runtime, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StationProvider } from './api/station-context';
import { FeedbackProvider } from './feedback/feedback';
import { connect } from './api/transport';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
const connection = connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationProvider connection={connection}>
      <FeedbackProvider>
        <App />
      </FeedbackProvider>
    </StationProvider>
  </StrictMode>,
);
