// The shift report per line and shift: a table, CSV and PDF downloads (the PDF is drawn by
// the central server), and the short form shaped for the stations' ESC/POS "shift-summary"
// ticket.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '../../../shared/board/api';
import { shiftAt, SHIFT_IDS, type ShiftId } from '../../../shared/board/shift';
import { utcOffsetMinutes } from '../../../shared/clock/zone';
import { printedTime } from '../../../shared/reports/time';
import { ticketLanguage } from '../../../shared/ticket/template';
import { useBoardData, useSupervisor } from './context';
import { pct } from './format';

/** The zone the window's ends print in: a fixed-offset report (older links) prints UTC, as its PDF does. */
const zoneOf = (r: ShiftReport) => (r.zone.source === 'offset' ? 'UTC' : r.zone.name);

export function ShiftReportView() {
  const { t, i18n } = useTranslation();
  const { api, tiles } = useSupervisor();
  const lang = ticketLanguage(i18n.language);
  const current = shiftAt(Date.now(), -new Date().getTimezoneOffset());
  const [line, setLine] = useState('');
  const [date, setDate] = useState(current.date);
  const [shift, setShift] = useState<ShiftId>(current.shift);
  /** Date or shift picked by the supervisor: from then on they stay as picked. */
  const [picked, setPicked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = useMemo(() => [...new Set(tiles.filter((x) => x.type !== 'supervisor').map((x) => x.area))].sort(), [tiles]);
  // No tz: the server draws the window in the plant's zone (the line's stations', else its own
  // setting), so a supervisor's browser in another zone does not move the plant's shifts.
  const q = `line=${encodeURIComponent(line)}&date=${date}&shift=${shift}`;
  const { data } = useBoardData<ShiftReport>(`/shift-report?${q}`, 'charts');
  const { data: ticket } = useBoardData<{ data: Record<string, unknown> }>(`/shift-report?${q}&format=ticket&lang=${lang}`, 'charts');
  // The shift running now is the plant's, not the browser's: once the server says which zone the
  // report is in, an unpicked date and shift move to the plant's current ones (again when another
  // line with another zone is chosen).
  const plantZone = data && data.zone.source !== 'offset' ? data.zone.name : null;
  useEffect(() => {
    if (picked || !plantZone) return;
    const now = Date.now();
    const plant = shiftAt(now, utcOffsetMinutes(now, plantZone));
    setDate(plant.date);
    setShift(plant.shift);
  }, [plantZone, picked]);
  return (
    <section aria-label={t('board.nav.shift')}>
      <div className="row">
        <label>
          {t('board.shift.line')}{' '}
          <select value={line} onChange={(e) => setLine(e.target.value)}>
            <option value="">{t('board.filter.all')}</option>
            {lines.map((l) => (
              <option key={l} value={l}>
                {l || '—'}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('board.shift.date')} <input type="date" value={date} onChange={(e) => (setPicked(true), setDate(e.target.value))} />
        </label>
        <label>
          {t('board.shift.shift')}{' '}
          <select value={shift} onChange={(e) => (setPicked(true), setShift(e.target.value as ShiftId))}>
            {SHIFT_IDS.map((s) => (
              <option key={s} value={s}>
                {t(`board.shift.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" onClick={() => void api.download(`/shift-report?${q}&format=csv`, `lotline-shift-${line || 'all'}-${date}-${shift}.csv`).catch((err: unknown) => setError((err as Error).message))}>
          {t('board.shift.csv')}
        </button>
        <button className="btn" data-testid="shift-pdf" onClick={() => void api.download(`/shift-report.pdf?${q}&lang=${lang}`, `lotline-shift-${line || 'all'}-${date}-${shift}.pdf`).catch((err: unknown) => setError((err as Error).message))}>
          {t('board.shift.pdf')}
        </button>
        <button className="btn" onClick={() => window.print()}>
          {t('board.shift.print')}
        </button>
      </div>
      {error && <div className="banner banner-error" role="alert">{error}</div>}
      {data && (
        <p className="muted small" data-testid="shift-zone">
          {t('board.shift.zone', { zone: data.zone.name, from: t(`board.shift.zoneFrom.${data.zone.source}`), window: `${printedTime(data.from, zoneOf(data))} – ${printedTime(data.to, zoneOf(data))}` })}
        </p>
      )}
      {data && data.zone.stations.length > 1 && (
        <div className="banner banner-warn" role="status" data-testid="shift-zone-disagree">
          {t('board.shift.zonesDisagree', { zones: data.zone.stations.join(', '), zone: data.zone.name })}
        </div>
      )}
      {data && (
        <table className="sv-table">
          <thead>
            <tr>
              <th>{t('board.shift.station')}</th>
              <th>{t('board.shift.produced')}</th>
              <th>{t('board.shift.accepted')}</th>
              <th>{t('board.shift.rejected')}</th>
              <th>{t('board.shift.overrides')}</th>
              <th>{t('board.shift.fpy')}</th>
              <th>{t('board.shift.availability')}</th>
              <th>{t('board.shift.andon')}</th>
            </tr>
          </thead>
          <tbody>
            {data.stations.map((s) => (
              <tr key={s.stationId}>
                <td>{s.name}</td>
                <td>{s.produced}</td>
                <td>{s.accepted}</td>
                <td>{s.rejected}</td>
                <td>{s.overrides}</td>
                <td>{pct(s.fpy)}</td>
                <td>{pct(s.availability)}</td>
                <td>{s.andonCalls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ticket && (
        <details className="sv-ticket">
          <summary>{t('board.shift.ticket')}</summary>
          <pre className="mono small">{JSON.stringify(ticket.data, null, 2)}</pre>
          <p className="muted small">{t('board.shift.ticketHelp')}</p>
        </details>
      )}
    </section>
  );
}
