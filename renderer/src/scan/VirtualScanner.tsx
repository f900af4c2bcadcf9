// Demo stores only: a panel that "scans" a chosen label, byte for byte what a scanner would
// send, through the same path as a real scanner (scan.submit → the log → the parser).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { awaitsScanBack } from '../../../shared/label/verify';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';
import { useFeedback } from '../feedback/feedback';

const visible = (s: string) => s.replace(/\u001d/g, '␝').replace(/\u001e/g, '␞').replace(/\u0004/g, '␄');
const fromVisible = (s: string) => s.replace(/␝/g, '\u001d').replace(/␞/g, '\u001e').replace(/␄/g, '\u0004');

export function VirtualScanner() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [grams, setGrams] = useState('');
  const [onPan, setOnPan] = useState<number | null>(null);
  const labels = status?.demo?.labels ?? [];
  if (!status?.demo || !status.session) return null;
  const simScale = status.devices.some((d) => d.role === 'scale' && d.uri === 'sim:scale');

  /** The printed label a packer scans back next: the oldest one waiting (lot or unit label), as the screens expect. */
  const scanWaiting = async () => {
    try {
      const waiting = [...(await client.call('labels.list', { limit: 500 }))].reverse().find(awaitsScanBack);
      if (!waiting) return feedback.show({ tone: 'warn', title: t('scan.noneWaiting') });
      await client.call('devices.sim_scan_printed', { labelId: waiting.labelId, barcode: 0, damage: false });
    } catch (err) {
      feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) });
    }
  };

  const scan = async (raw: string) => {
    try {
      await client.call('devices.sim_scan', { text: raw });
    } catch (err) {
      feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) });
    }
  };

  return (
    <div className={open ? 'vscan vscan-open' : 'vscan'}>
      <button className="btn btn-secondary vscan-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('scan.virtual')}
      </button>
      {open && (
        <div className="vscan-panel card" role="dialog" aria-label={t('scan.virtual')}>
          <p className="muted small">{t('scan.virtualHelp')}</p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (text) void scan(fromVisible(text));
            }}
          >
            <input className="vscan-input" name="virtual-scan" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('scan.typeHere')} />
            <button className="btn btn-primary" type="submit" disabled={!text}>{t('scan.scan')}</button>
          </form>
          <div className="row" style={{ marginTop: '0.5rem' }}>
            <button className="btn btn-secondary" onClick={() => void client.call('devices.sim_scan_printed', { barcode: 0, damage: false }).catch((err: unknown) => feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) }))}>
              {t('scan.printed')}
            </button>
            <button className="btn btn-secondary" onClick={() => void client.call('devices.sim_scan_printed', { barcode: 0, damage: true }).catch((err: unknown) => feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) }))}>
              {t('scan.printedDamaged')}
            </button>
            <button className="btn btn-secondary" onClick={() => void scanWaiting()}>
              {t('scan.printedWaiting')}
            </button>
          </div>
          {simScale && (
            <form
              className="row vscan-scale"
              aria-label={t('scan.scaleTitle')}
              onSubmit={(e) => {
                e.preventDefault();
                void client.call('devices.sim_scale', { grossG: Number(grams) }).then(
                  (r) => setOnPan(r.grossG),
                  (err: unknown) => feedback.show({ tone: 'bad', title: t('scan.failed'), detail: errorText(t, err) }),
                );
              }}
            >
              <label className="vscan-scale-label">
                <span className="small muted">{t('scan.scaleGrams')}</span>
                <input className="vscan-input" name="sim-scale-grams" type="number" inputMode="decimal" min={0} step="any" value={grams} onChange={(e) => setGrams(e.target.value)} />
              </label>
              <button className="btn btn-secondary" type="submit" disabled={grams === '' || !(Number(grams) >= 0)}>{t('scan.scalePut')}</button>
              {onPan !== null && <output className="small" data-testid="sim-scale-load">{t('scan.scaleSet', { g: onPan })}</output>}
            </form>
          )}
          <ul className="vscan-labels">
            {labels.map((l) => (
              <li key={l.text}>
                <button className="vscan-label" onClick={() => void scan(l.text)} title={visible(l.text)}>
                  <strong>{l.title}</strong>
                  <span className="mono small">{visible(l.text)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
