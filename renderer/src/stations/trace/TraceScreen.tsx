// Trace bench: trace a lot or serial backward / forward, record a defect and see what else
// shares the suspect lot, hold it (signed), the recall report (CSV, PDF), the device history
// record (printable HTML, PDF) and defect rates by supplier.
import '../stations.css';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfFile, RecallReport, TraceResult } from '../../../../shared/contract/packing';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';

function download(name: string, type: string, data: string | Uint8Array<ArrayBuffer>) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** A PDF from the runtime (base64 in the envelope) saved as a file. */
function downloadPdf(f: PdfFile) {
  const bin = atob(f.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  download(f.filename, 'application/pdf', bytes);
}

export function TraceScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const { client } = useStation();
  const feedback = useFeedback();
  const [id, setId] = useState('');
  const [result, setResult] = useState<TraceResult | null>(null);
  const [recall, setRecall] = useState<RecallReport | null>(null);
  const [defect, setDefect] = useState('');
  const [sharing, setSharing] = useState<Array<{ suspectLotId: string; outputs: Array<{ outputId: string }> }>>([]);
  const [holdLot, setHoldLot] = useState<string | null>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('trace.failed'), detail: errorText(t, err) }), [feedback, t]);

  const run = (direction: 'forward' | 'backward') => void client.call('trace.lot', { id: id.trim(), direction }).then(setResult, fail);
  const hold = async (s: SignatureInput) => {
    try {
      await client.call('quality.hold', { lotId: holdLot!, signature: s });
      feedback.show({ tone: 'good', title: t('trace.held', { lot: holdLot }) });
      setHoldLot(null);
      setSigError(null);
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };

  return (
    <section className="station" aria-labelledby="trace-title">
      <h1 id="trace-title">{t('trace.title')}</h1>
      <div className="card row">
        <input value={id} onChange={(e) => setId(e.target.value)} placeholder={t('trace.placeholder')} data-testid="trace-id" />
        <button className="btn" data-testid="trace-backward" onClick={() => run('backward')}>{t('trace.backward')}</button>
        <button className="btn" data-testid="trace-forward" onClick={() => run('forward')}>{t('trace.forward')}</button>
        <button className="btn" onClick={() => void client.call('quality.recall_report', { lotId: id.trim() }).then(setRecall, fail)}>{t('trace.recall')}</button>
        <button className="btn" onClick={() => void client.call('quality.dhr', { finishedLotId: id.trim() }).then((d) => { const w = window.open('', '_blank'); if (w) { w.document.write(d.html); w.document.close(); } else download(`DHR-${d.finishedLotId}.html`, 'text/html', d.html); }, fail)}>{t('trace.dhr')}</button>
        <button className="btn" data-testid="dhr-pdf" onClick={() => void client.call('quality.dhr_pdf', { finishedLotId: id.trim(), lang }).then(downloadPdf, fail)}>{t('trace.dhrPdf')}</button>
      </div>
      {result && (
        <table className="card" data-testid="trace-result">
          <caption>{t('trace.result', { n: result.nodes.length, ms: result.ms.toFixed(1) })}</caption>
          <tbody>
            {result.nodes.map((n) => (
              <tr key={n.lotId}>
                <td style={{ paddingLeft: `${n.depth}em` }}>{n.lotId}</td>
                <td>{n.kind}</td>
                <td>{n.itemId}</td>
                <td>{n.status}</td>
                <td>{n.supplierLot}</td>
                <td>{n.workOrderId}</td>
                <td>{n.station}</td>
                <td>{n.ambiguous ? t('trace.ambiguous') : ''}</td>
                <td>{n.kind === 'lot' || n.kind === 'molding_batch' ? <button className="btn" onClick={() => setHoldLot(n.lotId)}>{t('trace.hold')}</button> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="card">
        <h2>{t('trace.defect.title')}</h2>
        <input value={defect} onChange={(e) => setDefect(e.target.value)} placeholder={t('trace.defect.placeholder')} />
        <button className="btn" onClick={() => void client.call('quality.record_defect', { targetId: id.trim(), description: defect }).then((r) => setSharing(r.sharing), fail)}>{t('trace.defect.record')}</button>
        <ul>
          {sharing.map((s) => (
            <li key={s.suspectLotId}>
              {t('trace.defect.sharing', { lot: s.suspectLotId, n: s.outputs.length })} {s.outputs.map((o) => o.outputId).join(', ')}{' '}
              <button className="btn" onClick={() => setHoldLot(s.suspectLotId)}>{t('trace.hold')}</button>
            </li>
          ))}
        </ul>
      </div>
      {recall && (
        <div className="card" data-testid="recall">
          <h2>{t('trace.recallTitle', { lot: recall.lotId })}</h2>
          <p>{t('trace.recallTotals', { lots: recall.totals.finishedLots, serials: recall.totals.serials, qty: recall.totals.quantity })}</p>
          <button className="btn" onClick={() => download(`recall-${recall.lotId}.csv`, 'text/csv', recall.csv)}>{t('trace.csv')}</button>
          <button className="btn" data-testid="recall-pdf" onClick={() => void client.call('quality.recall_pdf', { lotId: recall.lotId, lang }).then(downloadPdf, fail)}>{t('trace.pdf')}</button>
          <table>
            <tbody>
              {recall.rows.map((r) => (
                <tr key={r.outputId}>
                  <td>{r.outputId}</td>
                  <td>{r.kind}</td>
                  <td>{r.itemId}</td>
                  <td>{r.quantity}</td>
                  <td>{r.status}</td>
                  <td>{r.station}</td>
                  <td>{r.madeAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {holdLot && (
        <SignatureDialog meaning="approved" onSign={hold} onCancel={() => setHoldLot(null)} error={sigError}>
          <p>{t('trace.holdConfirm', { lot: holdLot })}</p>
        </SignatureDialog>
      )}
    </section>
  );
}
