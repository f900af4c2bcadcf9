// Receiving station: scan the supplier label (or enter a label without a barcode by hand),
// confirm what the station read, attach the certificate of conformance, receive into
// quarantine and print one internal lot label per container.
import '../stations.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotView, ReceivingPrefill, VerdictView } from '../../../../shared/contract/workflows';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback } from '../verdict';
import { plantDay } from '../../../../shared/rules/shelf-life';
import { plantClock, type PlantClock } from '../../../../shared/rules/config';
import { ExpiryHint } from './ExpiryHint';
import { uploadCoc } from './upload-coc';

interface Draft {
  scanSeq: number | null;
  verdict: VerdictView | null;
  itemId: string;
  supplierId: string;
  supplierLot: string;
  quantityPerContainer: string;
  containers: number;
  expiry: string;
  dateCode: string;
  /** From the label (GS1 AI 11), carried to the receipt: the shelf life counts from it. */
  productionDate: string | null;
  /** The scanned item's; an item typed by hand takes its own from the item list. */
  shelfLifeDays: number | null;
  msl: string;
  cocKind: 'file' | 'photo';
  cocPath: string;
  /** The attached file's own name, shown beside its stored path. */
  cocName: string | null;
}

const EMPTY: Draft = { scanSeq: null, verdict: null, itemId: '', supplierId: '', supplierLot: '', quantityPerContainer: '', containers: 1, expiry: '', dateCode: '', productionDate: null, shelfLifeDays: null, msl: '', cocKind: 'file', cocPath: '', cocName: null };

function fromPrefill(p: ReceivingPrefill, scanSeq: number, verdict: VerdictView): Draft {
  return { ...EMPTY, scanSeq, verdict, itemId: p.itemId ?? '', supplierId: p.supplierId ?? '', supplierLot: p.supplierLot ?? '', quantityPerContainer: p.quantity !== null ? String(p.quantity) : '', expiry: p.expiry ?? '', dateCode: p.dateCode ?? '', productionDate: p.productionDate, shelfLifeDays: p.shelfLifeDays, msl: p.msl ?? '' };
}

