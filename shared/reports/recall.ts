// The recall report of a lot as a printable document: what was made from it (finished lots,
// serials, batches, with quantities, stations and dates) and the signed holds in force.
import type { RecallReport } from '../contract/packing';
import { printedTime, type ReportDocument } from './document';
import { fill, reportLabels, word } from './labels';
import { reportFrame, type ReportContext } from './frame';

export function recallDocument(r: RecallReport, ctx: ReportContext): ReportDocument {
  const L = reportLabels(ctx.lang);
  const R = L.recall;
  const c = R.cols;
  const ambiguous = r.rows.some((x) => x.ambiguous);
  return {
    ...reportFrame(ctx, R.title, fill(R.subtitle, { lot: r.lotId })),
    sections: [
      {
        heading: R.summary,
        blocks: [
          {
            kind: 'keyValues',
            items: [
              { key: R.suspectLot, value: r.lotId },
              { key: R.finishedLots, value: String(r.totals.finishedLots) },
              { key: R.serials, value: String(r.totals.serials) },
              { key: R.quantity, value: String(r.totals.quantity) },
            ],
          },
        ],
      },
      {
        heading: R.outputs,
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: c.output },
              { header: c.kind },
              { header: c.item },
              { header: c.quantity, align: 'right' },
              { header: c.status },
              { header: c.workOrder },
              { header: c.station },
              { header: c.madeAt },
              { header: c.ambiguous },
            ],
            rows: r.rows.map((x) => [
              x.outputId,
              word(L.kinds, x.kind),
              x.itemId ?? '',
              x.quantity === null ? '' : String(x.quantity),
              x.status ?? '',
              x.workOrderId ?? '',
              x.station ?? '',
              printedTime(x.madeAt, ctx.timeZone),
              x.ambiguous ? L.yes : '',
            ]),
            empty: R.noOutputs,
          },
          ...(ambiguous ? [{ kind: 'paragraph' as const, text: R.ambiguousNote }] : []),
        ],
      },
      {
        heading: R.holds,
        blocks: [
          {
            kind: 'signatures',
            labels: { ...L.sig, record: R.holdCols.lot },
            items: r.holds.flatMap((h) => {
              if (h.signature) return [{ printedName: h.signature.signerName, signedAt: printedTime(h.signature.signedAt, ctx.timeZone), meaning: word(L.meanings, h.signature.meaning), reason: h.signature.reason, record: `${h.lotId} (#${h.seq})` }];
              // Placed elsewhere and pulled from the central server: who, where and why, as the server sent it.
              if (h.placedAt === undefined) return [];
              const where = h.placedAt === 'central' ? R.placedCentrally : fill(R.placedAtStation, { station: h.placedAt });
              return [{ printedName: h.byName ?? '—', signedAt: printedTime(h.at, ctx.timeZone), meaning: `${word(R.blockStatus, h.status ?? 'on_hold')} (${where})`, reason: h.reason ?? '', record: `${h.lotId} (#${h.seq})` }];
            }),
            empty: R.noHolds,
          },
        ],
      },
    ],
  };
}
