// The device history record of a finished lot as a printable document: work order and BOM
// revision, every material lot and molding batch, the event history (clearance, verdicts,
// overrides, labels, weights), each electronic signature with printed name, time and
// meaning, the reconciliation at close, and defects. The DHR of a serial is its lot's, opened
// by a section of the serial's own (assignment, box, its material lots, defects against it).
import type { Dhr } from '../contract/packing';
import { PACKING_EVENT_PAYLOADS } from '../events/packing-types';
import { printedTime, type Block, type ReportDocument, type Section } from './document';
import { fill, reportLabels, word } from './labels';
import { reportFrame, type ReportContext } from './frame';

// What packing.lot_closed stored, read with the event's own schema; defensively, because the DHR carries it untyped.
const ReconciliationSchema = PACKING_EVENT_PAYLOADS['packing.lot_closed'].pick({ materials: true, labels: true, unitLabels: true });

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function paramText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

export function dhrDocument(d: Dhr, ctx: ReportContext): ReportDocument {
  const L = reportLabels(ctx.lang);
  const D = L.dhr;
  const rec = d.reconciliation === null ? null : ReconciliationSchema.safeParse(d.reconciliation);
  const reconciliation: Block[] =
    rec === null
      ? [{ kind: 'paragraph', text: D.noReconciliation }]
      : rec.success
        ? [
            {
              kind: 'table',
              columns: [{ header: D.recCols.item }, { header: D.recCols.planned, align: 'right' }, { header: D.recCols.used, align: 'right' }, { header: D.recCols.variance, align: 'right' }, { header: D.recCols.ok }, { header: D.recCols.lots }],
              rows: rec.data.materials.map((m) => [m.itemId, num(m.planned), num(m.used), num(m.variance), m.ok ? 'OK' : 'NO', m.lotIds.join(', ')]),
              empty: L.none,
            },
            {
              kind: 'keyValues',
              items: [
                { key: D.labels, value: `${fill(D.labelCounts, rec.data.labels)} — ${rec.data.labels.balanced ? D.balanced : D.unbalanced}` },
                ...(rec.data.unitLabels ? [{ key: D.unitLabels, value: `${fill(D.unitLabelCounts, rec.data.unitLabels)} — ${rec.data.unitLabels.balanced ? D.balanced : D.unbalanced}` }] : []),
              ],
            },
          ]
        : [{ kind: 'paragraph', text: JSON.stringify(d.reconciliation) }];
  const signed = d.records.filter((r) => r.signature);
  const s = d.serial;
  const serialSections: Section[] = s
    ? [
        {
          heading: D.serial,
          blocks: [
            {
              kind: 'keyValues',
              items: [
                { key: D.serialItem, value: s.serial },
                { key: D.productItem, value: s.itemId },
                { key: D.lot, value: d.finishedLotId },
                { key: D.serialNumber, value: String(s.number) },
                { key: D.assignedAt, value: `${printedTime(s.assignedAt, ctx.timeZone)} (#${s.assignedSeq})` },
                { key: D.assignedBy, value: s.assignedBy ?? L.none },
                { key: D.countMethod, value: word(D.countMethods, s.method) || L.none },
                {
                  key: D.box,
                  value: s.box ? fill(D.boxText, { box: s.box.boxNo, grams: s.box.grams === null ? '?' : num(s.box.grams), target: s.box.targetGrams === null ? '?' : num(s.box.targetGrams), ok: s.box.ok ? 'OK' : s.box.ok === false ? 'NO' : '' }).trim() : D.notBoxed,
                },
              ],
            },
          ],
        },
        {
          heading: D.serialMaterials,
          blocks: [
            {
              kind: 'table',
              columns: [{ header: D.serialMatCols.lot }, { header: D.serialMatCols.item }, { header: D.serialMatCols.ambiguous }],
              rows: s.materials.map((m) => [m.lotId, m.itemId ?? '', m.ambiguous ? L.yes : '']),
              empty: D.noMaterials,
            },
          ],
        },
        {
          heading: D.serialDefects,
          blocks: [
            {
              kind: 'table',
              columns: [{ header: D.defCols.seq, align: 'right' }, { header: D.defCols.at }, { header: D.defCols.description }],
              rows: s.defects.map((x) => [String(x.defectSeq), printedTime(x.recordedAt, ctx.timeZone), x.description]),
              empty: D.noSerialDefects,
            },
          ],
        },
        {
          heading: D.unitLabel,
          blocks: [
            {
              kind: 'table',
              columns: [{ header: D.unitLabelCols.label }, { header: D.unitLabelCols.state }, { header: D.unitLabelCols.issued }, { header: D.unitLabelCols.printed }, { header: D.unitLabelCols.verified }, { header: D.unitLabelCols.voided }],
              rows: s.labels.map((l) => [
                // The label id's tail is what the Labels screen shows; a reprint names the label it replaced.
                `…${l.labelId.slice(-8)}${l.reprintOf ? ` (${fill(D.reprintOf, { label: `…${l.reprintOf.slice(-8)}` })})` : ''}`,
                word(D.labelStates, l.state),
                l.issuedBy ? fill(D.issuedBy, { at: printedTime(l.issuedAt, ctx.timeZone), by: l.issuedBy }) : printedTime(l.issuedAt, ctx.timeZone),
                l.printedAt ? printedTime(l.printedAt, ctx.timeZone) : '',
                l.verifiedAt ? printedTime(l.verifiedAt, ctx.timeZone) : '',
                l.voidedAt ? `${printedTime(l.voidedAt, ctx.timeZone)}${l.voidReason ? `: ${l.voidReason}` : ''}` : '',
              ]),
              empty: D.noUnitLabel,
            },
          ],
        },
      ]
    : [];
  return {
    ...reportFrame(ctx, D.title, s ? fill(D.subtitleSerial, { serial: s.serial, lot: d.finishedLotId }) : fill(D.subtitle, { lot: d.finishedLotId })),
    sections: [
      ...serialSections,
      {
        heading: D.product,
        blocks: [
          {
            kind: 'keyValues',
            items: [
              { key: D.lot, value: d.finishedLotId },
              { key: D.productItem, value: d.productItemId },
              { key: D.workOrder, value: d.workOrderId },
              { key: D.bom, value: d.bomId ? `${d.bomId} rev ${d.revision ?? '?'}` : L.none },
              { key: D.mode, value: word(D.modes, d.mode) },
              { key: D.state, value: d.state },
              { key: D.quantity, value: num(d.quantity) },
              ...(d.serials ? [{ key: D.serials, value: fill(D.serialRange, { count: d.serials.count, first: d.serials.first ?? '', last: d.serials.last ?? '' }) }] : []),
            ],
          },
        ],
      },
      {
        heading: D.materials,
        blocks: [
          {
            kind: 'table',
            columns: [{ header: D.matCols.lot }, { header: D.matCols.item }, { header: D.matCols.kind }, { header: D.matCols.level, align: 'right' }, { header: D.matCols.supplierLot }],
            rows: d.materials.map((m) => [m.lotId, m.itemId ?? '', word(L.kinds, m.kind), String(m.depth), m.supplierLot ?? '']),
            empty: D.noMaterials,
          },
        ],
      },
      {
        heading: D.batches,
        blocks: [
          {
            kind: 'table',
            columns: [{ header: D.batchCols.batch }, { header: D.batchCols.machine }, { header: D.batchCols.mold }, { header: D.batchCols.resin }, { header: D.batchCols.quantity, align: 'right' }, { header: D.batchCols.params }],
            rows: d.batches.map((b) => [b.batchLotId, b.machine, b.mold, b.resinLotId, num(b.quantity), paramText(b.params)]),
            empty: D.noBatches,
          },
        ],
      },
      { heading: D.reconciliation, blocks: reconciliation },
      {
        heading: D.signatures,
        blocks: [
          {
            kind: 'signatures',
            labels: L.sig,
            items: signed.map((r) => ({
              printedName: r.signature!.signerName,
              signedAt: printedTime(r.signature!.signedAt, ctx.timeZone),
              meaning: word(L.meanings, r.signature!.meaning),
              reason: r.signature!.reason,
              record: `#${r.seq} ${r.type}`,
            })),
            empty: L.sig.none,
          },
        ],
      },
      {
        heading: D.record,
        blocks: [
          {
            kind: 'table',
            columns: [
              { header: D.recCols2.seq, align: 'right' },
              { header: D.recCols2.at },
              { header: D.recCols2.event },
              { header: D.recCols2.by },
              { header: D.recCols2.details },
              { header: D.recCols2.signature },
            ],
            rows: d.records.map((r) => [
              String(r.seq),
              printedTime(r.at, ctx.timeZone),
              r.type,
              r.actor ?? '',
              r.summary,
              r.signature ? `${r.signature.signerName} (${word(L.meanings, r.signature.meaning)})` : '',
            ]),
            empty: L.none,
          },
        ],
      },
      {
        heading: D.defects,
        blocks: [
          {
            kind: 'table',
            columns: [{ header: D.defCols.seq, align: 'right' }, { header: D.defCols.at }, { header: D.defCols.target }, { header: D.defCols.description }],
            rows: d.defects.map((x) => [String(x.defectSeq), printedTime(x.recordedAt, ctx.timeZone), x.targetId, x.description]),
            empty: D.noDefects,
          },
        ],
      },
    ],
  };
}
