// The recall report and the device history record of issue 7, read from a station store:
// used by the station's queries (on screen, CSV, printable HTML, PDF) and by `lotline trace
// --recall/--dhr --pdf`, which reads the store file without a running station.
import type Database from 'better-sqlite3';
import { StationError } from '../../../shared/contract/errors';
import type { Dhr, RecallReport } from '../../../shared/contract/packing';
import type { EventPayload } from '../../../shared/events/types';
import { dhrDocument } from '../../../shared/reports/dhr';
import type { ReportLang } from '../../../shared/reports/document';
import { reportLabels } from '../../../shared/reports/labels';
import { reportZone } from '../../../shared/reports/time';
import { recallDocument } from '../../../shared/reports/recall';
import { renderPdf, type PaperSize } from '../../node/pdf/render';
import { ofTypes } from '../store/audit-index';
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
  // A packed serial is one unit of its finished lot: when that lot is in the report, its
  // quantity already counts the unit (board serials and serials of lots not listed count alone).
  const lotOf = db.prepare('SELECT finished_lot_id FROM serials WHERE serial = ?').pluck();
  const finishedIds = new Set(finished.map((r) => r.outputId));
  const standalone = serials.filter((r) => !finishedIds.has((lotOf.get(r.outputId) as string | undefined) ?? ''));
  const header = ['output', 'kind', 'item', 'quantity', 'status', 'work_order', 'station', 'made_at', 'ambiguous'];
  const csv = [header.join(','), ...rows.map((r) => [r.outputId, r.kind, r.itemId, r.quantity, r.status, r.workOrderId, r.station, r.madeAt, r.ambiguous].map(csvCell).join(','))].join('\r\n') + '\r\n';
  // The latest block of each lot that is blocked now (a released lot's old hold is history, not
  // recall): signed here, or pulled from the central server (its QA, or another station's hold).
  const held = db
    .prepare(
      `SELECT e.seq, e.wall_time, e.type, e.signature, e.payload, json_extract(e.payload, '$.lotId') AS lot_id,
              coalesce(l.status, c.status) AS now_status
         FROM events e
         LEFT JOIN lots l ON l.lot_id = json_extract(e.payload, '$.lotId')
         LEFT JOIN lot_central_status c ON c.lot_id = json_extract(e.payload, '$.lotId')
        WHERE ${ofTypes(['lot.held', 'lot.status_changed'], 'e')}
          AND (e.type = 'lot.held' OR (e.type = 'lot.status_changed' AND json_extract(e.payload, '$.status') IN ('on_hold', 'recalled', 'rejected')))
          AND json_extract(e.payload, '$.lotId') IN (SELECT value FROM json_each(?))
        ORDER BY e.seq`,
    )
    .all(JSON.stringify([lotId, ...rows.map((r) => r.outputId)])) as Array<{ seq: number; wall_time: string; type: string; signature: string | null; payload: string; lot_id: string; now_status: string | null }>;
  const blocking = new Set(['on_hold', 'recalled', 'rejected']);
  const latest = new Map(held.filter((h) => h.now_status !== null && blocking.has(h.now_status)).map((h) => [h.lot_id, h]));
  return {
    lotId,
    generatedAt: now.toISOString(),
    rows,
    totals: { finishedLots: finished.length, serials: serials.length, quantity: [...finished, ...standalone].reduce((a, r) => a + (r.quantity ?? 0), 0) },
    holds: [...latest.values()].map((h) => {
      if (h.type === 'lot.held') return { lotId: h.lot_id, seq: h.seq, at: h.wall_time, signature: signatureOf(h.signature), status: 'on_hold' as const };
      const p = JSON.parse(h.payload) as EventPayload<'lot.status_changed'>;
      return { lotId: h.lot_id, seq: h.seq, at: p.at, signature: null, status: p.status as 'on_hold' | 'recalled' | 'rejected', placedAt: p.fromStationId ?? 'central', byName: p.byName, reason: p.reason };
    }),
    csv,
  };
}

interface SerialRow {
  serial: string;
  item_id: string;
  number: number;
  finished_lot_id: string;
  assigned_seq: number;
  assigned_at: string;
  assigned_by: string | null;
  box_no: number | null;
}

/**
 * The device history record of a finished lot, or of one serial: the record of its finished
 * lot with a section of the serial's own (when and by whom it was assigned, how the unit was
 * counted, its box, its material lots, defects against it). `id` names either.
 */
