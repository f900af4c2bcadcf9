// MSL bake: pick the lot (scan its Lotline label, or touch it in the list of lots whose
// floor life is spent), touch the package thickness and oven temperature — the duration
// comes from J-STD-033 table 4-1 — and record the bake as ended now. The floor-life clock
// restarts; the panel shows the new remaining floor life from the runtime's answer.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockView } from '../../../../shared/contract/workflows';
import type { MslLevel } from '../../../../shared/rules/msl';
import { BAKE_TEMPERATURES_C, BAKE_THICKNESS_MM, bakeProfile, type BakeTemperatureC, type BakeThicknessMm } from '../../../../shared/rules/msl-bake';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { useFeedback } from '../../feedback/feedback';
import { formatRemaining } from '../verdict';

/** MSL 6 bakes as its caution label says; the form offers the usual label times. */
const LABEL_HOURS = [4, 6, 12, 24, 48] as const;

/** `scanned`: the last lot label scanned in bake mode (its scan seq makes a repeat scan count). */
export function BakePanel({ scanned, onBaked }: { scanned: { lotId: string; seq: number } | null; onBaked?: (c: ClockView) => void }) {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [clocks, setClocks] = useState<ClockView[]>([]);
  const [lot, setLot] = useState<ClockView | null>(null);
  const [thickness, setThickness] = useState<BakeThicknessMm | null>(null);
  const [temperature, setTemperature] = useState<BakeTemperatureC | null>(null);
  const [labelHours, setLabelHours] = useState<number | null>(null);
  const [done, setDone] = useState<ClockView | null>(null);
  const { problem, track } = useLoadProblem();
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) }), [feedback, t]);

  useEffect(() => {
    track(client.call('material.clocks', {}), (cs) => setClocks(cs.filter((c) => c.clock === 'msl' && c.level !== '1')));
  }, [client, eventTick, track]);

  const choose = (c: ClockView) => {
    setLot(c);
    setDone(null);
    setThickness(null);
    setTemperature(null);
    setLabelHours(null);
  };

  useEffect(() => {
    if (!scanned) return;
    const scannedLotId = scanned.lotId;
    void client.call('material.clocks', { lotIds: [scannedLotId] }).then((cs) => {
      const c = cs.find((x) => x.clock === 'msl');
      if (c && c.level !== '1') choose(c);
      else feedback.show({ tone: 'bad', title: t('clocks.bake.noMsl', { lot: scannedLotId }) });
    }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scanned]);

  const level = (lot?.level ?? null) as MslLevel | null;
  const profile = level && thickness && temperature ? bakeProfile(level, thickness, temperature) : null;
  const durationH = level === '6' ? labelHours : profile?.kind === 'table' ? profile.durationH : null;
  const temperatureC = level === '6' ? 125 : temperature;

  const record = () => {
    if (!lot || durationH === null || temperatureC === null) return;
    void client.call('material.msl', { kind: 'bake', lotId: lot.lotId, at: new Date().toISOString(), temperatureC, durationH }).then((c) => {
      setDone(c);
      setLot(null);
      onBaked?.(c);
      feedback.show({ tone: 'good', title: t('clocks.bake.recorded', { lot: c.lotId }), detail: t('clocks.bake.left', { left: formatRemaining(c.remainingMs, t('clocks.unlimited')) }) });
    }, fail);
  };

  const spent = clocks.filter((c) => c.problems.length > 0);
  const others = clocks.filter((c) => c.problems.length === 0);
  return (
    <section className="card bake" aria-labelledby="bake-title" data-testid="bake-panel">
      <h2 id="bake-title">{t('clocks.bake.title')}</h2>
      <LoadProblem problem={problem} />
      {done && (
        <p className="banner banner-ok" role="status" data-testid="bake-result">
          {t('clocks.bake.recorded', { lot: done.lotId })} {t('clocks.bake.left', { left: formatRemaining(done.remainingMs, t('clocks.unlimited')) })}
        </p>
      )}
      {!lot ? (
        <>
          <p className="step small">{t('clocks.bake.pick')}</p>
          <div className="row wrap">
            {[...spent, ...others].map((c) => (
              <button key={c.lotId} className={c.problems.length ? 'btn btn-danger btn-big' : 'btn btn-secondary btn-big'} onClick={() => choose(c)} data-testid={`bake-lot-${c.lotId}`}>
                {c.lotId} · MSL {c.level} · {c.problems.length ? c.problems.map((p) => t(`clocks.problem.${p}`, { defaultValue: p })).join(', ') : formatRemaining(c.remainingMs, t('clocks.unlimited'))}
              </button>
            ))}
          </div>
        </>
      ) : (
        <>
          <p className="step" data-testid="bake-lot">{t('clocks.bake.lot', { lot: lot.lotId, item: lot.itemId, level: lot.level })}</p>
          {level === '6' ? (
            <>
              <p className="small">{t('clocks.bake.labelHours')}</p>
              <div className="row wrap" role="group" aria-label={t('clocks.bake.labelHours')}>
                {LABEL_HOURS.map((h) => (
                  <button key={h} aria-pressed={labelHours === h} className={labelHours === h ? 'btn btn-primary btn-big' : 'btn btn-secondary btn-big'} onClick={() => setLabelHours(h)} data-testid={`bake-hours-${h}`}>
                    125 °C · {h} h
                  </button>
                ))}
              </div>
            </>
          ) : (
            <>
              <p className="small">{t('clocks.bake.thickness')}</p>
              <div className="row wrap" role="group" aria-label={t('clocks.bake.thickness')}>
                {BAKE_THICKNESS_MM.map((mm) => (
                  <button key={mm} aria-pressed={thickness === mm} className={thickness === mm ? 'btn btn-primary btn-big' : 'btn btn-secondary btn-big'} onClick={() => setThickness(mm)} data-testid={`bake-thickness-${mm}`}>
                    ≤ {mm.toFixed(1)} mm
                  </button>
                ))}
              </div>
              <p className="small">{t('clocks.bake.temperature')}</p>
              <div className="row wrap" role="group" aria-label={t('clocks.bake.temperature')}>
                {BAKE_TEMPERATURES_C.map((c) => {
                  const p = level && thickness ? bakeProfile(level, thickness, c) : null;
                  return (
                    <button key={c} aria-pressed={temperature === c} disabled={!thickness} className={temperature === c ? 'btn btn-primary btn-big' : 'btn btn-secondary btn-big'} onClick={() => setTemperature(c)} data-testid={`bake-temp-${c}`}>
                      {c} °C{p?.kind === 'table' ? ` · ${formatRemaining(p.durationH * 3_600_000, '')}` : ''}
                    </button>
                  );
                })}
              </div>
            </>
          )}
          <div className="row">
            <button className="btn btn-primary btn-xl" disabled={durationH === null} onClick={record} data-testid="bake-record">
              {durationH === null ? t('clocks.bake.choose') : t('clocks.bake.record', { temperature: temperatureC, duration: formatRemaining(durationH * 3_600_000, '') })}
            </button>
            <button className="btn btn-secondary btn-big" onClick={() => setLot(null)}>{t('clocks.bake.cancel')}</button>
          </div>
        </>
      )}
    </section>
  );
}
