// The shift report of a line as a printable document: per-station output, verdicts,
// overrides, first-pass yield, availability and andon calls, and the reject Pareto — the
// same figures as the supervisor's table and CSV.
import type { ShiftReport } from '../board/api';
import { reasonName } from '../rules/reason-names';
import { printedTime, type ReportDocument } from './document';
import { fill, reportLabels, word } from './labels';
import { reportFrame, type ReportContext } from './frame';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

export function shiftDocument(r: ShiftReport, ctx: ReportContext & { readonly preparedBy: string }): ReportDocument {
  const L = reportLabels(ctx.lang);
  const S = L.shift;
  const line = r.line || S.allLines;
  const shift = word(S.shifts, r.shift);
  const sum = (k: 'produced' | 'accepted' | 'rejected' | 'overrides' | 'andonCalls') => r.stations.reduce((n, s) => n + s[k], 0);
  return {
    ...reportFrame(ctx, S.title, fill(S.subtitle, { line, date: r.date, shift }), [{ key: S.preparedBy, value: ctx.preparedBy }]),
    sections: [
      {
        heading: S.summary,
        blocks: [
          {
            kind: 'keyValues',
            items: [
              { key: S.line, value: line },
              { key: S.date, value: r.date },
              { key: S.shift, value: shift },
              { key: S.window, value: `${printedTime(r.from, ctx.timeZone)} – ${printedTime(r.to, ctx.timeZone)}` },
              // Which clock drew the window, always (the frame names only a zone other than UTC): a shift is only as right as its zone.
              { key: S.zone, value: fill(S.zoneText, { zone: r.zone.name, from: word(S.zoneFrom, r.zone.source) }) },
              { key: S.totals, value: fill(S.totalsText, { produced: sum('produced'), accepted: sum('accepted'), rejected: sum('rejected'), overrides: sum('overrides'), andon: sum('andonCalls') }) },
            ],
          },
        ],
      },
      {
        heading: S.stations,
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: S.cols.station },
              { header: S.cols.produced, align: 'right' },
              { header: S.cols.accepted, align: 'right' },
              { header: S.cols.rejected, align: 'right' },
              { header: S.cols.overrides, align: 'right' },
              { header: S.cols.fpy, align: 'right' },
              { header: S.cols.availability, align: 'right' },
              { header: S.cols.andon, align: 'right' },
            ],
            rows: r.stations.map((s) => [`${s.name} (${s.stationId})`, String(s.produced), String(s.accepted), String(s.rejected), String(s.overrides), pct(s.fpy), pct(s.availability), String(s.andonCalls)]),
            empty: S.noStations,
          },
        ],
      },
      {
        heading: S.rejects,
        blocks: [
          {
            kind: 'table',
            columns: [{ header: S.rejCols.reason }, { header: S.rejCols.count, align: 'right' }],
            rows: r.rejects.map((x) => [reasonName(x.reason, ctx.lang), String(x.count)]),
            empty: S.noRejects,
          },
        ],
      },
    ],
  };
}