export function deviceHistory(db: Database.Database, id: string): Dhr {
  const serialRow = db.prepare('SELECT * FROM serials WHERE serial = ?').get(id) as SerialRow | undefined;
  const finishedLotId = serialRow ? serialRow.finished_lot_id : id;
  const lot = db.prepare("SELECT * FROM produced_lots WHERE lot_id = ? AND kind = 'finished_lot'").get(finishedLotId) as
    | { lot_id: string; item_id: string; work_order_id: string; mode: string | null; state: string; quantity: number }
    | undefined;
  if (!lot) throw new StationError('not_found', `${id} is neither a finished lot nor a serial packed at this station.`);
  const back = trace(db, lot.lot_id, 'backward');
  const closedRow = db.prepare(`SELECT payload FROM events WHERE ${ofTypes(['packing.lot_closed'])} AND json_extract(payload, '$.finishedLotId') = ?`).get(lot.lot_id) as { payload: string } | undefined;
  const closed = closedRow ? (JSON.parse(closedRow.payload) as { bomId: string; revision: string; materials: unknown; labels: unknown; serials?: unknown; unitLabels?: unknown }) : null;
  const bom = closed ? { bomId: closed.bomId, revision: closed.revision } : (db.prepare('SELECT b.bom_id AS bomId, b.revision FROM work_orders w JOIN boms b ON b.bom_id = w.bom_id WHERE w.work_order_id = ?').get(lot.work_order_id) as { bomId: string; revision: string } | undefined);
  const batchIds = back.filter((n) => n.kind === 'molding_batch').map((n) => n.lotId);
  const batches = batchIds.map((id) => {
    const r = db.prepare('SELECT details, quantity FROM produced_lots WHERE lot_id = ?').get(id) as { details: string; quantity: number };
    const d = JSON.parse(r.details) as Record<string, unknown> & { machine: string; mold: string; resinLotId: string };
    const { machine, mold, resinLotId, batchLotId: _b, ...params } = d;
    return { batchLotId: id, machine, mold, resinLotId, quantity: r.quantity, params };
  });
  const labelIds = db.prepare('SELECT label_id FROM labels WHERE lot_id = ?').pluck().all(lot.lot_id) as string[];
  const serialIds = db.prepare('SELECT serial FROM serials WHERE finished_lot_id = ? ORDER BY assigned_seq, number').pluck().all(lot.lot_id) as string[];
  const ids = [lot.lot_id, ...batchIds];
  // Defects are recorded against the lot, a batch or a unit's serial: all belong to this record.
  const defectTargets = JSON.stringify([...ids, ...serialIds]);
  const ph = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const evs = db
    .prepare(
      `SELECT seq, wall_time, type, actor, payload, reason, signature FROM events WHERE
         (type LIKE 'packing.%' AND json_extract(payload, '$.finishedLotId') IN (${ph(ids.length)}))
      OR (type LIKE 'molding.%' AND json_extract(payload, '$.batchLotId') IN (${ph(ids.length)}))
      OR (type = 'quality.defect_recorded' AND json_extract(payload, '$.targetId') IN (SELECT value FROM json_each(?)))
      OR (type = 'lot.held' AND json_extract(payload, '$.lotId') IN (${ph(ids.length)}))
      OR (type = 'operation.passed' AND json_extract(payload, '$.lotId') IN (${ph(ids.length)}))
      OR (type LIKE 'label.%' AND json_extract(payload, '$.labelId') IN (SELECT value FROM json_each(?)))
      OR (type = 'label.reconciled' AND json_extract(payload, '$.lotId') = ?)
      OR (type = 'scan.verdict' AND json_extract(payload, '$.finishedLotId') = ?)
      ORDER BY seq`,
    )
    .all(...ids, ...ids, defectTargets, ...ids, ...ids, JSON.stringify(labelIds), lot.lot_id, lot.lot_id) as EvRow[];
  // The verdicts of the material scans — every one given for this lot, refused and unanswered
  // ones too (an attempt to use the wrong material belongs in its record), and those a use
  // points to — and what answered them (acknowledgement, override).
  const verdictSeqs = evs.flatMap((e) => {
    if (e.type === 'scan.verdict') return [e.seq];
    const p = JSON.parse(e.payload) as { verdictSeq?: number; resinVerdictSeq?: number };
    return [p.verdictSeq, p.resinVerdictSeq].filter((x): x is number => typeof x === 'number');
  });
  const verdicts = verdictSeqs.length
    ? (db
        .prepare(`SELECT seq, wall_time, type, actor, payload, reason, signature FROM events WHERE seq IN (${ph(verdictSeqs.length)}) OR (${ofTypes(['scan.verdict_acknowledged', 'scan.verdict_overridden'])} AND json_extract(payload, '$.verdictSeq') IN (${ph(verdictSeqs.length)}))`)
        .all(...verdictSeqs, ...verdictSeqs) as EvRow[])
    : [];
  const names = new Map((db.prepare('SELECT user_id, name FROM users').all() as Array<{ user_id: string; name: string }>).map((u) => [u.user_id, u.name]));
  const records = [...evs, ...verdicts]
    .sort((a, b) => a.seq - b.seq)
    .filter((e, i, a) => i === 0 || a[i - 1]!.seq !== e.seq)
    .map((e) => ({ seq: e.seq, at: e.wall_time, type: e.type, actor: e.actor ? (names.get(e.actor) ?? e.actor) : null, summary: summary(e), signature: signatureOf(e.signature) }));
  const defects = (db.prepare('SELECT defect_seq, target_id, description, recorded_at FROM defects WHERE target_id IN (SELECT value FROM json_each(?)) ORDER BY defect_seq').all(defectTargets) as Array<{ defect_seq: number; target_id: string; description: string; recorded_at: string }>).map((d) => ({
    defectSeq: d.defect_seq,
    targetId: d.target_id,
    description: d.description,
    recordedAt: d.recorded_at,
  }));
  const materials = back.map((n) => ({ lotId: n.lotId, itemId: n.itemId, kind: n.kind, depth: n.depth, supplierLot: n.supplierLot }));
  const serials = serialIds.length ? { count: serialIds.length, first: serialIds[0]!, last: serialIds.at(-1)! } : null;
  const serial = serialRow ? serialSection(db, serialRow, names, defects) : null;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>DHR ${esc(serial?.serial ?? lot.lot_id)}</title><style>body{font:12px sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 4px;text-align:left}</style></head><body>
<h1>Device history record — ${serial ? `serial ${esc(serial.serial)} · finished lot ` : ''}${esc(lot.lot_id)}</h1>
${
  serial
    ? `<h2>Serial ${esc(serial.serial)}</h2><p>Item ${esc(serial.itemId)} · number ${serial.number} · assigned ${esc(serial.assignedAt)} by ${esc(serial.assignedBy)} (record #${serial.assignedSeq}) · counted ${esc(serial.method)} · ${serial.box ? `box ${serial.box.boxNo}${serial.box.grams !== null ? `, ${serial.box.grams} g (target ${serial.box.targetGrams} g) ${serial.box.ok ? 'OK' : 'NOT OK'}` : ''}` : 'not yet in a weighed box'}</p>
<table><tr><th>material lot of this unit</th><th>item</th><th>candidate</th></tr>${serial.materials.map((m) => `<tr><td>${esc(m.lotId)}</td><td>${esc(m.itemId)}</td><td>${m.ambiguous ? 'yes' : ''}</td></tr>`).join('')}</table>
<h3>Unit label</h3>${serial.labels.length ? `<ul>${serial.labels.map((l) => `<li>${esc(l.labelId)} · ${esc(l.state)} · issued ${esc(l.issuedAt)} by ${esc(l.issuedBy)} · printed ${esc(l.printedAt ?? '—')} · verified ${esc(l.verifiedAt ?? '—')}${l.voidedAt ? ` · voided ${esc(l.voidedAt)}: ${esc(l.voidReason)}` : ''}${l.reprintOf ? ` · reprint of ${esc(l.reprintOf)}` : ''}</li>`).join('')}</ul>` : '<p>no unit label issued</p>'}
<h3>Defects against this serial</h3>${serial.defects.length ? `<ul>${serial.defects.map((d) => `<li>#${d.defectSeq} ${esc(d.recordedAt)}: ${esc(d.description)}</li>`).join('')}</ul>` : '<p>none</p>'}`
    : ''
}
<p>Product ${esc(lot.item_id)} · work order ${esc(lot.work_order_id)} · BOM ${esc(bom?.bomId)} rev ${esc(bom?.revision)} · mode ${esc(lot.mode)} · ${esc(lot.state)} · quantity ${lot.quantity}${serials ? ` · serials ${serials.count}: ${esc(serials.first)} – ${esc(serials.last)}` : ''}</p>
<h2>Materials and batches</h2><table><tr><th>lot</th><th>item</th><th>kind</th><th>level</th><th>supplier lot</th></tr>${materials.map((m) => `<tr><td>${esc(m.lotId)}</td><td>${esc(m.itemId)}</td><td>${esc(m.kind)}</td><td>${m.depth}</td><td>${esc(m.supplierLot)}</td></tr>`).join('')}</table>
${batches.map((b) => `<p>Batch ${esc(b.batchLotId)}: machine ${esc(b.machine)}, mold ${esc(b.mold)}, resin ${esc(b.resinLotId)}, ${b.quantity} parts; ${esc(Object.entries(b.params).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', '))}</p>`).join('')}
<h2>Record</h2><table><tr><th>#</th><th>time</th><th>event</th><th>by</th><th>details</th><th>signature (printed name · meaning · time · reason)</th></tr>${records.map((r) => `<tr><td>${r.seq}</td><td>${esc(r.at)}</td><td>${esc(r.type)}</td><td>${esc(r.actor)}</td><td>${esc(r.summary)}</td><td>${r.signature ? `${esc(r.signature.signerName)} · ${esc(r.signature.meaning)} · ${esc(r.signature.signedAt)} · ${esc(r.signature.reason)}` : ''}</td></tr>`).join('')}</table>
<h2>Defects</h2>${defects.length ? `<ul>${defects.map((d) => `<li>#${d.defectSeq} ${esc(d.recordedAt)} (${esc(d.targetId)}): ${esc(d.description)}</li>`).join('')}</ul>` : '<p>none</p>'}
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
    reconciliation: closed ? { materials: closed.materials, labels: closed.labels, ...(closed.serials ? { serials: closed.serials } : {}), ...(closed.unitLabels ? { unitLabels: closed.unitLabels } : {}) } : null,
    defects,
    serials,
    serial,
    html,
  };
}

