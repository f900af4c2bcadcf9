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
const PASTE_ACTS = ['fridge_out', 'open', 'fridge_in', 'discarded'] as const;
/** Acts that cannot be taken back: asked again before they are recorded. */
const FOR_GOOD = new Set<string>(['discarded']);

export function ClocksPanel({ clocks }: { clocks: readonly ClockView[] }) {
  const { t } = useTranslation();
  if (clocks.length === 0) return null;
  return (
    <section className="card clocks" aria-labelledby="clocks-title" data-testid="clocks">
      <h2 id="clocks-title">{t('clocks.title')}</h2>
      <ul>
        {clocks.map((c) => (
          <ClockCard key={`${c.clock}-${c.lotId}`} clock={c} />
        ))}
      </ul>
    </section>
  );
}

/** One lot's clock: its reading counting down from the runtime's, and the acts that move it. */
export function ClockCard({ clock: c }: { clock: ClockView }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const feedback = useFeedback();
  const [now, setNow] = useState(() => Date.now());
  const [receivedAt, setReceivedAt] = useState(() => Date.now());
  const [confirming, setConfirming] = useState<string | null>(null);
  useEffect(() => setReceivedAt(Date.now()), [c]);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const act = (kind: string) => {
    setConfirming(null);
    const at = new Date().toISOString();
    const call = c.clock === 'msl' ? client.call('material.msl', { kind: kind as 'open', lotId: c.lotId, at }) : client.call('material.paste', { kind: kind as 'open', lotId: c.lotId, at });
    call.catch((err: unknown) => feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) }));
  };
  const left = c.remainingMs === null ? null : c.running ? c.remainingMs - (now - receivedAt) : c.remainingMs;
  const bad = c.problems.length > 0 || (left !== null && left <= 0);
  // A discarded jar has nothing left to count and nothing left to do.
  const over = c.phase === 'discarded';
  const acts = over ? [] : c.clock === 'msl' ? MSL_ACTS : PASTE_ACTS;
  return (
    <li className={bad ? 'clock clock-bad' : 'clock'} data-testid={`clock-${c.lotId}`}>
      <div className="row spread">
        <strong>{c.lotId}</strong>
        <span className="muted small">{c.itemId}{c.level ? ` · MSL ${c.level}` : ''}</span>
      </div>
      <div className="clock-time">{over ? t('clocks.phase.discarded') : formatRemaining(left, t('clocks.unlimited'))}</div>
      <div className="small" data-testid={`clock-${c.lotId}-state`}>{t(`clocks.phase.${c.phase}`)} · {t(`clocks.limit.${c.limit}`)}{c.problems.length ? ` · ${c.problems.map((p) => t(`clocks.problem.${p}`, { defaultValue: p })).join(', ')}` : ''}</div>
      {confirming ? (
        <div className="row" role="group" aria-label={t('clocks.paste.confirmDiscard', { lot: c.lotId })} data-testid={`clock-${c.lotId}-confirm`}>
          <span className="small">{t('clocks.paste.confirmDiscard', { lot: c.lotId })}</span>
          <button className="btn btn-danger btn-small" onClick={() => act(confirming)}>{t('clocks.paste.discard')}</button>
          <button className="btn btn-secondary btn-small" onClick={() => setConfirming(null)}>{t('clocks.paste.keep')}</button>
        </div>
      ) : (
        <div className="row">
          {acts.map((k) => (
            <button key={k} className="btn btn-secondary btn-small" onClick={() => (FOR_GOOD.has(k) ? setConfirming(k) : act(k))}>{t(`clocks.act.${k}`)}</button>
          ))}
        </div>
      )}
    </li>
  );
}
