// Genealogy trace, defects → suspect lot → hold, recall report, device history record and
// supplier quality (issue 7). Queries read the projections and the log; the hold is a signed
// QA / supervisor act the engine follows at once (scans of a held lot are rejected).
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import type { StationContract } from '../../../shared/contract/station';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { csvCell, trace, traceEdges } from '../trace/genealogy';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

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

export function traceHandlers(rt: StationRuntime) {
  const sqlite = () => rt.store.sqlite;

  const lotTrace: QueryHandler<In<'trace.lot'>, Out<'trace.lot'>> = {
    kind: 'query',
    run(_ctx, input) {
      const t0 = performance.now();
      const nodes = trace(sqlite(), input.id, input.direction);
      return { root: input.id, direction: input.direction, nodes: nodes.map(({ quantity: _q, madeAt: _m, ...n }) => n), ms: performance.now() - t0 };
    },
  };

  const recordDefect: CommandHandler<In<'quality.record_defect'>, Out<'quality.record_defect'>> = {
    kind: 'command',
    run(ctx, input) {
      const kindRow = sqlite().prepare('SELECT 1 FROM lots WHERE lot_id = ? UNION SELECT 1 FROM produced_lots WHERE lot_id = ?').get(input.targetId, input.targetId);
      const isSerial = !kindRow && !!sqlite().prepare('SELECT 1 FROM genealogy_edges WHERE output_id = ? LIMIT 1').get(input.targetId);
      if (!kindRow && !isSerial) throw new StationError('not_found', `${input.targetId} is neither a lot nor a serial known at this station.`);
      // Suspects: the material lots it came from (received lots — supplier material — and batches).
      const back = traceEdges(sqlite(), input.targetId, 'backward').map((n) => n.lotId);
      if (input.suspectLotId && !back.includes(input.suspectLotId)) throw new StationError('invalid_input', `${input.suspectLotId} is not in the genealogy of ${input.targetId}.`);
      const suspectLotIds = input.suspectLotId ? [input.suspectLotId] : back;
      const e = ctx.emit('quality.defect_recorded', { targetId: input.targetId, targetKind: isSerial ? 'serial' : 'lot', description: input.description, suspectLotIds });
      const sharing = suspectLotIds.map((s) => ({
        suspectLotId: s,
        outputs: traceEdges(sqlite(), s, 'forward')
          .filter((n) => n.lotId !== input.targetId)
          .map((n) => ({ outputId: n.lotId, kind: n.outputKind, ambiguous: n.ambiguous })),
      }));
      return { defectSeq: e.seq, suspectLotIds, sharing };
    },
  };

  const hold: CommandHandler<In<'quality.hold'>, Out<'quality.hold'>> = {
    kind: 'command',
    run(ctx, input) {
      const lot = sqlite().prepare('SELECT status FROM lots WHERE lot_id = ?').get(input.lotId) as { status: string } | undefined;
      if (!lot) throw new StationError('not_found', `Lot ${input.lotId} is not known at this station.`);
      if (lot.status === 'on_hold') throw new StationError('conflict', `Lot ${input.lotId} is already on hold.`);
      ctx.emit('lot.held', { lotId: input.lotId, ...(input.defectSeq ? { defectSeq: input.defectSeq } : {}) }, { signed: true, reason: input.signature.reason });
      return { lotId: input.lotId, status: 'on_hold' };
    },
  };

  const recallReport: QueryHandler<In<'quality.recall_report'>, Out<'quality.recall_report'>> = {
    kind: 'query',
    run(ctx, input) {
      const nodes = trace(sqlite(), input.lotId, 'forward');
      const rows = nodes.map((n) => ({ outputId: n.lotId, kind: n.kind, itemId: n.itemId, quantity: n.quantity, status: n.status, workOrderId: n.workOrderId, station: n.station, madeAt: n.madeAt, ambiguous: n.ambiguous }));
      const finished = rows.filter((r) => r.kind === 'finished_lot');
      const serials = rows.filter((r) => r.kind === 'serial');
      const header = ['output', 'kind', 'item', 'quantity', 'status', 'work_order', 'station', 'made_at', 'ambiguous'];
      const csv = [header.join(','), ...rows.map((r) => [r.outputId, r.kind, r.itemId, r.quantity, r.status, r.workOrderId, r.station, r.madeAt, r.ambiguous].map(csvCell).join(','))].join('\r\n') + '\r\n';
      return {
        lotId: input.lotId,
        generatedAt: ctx.now.toISOString(),
        rows,
        totals: { finishedLots: finished.length, serials: serials.length, quantity: [...finished, ...serials].reduce((a, r) => a + (r.quantity ?? 0), 0) },
        csv,
      };
    },
  };

  const dhr: QueryHandler<In<'quality.dhr'>, Out<'quality.dhr'>> = {
    kind: 'query',
    run(_ctx, input) {
      const db = sqlite();
      const lot = db.prepare("SELECT * FROM produced_lots WHERE lot_id = ? AND kind = 'finished_lot'").get(input.finishedLotId) as
        | { lot_id: string; item_id: string; work_order_id: string; mode: string | null; state: string; quantity: number }
        | undefined;
      if (!lot) throw new StationError('not_found', `No finished lot ${input.finishedLotId} at this station.`);
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
        .map((e) => {
          const s = e.signature ? (JSON.parse(e.signature) as { signerName: string; meaning: string; signedAt: string; reason: string }) : null;
          return { seq: e.seq, at: e.wall_time, type: e.type, actor: e.actor ? (names.get(e.actor) ?? e.actor) : null, summary: summary(e), signature: s && { signerName: s.signerName, meaning: s.meaning, signedAt: s.signedAt, reason: s.reason } };
        });
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
    },
  };

  const supplierRates: QueryHandler<In<'quality.supplier_rates'>, Out<'quality.supplier_rates'>> = {
    kind: 'query',
    run() {
      // Per supplier lot: direct outputs made from it, and defects naming it as a suspect.
      const rows = sqlite()
        .prepare(
          `SELECT l.supplier_id AS supplierId, l.supplier_lot AS supplierLot, l.lot_id AS lotId,
                  (SELECT count(*) FROM genealogy_edges g WHERE g.input_lot_id = l.lot_id) AS outputs,
                  (SELECT count(*) FROM defects d, json_each(d.suspect_lot_ids) j WHERE j.value = l.lot_id) AS defects
             FROM lots l WHERE l.supplier_lot IS NOT NULL ORDER BY l.supplier_id, l.lot_id`,
        )
        .all() as Array<{ supplierId: string | null; supplierLot: string | null; lotId: string; outputs: number; defects: number }>;
      const bySupplier = new Map<string | null, { outputs: number; defects: number }>();
      for (const r of rows) {
        const s = bySupplier.get(r.supplierId) ?? { outputs: 0, defects: 0 };
        s.outputs += r.outputs;
        s.defects += r.defects;
        bySupplier.set(r.supplierId, s);
      }
      const rate = (d: number, o: number) => (o === 0 ? (d > 0 ? 1 : 0) : d / o);
      return [
        ...[...bySupplier].map(([supplierId, s]) => ({ supplierId, supplierLot: null, lotId: null, outputs: s.outputs, defects: s.defects, rate: rate(s.defects, s.outputs) })),
        ...rows.map((r) => ({ ...r, rate: rate(r.defects, r.outputs) })),
      ];
    },
  };

  return { lotTrace, recordDefect, hold, recallReport, dhr, supplierRates };
}
