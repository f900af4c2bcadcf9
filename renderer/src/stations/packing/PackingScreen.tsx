// Cleanroom packing: line clearance (checklist, packer signs, a second person verifies), then
// scans drive the materials (each verified by the engine), count by weight on the scale or by
// unit, box check-weight, and the signed lot close with label and material reconciliation.
import '../stations.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackingLotView } from '../../../../shared/contract/packing';
import type { SignatureInput, SignatureMeaning } from '../../../../shared/domain/signature';
import { LINE_CLEARANCE_CHECKLIST } from '../../../../shared/rules/packing/clearance';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback } from '../verdict';

const LINE = 'CR1';
type Signing = { meaning: SignatureMeaning; run: (s: SignatureInput) => Promise<unknown> } | null;

export function PackingScreen() {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [orders, setOrders] = useState<Array<{ workOrderId: string; productItemId: string; mode: string }>>([]);
  const [workOrderId, setWorkOrderId] = useState('');
  const [lot, setLot] = useState<PackingLotView | null>(null);
  const [checks, setChecks] = useState<Record<string, boolean>>({});
  const [signing, setSigning] = useState<Signing>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const [warnSeq, setWarnSeq] = useState<number | null>(null);
  const [samplePieces, setSamplePieces] = useState(20);
  const [units, setUnits] = useState(1);
  const [boxUnits, setBoxUnits] = useState(10);
  const [tare, setTare] = useState(30);
  const [tol, setTol] = useState(1);
  const [boxes, setBoxes] = useState(1);
  const [used, setUsed] = useState('');

  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('packing.failed'), detail: errorText(t, err) }), [feedback, t]);
  useEffect(() => {
    void client.call('packing.work_orders', {}).then((r) => {
      setOrders(r);
      if (r[0]) setWorkOrderId(r[0].workOrderId);
    }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  useEffect(() => {
    void client.call('packing.state', { lineId: LINE }).then(setLot, () => undefined);
  }, [client, eventTick]);

  useScans((scan) => {
    if (!lot || lot.state !== 'open') return;
    void client.call('packing.scan', { lineId: LINE, scanSeq: scan.seq }).then((o) => {
      setLot(o.lot);
      setWarnSeq(o.outcome === 'warn' ? o.verdict.verdictSeq : null);
      const fb = verdictFeedback(t, o.verdict, o.message);
      feedback.show(o.outcome === 'split' ? { tone: 'warn', title: t('packing.split'), detail: o.message } : fb);
    }, fail);
  });

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
  return (
    <section className="station" aria-labelledby="packing-title">
      <h1 id="packing-title">{t('packing.title', { line: LINE })}</h1>
      {lot && (
        <p className="step" data-testid="packing-lot" aria-live="polite">
          {t('packing.lotLine', { lot: lot.finishedLotId, wo: lot.workOrderId, mode: t(`packing.mode.${lot.mode}`), state: t(`packing.state.${lot.state}`) })}
        </p>
      )}

      {needClearance && (
        <div className="card" data-testid="clearance">
          <h2>{t('packing.clearance.title')}</h2>
          <label>
            {t('packing.workOrder')}{' '}
            <select value={workOrderId} onChange={(e) => setWorkOrderId(e.target.value)} data-testid="packing-wo">
              {orders.map((o) => (
                <option key={o.workOrderId} value={o.workOrderId}>{`${o.workOrderId} · ${o.productItemId} · ${t(`packing.mode.${o.mode}`)}`}</option>
              ))}
            </select>
          </label>
          <ul className="checklist">
            {LINE_CLEARANCE_CHECKLIST.map((item) => (
              <li key={item}>
                <label>
                  <input type="checkbox" checked={!!checks[item]} onChange={(e) => setChecks({ ...checks, [item]: e.target.checked })} data-testid={`check-${item}`} /> {t(`packing.clearance.item.${item}`)}
                </label>
              </li>
            ))}
          </ul>
          <button
            className="btn btn-primary btn-big"
            data-testid="clearance-perform"
            onClick={() => setSigning({ meaning: 'performed', run: (s) => client.call('packing.clearance_perform', { lineId: LINE, workOrderId, checklist: LINE_CLEARANCE_CHECKLIST.map((item) => ({ item, ok: !!checks[item] })), signature: s }).then(setLot) })}
          >
            {t('packing.clearance.perform')}
          </button>
        </div>
      )}
      {lot?.state === 'clearance_pending' && (
        <div className="card">
          <p>{t('packing.clearance.waiting')}</p>
          <button className="btn btn-primary btn-big" data-testid="clearance-verify" onClick={() => setSigning({ meaning: 'verified', run: (s) => client.call('packing.clearance_verify', { lineId: LINE, finishedLotId: lot.finishedLotId, signature: s }).then(setLot) })}>
            {t('packing.clearance.verify')}
          </button>
        </div>
      )}

      {open && lot && (
        <div className="station-grid">
          <div className="card">
            <h2>{t('packing.materials')}</h2>
            {warnSeq !== null && (
              <button className="btn btn-primary" data-testid="packing-ack" onClick={() => void client.call('packing.acknowledge', { lineId: LINE, verdictSeq: warnSeq }).then((o) => { setLot(o.lot); setWarnSeq(null); feedback.show({ tone: 'good', title: o.message }); }, fail)}>
                {t('verdict.confirm')}
              </button>
            )}
            <table data-testid="packing-materials">
              <tbody>
                {lot.materials.map((m) => (
                  <tr key={m.lotId}>
                    <td>{m.itemId}</td>
                    <td>{m.lotId}</td>
                    <td>{m.candidate ? t('packing.candidate') : ''}</td>
                  </tr>
                ))}
                {lot.missingItems.map((i) => (
                  <tr key={i} className="muted">
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
            <p data-testid="packing-quantity">{t('packing.count.total', { n: lot.quantity, piece: lot.pieceGrams === null ? '—' : lot.pieceGrams.toFixed(3) })}</p>
            <label>
              {t('packing.count.sample')} <input type="number" min={1} value={samplePieces} onChange={(e) => setSamplePieces(Number(e.target.value))} />
            </label>
            <button className="btn" data-testid="weigh-sample" onClick={() => void client.call('packing.count', { method: 'weight', lineId: LINE, samplePieces }).then((r) => setLot(r.lot), fail)}>{t('packing.count.weighSample')}</button>
            <button className="btn" data-testid="weigh-bulk" onClick={() => void client.call('packing.count', { method: 'weight', lineId: LINE }).then((r) => { setLot(r.lot); feedback.show({ tone: 'good', title: t('packing.count.counted', { n: r.counted }) }); }, fail)}>{t('packing.count.weighBulk')}</button>
            <label>
              {t('packing.count.units')} <input type="number" min={1} value={units} onChange={(e) => setUnits(Number(e.target.value))} />
            </label>
            <button className="btn" onClick={() => void client.call('packing.count', { method: 'unit', lineId: LINE, quantity: units }).then((r) => setLot(r.lot), fail)}>{t('packing.count.byUnit')}</button>
          </div>
          <div className="card">
            <h2>{t('packing.check.title')}</h2>
            <label>{t('packing.check.units')} <input type="number" value={boxUnits} onChange={(e) => setBoxUnits(Number(e.target.value))} /></label>
            <label>{t('packing.check.tare')} <input type="number" value={tare} onChange={(e) => setTare(Number(e.target.value))} /></label>
            <label>{t('packing.check.tolerance')} <input type="number" value={tol} onChange={(e) => setTol(Number(e.target.value))} /></label>
            <button className="btn" data-testid="check-weight" onClick={() => void client.call('packing.check_weight', { lineId: LINE, units: boxUnits, tareGrams: tare, toleranceGrams: tol }).then((r) => { setLot(r.lot); feedback.show({ tone: r.ok ? 'good' : 'bad', title: r.ok ? t('packing.check.ok') : t('packing.check.bad'), detail: `${r.grams} g / ${r.targetGrams} g` }); }, fail)}>
              {t('packing.check.weigh')}
            </button>
            <ul>
              {lot.boxes.map((b) => (
                <li key={b.boxNo} className={b.ok ? '' : 'bad'}>{`#${b.boxNo}: ${b.grams} g (${b.targetGrams} g) ${b.ok ? '✓' : '✗'}`}</li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('packing.close.title')}</h2>
            <label>{t('packing.close.boxes')} <input type="number" min={0} value={boxes} onChange={(e) => setBoxes(Number(e.target.value))} /></label>
            <label>
              {t('packing.close.used')} <input value={used} placeholder="PKG-POUCH=20" onChange={(e) => setUsed(e.target.value)} />
            </label>
            <button
              className="btn btn-primary btn-big"
              data-testid="close-lot"
              onClick={() =>
                setSigning({
                  meaning: 'approved',
                  run: (s) =>
                    client
                      .call('packing.close_lot', { lineId: LINE, boxes, used: Object.fromEntries(used.split(/[,;\s]+/).filter(Boolean).map((kv) => { const [k, v] = kv.split('='); return [k!, Number(v)]; })), signature: s })
                      .then((r) => { setLot(r.lot); feedback.show({ tone: 'good', title: t('packing.close.done', { lot: r.lot.finishedLotId }) }); }),
                })
              }
            >
              {t('packing.close.sign')}
            </button>
          </div>
        </div>
      )}
      {signing && <SignatureDialog meaning={signing.meaning} onSign={sign} onCancel={() => { setSigning(null); setSigError(null); }} error={sigError} />}
    </section>
  );
}
