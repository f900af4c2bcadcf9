// What the station read from the last scan, for operators and technicians alike: the
// format, the fields, every repair the parser made, or the error and where it is — the
// parser's problems and repairs said in the operator's language from their codes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanFields } from '../../../shared/barcode/result';
import { repairText, scanProblemText } from '../../../shared/barcode/scan-messages';
import type { ScanView } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { formatDateTime } from '../i18n';
import { messageLang } from '../i18n/message-lang';
import { useFeedback } from '../feedback/feedback';

/** The label of each field the parser can read (a field added to ScanFields without one fails to compile). */
const FIELD_LABELS: { readonly [K in keyof ScanFields]-?: `scan.field.${K}` } = {
  gtin: 'scan.field.gtin',
  sscc: 'scan.field.sscc',
  gln: 'scan.field.gln',
  lot: 'scan.field.lot',
  serial: 'scan.field.serial',
  expiry: 'scan.field.expiry',
  bestBefore: 'scan.field.bestBefore',
  productionDate: 'scan.field.productionDate',
  quantity: 'scan.field.quantity',
  unit: 'scan.field.unit',
  measures: 'scan.field.measures',
  supplier: 'scan.field.supplier',
  supplierPart: 'scan.field.supplierPart',
  manufacturerPart: 'scan.field.manufacturerPart',
  manufacturer: 'scan.field.manufacturer',
  customerPart: 'scan.field.customerPart',
  dateCode: 'scan.field.dateCode',
  countryOfOrigin: 'scan.field.countryOfOrigin',
  purchaseOrder: 'scan.field.purchaseOrder',
  purchaseOrderLine: 'scan.field.purchaseOrderLine',
  salesOrder: 'scan.field.salesOrder',
  invoice: 'scan.field.invoice',
  packageId: 'scan.field.packageId',
  labelerId: 'scan.field.labelerId',
  url: 'scan.field.url',
  internalLotId: 'scan.field.internalLotId',
  slot: 'scan.field.slot',
  badgeId: 'scan.field.badgeId',
};

const visible = (s: string) => s.replace(/\u001d/g, '␝').replace(/\u001e/g, '␞').replace(/\u0004/g, '␄');

export function LastScan() {
  const { t, i18n } = useTranslation();
  const { client } = useStation();
  const feedback = useFeedback();
  const [scan, setScan] = useState<ScanView | null>(null);
  useEffect(
    () =>
      client.onPush((p) => {
        if (p.topic !== 'scan') return;
        setScan(p.data);
        const r = p.data.parsed;
        const lang = messageLang(i18n.language);
        if (!r.ok) feedback.show({ tone: 'bad', title: t('scan.unreadable'), detail: scanProblemText(r.error, lang) });
        else if (r.repairs.length) feedback.show({ tone: 'warn', title: t('scan.repaired', { count: r.repairs.length, format: r.format }), detail: r.repairs.map((x) => repairText(x, lang)).join(' · ') });
        else feedback.show({ tone: 'good', title: t('scan.read', { format: r.format }) });
      }),
    [client, feedback, t, i18n],
  );
  if (!scan) return <p className="muted" data-testid="last-scan-empty">{t('scan.none')}</p>;
  const p = scan.parsed;
  const lang = messageLang(i18n.language);
  return (
    <section className="card last-scan" data-testid="last-scan" aria-labelledby="last-scan-title">
      <h2 id="last-scan-title">{t('scan.last')}</h2>
      <dl className="kv">
        <dt>{t('scan.raw')}</dt>
        <dd className="mono" data-testid="last-scan-raw">{visible(scan.text)}</dd>
        <dt>{t('scan.when')}</dt>
        <dd>{formatDateTime(scan.receivedAt, i18n.language)} · {scan.source} · #{scan.seq}</dd>
        <dt>{t('scan.format')}</dt>
        <dd data-testid="last-scan-format">{p.ok ? p.format : t('scan.unreadable')}</dd>
        {p.ok &&
          Object.entries(p.fields).map(([k, v]) => (
            <div className="kv-row" key={k}>
              <dt title={k}>{k in FIELD_LABELS ? t(FIELD_LABELS[k as keyof ScanFields]) : k}</dt>
              <dd className="mono" data-testid={`field-${k}`}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
            </div>
          ))}
      </dl>
      {p.repairs.length > 0 && (
        <ul className="repairs" data-testid="last-scan-repairs">
          {p.repairs.map((r, i) => (
            <li key={i} data-kind={r.kind}>{repairText(r, lang)}</li>
          ))}
        </ul>
      )}
      {!p.ok && <p className="error" role="alert" data-testid="last-scan-error" data-problem={p.error.problem}>{scanProblemText(p.error, lang)}</p>}
    </section>
  );
}