/** A serial's own part of its DHR: its assignment, its box, its material lots, defects against it. */
function serialSection(db: Database.Database, s: SerialRow, names: ReadonlyMap<string, string>, defects: Dhr['defects']): NonNullable<Dhr['serial']> {
  const assigned = db.prepare('SELECT payload FROM events WHERE seq = ?').get(s.assigned_seq) as { payload: string } | undefined;
  const method = assigned ? ((JSON.parse(assigned.payload) as { method?: string }).method ?? null) : null;
  // The weighing that put the unit in its box: the passing one that listed this serial.
  const weighed =
    s.box_no === null
      ? undefined
      : (db
          .prepare(`SELECT payload FROM events WHERE ${ofTypes(['packing.box_weighed'])} AND json_extract(payload, '$.finishedLotId') = ? AND json_extract(payload, '$.boxNo') = ? AND ? IN (SELECT value FROM json_each(payload, '$.serials')) ORDER BY seq DESC LIMIT 1`)
          .get(s.finished_lot_id, s.box_no, s.serial) as { payload: string } | undefined);
  const w = weighed ? (JSON.parse(weighed.payload) as { grams: number; targetGrams: number; ok: boolean }) : null;
  const materials = (
    db
      .prepare('SELECT g.input_lot_id AS lotId, coalesce(l.item_id, p.item_id) AS itemId, g.ambiguous FROM genealogy_edges g LEFT JOIN lots l ON l.lot_id = g.input_lot_id LEFT JOIN produced_lots p ON p.lot_id = g.input_lot_id WHERE g.output_id = ? AND g.input_lot_id <> ? ORDER BY g.input_lot_id')
      .all(s.serial, s.finished_lot_id) as Array<{ lotId: string; itemId: string | null; ambiguous: number }>
  ).map((m) => ({ lotId: m.lotId, itemId: m.itemId, ambiguous: m.ambiguous === 1 }));
  return {
    serial: s.serial,
    itemId: s.item_id,
    number: s.number,
    assignedSeq: s.assigned_seq,
    assignedAt: s.assigned_at,
    assignedBy: s.assigned_by ? (names.get(s.assigned_by) ?? s.assigned_by) : null,
    method,
    box: s.box_no === null ? null : { boxNo: s.box_no, grams: w?.grams ?? null, targetGrams: w?.targetGrams ?? null, ok: w?.ok ?? null },
    materials,
    defects: defects.filter((d) => d.targetId === s.serial).map(({ targetId: _t, ...d }) => d),
    labels: unitLabelHistory(db, s.serial, names),
  };
}

