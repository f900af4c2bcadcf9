// The recall report and the device history record of issue 7, read from a station store:
// used by the station's queries (on screen, CSV, printable HTML, PDF) and by `lotline trace
// --recall/--dhr --pdf`, which reads the store file without a running station.
import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/contract/errors';
import type { Dhr, RecallReport } from '../../../shared/contract/packing';
import { dhrDocument } from '../../../shared/reports/dhr';
import type { ReportLang } from '../../../shared/reports/document';
import { reportLabels } from '../../../shared/reports/labels';
import { recallDocument } from '../../../shared/reports/recall';
import { renderPdf, type PaperSize } from '../../node/pdf/render';
import { csvCell, trace } from './genealogy';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface EvRow {
  seq: number;
  wall_time: string;
  type: string;
  actor: string | null;
  payload: string;
  reason: string | null;
  signature: string | null;
}

function summary(e: EvRow): string {
  const p = JSON.parse(e.payload) as Record<string, unknown>;
  const keep = Object.entries(p).filter(([, v]) => typeof v !== 'object' || v === null);
  return keep.map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

interface SignatureView {
  signerName: string;
  meaning: string;
  signedAt: string;
  reason: string;
}

function signatureOf(json: string | null): SignatureView | null {
  if (!json) return null;
  const s = JSON.parse(json) as SignatureView;
  return { signerName: s.signerName, meaning: s.meaning, signedAt: s.signedAt, reason: s.reason };
}

/** Every output made from `lotId` (forward genealogy), totals, and the holds in force on any of them. */
export function buildRecallReport(db: Database.Database, lotId: string, now: Date): RecallReport {
  const nodes = trace(db, lotId, 'forward');
  const rows = nodes.map((n) => ({ outputId: n.lotId, kind: n.kind, itemId: n.itemId, quantity: n.quantity, status: n.status, workOrderId: n.workOrderId, station: n.station, madeAt: n.madeAt, ambiguous: n.ambiguous }));
  const finished = rows.filter((r) => r.kind === 'finished_lot');
  const serials = rows.filter((r) => r.kind === 'serial');
  const header = ['output', 'kind', 'item', 'quantity', 'status', 'work_order', 'station', 'made_at', 'ambiguous'];
  const csv = [header.join(','), ...rows.map((r) => [r.outputId, r.kind, r.itemId, r.quantity, r.status, r.workOrderId, r.station, r.madeAt, r.ambiguous].map(csvCell).join(','))].join('\r\n') + '\r\n';
  // The latest hold of each lot that is on hold now (a released lot's old hold is history, not recall).
  const held = db
    .prepare(
      `SELECT e.seq, e.wall_time, e.signature, json_extract(e.payload, '$.lotId') AS lot_id FROM events e
         JOIN lots l ON l.lot_id = json_extract(e.payload, '$.lotId') AND l.status = 'on_hold'
        WHERE e.type = 'lot.held' AND json_extract(e.payload, '$.lotId') IN (SELECT value FROM json_each(?))
        ORDER BY e.seq`,
    )
    .all(JSON.stringify([lotId, ...rows.map((r) => r.outputId)])) as Array<{ seq: number; wall_time: string; signature: string | null; lot_id: string }>;
  const latest = new Map(held.map((h) => [h.lot_id, h]));
  return {
    lotId,
    generatedAt: now.toISOString(),
    rows,
    totals: { finishedLots: finished.length, serials: serials.length, quantity: [...finished, ...serials].reduce((a, r) => a + (r.quantity ?? 0), 0) },
    holds: [...latest.values()].map((h) => ({ lotId: h.lot_id, seq: h.seq, at: h.wall_time, signature: signatureOf(h.signature) })),
    csv,
  };
}

export function deviceHistory(db: Database.Database, finishedLotId: string): Dhr {
  const lot = db.prepare("SELECT * FROM produced_lots WHERE lot_id = ? AND kind = 'finished_lot'").get(finishedLotId) as
    | { lot_id: string; item_id: string; work_order_id: string; mode: string | null; state: string; quantity: number }
    | undefined;
  if (!lot) throw new StationError('not_found', `No finished lot ${finishedLotId} at this station.`);
  const back = trace(db, lot.lot_id, 'backward');
  const closedRow = db.prepare("SELECT payload FROM events WHERE type = 'packing.lot_closed' AND json_extract(payload, '$.finishedLotId') = ?").get(lot.lot_id) as { payload: string } | undefined;
  const closed = closedRow ? (JSON.parse(closedRow.payload) as { bomId: string; revision: string; materials: unknown; labels: unknown }) : null;
  const bom = closed ? { bomId: closed.bomId, revision: closed.revision } : (db.prepare('SELECT b.bom_id AS bomId, b.revision FROM work_orders w JOIN boms b ON b.bom_id = w.bom_id WHERE w.work_order_id = ?').get(lot.work_order_id) as { bomId: string; revision: string } | undefined);
  const batchIds = back.filter((n) => n.kind === 'molding_batch').map((n) => n.lotId);
  const batches = batchIds.map((id) => {
    const r = db.prepare('SELECT details, quantity FROM produced_lots WHERE lot_id = ?').get(id) as { details: string; quantity: number };
    const d = JSON.parse(r.details) as Record<string, unknown> & { machine: string; mold: string; resinLotId: string };
    const { machine, mold, resinLotId, batchLotId: _b, ...params } = d;
    return { batchLotId: id, machine, mold, resinLotId, quantity: r.quantity, params };
  });
  const labelIds = db.prepare('SELECT label_id FROM labels WHERE lot_id = ?').pluck().all(lot.lot_id) as string[];
  const ids = [lot.lot_id, ...batchIds];
  const ph = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const evs = db
    .prepare(
      `SELECT seq, wall_time, type, actor, payload, reason, signature FROM events WHERE
         (type LIKE 'packing.%' AND json_extract(payload, '$.finishedLotId') IN (${ph(ids.length)}))
      OR (type LIKE 'molding.%' AND json_extract(payload, '$.batchLotId') IN (${ph(ids.length)}))
      OR (type = 'quality.defect_recorded' AND json_extract(payload, '$.targetId') IN (${ph(ids.length)}))
      OR (type = 'lot.held' AND json_extract(payload, '$.lotId') IN (${ph(ids.length)}))
      OR (type LIKE 'label.%' AND json_extract(payload, '$.labelId') IN (SELECT value FROM json_each(?)))
      OR (type = 'label.reconciled' AND json_extract(payload, '$.lotId') = ?)
      ORDER BY seq`,
    )
    .all(...ids, ...ids, ...ids, ...ids, JSON.stringify(labelIds), lot.lot_id) as EvRow[];
  // The verdicts of the material scans, and what answered them (acknowledgement, override).
  const verdictSeqs = evs.flatMap((e) => {
    const p = JSON.parse(e.payload) as { verdictSeq?: number; resinVerdictSeq?: number };
    return [p.verdictSeq, p.resinVerdictSeq].filter((x): x is number => typeof x === 'number');
  });
  const verdicts = verdictSeqs.length
    ? (db
        .prepare(`SELECT seq, wall_time, type, actor, payload, reason, signature FROM events WHERE seq IN (${ph(verdictSeqs.length)}) OR (type IN ('scan.verdict_acknowledged','scan.verdict_overridden') AND json_extract(payload, '$.verdictSeq') IN (${ph(verdictSeqs.length)}))`)
        .all(...verdictSeqs, ...verdictSeqs) as EvRow[])
    : [];
  const names = new Map((db.prepare('SELECT user_id, name FROM users').all() as Array<{ user_id: string; name: string }>).map((u) => [u.user_id, u.name]));
  const records = [...evs, ...verdicts]
    .sort((a, b) => a.seq - b.seq)
    .filter((e, i, a) => i === 0 || a[i - 1]!.seq !== e.seq)
    .map((e) => ({ seq: e.seq, at: e.wall_time, type: e.type, actor: e.actor ? (names.get(e.actor) ?? e.actor) : null, summary: summary(e), signature: signatureOf(e.signature) }));
  const defects = (db.prepare('SELECT defect_seq, description, recorded_at FROM defects WHERE target_id IN (' + ph(ids.length) + ')').all(...ids) as Array<{ defect_seq: number; description: string; recorded_at: string }>).map((d) => ({
    defectSeq: d.defect_seq,
    description: d.description,
    recordedAt: d.recorded_at,
  }));
  const materials = back.map((n) => ({ lotId: n.lotId, itemId: n.itemId, kind: n.kind, depth: n.depth, supplierLot: n.supplierLot }));
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>DHR ${esc(lot.lot_id)}</title><style>body{font:12px sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;text-align:left}</style></head><body>
<h1>Device history record — ${esc(lot.lot_id)}</h1>
<p>Product ${esc(lot.item_id)} · work order ${esc(lot.work_order_id)} · BOM ${esc(bom?.bomId)} rev ${esc(bom?.revision)} · mode ${esc(lot.mode)} · ${esc(lot.state)} · quantity ${lot.quantity}</p>
<h2>Materials and batches</h2><table><tr><th>lot</th><th>item</th><th>kind</th><th>level</th><th>supplier lot</th></tr>${materials.map((m) => `<tr><td>${esc(m.lotId)}</td><td>${esc(m.itemId)}</td><td>${esc(m.kind)}</td><td>${m.depth}</td><td>${esc(m.supplierLot)}</td></tr>`).join('')}</table>
${batches.map((b) => `<p>Batch ${esc(b.batchLotId)}: machine ${esc(b.machine)}, mold ${esc(b.mold)}, resin ${esc(b.resinLotId)}, ${b.quantity} parts; ${esc(Object.entries(b.params).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', '))}</p>`).join('')}
<h2>Record</h2><table><tr><th>#</th><th>time</th><th>event</th><th>by</th><th>details</th><th>signature (printed name · meaning · time · reason)</th></tr>${records.map((r) => `<tr><td>${r.seq}</td><td>${esc(r.at)}</td><td>${esc(r.type)}</td><td>${esc(r.actor)}</td><td>${esc(r.summary)}</td><td>${r.signature ? `${esc(r.signature.signerName)} · ${esc(r.signature.meaning)} · ${esc(r.signature.signedAt)} · ${esc(r.signature.reason)}` : ''}</td></tr>`).join('')}</table>
<h2>Defects</h2>${defects.length ? `<ul>${defects.map((d) => `<li>#${d.defectSeq} ${esc(d.recordedAt)}: ${esc(d.description)}</li>`).join('')}</ul>` : '<p>none</p>'}
</body></html>`;
  return {
    finishedLotId: lot.lot_id,
    productItemId: lot.item_id,
    workOrderId: lot.work_order_id,
    bomId: bom?.bomId ?? null,
    revision: bom?.revision ?? null,
    mode: lot.mode,
    state: lot.state,
    quantity: lot.quantity,
    materials,
    batches,
    records,
    reconciliation: closed ? { materials: closed.materials, labels: closed.labels } : null,
    defects,
    html,
  };
}

/** "Station PK-1 (Cleanroom packing 1)", in the report's language. */
export function stationSource(db: Database.Database, lang: ReportLang): string {
  const row = db.prepare('SELECT station_id AS id, name FROM station LIMIT 1').get() as { id: string; name: string | null } | undefined;
  const word = reportLabels(lang).station;
  if (!row) return word;
  return row.name ? `${word} ${row.id} (${row.name})` : `${word} ${row.id}`;
}

export interface PdfOptions {
  readonly lang: ReportLang;
  readonly now: Date;
  readonly size?: PaperSize;
}

export function recallPdfBytes(db: Database.Database, lotId: string, o: PdfOptions): Promise<Buffer> {
  const report = buildRecallReport(db, lotId, o.now);
  return renderPdf(recallDocument(report, { lang: o.lang, source: stationSource(db, o.lang), generatedAt: report.generatedAt }), { size: o.size ?? 'A4' });
}

export function dhrPdfBytes(db: Database.Database, finishedLotId: string, o: PdfOptions): Promise<Buffer> {
  const d = deviceHistory(db, finishedLotId);
  return renderPdf(dhrDocument(d, { lang: o.lang, source: stationSource(db, o.lang), generatedAt: o.now.toISOString() }), { size: o.size ?? 'A4' });
}