export function ReceivingScreen() {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const feedback = useFeedback();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [manual, setManual] = useState(false);
  const [items, setItems] = useState<Array<{ itemId: string; name: string; uom: string; msl: string | null; shelfLifeDays: number | null }>>([]);
  // The supplier of the delivery being unloaded: it stays chosen from label to label, and lets a
  // distributor's own part number on a label name the item.
  const [delivery, setDelivery] = useState('');
  const [suppliers, setSuppliers] = useState<Array<{ supplierId: string; name: string }>>([]);
  const [done, setDone] = useState<LotView | null>(null);
  const [busy, setBusy] = useState(false);
  /** The certificate being sent to the station: its name and how much of it has gone. */
  const [attaching, setAttaching] = useState<{ name: string; sent: number; size: number } | null>(null);
  const attach = (file: File | undefined) => {
    if (!file || attaching) return;
    setAttaching({ name: file.name, sent: 0, size: file.size });
    uploadCoc(client, file, (sent) => setAttaching({ name: file.name, sent, size: file.size })).then(
      (coc) => set({ cocKind: coc.kind, cocPath: coc.path, cocName: file.name }),
      fail,
    ).finally(() => setAttaching(null));
  };
  // One tracker per read: one read answering must not hide another's failure.
  const suppliersRead = useLoadProblem();
  const itemsRead = useLoadProblem();
  const rulesRead = useLoadProblem();
  const [clock, setClock] = useState<PlantClock>(0);
  const fail = (err: unknown) => feedback.show({ tone: 'bad', title: t('receiving.failed'), detail: errorText(t, err) });

  useEffect(() => {
    suppliersRead.track(client.call('receiving.suppliers', {}), setSuppliers);
    rulesRead.track(client.call('rules.state', {}), (r) => setClock(plantClock(r)));
  }, [client, eventTick]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!draft) return;
    const id = setTimeout(() => itemsRead.track(client.call('receiving.items', { text: draft.itemId }), setItems), 150);
    return () => clearTimeout(id);
  }, [client, draft?.itemId]); // eslint-disable-line react-hooks/exhaustive-deps

  useScans((scan) => {
    // While a certificate is on its way, the draft it belongs to stays: a scan would start another.
    if (busy || attaching) return;
    void client.call('receiving.scan', { scanSeq: scan.seq, ...(delivery ? { supplierId: delivery } : {}) }).then((r) => {
      setDone(null);
      setManual(false);
      feedback.show(verdictFeedback(t, r.verdict, r.verdict.verdict === 'ACCEPT' ? t('receiving.confirmNext') : undefined));
      setDraft(r.verdict.verdict === 'REJECT' ? null : fromPrefill(r.prefill, scan.seq, r.verdict));
    }, fail);
  });

  // The typed item's own shelf life once the item list knows it (null: it has none), else the scanned item's.
  const shelfLifeOf = (d: Draft) => {
    const found = items.find((i) => i.itemId === d.itemId);
    return found ? found.shelfLifeDays : d.shelfLifeDays;
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const qty = Number(draft?.quantityPerContainer);
  const ready = !!draft && !!draft.itemId && !!draft.supplierLot.trim() && qty > 0 && !attaching;

  const receive = async (confirmDuplicate = false) => {
    if (!draft || !ready) return;
    setBusy(true);
    try {
      const lot = await client.call('receiving.receive', {
        scanSeq: draft.scanSeq,
        verdictSeq: draft.verdict?.verdictSeq ?? null,
        itemId: draft.itemId,
        ...(draft.supplierId ? { supplierId: draft.supplierId } : {}),
        supplierLot: draft.supplierLot.trim(),
        quantityPerContainer: qty,
        containers: draft.containers,
        ...(draft.expiry ? { expiry: draft.expiry } : {}),
        ...(draft.dateCode.trim() ? { dateCode: draft.dateCode.trim() } : {}),
        ...(draft.productionDate ? { productionDate: draft.productionDate } : {}),
        ...(draft.msl ? { msl: draft.msl as '3' } : {}),
        coc: draft.cocPath.trim() ? { kind: draft.cocKind, path: draft.cocPath.trim() } : null,
        confirmDuplicate,
      });
      const printed = await client.call('receiving.print_labels', { lotId: lot.lotId }).catch((err: unknown) => {
        fail(err);
        return null;
      });
      setDone({ ...lot, labelsPrinted: printed?.copies ?? 0 });
      setDraft(null);
      if (printed) feedback.show({ tone: 'good', title: t('receiving.received', { lot: lot.lotId }), detail: t('receiving.labelsPrinted', { count: printed.copies }), next: t('receiving.applyLabels') });
    } catch (err) {
      if (!confirmDuplicate && (err as { details?: Record<string, string> }).details?.duplicate === 'true' && window.confirm(errorText(t, err))) {
        setBusy(false);
        return receive(true);
      }
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const step = draft ? t('receiving.step.confirm') : done ? t('receiving.step.next') : t('receiving.step.scan');
  return (
    <section className="station" aria-labelledby="rcv-title">
      <h1 id="rcv-title">{t('receiving.title')}</h1>
      <p className="step" data-testid="receiving-step">{step}</p>
      <LoadProblem problem={suppliersRead.problem ?? rulesRead.problem ?? itemsRead.problem} />
      {!draft && (
        <label className="field delivery">
          <span>{t('receiving.delivery')}</span>
          <select name="delivery" value={delivery} onChange={(e) => setDelivery(e.target.value)}>
            <option value="">{t('receiving.deliveryUnknown')}</option>
            {suppliers.map((s) => <option key={s.supplierId} value={s.supplierId}>{s.name}</option>)}
          </select>
        </label>
      )}
      {!draft && (
        <button className="btn btn-secondary btn-big" onClick={() => { setManual(true); setDone(null); setDraft({ ...EMPTY, supplierId: delivery }); }} data-testid="manual-entry">
          {t('receiving.manual')}
        </button>
      )}
      {done && (
        <div className="card result" data-testid="received-lot">
          <h2>{t('receiving.received', { lot: done.lotId })}</h2>
          <p>{done.itemId} — {done.itemName}</p>
          <p>{t('receiving.summary', { qty: done.quantity, uom: done.uom, containers: done.containers ?? 1, lot: done.supplierLot ?? '—' })}</p>
          {done.expiry && <p data-testid="received-expiry">{t('receiving.expiresOn', { expiry: done.expiry })}</p>}
          <p><span className="chip chip-warn">{t('receiving.quarantined')}</span> · {t('receiving.labelsPrinted', { count: done.labelsPrinted })}</p>
          {done.labelsPrinted === 0 ? (
            // The printer was not ready at the receipt: the labels print now, once.
            <button className="btn btn-primary btn-big" onClick={() => void client.call('receiving.print_labels', { lotId: done.lotId }).then((p) => { setDone({ ...done, labelsPrinted: p.copies }); feedback.show({ tone: 'good', title: t('receiving.labelsPrinted', { count: p.copies }), next: t('receiving.applyLabels') }); }, fail)} data-testid="print-lot-labels">
              {t('receiving.printLabels')}
            </button>
          ) : (
            <p className="small" data-testid="reprint-hint">{t('receiving.reprintHint')}</p>
          )}
        </div>
      )}
      {draft && (
        <form className="card receive-form" onSubmit={(e) => { e.preventDefault(); void receive(); }} data-testid="receive-form">
          {manual && <p className="banner banner-warn">{t('receiving.manualNote')}</p>}
          <div className="form-grid">
            <label className="field">
              <span>{t('receiving.item')}</span>
              <input name="item" list="rcv-items" value={draft.itemId} onChange={(e) => { const it = items.find((i) => i.itemId === e.target.value); set({ itemId: e.target.value, ...(it?.msl ? { msl: it.msl } : {}) }); }} />
              <datalist id="rcv-items">{items.map((i) => <option key={i.itemId} value={i.itemId}>{i.name}</option>)}</datalist>
            </label>
            <label className="field">
              <span>{t('receiving.supplier')}</span>
              <select name="supplier" value={draft.supplierId} onChange={(e) => set({ supplierId: e.target.value })}>
                <option value="">—</option>
                {suppliers.map((s) => <option key={s.supplierId} value={s.supplierId}>{s.name}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('receiving.supplierLot')}</span>
              <input name="supplierLot" value={draft.supplierLot} onChange={(e) => set({ supplierLot: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('receiving.qtyPerContainer')}</span>
              <input name="quantity" inputMode="decimal" value={draft.quantityPerContainer} onChange={(e) => set({ quantityPerContainer: e.target.value.replace(/[^\d.]/g, '') })} />
            </label>
            <div className="field">
              <span>{t('receiving.containers')}</span>
              <div className="stepper">
                <button type="button" className="btn btn-secondary btn-big" aria-label="−" onClick={() => set({ containers: Math.max(1, draft.containers - 1) })}>−</button>
                <output data-testid="containers">{draft.containers}</output>
                <button type="button" className="btn btn-secondary btn-big" aria-label="+" onClick={() => set({ containers: Math.min(99, draft.containers + 1) })}>+</button>
              </div>
            </div>
            <label className="field">
              <span>{t('receiving.expiry')}</span>
              <input name="expiry" type="date" value={draft.expiry} onChange={(e) => set({ expiry: e.target.value })} />
              <ExpiryHint expiry={draft.expiry} dateCode={draft.dateCode} productionDate={draft.productionDate} shelfLifeDays={shelfLifeOf(draft)} today={plantDay(Date.now(), clock)} />
            </label>
            <label className="field">
              <span>{t('receiving.dateCode')}</span>
              <input name="dateCode" value={draft.dateCode} onChange={(e) => set({ dateCode: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('receiving.msl')}</span>
              <select name="msl" value={draft.msl} onChange={(e) => set({ msl: e.target.value })}>
                <option value="">—</option>
                {['1', '2', '2a', '3', '4', '5', '5a', '6'].map((m) => <option key={m} value={m}>MSL {m}</option>)}
              </select>
            </label>
            <label className="field field-wide">
              <span>{t('receiving.coc')}</span>
              <div className="row">
                <select name="cocKind" value={draft.cocKind} onChange={(e) => set({ cocKind: e.target.value as 'file' })} aria-label={t('receiving.cocKind')}>
                  <option value="file">{t('receiving.cocFile')}</option>
                  <option value="photo">{t('receiving.cocPhoto')}</option>
                </select>
                <input name="coc" style={{ flex: 1 }} placeholder="/scans/coc/…" value={draft.cocPath} onChange={(e) => set({ cocPath: e.target.value, cocName: null })} />
                <label className="btn btn-secondary" data-testid="coc-attach" aria-disabled={!!attaching}>
                  {t('receiving.cocAttach')}
                  <input type="file" name="coc-file" accept="application/pdf,image/jpeg,image/png" hidden disabled={!!attaching} onChange={(e) => { attach(e.target.files?.[0]); e.target.value = ''; }} />
                </label>
                <label className="btn btn-secondary" data-testid="coc-photo" aria-disabled={!!attaching}>
                  {t('receiving.cocTakePhoto')}
                  <input type="file" name="coc-photo" accept="image/jpeg,image/png" capture="environment" hidden disabled={!!attaching} onChange={(e) => { attach(e.target.files?.[0]); e.target.value = ''; }} />
                </label>
              </div>
              {attaching && <small className="hint" data-testid="coc-progress">{t('receiving.cocSending', { name: attaching.name, pct: attaching.size ? Math.round((attaching.sent / attaching.size) * 100) : 100 })}</small>}
              {!attaching && draft.cocName && draft.cocPath.startsWith('documents/') && <small className="hint" data-testid="coc-attached">{t('receiving.cocAttached', { name: draft.cocName })}</small>}
            </label>
          </div>
          <div className="row">
            <button type="submit" className="btn btn-primary btn-xl" disabled={!ready || busy} data-testid="receive">
              {t('receiving.receive', { count: draft.containers })}
            </button>
            <button type="button" className="btn btn-secondary btn-big" disabled={!!attaching} onClick={() => setDraft(null)}>{t('receiving.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
