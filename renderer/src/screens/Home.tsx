// Station home: what this kind of station is for. Only what works is clickable; the rest
// says plainly that it is not available yet.
import { useTranslation } from 'react-i18next';
import { STATION_CAPABILITIES } from '../../../shared/domain/roles';
import { useStation } from '../api/station-context';
import type { Screen } from '../App';
import { LastScan } from '../scan/LastScan';

const AVAILABLE: Partial<Record<string, Screen>> = {
  audit_trail: 'audit',
  print_lot_label: 'labels',
  // Issue 6: station screens
  load_work_order: 'smt',
  verify_setup: 'smt',
  verify_splice: 'smt',
  record_boards: 'smt',
  receive_material: 'receiving',
  qa_release: 'qa',
  // Issue 7: molding, cleanroom packing, trace
  record_batch: 'molding',
  scan_resin_lot: 'molding',
  record_parameters: 'molding',
  line_clearance: 'packing',
  scan_packaging: 'packing',
  count_by_weight: 'packing',
  close_lot: 'packing',
  trace: 'trace',
  hold_release: 'trace',
};

export function HomeScreen({ onNavigate }: { onNavigate: (s: Screen) => void }) {
  const { t } = useTranslation();
  const { status } = useStation();
  const station = status?.station;
  const session = status?.session;
  if (!station) return <p className="card">{t('header.notConfigured')}</p>;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.welcome', { name: session?.name ?? '' })}</h1>
      <h2 className="muted">{t('home.what')} — {t(`stationType.${station.type}`)}</h2>
      <ul className="tiles">
        {STATION_CAPABILITIES[station.type].map((cap) => {
          const target = AVAILABLE[cap];
          return (
            <li key={cap}>
              <button className="tile" disabled={!target} onClick={() => target && onNavigate(target)} data-testid={`capability-${cap}`}>
                <strong>{t(`home.capability.${cap}.title`)}</strong>
                <span>{t(`home.capability.${cap}.text`)}</span>
                {!target && <em className="muted">{t('home.notYet')}</em>}
              </button>
            </li>
          );
        })}
      </ul>
      <LastScan />
    </section>
  );
}