/** The unit labels issued for a serial, in issue order, each with when it was issued, printed, verified or voided (and why). */
function unitLabelHistory(db: Database.Database, serial: string, names: ReadonlyMap<string, string>): NonNullable<Dhr['serial']>['labels'] {
  const labels = db.prepare('SELECT label_id AS labelId, state, reprint_of AS reprintOf, issued_seq AS issuedSeq, issued_at AS issuedAt FROM labels WHERE serial = ? ORDER BY issued_seq').all(serial) as Array<{ labelId: string; state: string; reprintOf: string | null; issuedSeq: number; issuedAt: string }>;
  const eventsOf = db.prepare(`SELECT type, wall_time AS at, actor, reason FROM events WHERE seq >= ? AND ${ofTypes(['label.printed', 'label.verified', 'label.voided'])} AND json_extract(payload, '$.labelId') = ? ORDER BY seq`);
  const issuer = db.prepare('SELECT actor FROM events WHERE seq = ?').pluck();
  return labels.map((l) => {
    const evs = eventsOf.all(l.issuedSeq, l.labelId) as Array<{ type: string; at: string; actor: string | null; reason: string | null }>;
    const first = (type: string) => evs.find((e) => e.type === type);
    const by = issuer.get(l.issuedSeq) as string | null | undefined;
    return {
      labelId: l.labelId,
      state: l.state,
      issuedAt: l.issuedAt,
      issuedBy: by ? (names.get(by) ?? by) : null,
      printedAt: first('label.printed')?.at ?? null,
      verifiedAt: first('label.verified')?.at ?? null,
      voidedAt: first('label.voided')?.at ?? null,
      voidReason: first('label.voided')?.reason ?? null,
      reprintOf: l.reprintOf,
    };
  });
}

