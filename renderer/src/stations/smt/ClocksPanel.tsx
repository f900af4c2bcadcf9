// Material clocks beside the setup: MSL floor life and solder paste, each counting down
// from the runtime's reading, with big buttons for the acts that move them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockView } from '../../../../shared/contract/workflows';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { useFeedback } from '../../feedback/feedback';
import { formatRemaining } from '../verdict';

const MSL_ACTS = ['open', 'close', 'dry_storage_in', 'dry_storage_out'] as const;
const PASTE_ACTS = ['fridge_out', 'open', 'fridge_in'] as const;

export function ClocksPanel({ clocks }: { clocks: readonly ClockView[] }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const feedback = useFeedback();
  const [now, setNow] = useState(() => Date.now());
  const [receivedAt, setReceivedAt] = useState(() => Date.now());
  useEffect(() => setReceivedAt(Date.now()), [clocks]);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  if (clocks.length === 0) return null;
  const act = (c: ClockView, kind: string) => {
    const at = new Date().toISOString();
    const call = c.clock === 'msl' ? client.call('material.msl', { kind: kind as 'open', lotId: c.lotId, at }) : client.call('material.paste', { kind: kind as 'open', lotId: c.lotId, at });
    call.catch((err: unknown) => feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) }));
  };
  return (
    <section className="card clocks" aria-labelledby="clocks-title" data-testid="clocks">
      <h2 id="clocks-title">{t('clocks.title')}</h2>
      <ul>
        {clocks.map((c) => {
          const left = c.remainingMs === null ? null : c.running ? c.remainingMs - (now - receivedAt) : c.remainingMs;
          const bad = c.problems.length > 0 || (left !== null && left <= 0);
          return (
            <li key={`${c.clock}-${c.lotId}`} className={bad ? 'clock clock-bad' : 'clock'} data-testid={`clock-${c.lotId}`}>
              <div className="row spread">
                <strong>{c.lotId}</strong>
                <span className="muted small">{c.itemId}{c.level ? ` · MSL ${c.level}` : ''}</span>
              </div>
              <div className="clock-time">{formatRemaining(left, t('clocks.unlimited'))}</div>
              <div className="small">{t(`clocks.phase.${c.phase}`)} · {t(`clocks.limit.${c.limit}`)}{c.problems.length ? ` · ${c.problems.map((p) => t(`clocks.problem.${p}`, { defaultValue: p })).join(', ')}` : ''}</div>
              <div className="row">
                {(c.clock === 'msl' ? MSL_ACTS : PASTE_ACTS).map((k) => (
                  <button key={k} className="btn btn-secondary btn-small" onClick={() => act(c, k)}>{t(`clocks.act.${k}`)}</button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
