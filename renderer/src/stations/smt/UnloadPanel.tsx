// End of run at the SMT line: every reel of the run listed; the operator may touch a reel and
// key what is left on it with the on-screen keypad (no keyboard), then unload — every slot is
// cleared, the counts are recorded back on the lots and the setup closes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupView } from '../../../../shared/contract/workflows';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { useFeedback } from '../../feedback/feedback';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', '⌫'] as const;

export function UnloadPanel({ setup, onUnloaded, onCancel }: { setup: SetupView; onUnloaded: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  // Every reel of the run, asked for when the panel opens and again with every recorded change
  // (a splice while it is open): the setup view carries only the recent history, and a reel
  // taken off early in a long run is counted back too. Keyed counts stay as they are.
  // A failed read keeps the list as it was and says so: an empty list would unload with no counts.
  const [reels, setReels] = useState<ReadonlyArray<{ slot: string; lotId: string }> | null>(null);
  const { problem, track } = useLoadProblem();
  useEffect(() => {
    track(client.call('smt.run_reels', { workOrderId: setup.workOrderId }), setReels);
  }, [client, setup.workOrderId, eventTick, track]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);

  const key = (k: (typeof KEYS)[number]) => {
    if (!editing) return;
    const cur = counts[editing] ?? '';
    const next = k === 'C' ? '' : k === '⌫' ? cur.slice(0, -1) : (cur + k).replace(/^0+(?=\d)/, '').slice(0, 8);
    setCounts({ ...counts, [editing]: next });
  };

  const unload = async () => {
    const remaining = Object.entries(counts).filter(([, v]) => v !== '').map(([lotId, v]) => ({ lotId, quantity: Number(v) }));
    try {
      const r = await client.call('smt.unload', { workOrderId: setup.workOrderId, remaining });
      feedback.show({ tone: 'good', title: t('smt.unload.done', { wo: r.workOrderId }), detail: t('smt.unload.summary', { slots: r.cleared.length, counted: r.remaining.length }) });
      onUnloaded();
    } catch (err) {
      feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) });
    }
  };

  return (
    <section className="card unload" aria-labelledby="unload-title" data-testid="unload-panel">
      <h2 id="unload-title">{t('smt.unload.title', { wo: setup.workOrderId })}</h2>
      <p className="small">{t('smt.unload.hint')}</p>
      <LoadProblem problem={problem} />
      <ul className="unload-reels">
        {(reels ?? []).map((r) => (
          <li key={r.lotId}>
            <button className={editing === r.lotId ? 'btn btn-primary btn-big' : 'btn btn-secondary btn-big'} aria-pressed={editing === r.lotId} onClick={() => setEditing(editing === r.lotId ? null : r.lotId)} data-testid={`unload-reel-${r.lotId}`}>
              {r.slot} · {r.lotId} · {counts[r.lotId] ? t('smt.unload.left', { qty: counts[r.lotId] }) : t('smt.unload.keep')}
            </button>
          </li>
        ))}
      </ul>
      {editing && (
        <div className="keypad" role="group" aria-label={t('smt.unload.keypad', { lot: editing })}>
          {KEYS.map((k) => (
            <button key={k} className="btn btn-secondary btn-big" onClick={() => key(k)} data-testid={`key-${k}`}>{k}</button>
          ))}
        </div>
      )}
      <div className="row">
        <button className="btn btn-danger btn-xl" onClick={() => void unload()} data-testid="unload-confirm">{t('smt.unload.confirm')}</button>
        <button className="btn btn-secondary btn-big" onClick={onCancel}>{t('smt.unload.cancel')}</button>
      </div>
    </section>
  );
}