/** "Station PK-1 (Cleanroom packing 1)", in the report's language. */
export function stationSource(db: Database.Database, lang: ReportLang): string {
  const row = db.prepare('SELECT station_id AS id, name FROM station LIMIT 1').get() as { id: string; name: string | null } | undefined;
  const word = reportLabels(lang).station;
  if (!row) return word;
  return row.name ? `${word} ${row.id} (${row.name})` : `${word} ${row.id}`;
}

/**
 * The zone a station's reports print in: the one asked for (CLI --tz, API timeZone), else the
 * station's configured zone, else the process's. Every source is checked: an unknown zone
 * throws TimeZoneError (a stored one too — a zone the ICU of this build no longer knows).
 */
export function reportTimeZone(db: Database.Database, asked?: string): string {
  const row = db.prepare('SELECT time_zone AS tz FROM station LIMIT 1').get() as { tz: string | null } | undefined;
  return reportZone(row?.tz, asked);
}

export interface PdfOptions {
  readonly lang: ReportLang;
  readonly now: Date;
  readonly size?: PaperSize;
  /** Overrides the station's zone (see reportTimeZone). */
  readonly timeZone?: string | undefined;
}

export function recallPdfBytes(db: Database.Database, lotId: string, o: PdfOptions): Promise<Buffer> {
  const report = buildRecallReport(db, lotId, o.now);
  const timeZone = reportTimeZone(db, o.timeZone);
  return renderPdf(recallDocument(report, { lang: o.lang, source: stationSource(db, o.lang), generatedAt: report.generatedAt, timeZone }), { size: o.size ?? 'A4' });
}

/** `id`: a finished lot or a serial. */
export function dhrPdfBytes(db: Database.Database, id: string, o: PdfOptions): Promise<Buffer> {
  const d = deviceHistory(db, id);
  const timeZone = reportTimeZone(db, o.timeZone);
  return renderPdf(dhrDocument(d, { lang: o.lang, source: stationSource(db, o.lang), generatedAt: o.now.toISOString(), timeZone }), { size: o.size ?? 'A4' });
}
