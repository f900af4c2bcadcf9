// Pass-through operations at the molding station: the operator scans a batch's label; lot,
// work order, the next operation of its routing and its quantity are derived by the station
// and shown large; one touch confirms. A lower quantity asks for the scrap reason.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import type { OperationDerived, OperationPassedView } from '../../../../shared/contract/packing';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback } from '../verdict';

export function PassThroughPanel() {
  const { t, i18n } = useTranslation();
  const { client } = useStation();
  const feedback = useFeedback();
  const [derived, setDerived] = useState<{ scanSeq: number; d: OperationDerived } | null>(null);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ lotId: string; passed: OperationPassedView[] } | null>(null);
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('molding.failed'), detail: errorText(t, err) }), [feedback, t]);

  useScans((scan) => {
    void client.call('operation.derive', { scanSeq: scan.seq }).then(
      (d) => {
        setDerived({ scanSeq: scan.seq, d });
        setQuantity(String(d.quantity));
        setReason('');
        setDone(null);
      },
      (err: unknown) => {
        setDerived(null);
        fail(err);
      },
    );
  });

  const q = Number(quantity);
  const scrap = derived ? derived.d.quantity - q : 0;
  const confirm = () => {
    if (!derived) return;
    const { d, scanSeq } = derived;
    void client.call('operation.pass', { scanSeq, lotId: d.lotId, operation: d.operation.code, quantity: q, ...(scrap > 0 ? { reason } : {}) }).then((r) => {
      if (!r.passed) {
        feedback.show(verdictFeedback(t, r.verdict));
        return;
      }
      feedback.show({ tone: 'good', title: t('molding.pass.passed', { lot: d.lotId, op: t(`molding.pass.op.${d.operation.code}`, { defaultValue: d.operation.name }), q: r.passed.quantity }) });
      setDone({ lotId: d.lotId, passed: [...d.passed, r.passed] });
      setDerived(null);
    }, fail);
  };

  const history = derived ? { lotId: derived.d.lotId, passed: derived.d.passed } : done;
  return (
    <div className="card" data-testid="pass-panel">
      <h2>{t('molding.pass.title')}</h2>
      {!derived && <p className="step" data-testid="pass-step">{t('molding.pass.scan')}</p>}
      {derived && (
        <div data-testid="pass-derived">
          <p className="big-number" data-testid="pass-lot">{t('molding.pass.lot', { lot: derived.d.lotId, item: derived.d.itemId })}</p>
          <p className="big-number" data-testid="pass-wo">{t('molding.pass.workOrder', { wo: derived.d.workOrderId })}</p>
          <p className="big-number" data-testid="pass-operation">{t('molding.pass.operation', { op: t(`molding.pass.op.${derived.d.operation.code}`, { defaultValue: derived.d.operation.name }), code: derived.d.operation.code })}</p>
          <label className="field">
            <span>{t('molding.pass.quantity', { q: derived.d.quantity })}</span>
            <input type="number" inputMode="numeric" min={0} max={derived.d.quantity} value={quantity} onChange={(e) => setQuantity(e.target.value)} data-testid="pass-quantity" />
          </label>
          {scrap > 0 && (
            <label className="field">
              <span>{t('molding.pass.reason', { n: scrap })}</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="pass-reason" />
            </label>
          )}
          <button className="btn btn-primary btn-big" data-testid="pass-confirm" disabled={quantity === '' || (scrap > 0 && reason.trim() === '')} onClick={confirm}>
            {t('molding.pass.confirm')}
          </button>
        </div>
      )}
      {history && history.passed.length > 0 && (
        <table className="batch-table" data-testid="pass-history">
          <thead>
            <tr>
              <th>{t('molding.pass.col.operation')}</th>
              <th>{t('molding.pass.col.quantity')}</th>
              <th>{t('molding.pass.col.by')}</th>
              <th>{t('molding.pass.col.at')}</th>
            </tr>
          </thead>
          <tbody>
            {history.passed.map((p) => (
              <tr key={p.seq} data-testid={`pass-op-${p.operation}`}>
                <td>{t(`molding.pass.op.${p.operation}`, { defaultValue: p.operation })}</td>
                <td>{p.scrap > 0 ? t('molding.pass.scrapped', { q: p.quantity, n: p.scrap, reason: p.reason ?? '' }) : p.quantity}</td>
                <td>{p.by ?? ''}</td>
                <td>{formatDateTime(p.at, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
