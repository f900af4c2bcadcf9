// Cleanroom packing: line clearance (checklist, packer signs, a second person verifies), then
// scans drive the materials (each verified by the engine), count by weight on the scale or by
// unit, box check-weight, and the signed lot close with label and material reconciliation. A
// serialized product shows the serials its counted units got, and which are not boxed yet; one
// touch prints the unit label of every serial not labelled yet, and while unit labels wait for
// their scan-back the next scan on this screen is the scan-back of the oldest one (as on the
// Labels screen), which must carry its serial. A voided unit label is reprinted with a reason
// and a signature.
import '../stations.css';
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PackingLotView, PackingMaterialOutcome } from '../../../../shared/contract/packing';
import type { SignatureInput, SignatureMeaning } from '../../../../shared/domain/signature';
import { LINE_CLEARANCE_CHECKLIST } from '../../../../shared/rules/packing/clearance';
import { packingLineOf } from '../../../../shared/rules/packing/line';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback, verdictSentence } from '../verdict';

type Signing = { meaning: SignatureMeaning; run: (s: SignatureInput) => Promise<unknown> } | null;

/** What became of a scanned lot (used, already in, split), in the operator's language; null when the verdict says it all. */
function outcomeText(t: TFunction, o: { outcome: string; detail: PackingMaterialOutcome['detail'] }): string | null {
  if (!o.detail) return null;
  const key = o.outcome === 'used' && o.detail.candidate ? 'candidate' : o.outcome;
  return t(`packing.outcome.${key}`, { ...o.detail });
}

