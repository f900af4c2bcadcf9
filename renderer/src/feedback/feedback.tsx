// The verdict every workflow shows the same way: a full-screen colour, a sound, the verdict
// in large type, the reason in plain words and what to do next. ACCEPT clears itself; WARN
// and REJECT stay until the operator acknowledges them.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { playTone, type Tone } from './sounds';

export interface Feedback {
  readonly tone: Tone;
  readonly title: string;
  readonly detail?: string;
  readonly next?: string;
}

interface FeedbackApi {
  show(f: Feedback): void;
}

const Ctx = createContext<FeedbackApi | null>(null);
const AUTO_CLEAR_MS = 1400;

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<(Feedback & { id: number }) | null>(null);
  const seq = useRef(0);
  const show = useCallback((f: Feedback) => {
    playTone(f.tone);
    setCurrent({ ...f, id: ++seq.current });
  }, []);

  useEffect(() => {
    if (!current || current.tone !== 'good') return;
    const id = setTimeout(() => setCurrent((c) => (c?.id === current.id ? null : c)), AUTO_CLEAR_MS);
    return () => clearTimeout(id);
  }, [current]);

  const api = useMemo(() => ({ show }), [show]);
  return (
    <Ctx.Provider value={api}>
      {children}
      {current && (
        <div className={`flash flash-${current.tone}`} role="alertdialog" aria-live="assertive" aria-labelledby="flash-title" data-testid="verdict-flash" data-tone={current.tone} data-flash={current.id}>
          <div className="flash-body">
            <div id="flash-title" className="flash-title">{current.title}</div>
            {current.detail && <p className="flash-detail">{current.detail}</p>}
            {current.next && <p className="flash-next">{current.next}</p>}
            {current.tone !== 'good' && (
              <button className="btn btn-xl flash-ack" autoFocus onClick={() => setCurrent(null)}>
                {t('feedback.acknowledge')}
              </button>
            )}
          </div>
        </div>
      )}
    </Ctx.Provider>
  );
}

export function useFeedback(): FeedbackApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useFeedback outside FeedbackProvider');
  return v;
}
