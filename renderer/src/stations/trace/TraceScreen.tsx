// Trace bench: trace a lot or serial backward / forward, record a defect and see what else
// shares the suspect lot, hold it (signed), the recall report (CSV, PDF), the device history
// record of a finished lot or a serial (on screen, printable HTML, PDF) and defect rates by
// supplier.
import '../stations.css';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dhr, PdfFile, RecallReport, TraceResult } from '../../../../shared/contract/packing';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { bytesOfBase64, saveFile } from '../../components/files';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';
import { formatDateTime } from '../../i18n';
import { useScans } from '../useScans';


/** The lot or serial a scan names: a Lotline lot label, a GS1 lot or serial, else the text itself. */
function idFromScan(text: string, fields: Record<string, unknown> | null | undefined): string {
  const lotline = /^LL-LOT-(.+)$/.exec(text.trim());
  if (lotline) return lotline[1]!;
  const f = fields ?? {};
  if (typeof f.serial === 'string') return f.serial;
  if (typeof f.lot === 'string') return f.lot;
  return text.trim();
}

/** A PDF from the runtime (base64 in the envelope) saved as a file. */
function downloadPdf(f: PdfFile) {
  saveFile(f.filename, 'application/pdf', bytesOfBase64(f.base64));
}

export function TraceScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('es') ? 'es' : 'en';
  const { client } = useStation();
  const feedback = useFeedback();
  const [id, setId] = useState('');
  const [result, setResult] = useState<TraceResult | null>(null);
  const [recall, setRecall] = useState<RecallReport | null>(null);
  const [dhr, setDhr] = useState<Dhr | null>(null);
  const [defect, setDefect] = useState('');
  const [sharing, setSharing] = useState<Array<{ suspectLotId: string; outputs: Array<{ outputId: string }> }>>([]);
  const [defectSeq, setDefectSeq] = useState<number | null>(null);
  const [held, setHeld] = useState<string[]>([]);
  const [holdLot, setHoldLot] = useState<string | null>(null);
  const [sigError, setSigError] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('trace.failed'), detail: errorText(t, err) }), [feedback, t]);

  // What is on screen belongs to the id it was asked for: another id clears it, and an answer
  // that arrives after the id changed is dropped — a trace table never sits under the wrong id.
  const asked = useRef('');
  const changeId = (next: string) => {
    setId(next);
    if (next.trim() === asked.current) return;
    asked.current = next.trim();
    setResult(null);
    setDhr(null);
    setRecall(null);
    setSharing([]);
    setDefectSeq(null);
  };
  const forThisId = <T,>(set: (v: T) => void) => {
    const target = asked.current;
    return (v: T) => {
      if (asked.current === target) set(v);
    };
  };

  // Scanning a label names the lot or serial: no typing in the normal flow.
  useScans((scan) => changeId(idFromScan(scan.text, scan.parsed?.fields as Record<string, unknown> | undefined)));

  const run = (direction: 'forward' | 'backward') => void client.call('trace.lot', { id: id.trim(), direction }).then(forThisId(setResult), fail);
  const recallFor = (lotId: string) => void client.call('quality.recall_report', { lotId }).then(forThisId(setRecall), fail);
  const hold = async (s: SignatureInput) => {
    try {
      await client.call('quality.hold', { lotId: holdLot!, ...(defectSeq !== null && sharing.some((x) => x.suspectLotId === holdLot) ? { defectSeq } : {}), signature: s });
      feedback.show({ tone: 'good', title: t('trace.held', { lot: holdLot }) });
      setHeld((h) => [...h, holdLot!]);
      setHoldLot(null);
      setSigError(null);
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };

  const has = id.trim().length > 0;
  return (
    <section className="station" aria-labelledby="trace-title">
      <h1 id="trace-title">{t('trace.title')}</h1>
      <p className="step" data-testid="trace-step">{has ? t('trace.stepId', { id: id.trim() }) : t('trace.stepScan')}</p>
      <div className="card">
        <label className="field">
          <span>{t('trace.placeholder')}</span>
          <input value={id} onChange={(e) => changeId(e.target.value)} name="trace-id" data-testid="trace-id" />
        </label>
        <div className="row">
          <button className="btn btn-secondary btn-big" data-testid="trace-backward" disabled={!has} onClick={() => run('backward')}>{t('trace.backward')}</button>
          <button className="btn btn-secondary btn-big" data-testid="trace-forward" disabled={!has} onClick={() => run('forward')}>{t('trace.forward')}</button>
          <button className="btn btn-secondary btn-big" data-testid="trace-recall" disabled={!has} onClick={() => recallFor(id.trim())}>{t('trace.recall')}</button>
          <button className="btn btn-secondary btn-big" data-testid="trace-dhr" disabled={!has} onClick={() => void client.call('quality.dhr', { id: id.trim() }).then(forThisId(setDhr), fail)}>{t('trace.dhr')}</button>
          <button className="btn btn-secondary btn-big" data-testid="dhr-pdf" disabled={!has} onClick={() => void client.call('quality.dhr_pdf', { id: id.trim(), lang }).then(downloadPdf, fail)}>{t('trace.dhrPdf')}</button>
        </div>
      </div>
      {result && (
        <div className="card table-wrap">
          <table className="trace-table" data-testid="trace-result">
            <caption>{t('trace.result', { n: result.nodes.length, ms: result.ms.toFixed(1) })}</caption>
            <tbody>
              {result.nodes.map((n) => (
                <tr key={n.lotId} data-testid={`trace-node-${n.lotId}`}>
                  <td className="mono" style={{ paddingLeft: `${n.depth}em` }}>{n.lotId}</td>
                  <td>{n.kind}</td>
                  <td>{n.itemId}</td>
                  <td>{n.status}</td>
                  <td>{n.supplierLot}</td>
                  <td>{n.workOrderId}</td>
                  <td>{n.station}</td>
                  <td>{n.ambiguous ? t('trace.ambiguous') : ''}</td>
                  <td>{(n.kind === 'lot' || n.kind === 'molding_batch') && n.status !== 'on_hold' && !held.includes(n.lotId) ? <button className="btn btn-danger" onClick={() => setHoldLot(n.lotId)}>{t('trace.hold')}</button> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h2>{t('trace.defect.title')}</h2>
        <label className="field">
          <span>{t('trace.defect.placeholder')}</span>
          <input value={defect} name="defect-description" onChange={(e) => setDefect(e.target.value)} />
        </label>
        <button
          className="btn btn-primary btn-big"
          data-testid="defect-record"
          disabled={!has || defect.trim().length < 3}
          onClick={() => {
            // Taken now, at the click: the suspects shown are this id's, not whatever id the field holds when the answer comes.
            const [sharingFor, seqFor] = [forThisId(setSharing), forThisId(setDefectSeq)];
            void client.call('quality.record_defect', { targetId: id.trim(), description: defect }).then((r) => { sharingFor(r.sharing); seqFor(r.defectSeq); feedback.show({ tone: 'warn', title: t('trace.defect.recorded', { id: id.trim() }), next: t('trace.defect.next') }); }, fail);
          }}
        >
          {t('trace.defect.record')}
        </button>
        {sharing.length > 0 && (
          <ul className="suspects" data-testid="defect-sharing">
            {sharing.map((s) => (
              <li key={s.suspectLotId} className="suspect" data-testid={`suspect-${s.suspectLotId}`}>
                <div>
                  <strong className="mono">{s.suspectLotId}</strong> {t('trace.defect.sharing', { count: s.outputs.length })}
                  <div className="mono small">{s.outputs.map((o) => o.outputId).join(', ') || '—'}</div>
                </div>
                <div className="row">
                  {held.includes(s.suspectLotId) ? (
                    <span className="chip chip-warn">{t('trace.onHold')}</span>
                  ) : (
                    <button className="btn btn-danger" data-testid={`hold-${s.suspectLotId}`} onClick={() => setHoldLot(s.suspectLotId)}>{t('trace.hold')}</button>
                  )}
                  <button className="btn btn-secondary" data-testid={`recall-${s.suspectLotId}`} onClick={() => recallFor(s.suspectLotId)}>{t('trace.recall')}</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {dhr && <DhrView dhr={dhr} />}
      {recall && (
        <div className="card table-wrap" data-testid="recall">
          <h2>{t('trace.recallTitle', { lot: recall.lotId })}</h2>
          <p className="big-number" data-testid="recall-totals">{t('trace.recallTotals', { lots: recall.totals.finishedLots, serials: recall.totals.serials, qty: recall.totals.quantity })}</p>
          <button className="btn btn-primary btn-big" data-testid="recall-csv" onClick={() => saveFile(`recall-${recall.lotId}.csv`, 'text/csv', recall.csv)}>{t('trace.csv')}</button>
          <button className="btn btn-secondary btn-big" data-testid="recall-pdf" onClick={() => void client.call('quality.recall_pdf', { lotId: recall.lotId, lang }).then(downloadPdf, fail)}>{t('trace.pdf')}</button>
          <table className="trace-table">
            <thead>
              <tr>
                {(['output', 'kind', 'item', 'quantity', 'status', 'station', 'made'] as const).map((c) => (
                  <th key={c}>{t(`trace.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {recall.rows.map((r) => (
                <tr key={r.outputId} data-testid={`recall-row-${r.outputId}`}>
                  <td className="mono">{r.outputId}</td>
                  <td>{r.kind}</td>
                  <td>{r.itemId}</td>
                  <td>{r.quantity}</td>
                  <td>{r.status}</td>
                  <td>{r.station}</td>
                  <td>{r.madeAt ? formatDateTime(r.madeAt, i18n.language) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {holdLot && (
        <SignatureDialog meaning="approved" onSign={hold} onCancel={() => { setHoldLot(null); setSigError(null); }} error={sigError}>
          <p>{t('trace.holdConfirm', { lot: holdLot })}</p>
        </SignatureDialog>
      )}
    </section>
  );
}

/** The device history record on screen: the serial's own part first (a serial's DHR), then its finished lot's. */
function DhrView({ dhr }: { dhr: Dhr }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const s = dhr.serial;
  const signed = dhr.records.filter((r) => r.signature);
  const printable = () => {
    // Electron denies window.open: the printable record is then saved as a file instead.
    const w = window.open('', '_blank');
    if (w) {
      w.document.write(dhr.html);
      w.document.close();
    } else saveFile(`DHR-${s?.serial ?? dhr.finishedLotId}.html`, 'text/html', dhr.html);
  };
  return (
    <div className="card table-wrap" data-testid="dhr">
      <h2>{t('trace.dhrView.title', { id: s?.serial ?? dhr.finishedLotId })}</h2>
      <button className="btn btn-secondary" data-testid="dhr-print" onClick={printable}>{t('trace.dhrPrint')}</button>
      {s && (
        <section data-testid="dhr-serial">
          <h3>{t('trace.dhrView.serialTitle', { serial: s.serial })}</h3>
          <p>{t('trace.dhrView.serialLine', { item: s.itemId, lot: dhr.finishedLotId, n: s.number })}</p>
          <p data-testid="dhr-serial-assigned">{t('trace.dhrView.assigned', { time: when(s.assignedAt), name: s.assignedBy ?? '—', method: s.method ? t(`trace.dhrView.method.${s.method}`) : '—' })}</p>
          <p data-testid="dhr-serial-box">{s.box ? t('trace.dhrView.box', { box: s.box.boxNo, grams: s.box.grams ?? '?', target: s.box.targetGrams ?? '?' }) : t('trace.dhrView.notBoxed')}</p>
          <h4>{t('trace.dhrView.unitMaterials')}</h4>
          <ul data-testid="dhr-serial-materials">
            {s.materials.map((m) => (
              <li key={m.lotId}>
                <span className="mono">{m.lotId}</span> {m.itemId}
                {m.ambiguous ? ` · ${t('trace.dhrView.candidate')}` : ''}
              </li>
            ))}
          </ul>
          <h4>{t('trace.dhrView.unitLabel')}</h4>
          {s.labels.length ? (
            <ul data-testid="dhr-serial-labels">
              {s.labels.map((l) => (
                <li key={l.labelId} data-testid="dhr-serial-label" data-state={l.state}>
                  {t('trace.dhrView.unitLabelIssued', { label: l.labelId.slice(-8), state: t(`trace.dhrView.labelState.${l.state}`, { defaultValue: l.state }), time: when(l.issuedAt), name: l.issuedBy ?? '—' })}
                  {l.reprintOf ? ` · ${t('trace.dhrView.unitLabelReprint', { label: l.reprintOf.slice(-8) })}` : ''}
                  {' · '}
                  {l.verifiedAt ? t('trace.dhrView.unitLabelVerified', { time: when(l.verifiedAt) }) : l.voidedAt ? t('trace.dhrView.unitLabelVoided', { time: when(l.voidedAt), reason: l.voidReason ?? '—' }) : t('trace.dhrView.unitLabelNotVerified')}
                  {l.verifiedAt && l.voidedAt ? ` · ${t('trace.dhrView.unitLabelVoided', { time: when(l.voidedAt), reason: l.voidReason ?? '—' })}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" data-testid="dhr-serial-no-label">{t('trace.dhrView.noUnitLabel')}</p>
          )}
          <h4>{t('trace.dhrView.serialDefects')}</h4>
          {s.defects.length ? (
            <ul data-testid="dhr-serial-defects">
              {s.defects.map((d) => (
                <li key={d.defectSeq}>{`#${d.defectSeq} · ${when(d.recordedAt)} · ${d.description}`}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('trace.dhrView.noDefects')}</p>
          )}
        </section>
      )}
      <section data-testid="dhr-lot">
        <h3>{t('trace.dhrView.lot', { lot: dhr.finishedLotId })}</h3>
        <p>{t('trace.dhrView.lotLine', { item: dhr.productItemId, wo: dhr.workOrderId, bom: dhr.bomId ?? '—', rev: dhr.revision ?? '—', state: dhr.state, qty: dhr.quantity })}</p>
        {dhr.serials && <p className="mono" data-testid="dhr-serials">{t('trace.dhrView.serials', dhr.serials)}</p>}
        <h4>{t('trace.dhrView.signatures')}</h4>
        <ul data-testid="dhr-signatures">
          {signed.map((r) => (
            <li key={r.seq}>
              {`#${r.seq} ${r.type} · `}
              {t('audit.signature', { name: r.signature!.signerName, meaning: t(`audit.meaning.${r.signature!.meaning}`, { defaultValue: r.signature!.meaning }), time: when(r.signature!.signedAt) })}
              {r.signature!.reason ? ` · ${t('audit.reason', { reason: r.signature!.reason })}` : ''}
            </li>
          ))}
        </ul>
        <h4>{t('trace.dhrView.defects')}</h4>
        {dhr.defects.length ? (
          <ul data-testid="dhr-defects">
            {dhr.defects.map((d) => (
              <li key={d.defectSeq}>{`#${d.defectSeq} · ${when(d.recordedAt)} · ${t('trace.dhrView.defectOn', { target: d.targetId })} · ${d.description}`}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('trace.dhrView.noDefects')}</p>
        )}
        <p className="small muted">{t('trace.dhrView.records', { n: dhr.records.length })}</p>
      </section>
    </div>
  );
}