export function PackingScreen() {
  const { t } = useTranslation();
  const { client, eventTick, status } = useStation();
  // The line comes from the station's configuration (its area); the demo packing station's is CR1.
  const LINE = packingLineOf(status?.station) ?? '';
  const feedback = useFeedback();
  const [orders, setOrders] = useState<Array<{ workOrderId: string; productItemId: string; mode: string; serialized: boolean }>>([]);
  const [workOrderId, setWorkOrderId] = useState('');
  const [lot, setLot] = useState<PackingLotView | null>(null);
  const [checks, setChecks] = useState<Record<string, boolean>>({});
  const [signing, setSigning] = useState<Signing>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const [warnSeq, setWarnSeq] = useState<number | null>(null);
  /** A FIFO REJECT of a material scan that its override role may sign away. */
  const [overridable, setOverridable] = useState<{ verdictSeq: number; role: string } | null>(null);
  const [samplePieces, setSamplePieces] = useState(20);
  const [units, setUnits] = useState(1);
  const [boxUnits, setBoxUnits] = useState(10);
  const [tare, setTare] = useState(30);
  const [tol, setTol] = useState(1);
  const [boxes, setBoxes] = useState(1);
  /** Material used per item, for the reconciliation; an empty field means as planned. */
  const [used, setUsed] = useState<Record<string, string>>({});
  /** A voided unit label being reprinted, and why. */
  const [reprint, setReprint] = useState<{ labelId: string; serial: string; reason: string } | null>(null);

  const { problem, track } = useLoadProblem();
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('packing.failed'), detail: errorText(t, err) }), [feedback, t]);
  useEffect(() => {
    void client.call('packing.work_orders', {}).then((r) => {
      setOrders(r);
      if (r[0]) setWorkOrderId(r[0].workOrderId);
    }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  useEffect(() => {
    if (!LINE) return;
    track(client.call('packing.state', { lineId: LINE }), setLot);
  }, [client, eventTick, LINE, track]);

  // Another finished lot on the line: the last one's pending answers do not carry over.
  useEffect(() => {
    setWarnSeq(null);
    setOverridable(null);
  }, [lot?.finishedLotId, lot?.state]);

  useScans((scan) => {
    if (!LINE || !lot || lot.state !== 'open') return;
    // While unit labels are out (or on their way), a scan is one of them coming back, not a material.
    if (lot.unitLabels && (lot.unitLabels.awaitingScan > 0 || lot.unitLabels.printing > 0)) {
      void client.call('packing.verify_unit_label', { lineId: LINE, scanSeq: scan.seq }).then((r) => {
        setLot(r.lot);
        if (r.outcome === 'verified') feedback.show({ tone: 'good', title: t('packing.unitLabels.verified', { serial: r.serial }), ...(r.lot.unitLabels?.next ? { next: t('packing.unitLabels.scanNext', { serial: r.lot.unitLabels.next }) } : {}) });
        else if (r.outcome === 'other_barcode') feedback.show({ tone: 'warn', title: t('packing.unitLabels.otherBarcode', { serial: r.serial }) });
        else {
          const first = r.mismatches[0];
          feedback.show({
            tone: 'bad',
            title: r.unreadable ? t('packing.unitLabels.unreadable', { serial: r.serial }) : t('packing.unitLabels.mismatch', { serial: r.serial }),
            ...(first ? { detail: t('labels.mismatchDetail', { field: first.field, expected: first.expected ?? '—', scanned: first.scanned ?? '—' }) } : {}),
            next: t('packing.unitLabels.voidedReprint', { serial: r.serial }),
          });
        }
      }, fail);
      return;
    }
    // A new scan replaces whatever the last one asked for (its confirm, its override).
    setWarnSeq(null);
    setOverridable(null);
    void client.call('packing.scan', { lineId: LINE, scanSeq: scan.seq }).then((o) => {
      setLot(o.lot);
      setWarnSeq(o.outcome === 'warn' ? o.verdict.verdictSeq : null);
      setOverridable(o.outcome === 'rejected' && o.verdict.overridable ? { verdictSeq: o.verdict.verdictSeq, role: o.verdict.overrideRole ?? 'supervisor' } : null);
      const fb = verdictFeedback(t, o.verdict, outcomeText(t, o) ?? undefined);
      feedback.show(o.outcome === 'split' ? { tone: 'warn', title: t('packing.split'), detail: outcomeText(t, o) ?? o.message } : fb);
    }, fail);
  });

  const signReprint = async (s: SignatureInput) => {
    if (!reprint) return;
    try {
      await client.call('labels.reprint', { labelId: reprint.labelId, reason: reprint.reason, signature: s });
      setReprint(null);
      setSigError(null);
      feedback.show({ tone: 'good', title: t('packing.unitLabels.reprinted', { serial: reprint.serial }), next: t('packing.unitLabels.scanBack') });
      setLot(await client.call('packing.state', { lineId: LINE }));
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };

  const printUnitLabels = () =>
    void client.call('packing.print_unit_labels', { lineId: LINE }).then((r) => {
      setLot(r.lot);
      feedback.show({ tone: 'good', title: t('packing.unitLabels.printing', { count: r.serials.count }), detail: t('packing.serials.counted', r.serials), next: t('packing.unitLabels.scanBack') });
    }, fail);

  const sign = async (s: SignatureInput) => {
    if (!signing) return;
    try {
      await signing.run(s);
      setSigning(null);
      setSigError(null);
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };


  const open = lot?.state === 'open';
  const needClearance = !lot || lot.state === 'closed';
  const usedItems = [...new Set(lot?.materials.map((m) => m.itemId) ?? [])];
  const num = (label: string, value: number, set: (n: number) => void, name: string, min = 0) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" inputMode="decimal" min={min} name={name} value={value} onChange={(e) => set(Number(e.target.value))} />
    </label>
  );
  if (!LINE) {
    return (
      <section className="station" aria-labelledby="packing-title">
        <h1 id="packing-title">{t('packing.titleNoLine')}</h1>
        <p className="step" data-testid="packing-no-line">{t('packing.noLine')}</p>
      </section>
    );
  }
  return (
    <section className="station" aria-labelledby="packing-title">
      <h1 id="packing-title" data-testid="packing-title">{t('packing.title', { line: LINE })}</h1>
      <LoadProblem problem={problem} />
      <p className="step" data-testid="packing-step" aria-live="polite">
        {needClearance
          ? t('packing.step.clearance')
          : lot.state === 'clearance_pending'
            ? t('packing.step.verify')
            : lot.missingItems.length
              ? t('packing.step.scan', { items: lot.missingItems.join(', ') })
              : lot.unitLabels?.next
                ? t('packing.step.scanUnitLabel', { serial: lot.unitLabels.next, n: lot.unitLabels.awaitingScan })
                : t('packing.step.pack')}
      </p>
      {lot && (
        <p className="lot-line" data-testid="packing-lot">
          {t('packing.lotLine', { lot: lot.finishedLotId, wo: lot.workOrderId, mode: t(`packing.mode.${lot.mode}`), state: t(`packing.state.${lot.state}`) })}
        </p>
      )}

      {needClearance && (
        <div className="card" data-testid="clearance">
          <h2>{t('packing.clearance.title')}</h2>
          <label className="field">
            <span>{t('packing.workOrder')}</span>
            <select value={workOrderId} onChange={(e) => setWorkOrderId(e.target.value)} data-testid="packing-wo">
              {orders.map((o) => (
                <option key={o.workOrderId} value={o.workOrderId}>{`${o.workOrderId} · ${o.productItemId} · ${t(`packing.mode.${o.mode}`)}${o.serialized ? ` · ${t('packing.serialized')}` : ''}`}</option>
              ))}
            </select>
          </label>
          <ul className="checklist">
            {LINE_CLEARANCE_CHECKLIST.map((item) => (
              <li key={item}>
                <label className={checks[item] ? 'check-row checked' : 'check-row'}>
                  <input type="checkbox" checked={!!checks[item]} onChange={(e) => setChecks({ ...checks, [item]: e.target.checked })} data-testid={`check-${item}`} /> {t(`packing.clearance.item.${item}`)}
                </label>
              </li>
            ))}
          </ul>
          <button
            className="btn btn-primary btn-big"
            data-testid="clearance-perform"
            onClick={() => setSigning({ meaning: 'performed', run: (s) => client.call('packing.clearance_perform', { lineId: LINE, workOrderId, checklist: LINE_CLEARANCE_CHECKLIST.map((item) => ({ item, ok: !!checks[item] })), signature: s }).then((l) => { setLot(l); setChecks({}); }) })}
          >
            {t('packing.clearance.perform')}
          </button>
        </div>
      )}
      {lot?.state === 'clearance_pending' && (
        <div className="card" data-testid="clearance-pending">
          <p>{t('packing.clearance.waiting', { name: lot.clearance.performedBy ?? '—' })}</p>
          <button className="btn btn-primary btn-big" data-testid="clearance-verify" onClick={() => setSigning({ meaning: 'verified', run: (s) => client.call('packing.clearance_verify', { lineId: LINE, finishedLotId: lot.finishedLotId, signature: s }).then(setLot) })}>
            {t('packing.clearance.verify')}
          </button>
        </div>
      )}

      {open && lot && (
        <div className="packing-grid">
          <div className="card">
            <h2>{t('packing.materials')}</h2>
            {warnSeq !== null && (
              <button className="btn btn-primary btn-big" data-testid="packing-ack" onClick={() => void client.call('packing.acknowledge', { lineId: LINE, verdictSeq: warnSeq }).then((o) => { setLot(o.lot); setWarnSeq(null); feedback.show({ tone: 'good', title: t('verdict.acknowledged'), detail: verdictSentence(o.verdict), ...(outcomeText(t, o) ? { next: outcomeText(t, o)! } : {}) }); }, fail)}>
                {t('verdict.confirm')}
              </button>
            )}
            {overridable !== null && (
              <button
                className="btn btn-secondary btn-big"
                data-testid="packing-override"
                onClick={() =>
                  setSigning({
                    meaning: 'overridden',
                    run: async (s) => {
                      const answered = overridable.verdictSeq;
                      const o = await client.call('packing.override', { lineId: LINE, verdictSeq: answered, signature: s });
                      setLot(o.lot);
                      setOverridable((cur) => (cur?.verdictSeq === answered ? null : cur));
                      feedback.show({ tone: 'good', title: t('verdict.overridden'), detail: verdictSentence(o.verdict), ...(outcomeText(t, o) ? { next: outcomeText(t, o)! } : {}) });
                    },
                  })
                }
              >
                {t('verdict.override', { role: t(`role.${overridable.role}`) })}
              </button>
            )}
            <table className="packing-table" data-testid="packing-materials">
              <tbody>
                {lot.materials.map((m) => (
                  <tr key={m.lotId} data-testid={`material-${m.itemId}`}>
                    <td>{m.itemId}</td>
                    <td className="mono">{m.lotId}</td>
                    <td>{m.candidate ? t('packing.candidate') : '✓'}</td>
                  </tr>
                ))}
                {lot.missingItems.map((i) => (
                  <tr key={i} className="muted" data-testid={`missing-${i}`}>
                    <td>{i}</td>
                    <td>{t('packing.scanIt')}</td>
                    <td />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2>{t('packing.count.title')}</h2>
            <p className="big-number" data-testid="packing-quantity">{t('packing.count.total', { n: lot.quantity, piece: lot.pieceGrams === null ? '—' : lot.pieceGrams.toFixed(3) })}</p>
            <div className="row">
              {num(t('packing.count.sample'), samplePieces, setSamplePieces, 'sample-pieces', 1)}
              <button className="btn btn-secondary" data-testid="weigh-sample" onClick={() => void client.call('packing.count', { method: 'weight', lineId: LINE, samplePieces }).then((r) => { setLot(r.lot); feedback.show({ tone: 'good', title: t('packing.count.pieceSet', { g: (r.pieceGrams ?? 0).toFixed(3) }) }); }, fail)}>{t('packing.count.weighSample')}</button>
            </div>
            <button className="btn btn-primary btn-big" data-testid="weigh-bulk" disabled={lot.pieceGrams === null} onClick={() => void client.call('packing.count', { method: 'weight', lineId: LINE }).then((r) => { setLot(r.lot); feedback.show({ tone: 'good', title: t('packing.count.counted', { n: r.counted }), ...(r.serials ? { detail: t('packing.serials.counted', r.serials) } : {}) }); }, fail)}>{t('packing.count.weighBulk')}</button>
            <div className="row">
              {num(t('packing.count.units'), units, setUnits, 'count-units', 1)}
              <button className="btn btn-secondary" data-testid="count-unit" onClick={() => void client.call('packing.count', { method: 'unit', lineId: LINE, quantity: units }).then((r) => { setLot(r.lot); if (r.serials) feedback.show({ tone: 'good', title: t('packing.count.counted', { n: r.counted }), detail: t('packing.serials.counted', r.serials) }); }, fail)}>{t('packing.count.byUnit')}</button>
            </div>
            {lot.serialized && (
              <div className="serials" data-testid="packing-serials">
                <h3>{t('packing.serials.title')}</h3>
                <p className="mono" data-testid="packing-serial-range">{lot.serials.count ? t('packing.serials.range', lot.serials) : t('packing.serials.none')}</p>
                {lot.serials.unboxed > 0 && <p className="small muted" data-testid="packing-serials-unboxed">{t('packing.serials.unboxed', { n: lot.serials.unboxed })}</p>}
              </div>
            )}
            {lot.unitLabels && (
              <div className="serials" data-testid="unit-labels">
                <h3>{t('packing.unitLabels.title')}</h3>
                <button className="btn btn-primary btn-big" data-testid="print-unit-labels" disabled={lot.unitLabels.toPrint === 0} onClick={printUnitLabels}>
                  {t('packing.unitLabels.print', { n: Math.min(lot.unitLabels.toPrint, lot.unitLabels.perPrint) })}
                </button>
                {lot.unitLabels.toPrint > lot.unitLabels.perPrint && <p className="small muted">{t('packing.unitLabels.perPrint', { total: lot.unitLabels.toPrint, n: lot.unitLabels.perPrint })}</p>}
                <p data-testid="unit-labels-status">{t('packing.unitLabels.status', { verified: lot.unitLabels.verified, count: lot.serials.count })}</p>
                {lot.unitLabels.printing > 0 && <p className="small muted" data-testid="unit-labels-printing">{t('packing.unitLabels.printingNow', { n: lot.unitLabels.printing })}</p>}
                {lot.unitLabels.next && <p className="mono" data-testid="unit-labels-next">{t('packing.unitLabels.waiting', { n: lot.unitLabels.awaitingScan, serial: lot.unitLabels.next })}</p>}
                {lot.unitLabels.reprint.length > 0 && (
                  <ul className="boxes" data-testid="unit-labels-reprint">
                    {lot.unitLabels.reprint.map((r) => (
                      <li key={r.labelId} className="box-bad">
                        <span className="mono">{t('packing.unitLabels.voided', { serial: r.serial })}</span>{' '}
                        <button className="btn btn-secondary" data-testid={`reprint-${r.serial}`} onClick={() => setReprint({ ...r, reason: '' })}>{t('labels.reprint')}</button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
          <div className="card">
            <h2>{t('packing.check.title')}</h2>
            <div className="form-grid form-grid-tight">
              {num(t('packing.check.units'), boxUnits, setBoxUnits, 'box-units', 1)}
              {num(t('packing.check.tare'), tare, setTare, 'box-tare')}
              {num(t('packing.check.tolerance'), tol, setTol, 'box-tolerance')}
            </div>
            <button className="btn btn-primary btn-big" data-testid="check-weight" onClick={() => void client.call('packing.check_weight', { lineId: LINE, units: boxUnits, tareGrams: tare, toleranceGrams: tol }).then((r) => { setLot(r.lot); feedback.show({ tone: r.ok ? 'good' : 'bad', title: r.ok ? t('packing.check.ok') : t('packing.check.bad'), detail: [t('packing.check.detail', { g: r.grams, target: r.targetGrams, tol }), r.serials?.count ? t('packing.serials.boxed', r.serials) : ''].filter(Boolean).join(' · ') }); }, fail)}>
              {t('packing.check.weigh')}
            </button>
            <ul className="boxes" data-testid="packing-boxes">
              {lot.boxes.map((b) => (
                <li key={b.boxNo} className={b.ok ? 'box-ok' : 'box-bad'} data-ok={b.ok}>{`#${b.boxNo}: ${b.grams} g (${b.targetGrams} g) ${b.ok ? '✓' : '✗'}`}</li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('packing.close.title')}</h2>
            {num(t('packing.close.boxes'), boxes, setBoxes, 'close-boxes')}
            <p className="small muted">{t('packing.close.usedHelp')}</p>
            <div className="form-grid form-grid-tight">
              {usedItems.map((item) => (
                <label className="field" key={item}>
                  <span>{item}</span>
                  <input type="number" inputMode="numeric" min={0} name={`used-${item}`} value={used[item] ?? ''} placeholder={t('packing.close.asPlanned')} onChange={(e) => setUsed({ ...used, [item]: e.target.value })} />
                </label>
              ))}
            </div>
            <button
              className="btn btn-primary btn-big"
              data-testid="close-lot"
              onClick={() =>
                setSigning({
                  meaning: 'approved',
                  run: (s) =>
                    client
                      .call('packing.close_lot', { lineId: LINE, boxes, used: Object.fromEntries(Object.entries(used).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v)])), signature: s })
                      .then((r) => {
                        setLot(r.lot);
                        setUsed({});
                        const serials = r.serials ? ` ${t('packing.serials.closed', { count: r.serials.assigned, first: r.serials.first, last: r.serials.last })}` : '';
                        const units = r.unitLabels ? ` ${t('packing.unitLabels.closed', r.unitLabels)}` : '';
                        feedback.show({ tone: 'good', title: t('packing.close.done', { lot: r.lot.finishedLotId }), detail: t('packing.close.reconciled', { issued: r.labels.issued, verified: r.labels.verified, applied: r.labels.applied }) + serials + units });
                      }),
                })
              }
            >
              {t('packing.close.sign')}
            </button>
          </div>
        </div>
      )}
      {signing && <SignatureDialog meaning={signing.meaning} onSign={sign} onCancel={() => { setSigning(null); setSigError(null); }} error={sigError} />}
      {reprint && (
        <SignatureDialog meaning="performed" onSign={signReprint} onCancel={() => { setReprint(null); setSigError(null); }} error={sigError}>
          <p>{t('packing.unitLabels.reprintOf', { serial: reprint.serial })}</p>
          <label className="field">
            <span>{t('labels.reprintReason')}</span>
            <input name="reprint-reason" value={reprint.reason} onChange={(e) => setReprint({ ...reprint, reason: e.target.value })} />
          </label>
        </SignatureDialog>
      )}
    </section>
  );
}
