// What the station read from the last scan, for operators and technicians alike: the
// format, the fields, every repair the parser made, or the error and where it is.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { formatDateTime } from '../i18n';
import { useFeedback } from '../feedback/feedback';

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
        if (!r.ok) feedback.show({ tone: 'bad', title: t('scan.unreadable'), detail: r.error.message });
        else if (r.repairs.length) feedback.show({ tone: 'warn', title: t('scan.repaired', { count: r.repairs.length, format: r.format }), detail: r.repairs.map((x) => x.message).join(' ') });
        else feedback.show({ tone: 'good', title: t('scan.read', { format: r.format }) });
      }),
    [client, feedback, t],
  );
  if (!scan) return <p className="muted" data-testid="last-scan-empty">{t('scan.none')}</p>;
  const p = scan.parsed;
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
              <dt>{k}</dt>
              <dd className="mono" data-testid={`field-${k}`}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
            </div>
          ))}
      </dl>
      {p.repairs.length > 0 && (
        <ul className="repairs" data-testid="last-scan-repairs">
          {p.repairs.map((r, i) => (
            <li key={i}>{r.message}</li>
          ))}
        </ul>
      )}
      {!p.ok && <p className="error" role="alert">{p.error.message}</p>}
    </section>
  );
}
