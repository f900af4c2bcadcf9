// Molding: the batch record — machine, mold, cavities, process parameters and shift are
// entered, then the resin lot is scanned (verified by the engine); a different resin lot
// closes the running batch and starts a new one. Good parts are recorded per cavity.
import '../stations.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../../shared/contract/packing';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { SignatureDialog } from '../../components/SignatureDialog';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback } from '../verdict';
import { PassThroughPanel } from './PassThroughPanel';

const FIELDS = ['machine', 'mold', 'cavities', 'dryingHours', 'dryingTempC', 'meltTempC', 'injectionPressureBar', 'cycleTimeS', 'shift'] as const;
const DEFAULTS: Record<(typeof FIELDS)[number], string> = { machine: 'IMM-3', mold: 'M-LC-8', cavities: '1,2,3,4', dryingHours: '4', dryingTempC: '120', meltTempC: '300', injectionPressureBar: '1100', cycleTimeS: '14.5', shift: 'A' };

export function MoldingScreen() {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [workOrderId, setWorkOrderId] = useState('');
  const [form, setForm] = useState(DEFAULTS);
  const [batches, setBatches] = useState<BatchView[]>([]);
  const [output, setOutput] = useState<Record<number, string>>({});
  /** batch: the batch record (scans are resin lots) · pass: pass-through operations (scans are batch lots). */
  const [mode, setMode] = useState<'batch' | 'pass'>('batch');
  const { problem, track } = useLoadProblem();
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('molding.failed'), detail: errorText(t, err) }), [feedback, t]);

  useEffect(() => {
    void client.call('molding.work_orders', {}).then((r) => r[0] && setWorkOrderId(r[0].workOrderId), fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  useEffect(() => {
    track(client.call('molding.batches', { machine: form.machine }), setBatches);
  }, [client, eventTick, form.machine, track]);

  /** A resin scan whose verdict was a WARN: the operator confirms it on screen (or scans another lot). */
  const [warnScan, setWarnScan] = useState<number | null>(null);
  /** A resin scan refused by FIFO: its override role may sign it away. */
  const [rejectScan, setRejectScan] = useState<{ scanSeq: number; role: string } | null>(null);
  /** The scan whose refusal is being signed away; a new scan closes the dialog. */
  const [signing, setSigning] = useState<number | null>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const start = (scanSeq: number, acknowledgeWarn: boolean, signature?: SignatureInput) => {
    const n = (k: keyof typeof form) => Number(form[k]);
    return client
      .call('molding.start_batch', {
        workOrderId,
        machine: form.machine,
        mold: form.mold,
        cavities: form.cavities.split(',').map((c) => Number(c.trim())).filter((c) => c > 0),
        resinScanSeq: scanSeq,
        dryingHours: n('dryingHours'),
        dryingTempC: n('dryingTempC'),
        meltTempC: n('meltTempC'),
        injectionPressureBar: n('injectionPressureBar'),
        cycleTimeS: n('cycleTimeS'),
        shift: form.shift,
        acknowledgeWarn,
        ...(signature ? { signature } : {}),
      })
      .then((r) => {
        const waiting = r.verdict.verdict === 'WARN' && !acknowledgeWarn;
        setWarnScan(waiting ? scanSeq : null);
        setRejectScan(r.verdict.verdict === 'REJECT' && r.verdict.overridable && !signature ? { scanSeq, role: r.verdict.overrideRole ?? 'supervisor' } : null);
        if (signature) {
          setSigning(null);
          setSigError(null);
          feedback.show({ tone: 'good', title: t('verdict.overridden'), ...(r.batch ? { detail: t('molding.running', { batch: r.batch.batchLotId }) } : {}) });
          return;
        }
        const done = r.closed ? t('molding.resinChange', { closed: r.closed.batchLotId, opened: r.batch?.batchLotId ?? '' }) : r.batch && r.verdict.verdict !== 'REJECT' ? t('molding.running', { batch: r.batch.batchLotId }) : undefined;
        // Once confirmed, the news is the batch, not the warning already read.
        feedback.show(acknowledgeWarn && done ? { tone: 'good', title: done } : verdictFeedback(t, r.verdict, done));
      }, (err: unknown) => (signature ? setSigError(errorText(t, err)) : fail(err)));
  };
  useScans((scan) => {
    if (mode !== 'batch' || !workOrderId) return;
    // A new scan replaces whatever the last one asked for: its confirm, its override, its dialog.
    setWarnScan(null);
    setRejectScan(null);
    setSigning(null);
    setSigError(null);
    void start(scan.seq, false);
  });

  const open = batches.find((b) => b.state === 'open');
  return (
    <section className="station" aria-labelledby="molding-title">
      <h1 id="molding-title">{t('molding.title')}</h1>
      <div className="mode-bar" role="tablist">
        {(['batch', 'pass'] as const).map((m) => (
          <button key={m} role="tab" aria-selected={mode === m} className={mode === m ? 'tab active' : 'tab'} onClick={() => setMode(m)} data-testid={`molding-mode-${m}`}>
            {t(`molding.mode.${m}`)}
          </button>
        ))}
      </div>
      {mode === 'pass' && <PassThroughPanel />}
      {mode === 'batch' && (
      <>
      <LoadProblem problem={problem} />
      <p className="step" data-testid="molding-step" aria-live="polite">{open ? t('molding.running', { batch: open.batchLotId }) : t('molding.scanResin')}</p>
      {warnScan !== null && (
        <div className="pending pending-warn" data-testid="molding-warn">
          <p>{t('molding.warnPending')}</p>
          <button className="btn btn-primary btn-big" data-testid="molding-confirm" onClick={() => void start(warnScan, true)}>{t('verdict.confirm')}</button>
        </div>
      )}
      {rejectScan !== null && (
        <div className="pending pending-bad" data-testid="molding-reject">
          <button className="btn btn-secondary btn-big" data-testid="molding-override" onClick={() => setSigning(rejectScan.scanSeq)}>{t('verdict.override', { role: t(`role.${rejectScan.role}`) })}</button>
        </div>
      )}
      {signing !== null && (
        <SignatureDialog meaning="overridden" onSign={(sig) => start(signing, false, sig)} onCancel={() => { setSigning(null); setSigError(null); }} error={sigError} />
      )}
      <div className="card">
        <p className="lot-line">{t('molding.workOrder', { wo: workOrderId || '—' })}</p>
        <div className="form-grid form-grid-tight">
          {FIELDS.map((f) => (
            <label key={f} className="field">
              <span>{t(`molding.field.${f}`)}</span>
              <input value={form[f]} inputMode={f === 'machine' || f === 'mold' || f === 'shift' || f === 'cavities' ? 'text' : 'decimal'} onChange={(e) => setForm({ ...form, [f]: e.target.value })} data-testid={`molding-${f}`} />
            </label>
          ))}
        </div>
      </div>
      {open && (
        <div className="card" data-testid="molding-output">
          <h2>{t('molding.output')}</h2>
          <div className="form-grid form-grid-tight">
            {open.perCavity.map((c) => (
              <label key={c.cavity} className="field">
                <span>{t('molding.cavity', { n: c.cavity, q: c.quantity })}</span>
                <input type="number" inputMode="numeric" min={0} name={`cavity-${c.cavity}`} value={output[c.cavity] ?? ''} onChange={(e) => setOutput({ ...output, [c.cavity]: e.target.value })} />
              </label>
            ))}
          </div>
          <div className="row">
            <button className="btn btn-primary btn-big" data-testid="molding-record" disabled={!Object.values(output).some((v) => v !== '')} onClick={() => void client.call('molding.record_output', { batchLotId: open.batchLotId, perCavity: Object.entries(output).filter(([, v]) => v !== '').map(([c, v]) => ({ cavity: Number(c), quantity: Number(v) })) }).then(() => setOutput({}), fail)}>{t('molding.record')}</button>
            <button className="btn btn-secondary btn-big" data-testid="molding-close" onClick={() => void client.call('molding.close_batch', { batchLotId: open.batchLotId }).catch(fail)}>{t('molding.close')}</button>
          </div>
        </div>
      )}
      {batches.length > 0 && (
        <div className="card table-wrap">
          <h2>{t('molding.batches')}</h2>
          <table className="batch-table" data-testid="molding-batches">
            <thead>
              <tr>
                <th>{t('molding.col.batch')}</th>
                <th>{t('molding.col.resin')}</th>
                <th>{t('molding.col.quantity')}</th>
                <th>{t('molding.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batchLotId} className={b.state === 'open' ? 'batch-open' : ''} data-testid={`batch-${b.batchLotId}`}>
                  <td className="mono">{b.batchLotId}</td>
                  <td className="mono">{b.resinLotId}</td>
                  <td>{b.quantity}</td>
                  <td>{t(`molding.state.${b.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      </>
      )}
    </section>
  );
}
