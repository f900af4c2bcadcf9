// A solder paste jar by its label: scan it, and its clock comes up with the acts that move it
// — out of the fridge, opened, back in. A jar fresh from receiving has no clock on the line yet
// (the line's clocks list the jars already handled), so this is where its first thaw starts.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockView } from '../../../../shared/contract/workflows';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { useFeedback } from '../../feedback/feedback';
import { ClockCard } from './ClocksPanel';

/** `scanned`: the last lot label scanned in paste mode (its scan seq makes a repeat scan count). */
export function PastePanel({ scanned }: { scanned: { lotId: string; seq: number } | null }) {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [jar, setJar] = useState<ClockView | null>(null);
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) }), [feedback, t]);

  useEffect(() => {
    if (!scanned) {
      setJar(null);
      return;
    }
    const lotId = scanned.lotId;
    void client.call('material.clocks', { lotIds: [lotId] }).then((cs) => {
      const c = cs.find((x) => x.clock === 'paste');
      if (c) setJar(c);
      else {
        setJar(null);
        feedback.show({ tone: 'bad', title: t('clocks.paste.notPaste', { lot: lotId }) });
      }
    }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);

  // An act on the jar (here or in the line's clocks) moves its clock: read it again.
  useEffect(() => {
    if (jar) void client.call('material.clocks', { lotIds: [jar.lotId] }).then((cs) => setJar(cs.find((x) => x.clock === 'paste') ?? null), fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventTick]);

  return (
    <section className="card clocks" aria-labelledby="paste-title" data-testid="paste-panel">
      <h2 id="paste-title">{t('clocks.paste.title')}</h2>
      {jar ? (
        <ul>
          <ClockCard clock={jar} />
        </ul>
      ) : (
        <p className="step small">{t('clocks.paste.pick')}</p>
      )}
    </section>
  );
}
