// Genealogy trace, defects → suspect lot → hold, recall report, device history record and
// supplier quality (issue 7); trace and DHR take a finished lot or a serial. Queries read the
// projections and the log; the hold is a signed QA / supervisor act the engine follows at
// once (scans of a held lot are rejected).
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import type { StationContract } from '../../../shared/contract/station';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { trace, traceEdges } from '../trace/genealogy';
import { buildRecallReport, deviceHistory, dhrPdfBytes, recallPdfBytes } from '../trace/reports';
import { reportFilename } from '../../../shared/reports/document';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

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
    run: (ctx, input) => buildRecallReport(sqlite(), input.lotId, ctx.now),
  };

  /** The id whose DHR is asked for; a caller that said `finishedLotId` or `serial` gets only that kind. */
  const dhrId = (input: { id?: string | undefined; finishedLotId?: string | undefined; serial?: string | undefined }): string => {
    const isSerial = (x: string) => !!sqlite().prepare('SELECT 1 FROM serials WHERE serial = ?').get(x);
    if (input.serial !== undefined && !isSerial(input.serial)) throw new StationError('not_found', `No serial ${input.serial} was packed at this station.`);
    if (input.finishedLotId !== undefined && isSerial(input.finishedLotId)) throw new StationError('not_found', `${input.finishedLotId} is a serial, not a finished lot: ask with serial or id.`);
    return (input.id ?? input.finishedLotId ?? input.serial)!;
  };

  const dhr: QueryHandler<In<'quality.dhr'>, Out<'quality.dhr'>> = {
    kind: 'query',
    run: (_ctx, input) => deviceHistory(sqlite(), dhrId(input)),
  };

  // The same reports as PDF (base64 in the JSON envelope): built from the same data, drawn
  // by the one renderer the central server uses too.
  const recallPdf: QueryHandler<In<'quality.recall_pdf'>, Out<'quality.recall_pdf'>> = {
    kind: 'query',
    async run(ctx, input) {
      const pdf = await recallPdfBytes(sqlite(), input.lotId, { lang: input.lang, now: ctx.now, size: input.paper, timeZone: input.timeZone });
      return { filename: reportFilename('recall', input.lotId), base64: pdf.toString('base64'), bytes: pdf.length };
    },
  };

  const dhrPdf: QueryHandler<In<'quality.dhr_pdf'>, Out<'quality.dhr_pdf'>> = {
    kind: 'query',
    async run(ctx, input) {
      const id = dhrId(input);
      const pdf = await dhrPdfBytes(sqlite(), id, { lang: input.lang, now: ctx.now, size: input.paper, timeZone: input.timeZone });
      return { filename: reportFilename('DHR', id), base64: pdf.toString('base64'), bytes: pdf.length };
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

  return { lotTrace, recordDefect, hold, recallReport, dhr, recallPdf, dhrPdf, supplierRates };
}
