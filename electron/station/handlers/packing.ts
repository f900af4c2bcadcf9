// The cleanroom packing line (issue 7): a line clearance signed by the packer and verified by
// a second person before each finished lot; packaging and molded-component lots scanned and
// verified by the engine with the packing context (clearance, segregation, BOM, status…);
// precise or close-approximation finished lots per product; count by weight on the scale or by
// unit; box check-weight; lot close with label and material reconciliation, signed. A
// serialized product's units get serial numbers as they are counted (shared/rules/packing/
// serials.ts says why the numbers come from the server's blocks), each linked to the finished
// lot and its material lots; a box that passes its check-weight takes the next unboxed ones.
// Each serial gets its unit label (the lot label's UDI with (21) serial) through the same label
// issue and print queue as lot labels, is verified by scan-back, and the close requires one
// verified unit label per serial (shared/rules/packing/unit-labels.ts).
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { PackingLotView } from '../../../shared/contract/packing';
import type { StationContract } from '../../../shared/contract/station';
import { countPieces, pieceWeight } from '../../../shared/devices/count-by-weight';
import type { EventPayload } from '../../../shared/events/types';
import { ofTypes } from '../store/audit-index';
import type { ItemId, LotId, WorkOrderId } from '../../../shared/ids';
import { checklistProblems, clearanceMessage, type ClearanceProblem, verifierProblems } from '../../../shared/rules/packing/clearance';
import { ambiguousItems, decideMaterial, packingModeFor, type PackingMode } from '../../../shared/rules/packing/lot-split';
import { assignSerials, type BoxProblem, boxSerials, chunks, rangesOf, serialMessage, type SerialProblem, serialSpan } from '../../../shared/rules/packing/serials';
import { checkWeight, labelsBalanced, latestPerBox, nextBoxNo, reconcileMaterials } from '../../../shared/rules/packing/reconcile';
import {
  UNIT_LABEL_TEMPLATE,
  UNIT_LABELS_PER_PRINT,
  reconcileUnitLabels,
  serialRuns,
  serialsToLabel,
  unitDataMessage,
  type UnitDataProblem,
  unitLabelData,
  unitLabelMessage,
  unitLabelProblems,
  unitLabelsAwaitingScan,
  unitLabelsToReprint,
  type UnitLabel,
} from '../../../shared/rules/packing/unit-labels';
import type { LabelData } from '../../../shared/label/bind';
import { changedSince } from '../../../shared/rules/answer';
import { verifyScan } from '../../../shared/rules/verify';
import type { CommandHandler, QueryContext, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { recordVerdict, verdictView } from '../workflows/views';
import { issueBatch, labelHandlers, labelRow, noLabelPrinter, otherBarcodeError, renderForPrint, scanBack, type Rendered } from './labels';
import { mustScan, mustStillApply } from './smt';
import { stationLotId } from '../../../shared/rules/produced-lot-id';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

interface LineLot {
  finishedLotId: string;
  workOrderId: string;
  productItemId: string;
  mode: PackingMode;
  state: PackingLotView['state'];
  performedSeq: number;
  /** The performer's user id: the second person must be someone else. */
  performedBy: string | null;
  performedByName: string | null;
  verifiedBy: string | null;
}

const json = <T>(s: string) => JSON.parse(s) as T;

/** A serial or box problem as a refusal the packer reads in their language (serialMessage is the English). */
function serialRefusal(itemId: string, p: SerialProblem | BoxProblem): StationError {
  const message = serialMessage(itemId, p);
  switch (p.code) {
    case 'no_prefix':
      return refusal('conflict', 'serial_no_prefix', { itemId }, message);
    case 'not_enough':
      return refusal('conflict', 'serial_not_enough', { itemId, wanted: p.wanted, held: p.held }, message);
    case 'too_long':
      return refusal('conflict', 'serial_too_long', { itemId, serial: p.serial }, message);
    case 'taken':
      return refusal('conflict', 'serial_taken', { itemId, serial: p.serial }, message);
    case 'partial_unit':
      return refusal('conflict', 'serial_partial_unit', { pieces: p.pieces, perUnit: p.perUnit }, message);
    case 'not_counted':
      return refusal('conflict', 'serial_not_counted', { units: p.units, unboxed: p.unboxed }, message);
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** Clearance problems as one refusal: all of them in the English message, the first one said in the packer's language. */
function clearanceRefusal(code: 'invalid_input' | 'forbidden' | 'conflict', problems: readonly ClearanceProblem[]): StationError {
  const message = problems.map(clearanceMessage).join(' ');
  const p = problems[0]!;
  switch (p.code) {
    case 'item_missing':
      return refusal(code, 'clearance_item_missing', { item: p.item }, message);
    case 'item_not_ok':
      return refusal(code, 'clearance_item_not_ok', { item: p.item }, message);
    case 'same_signer':
      return refusal(code, 'clearance_same_signer', {}, message);
    case 'verifier_role':
      return refusal(code, 'clearance_verifier_role', {}, message);
    case 'not_performed':
      return refusal(code, 'clearance_not_performed', {}, message);
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** Why a unit label cannot take its data from the lot label, as a refusal (unitDataMessage is the English). */
function unitDataRefusal(lot: string, itemId: string, p: UnitDataProblem): StationError {
  const message = unitDataMessage(lot, itemId, p);
  switch (p.code) {
    case 'no_lot_label':
      return refusal('conflict', 'unit_label_no_lot_label', { lot, itemId }, message);
    case 'lot_labels_differ':
      return refusal('conflict', 'unit_label_lot_labels_differ', { lot, itemId, field: p.field }, message);
    case 'lot_label_other_lot':
      return refusal('conflict', 'unit_label_lot_label_other_lot', { lot, itemId, lot2: p.lot }, message);
    case 'no_gtin':
      return refusal('conflict', 'unit_label_no_gtin', { lot, itemId }, message);
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** A sample the scale cannot count from; the English names the numbers, so does the packer's sentence. */
function weightRefusal(pw: Exclude<ReturnType<typeof pieceWeight>, { ok: true }>, pieces: number, grams: number, readability: number): StationError {
  if (pw.reason === 'sample_too_light') return refusal('invalid_input', 'sample_too_light', { pieces, grams, minGrams: pw.minSampleGrams, readability }, pw.message);
  if (pw.reason === 'piece_too_light') return refusal('invalid_input', 'piece_too_light', { pieceGrams: grams / pieces, readability }, pw.message);
  return new StationError('invalid_input', pw.message);
}

/** The line's current finished lot: the last clearance performed on it, and how far it got. */
export function currentLineLot(sqlite: Database.Database, lineId: string): LineLot | null {
  const perf = sqlite
    .prepare(`SELECT seq, payload, signature FROM events WHERE ${ofTypes(['packing.clearance_performed'])} AND json_extract(payload, '$.lineId') = ? ORDER BY seq DESC LIMIT 1`)
    .get(lineId) as { seq: number; payload: string; signature: string | null } | undefined;
  if (!perf) return null;
  const p = json<EventPayload<'packing.clearance_performed'>>(perf.payload);
  const ver = sqlite
    .prepare(`SELECT signature FROM events WHERE ${ofTypes(['packing.clearance_signed'])} AND json_extract(payload, '$.finishedLotId') = ? LIMIT 1`)
    .get(p.finishedLotId) as { signature: string | null } | undefined;
  const row = sqlite.prepare('SELECT state FROM produced_lots WHERE lot_id = ?').get(p.finishedLotId) as { state: string } | undefined;
  const sigName = (s: string | null | undefined) => (s ? json<{ signerName: string }>(s).signerName : null);
  return {
    finishedLotId: p.finishedLotId,
    workOrderId: p.workOrderId,
    productItemId: p.productItemId,
    mode: p.mode,
    state: row?.state === 'closed' ? 'closed' : row ? 'open' : 'clearance_pending',
    performedSeq: perf.seq,
    performedBy: perf.signature ? json<{ signerId: string }>(perf.signature).signerId : null,
    performedByName: sigName(perf.signature),
    verifiedBy: sigName(ver?.signature),
  };
}

function materialsOf(sqlite: Database.Database, finishedLotId: string): Array<{ itemId: string; lotId: string; candidate: boolean }> {
  return (
    sqlite.prepare(`SELECT payload FROM events WHERE ${ofTypes(['packing.material_used'])} AND json_extract(payload, '$.finishedLotId') = ? ORDER BY seq`).all(finishedLotId) as Array<{ payload: string }>
  ).map((r) => {
    const m = json<EventPayload<'packing.material_used'>>(r.payload);
    return { itemId: m.itemId, lotId: m.lotId, candidate: m.candidate };
  });
}

/** Serials of a finished lot in the order they were counted, with their box (null: not in a weighed box yet). */
export function serialsOfLot(sqlite: Database.Database, finishedLotId: string): Array<{ serial: string; boxNo: number | null }> {
  return sqlite.prepare('SELECT serial, box_no AS boxNo FROM serials WHERE finished_lot_id = ? ORDER BY assigned_seq, number').all(finishedLotId) as Array<{ serial: string; boxNo: number | null }>;
}

/** Whether an id already names something at this station (a serial, a lot, a board): a new serial must not. */
function idInUse(sqlite: Database.Database, id: string): boolean {
  return !!sqlite.prepare('SELECT 1 FROM serials WHERE serial = @id UNION ALL SELECT 1 FROM genealogy_edges WHERE output_id = @id UNION ALL SELECT 1 FROM lots WHERE lot_id = @id UNION ALL SELECT 1 FROM produced_lots WHERE lot_id = @id LIMIT 1').get({ id });
}

/** A finished lot's unit labels (labels issued for one of its serials), in issue order. */
function unitLabelsOf(sqlite: Database.Database, finishedLotId: string): UnitLabel[] {
  return (
    sqlite.prepare('SELECT label_id AS labelId, serial, state, printed, verified FROM labels WHERE lot_id = ? AND serial IS NOT NULL ORDER BY issued_seq').all(finishedLotId) as Array<{ labelId: string; serial: string; state: UnitLabel['state']; printed: number; verified: number }>
  ).map((l) => ({ ...l, printed: l.printed === 1, verified: l.verified === 1 }));
}

/** The data of the lot's lot labels in force (printed from the Labels screen), oldest first: what a unit label repeats. */
function lotLabelData(sqlite: Database.Database, finishedLotId: string): Array<Record<string, string | number | boolean | null>> {
  return (
    sqlite
      .prepare("SELECT e.payload FROM labels l JOIN events e ON e.seq = l.issued_seq WHERE l.lot_id = ? AND l.serial IS NULL AND l.template_id = ? AND l.state <> 'voided' ORDER BY l.issued_seq")
      .pluck()
      .all(finishedLotId, UNIT_LABEL_TEMPLATE) as string[]
  ).map((p) => json<EventPayload<'label.issued'>>(p).data);
}

interface UnitPrint {
  readonly finishedLotId: string;
  readonly items: ReadonlyArray<{ readonly serial: string; readonly data: LabelData; readonly rendered: Rendered }>;
}

function ofLot<T extends 'packing.counted' | 'packing.box_weighed'>(sqlite: Database.Database, type: T, finishedLotId: string): Array<EventPayload<T>> {
  return (sqlite.prepare(`SELECT payload FROM events WHERE ${ofTypes([type])} AND json_extract(payload, '$.finishedLotId') = ? ORDER BY seq`).all(finishedLotId) as Array<{ payload: string }>).map((r) => json<EventPayload<T>>(r.payload));
}

export function packingHandlers(rt: StationRuntime) {
  const sqlite = () => rt.store.sqlite;
  const eng = () => rt.workflows;
  const labels = labelHandlers(rt);

  const bomOf = (workOrderId: string) => {
    const s = eng().snapshot;
    const wo = s.workOrders.get(workOrderId as WorkOrderId);
    const bom = wo ? s.boms.get(wo.bomId) : undefined;
    return { wo, bom };
  };

  const view = (lineId: string, cur: LineLot): PackingLotView => {
    const materials = materialsOf(sqlite(), cur.finishedLotId);
    const { bom } = bomOf(cur.workOrderId);
    const counted = ofLot(sqlite(), 'packing.counted', cur.finishedLotId);
    const piece = [...counted].reverse().find((c) => c.pieceGrams !== undefined)?.pieceGrams ?? null;
    const serials = serialsOfLot(sqlite(), cur.finishedLotId);
    return {
      lineId,
      finishedLotId: cur.finishedLotId,
      workOrderId: cur.workOrderId,
      productItemId: cur.productItemId,
      mode: cur.mode,
      state: cur.state,
      clearance: { performedBy: cur.performedByName, verifiedBy: cur.verifiedBy },
      materials,
      missingItems: (bom?.lines ?? []).map((l) => l.itemId as string).filter((i) => !materials.some((m) => m.itemId === i)),
      quantity: counted.reduce((a, c) => a + c.quantity, 0),
      pieceGrams: piece,
      boxes: latestPerBox(ofLot(sqlite(), 'packing.box_weighed', cur.finishedLotId)).map((b) => ({ boxNo: b.boxNo, grams: b.grams, targetGrams: b.targetGrams, ok: b.ok })),
      serialized: isSerialized(cur.productItemId),
      serials: { ...serialSpan(serials.map((s) => s.serial)), unboxed: serials.filter((s) => s.boxNo === null).length },
      unitLabels: isSerialized(cur.productItemId) ? unitLabelsView(serials.map((s) => s.serial), unitLabelsOf(sqlite(), cur.finishedLotId)) : null,
    };
  };

  const unitLabelsView = (serials: readonly string[], labels: readonly UnitLabel[]): NonNullable<PackingLotView['unitLabels']> => {
    const live = labels.filter((l) => l.state !== 'voided');
    const waiting = unitLabelsAwaitingScan(labels);
    return {
      toPrint: serialsToLabel(serials, labels).length,
      perPrint: UNIT_LABELS_PER_PRINT,
      printing: live.filter((l) => !l.printed).length,
      awaitingScan: waiting.length,
      next: waiting[0]?.serial ?? null,
      verified: live.filter((l) => l.verified).length,
      voided: labels.length - live.length,
      reprint: unitLabelsToReprint(serials, labels),
      complete: reconcileUnitLabels(serials, labels).balanced,
    };
  };

  const isSerialized = (itemId: string) => eng().snapshot.items.get(itemId as ItemId)?.serialized === true;

  /**
   * Serial numbers for `units` just counted (the packing.counted event `countedSeq`), recorded
   * in the same transaction; all or nothing — a shortage of held numbers refuses the count.
   */
  const assignFor = (ctx: Parameters<CommandHandler<unknown, unknown>['run']>[0], lineId: string, cur: LineLot, countedSeq: number, method: 'weight' | 'unit', units: number) => {
    const item = eng().snapshot.items.get(cur.productItemId as ItemId);
    const blocks = sqlite().prepare('SELECT block_id AS blockId, first, last FROM serial_blocks WHERE item_id = ?').all(cur.productItemId) as Array<{ blockId: string; first: number; last: number }>;
    const lastIssued = (sqlite().prepare('SELECT max(number) AS n FROM serials WHERE item_id = ?').get(cur.productItemId) as { n: number | null }).n;
    const a = assignSerials({ prefix: item?.serialPrefix, blocks, lastIssued, count: units, taken: (s) => idInUse(sqlite(), s) });
    if (!a.ok) throw serialRefusal(cur.productItemId, a.problem);
    const materials = materialsOf(sqlite(), cur.finishedLotId);
    const amb = ambiguousItems(materials);
    const lots = materials.map((m) => ({ lotId: m.lotId, itemId: m.itemId, ambiguous: amb.has(m.itemId) }));
    for (const part of chunks(a.serials)) {
      const serials = part.map((s) => s.serial);
      ctx.emit('packing.serials_assigned', {
        lineId,
        finishedLotId: cur.finishedLotId,
        productItemId: cur.productItemId,
        countedSeq,
        method,
        count: part.length,
        first: serials[0]!,
        last: serials.at(-1)!,
        serials,
        ranges: rangesOf(part),
        lots,
      });
    }
    return serialSpan(a.serials.map((s) => s.serial));
  };

  /** A serialized unit is recorded with its material lots, so every material must be scanned before units are counted. */
  const mustHaveMaterials = (lineId: string, cur: LineLot) => {
    const missing = view(lineId, cur).missingItems;
    if (missing.length) throw refusal('conflict', 'serialized_materials_first', { itemId: cur.productItemId, items: missing.join(', ') }, `${cur.productItemId} is serialized: each unit is recorded with its material lots, so scan ${missing.join(', ')} before counting units.`);
  };

  /** Pieces per finished unit: the BOM's quantity of the molded part (what the scale counts). */
  const perUnitOf = (workOrderId: string) => bomOf(workOrderId).bom?.lines.find((l) => eng().snapshot.items.get(l.itemId)?.kind === 'molded_part')?.qtyPer ?? 1;

  const mustOpen = (lineId: string): LineLot => {
    const cur = currentLineLot(sqlite(), lineId);
    if (!cur || cur.state === 'closed') throw refusal('conflict', 'no_open_lot', { lineId }, `No finished lot is open on line ${lineId}: perform and verify the line clearance first.`);
    if (cur.state === 'clearance_pending') throw refusal('conflict', 'clearance_unverified', { finishedLotId: cur.finishedLotId }, `The line clearance for ${cur.finishedLotId} waits for a second person's verification.`);
    return cur;
  };

  const workOrders: QueryHandler<In<'packing.work_orders'>, Out<'packing.work_orders'>> = {
    kind: 'query',
    run: () =>
      [...eng().snapshot.workOrders.values()].filter((w) => w.stationType === 'packing').map((w) => ({ workOrderId: w.workOrderId, productItemId: w.productItemId, quantity: w.quantity, mode: packingModeFor(w.productItemId), serialized: isSerialized(w.productItemId) })),
  };

  const clearancePerform: CommandHandler<In<'packing.clearance_perform'>, Out<'packing.clearance_perform'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = currentLineLot(sqlite(), input.lineId);
      if (cur && cur.state === 'open') throw refusal('conflict', 'lot_still_open', { finishedLotId: cur.finishedLotId, lineId: input.lineId }, `Finished lot ${cur.finishedLotId} is still open on line ${input.lineId}: close it before clearing the line.`);
      const { wo, bom } = bomOf(input.workOrderId);
      if (!wo) throw refusal('not_found', 'work_order_unknown', { workOrderId: input.workOrderId }, `Work order ${input.workOrderId} (and its BOM) is not known at this station.`);
      if (!bom) throw refusal('not_found', 'bom_unknown', { workOrderId: input.workOrderId }, `Work order ${input.workOrderId} (and its BOM) is not known at this station.`);
      if (wo.stationType !== 'packing') throw refusal('conflict', 'work_order_wrong_station', { workOrderId: wo.workOrderId, stationType: wo.stationType, thisStation: 'packing' }, `Work order ${wo.workOrderId} is for a ${wo.stationType} station, not cleanroom packing.`);
      const problems = checklistProblems({ checklist: input.checklist });
      if (problems.length) throw clearanceRefusal('invalid_input', problems);
      const n = (sqlite().prepare(`SELECT count(*) AS n FROM events WHERE ${ofTypes(['packing.clearance_performed'])}`).get() as { n: number }).n + 1;
      const finishedLotId = stationLotId('FL', rt.stationId, n);
      const mode = packingModeFor(wo.productItemId);
      ctx.emit('packing.clearance_performed', { lineId: input.lineId, finishedLotId, workOrderId: wo.workOrderId, productItemId: wo.productItemId, mode, checklist: input.checklist }, { signed: true, reason: input.signature.reason });
      return view(input.lineId, currentLineLot(sqlite(), input.lineId)!);
    },
  };

  const clearanceVerify: CommandHandler<In<'packing.clearance_verify'>, Out<'packing.clearance_verify'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = currentLineLot(sqlite(), input.lineId);
      if (!cur || cur.finishedLotId !== input.finishedLotId || cur.state !== 'clearance_pending') throw clearanceRefusal('conflict', [{ code: 'not_performed' }]);
      const problems = verifierProblems(cur.performedBy, ctx.signer!);
      if (problems.length) throw clearanceRefusal('forbidden', problems);
      ctx.emit('packing.clearance_signed', { lineId: input.lineId, finishedLotId: cur.finishedLotId, performedSeq: cur.performedSeq, performedBy: cur.performedBy ?? 'unknown', at: ctx.now.toISOString() }, { signed: true, reason: input.signature.reason });
      ctx.emit('packing.lot_opened', { lineId: input.lineId, finishedLotId: cur.finishedLotId, workOrderId: cur.workOrderId, productItemId: cur.productItemId, mode: cur.mode });
      return view(input.lineId, currentLineLot(sqlite(), input.lineId)!);
    },
  };

  const state: QueryHandler<In<'packing.state'>, Out<'packing.state'>> = {
    kind: 'query',
    run(_ctx, input) {
      const cur = currentLineLot(sqlite(), input.lineId);
      return cur ? view(input.lineId, cur) : null;
    },
  };

  /** Records the use of a verified lot, or says why it is not used. */
  const use = (ctx: Parameters<CommandHandler<unknown, unknown>['run']>[0], lineId: string, cur: LineLot, verdictSeq: number, lotId: string, itemId: string, via: 'accepted' | 'acknowledged' | 'overridden') => {
    const d = decideMaterial(cur.mode, materialsOf(sqlite(), cur.finishedLotId), { itemId, lotId });
    const detail = { lotId, itemId, finishedLotId: cur.finishedLotId, replaces: null, candidate: false };
    if (d.action === 'same') return { outcome: 'already' as const, message: `Lot ${lotId} is already recorded in ${cur.finishedLotId}.`, detail };
    if (d.action === 'split')
      return {
        outcome: 'split' as const,
        message: `Precise lots: ${itemId} changes from lot ${d.replaces} to ${lotId}. Close finished lot ${cur.finishedLotId} and clear the line for a new finished lot.`,
        detail: { ...detail, replaces: d.replaces },
      };
    ctx.emit('packing.material_used', { lineId, finishedLotId: cur.finishedLotId, lotId, itemId, verdictSeq, via, candidate: d.candidate });
    return {
      outcome: 'used' as const,
      message: d.candidate ? `Lot ${lotId} recorded as a further candidate lot of ${itemId} (close approximation).` : `Lot ${lotId} of ${itemId} recorded in ${cur.finishedLotId}.`,
      detail: { ...detail, candidate: d.candidate },
    };
  };

  /** What a material scan is judged against on this line's open lot: the same for the scan and for answering its verdict. */
  const useContext = (lineId: string, cur: LineLot) => ({
    kind: 'use' as const,
    workOrderId: cur.workOrderId as WorkOrderId,
    packing: { lineId, finishedLotId: cur.finishedLotId as LotId },
    inUse: materialsOf(sqlite(), cur.finishedLotId).map((m) => m.lotId as LotId),
  });

  const scan: CommandHandler<In<'packing.scan'>, Out<'packing.scan'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = mustOpen(input.lineId);
      const sc = mustScan(eng(), input.scanSeq, ctx.now);
      const v = verifyScan(eng().snapshot, { scan: sc.scan, text: sc.text, nowMs: ctx.now.getTime(), context: useContext(input.lineId, cur) });
      const lotId = v.data.lot?.lotId;
      const itemId = v.data.lot?.itemId;
      const verdict = recordVerdict(ctx, v, { scanSeq: sc.seq, workflow: 'material', workOrderId: cur.workOrderId, lotId: lotId ?? null, itemId: itemId ?? null, finishedLotId: cur.finishedLotId });
      if (v.verdict === 'REJECT' || !lotId || !itemId) return { verdict, outcome: 'rejected', message: v.message, detail: null, lot: view(input.lineId, cur) };
      if (v.verdict === 'WARN') return { verdict, outcome: 'warn', message: v.message, detail: null, lot: view(input.lineId, cur) };
      const r = use(ctx, input.lineId, cur, verdict.verdictSeq, lotId, itemId, 'accepted');
      return { verdict, ...r, lot: view(input.lineId, cur) };
    },
  };

  /**
   * A material verdict of this line's open lot that may still be answered (a WARN acknowledged,
   * a REJECT overridden): given for this lot, not answered yet, judged again now to the same
   * verdict with nothing it did not find then — a hold or an expiry since is not signed away
   * with it, nor a WARN turned REJECT by a FIFO setting since. `usable` says whether answering
   * uses the lot: one already in this lot, or one that would split a precise lot, is not used,
   * and its verdict is then left unanswered rather than answered without its use.
   */
  const answerable = (now: Date, lineId: string, cur: LineLot, verdictSeq: number, verdict: 'WARN' | 'REJECT') => {
    const e = eng().event(verdictSeq);
    if (!e || e.type !== 'scan.verdict') throw new StationError('not_found', `No verdict #${verdictSeq}.`);
    const p = e.payload as EventPayload<'scan.verdict'>;
    if (p.verdict !== verdict || p.workflow !== 'material' || p.workOrderId !== cur.workOrderId || !p.lotId || !p.itemId)
      throw new StationError('conflict', `Only a ${verdict} of a material scan for this lot can be ${verdict === 'WARN' ? 'acknowledged' : 'overridden'}.`);
    if (eng().verdictResolution(verdictSeq) !== 'none') throw refusal('conflict', 'verdict_already_answered', { verdictSeq }, 'This verdict was already answered.');
    // A verdict given for another lot of the same work order (an earlier one on this line, or one
    // open on another line) would put material into this lot that was never scanned for it.
    if (p.finishedLotId !== undefined ? p.finishedLotId !== cur.finishedLotId : verdictSeq < cur.performedSeq) throw refusal('conflict', 'verdict_other_lot', { verdictSeq, finishedLotId: cur.finishedLotId }, `Verdict #${verdictSeq} was given for another lot than ${cur.finishedLotId}: scan the material again.`);
    const sc = mustScan(eng(), p.scanSeq, now, true);
    const again = verifyScan(eng().snapshot, { scan: sc.scan, text: sc.text, nowMs: now.getTime(), context: useContext(lineId, cur) });
    mustStillApply(verdictSeq, p.lotId, changedSince(p, again), 'lot');
    const d = decideMaterial(cur.mode, materialsOf(sqlite(), cur.finishedLotId), { itemId: p.itemId, lotId: p.lotId });
    // The override role is today's: a setting changed since the refusal decides who may sign it away.
    return { ...p, lotId: p.lotId, itemId: p.itemId, overridable: again.overridable, ...(again.overrideRole ? { overrideRole: again.overrideRole } : {}), decision: d };
  };

  const acknowledge: CommandHandler<In<'packing.acknowledge'>, Out<'packing.acknowledge'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = mustOpen(input.lineId);
      const p = answerable(ctx.now, input.lineId, cur, input.verdictSeq, 'WARN');
      if (p.decision.action === 'add') ctx.emit('scan.verdict_acknowledged', { verdictSeq: input.verdictSeq, scanSeq: p.scanSeq });
      const r = use(ctx, input.lineId, cur, input.verdictSeq, p.lotId, p.itemId, 'acknowledged');
      return { verdict: verdictView(input.verdictSeq, p), ...r, lot: view(input.lineId, cur) };
    },
  };

  const override: CommandHandler<In<'packing.override'>, Out<'packing.override'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = mustOpen(input.lineId);
      const p = answerable(ctx.now, input.lineId, cur, input.verdictSeq, 'REJECT');
      if (!p.overridable || !p.overrideRole) throw new StationError('conflict', `Verdict #${input.verdictSeq} cannot be overridden: ${p.message}`);
      // The verdict names who may override it (the station's FIFO setting when it was given).
      if (!ctx.signer?.roles.includes(p.overrideRole)) throw refusal('forbidden', 'override_role', { role: p.overrideRole }, `This override needs a ${p.overrideRole} signature.`);
      // A signed override is bound to the use it allows: without a use there is nothing to sign.
      if (p.decision.action === 'same') throw refusal('conflict', 'material_in_lot', { lotId: p.lotId, finishedLotId: cur.finishedLotId }, `Lot ${p.lotId} is already recorded in ${cur.finishedLotId}: nothing to override.`);
      if (p.decision.action === 'split') throw refusal('conflict', 'material_split', { itemId: p.itemId, lotId: p.lotId, replaces: p.decision.replaces, finishedLotId: cur.finishedLotId }, `Precise lots: ${p.itemId} would change from lot ${p.decision.replaces} to ${p.lotId}. Close finished lot ${cur.finishedLotId} and clear the line for a new finished lot first.`);
      ctx.emit('scan.verdict_overridden', { verdictSeq: input.verdictSeq, scanSeq: p.scanSeq, codes: p.reasons.filter((r) => r.severity === 'REJECT').map((r) => r.code) }, { signed: true, reason: input.signature.reason });
      const r = use(ctx, input.lineId, cur, input.verdictSeq, p.lotId, p.itemId, 'overridden');
      return { verdict: verdictView(input.verdictSeq, p), ...r, lot: view(input.lineId, cur) };
    },
  };

  const readScale = async () => {
    const scale = rt.devices?.scale();
    if (!scale) throw refusal('conflict', 'no_scale', {}, 'No scale is bound to this station (Settings › Devices).');
    const r = await scale.readStable(5000);
    if (r.grams === null) throw refusal('conflict', 'scale_out_of_range', { range: r.range }, `The scale reads out of range (${r.range}).`);
    return r.grams;
  };

  const count: CommandHandler<In<'packing.count'>, Out<'packing.count'>, number | null> = {
    kind: 'command',
    prepare: async (input) => (input.method === 'weight' ? readScale() : null),
    run(ctx, input, grams) {
      const cur = mustOpen(input.lineId);
      const serialized = isSerialized(cur.productItemId);
      if (input.method === 'unit') {
        if (serialized) mustHaveMaterials(input.lineId, cur);
        const e = ctx.emit('packing.counted', { finishedLotId: cur.finishedLotId, method: 'unit', quantity: input.quantity });
        const serials = serialized ? assignFor(ctx, input.lineId, cur, e.seq, 'unit', input.quantity) : null;
        return { lot: view(input.lineId, cur), counted: input.quantity, pieceGrams: null, uncertaintyPieces: null, serials };
      }
      if (input.samplePieces !== undefined) {
        const pw = pieceWeight({ pieces: input.samplePieces, grams: grams! }, input.readabilityGrams);
        if (!pw.ok) throw weightRefusal(pw, input.samplePieces, grams!, input.readabilityGrams);
        ctx.emit('packing.counted', { finishedLotId: cur.finishedLotId, method: 'weight', quantity: 0, samplePieces: input.samplePieces, sampleGrams: grams!, pieceGrams: pw.pieceGrams });
        return { lot: view(input.lineId, cur), counted: 0, pieceGrams: pw.pieceGrams, uncertaintyPieces: null, serials: null };
      }
      // The last sample weighed (a bulk count records the piece weight it used, but is no sample).
      const sample = [...ofLot(sqlite(), 'packing.counted', cur.finishedLotId)].reverse().find((c) => c.samplePieces !== undefined);
      if (!sample?.pieceGrams || !sample.samplePieces || !sample.sampleGrams) throw refusal('conflict', 'sample_first', {}, 'Weigh a sample first (give the number of pieces on the pan).');
      const pw = pieceWeight({ pieces: sample.samplePieces, grams: sample.sampleGrams }, input.readabilityGrams);
      if (!pw.ok) throw weightRefusal(pw, sample.samplePieces, sample.sampleGrams, input.readabilityGrams);
      const c = countPieces(pw, grams!);
      if (!c.ok) throw new StationError('invalid_input', c.message);
      if (!c.exact) throw refusal('conflict', 'count_uncertain', { count: c.count, uncertainty: c.uncertaintyPieces.toFixed(2) }, `The count ${c.count} is uncertain by ±${c.uncertaintyPieces.toFixed(2)} pieces: weigh a larger sample or count by unit.`);
      // The scale counts components; a finished unit holds the BOM's quantity of the molded part.
      const perUnit = perUnitOf(cur.workOrderId);
      if (c.count % perUnit !== 0) throw refusal('conflict', 'partial_unit', { pieces: c.count, perUnit }, `${c.count} pieces on the scale are not whole units of ${perUnit}: complete or remove the partial unit and weigh again.`);
      const units = c.count / perUnit;
      if (serialized && units > 0) mustHaveMaterials(input.lineId, cur);
      const e = ctx.emit('packing.counted', { finishedLotId: cur.finishedLotId, method: 'weight', quantity: units, pieces: c.count, pieceGrams: pw.pieceGrams, bulkGrams: grams!, uncertaintyPieces: c.uncertaintyPieces });
      // Counted by weight, the units are serialized at once like units counted by hand: the
      // count is exact (an uncertain count is refused above), so the number of serials is known
      // now, and the lot's serials always equal its units. The record binds serials to the
      // count, not to one physical piece: a unit carries its serial once its label is applied,
      // in count order (and its box is known when the box passes its check-weight).
      const serials = serialized && units > 0 ? assignFor(ctx, input.lineId, cur, e.seq, 'weight', units) : null;
      return { lot: view(input.lineId, cur), counted: units, pieceGrams: pw.pieceGrams, uncertaintyPieces: c.uncertaintyPieces, serials };
    },
  };

  const checkWeightH: CommandHandler<In<'packing.check_weight'>, Out<'packing.check_weight'>, number> = {
    kind: 'command',
    prepare: () => readScale(),
    run(ctx, input, grams) {
      const cur = mustOpen(input.lineId);
      const v = view(input.lineId, cur);
      if (v.pieceGrams === null) throw refusal('conflict', 'no_piece_weight', {}, 'No piece weight is known for this lot: weigh a sample first.');
      const cw = checkWeight(grams, input.units, v.pieceGrams, input.tareGrams, input.toleranceGrams);
      let boxed: string[] | undefined;
      if (v.serialized && cw.ok) {
        // `units` are pieces (what the scale weighs); a finished unit holds the BOM's quantity of the molded part.
        const b = boxSerials(serialsOfLot(sqlite(), cur.finishedLotId).filter((s) => s.boxNo === null).map((s) => s.serial), input.units, perUnitOf(cur.workOrderId));
        if (!b.ok) throw serialRefusal(cur.productItemId, b.problem);
        boxed = [...b.serials];
      }
      ctx.emit('packing.box_weighed', { finishedLotId: cur.finishedLotId, boxNo: nextBoxNo(ofLot(sqlite(), 'packing.box_weighed', cur.finishedLotId)), grams, targetGrams: cw.targetGrams, toleranceGrams: cw.toleranceGrams, deviationGrams: cw.deviationGrams, ok: cw.ok, ...(boxed ? { serials: boxed } : {}) });
      return { lot: view(input.lineId, cur), ok: cw.ok, grams, targetGrams: cw.targetGrams, deviationGrams: cw.deviationGrams, serials: boxed ? serialSpan(boxed) : null };
    },
  };

  const nothingToPrint = (lot: string, counted: number) =>
    counted
      ? refusal('conflict', 'unit_labels_none_to_print', { lot }, `Every serial counted in ${lot} has a unit label: nothing was printed.`)
      : refusal('conflict', 'unit_labels_none_counted', { lot }, `No unit of ${lot} is counted yet: count units first (each gets its serial), then print their labels.`);

  const printUnitLabels: CommandHandler<In<'packing.print_unit_labels'>, Out<'packing.print_unit_labels'>, UnitPrint> = {
    kind: 'command',
    // Every label is rendered (and its data checked) before the transaction, as lot labels are:
    // bad data never reaches the queue.
    async prepare(input, ctx) {
      const cur = mustOpen(input.lineId);
      if (!isSerialized(cur.productItemId)) throw refusal('conflict', 'unit_labels_not_serialized', { itemId: cur.productItemId }, `${cur.productItemId} is not serialized: its units get no unit labels.`);
      if (!rt.printQueue || !rt.hasLabelPrinter()) throw noLabelPrinter();
      const serials = serialsOfLot(sqlite(), cur.finishedLotId).map((s) => s.serial);
      const todo = serialsToLabel(serials, unitLabelsOf(sqlite(), cur.finishedLotId)).slice(0, UNIT_LABELS_PER_PRINT);
      if (!todo.length) throw nothingToPrint(cur.finishedLotId, serials.length);
      const d = unitLabelData(lotLabelData(sqlite(), cur.finishedLotId), { lot: cur.finishedLotId, gtin: eng().snapshot.items.get(cur.productItemId as ItemId)?.gtin });
      if (!d.ok) throw unitDataRefusal(cur.finishedLotId, cur.productItemId, d.problem);
      const year = ctx.now.getUTCFullYear();
      return {
        finishedLotId: cur.finishedLotId,
        items: todo.map((serial) => {
          const data = d.data(serial);
          return { serial, data, rendered: renderForPrint(UNIT_LABEL_TEMPLATE, data, year) };
        }),
      };
    },
    run(ctx, input, p) {
      const cur = mustOpen(input.lineId);
      if (cur.finishedLotId !== p.finishedLotId) throw refusal('conflict', 'lot_no_longer_open', { lot: p.finishedLotId, lineId: input.lineId }, `Finished lot ${p.finishedLotId} is no longer open on line ${input.lineId}: nothing was printed.`);
      // A touch that overtook this one may have labelled some of these serials: only those still
      // without a unit label are issued (and the store refuses a second label in force anyway).
      const serials = serialsOfLot(sqlite(), cur.finishedLotId).map((s) => s.serial);
      const still = new Set(serialsToLabel(serials, unitLabelsOf(sqlite(), cur.finishedLotId)));
      const items = p.items.filter((i) => still.has(i.serial));
      if (!items.length) throw nothingToPrint(cur.finishedLotId, serials.length);
      const issued = issueBatch(rt, ctx, items, { templateId: UNIT_LABEL_TEMPLATE, lotId: cur.finishedLotId, reprintOf: null });
      return { lot: view(input.lineId, cur), labels: issued.map((l) => ({ labelId: l.labelId, serial: l.serial! })), serials: serialSpan(items.map((i) => i.serial)) };
    },
  };

  const verifyUnitLabel: CommandHandler<In<'packing.verify_unit_label'>, Out<'packing.verify_unit_label'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = mustOpen(input.lineId);
      const labels = unitLabelsOf(sqlite(), cur.finishedLotId);
      // Labels come off the printer in count order and are scanned back in that order: the scan
      // is the oldest waiting label's, and must carry its serial — unless it carries the serial
      // of another label still waiting, picked up out of order: that label is the one read
      // (voiding the oldest for it would leave a good label on the bench and print its serial twice).
      const waiting = unitLabelsAwaitingScan(labels);
      const read = eng().scan(input.scanSeq, ctx.now.getUTCFullYear());
      const readSerial = read?.scan.ok ? read.scan.fields.serial : undefined;
      // A read of a label of this lot that no longer waits (verified already, or not back from the
      // printer) is refused: voiding the oldest waiting label for it would void a good label.
      const other = readSerial !== undefined && !waiting.some((l) => l.serial === readSerial) ? labels.find((l) => l.serial === readSerial && l.state !== 'voided') : undefined;
      if (other) throw refusal('conflict', 'label_not_awaiting_scan', { labelId: other.labelId.slice(0, 8) }, `The unit label of ${readSerial} does not wait for a scan-back: nothing was recorded.`);
      const next = (readSerial !== undefined ? waiting.find((l) => l.serial === readSerial) : undefined) ?? waiting[0];
      if (!next) {
        const printing = labels.some((l) => l.state !== 'voided' && !l.printed);
        throw printing
          ? refusal('conflict', 'unit_labels_printing', { lot: cur.finishedLotId }, `The unit labels of ${cur.finishedLotId} are still printing: scan each back once it is out of the printer.`)
          : refusal('conflict', 'unit_labels_none_waiting', { lot: cur.finishedLotId }, `No unit label of ${cur.finishedLotId} waits for its scan-back.`);
      }
      const row = labelRow(ctx, next.labelId);
      const r = scanBack(ctx, row, input.scanSeq);
      const base = { labelId: next.labelId, serial: next.serial };
      // Nothing is recorded for a read of the label's lot or GTIN line: the label is fine.
      if (r.kind === 'other_barcode') return { ...base, outcome: 'other_barcode', mismatches: [], unreadable: false, message: otherBarcodeError(row).message, lot: view(input.lineId, cur) };
      if (r.kind === 'verified') return { ...base, outcome: 'verified', mismatches: [], unreadable: false, message: `Unit label of ${next.serial} verified.`, lot: view(input.lineId, cur) };
      const what = r.unreadable ? 'the scan-back is unreadable' : `the scan-back does not match (${r.mismatches.map((m) => `${m.field}: expected ${m.expected ?? '—'}, read ${m.scanned ?? '—'}`).join('; ')})`;
      return { ...base, outcome: 'voided', mismatches: [...r.mismatches], unreadable: r.unreadable, message: `Unit label of ${next.serial} voided: ${what}. Reprint it with a reason.`, lot: view(input.lineId, cur) };
    },
  };

  const closeLot: CommandHandler<In<'packing.close_lot'>, Out<'packing.close_lot'>> = {
    kind: 'command',
    run(ctx, input) {
      const cur = mustOpen(input.lineId);
      const v = view(input.lineId, cur);
      const { bom } = bomOf(cur.workOrderId);
      if (!bom) throw refusal('not_found', 'bom_unknown', { workOrderId: cur.workOrderId }, `BOM of ${cur.workOrderId} is not known.`);
      if (v.missingItems.length) throw refusal('conflict', 'materials_missing', { finishedLotId: cur.finishedLotId, items: v.missingItems.join(', ') }, `Not every material was scanned for ${cur.finishedLotId}: ${v.missingItems.join(', ')}.`);
      if (v.boxes.some((b) => !b.ok)) throw refusal('conflict', 'box_check_failed', { finishedLotId: cur.finishedLotId }, `A box of ${cur.finishedLotId} failed its check-weight: rework it and weigh it again before closing.`);
      const units = v.quantity;
      // Serials reconcile with units: every unit packed has exactly one serial.
      if (v.serialized && v.serials.count !== units)
        throw refusal('conflict', 'serials_unreconciled', { finishedLotId: cur.finishedLotId, assigned: v.serials.count, units }, `Serials of ${cur.finishedLotId} do not reconcile: ${v.serials.count} assigned for ${units} units packed.`);
      const serialsRec = v.serialized ? { assigned: v.serials.count, first: v.serials.first, last: v.serials.last } : null;
      // Every serial carries exactly one unit label, verified by scan-back (voided ones accounted).
      let unitRec: Out<'packing.close_lot'>['unitLabels'] = null;
      if (v.serialized) {
        const all = serialsOfLot(sqlite(), cur.finishedLotId).map((s) => s.serial);
        const r = reconcileUnitLabels(all, unitLabelsOf(sqlite(), cur.finishedLotId));
        const problems = unitLabelProblems(r);
        const first = problems[0];
        if (first) {
          const lot = cur.finishedLotId;
          const message = unitLabelMessage(lot, all, problems);
          throw first.code === 'unit_labels_unbalanced'
            ? refusal('conflict', first.code, { lot, issued: first.issued, assigned: first.assigned, voided: first.voided }, message)
            : refusal('conflict', first.code, { lot, serials: serialRuns(all, first.serials), count: first.serials.length }, message);
        }
        unitRec = { assigned: r.assigned, issued: r.issued, printed: r.printed, verified: r.verified, voided: r.voided, balanced: r.balanced };
      }
      const recon = reconcileMaterials(bom.lines.map((l) => ({ itemId: l.itemId, qtyPer: l.qtyPer })), units, input.used);
      if (!recon.balanced) {
        const offLines = recon.lines.filter((l) => !l.ok);
        const off = offLines.map((l) => `${l.itemId} planned ${l.planned}, used ${l.used}`);
        const message = `Materials do not reconcile: ${off.join('; ')}.`;
        const [one] = offLines;
        throw offLines.length === 1 && one
          ? refusal('conflict', 'materials_unreconciled', { itemId: one.itemId, planned: one.planned, used: one.used }, message)
          : refusal('conflict', 'materials_unreconciled_many', { items: offLines.map((l) => l.itemId).join(', ') }, message);
      }
      const lab = labels.reconciliation.run({ sqlite: sqlite() } as QueryContext, { lotId: cur.finishedLotId }) as Out<'labels.reconciliation'>;
      if (lab.issued === 0 || !labelsBalanced(lab, input.boxes))
        throw refusal('conflict', 'labels_unreconciled', { finishedLotId: cur.finishedLotId, issued: lab.issued, printed: lab.printed, applied: lab.applied, voided: lab.voided, boxes: input.boxes }, `Labels of ${cur.finishedLotId} do not reconcile: issued ${lab.issued}, printed ${lab.printed}, applied ${lab.applied}, voided ${lab.voided}, boxes ${input.boxes}.`);
      const materials = recon.lines.map((l) => ({ itemId: l.itemId, planned: l.planned, used: l.used, variance: l.variance, ok: l.ok, lotIds: v.materials.filter((m) => m.itemId === l.itemId).map((m) => m.lotId) }));
      const labelsRec = { issued: lab.issued, printed: lab.printed, verified: lab.verified, applied: lab.applied, voided: lab.voided, balanced: lab.balanced };
      ctx.emit(
        'packing.lot_closed',
        { lineId: input.lineId, finishedLotId: cur.finishedLotId, workOrderId: cur.workOrderId, productItemId: cur.productItemId, bomId: bom.bomId, revision: bom.revision, mode: cur.mode, quantity: units, boxes: input.boxes, materials, labels: labelsRec, ...(serialsRec ? { serials: serialsRec } : {}), ...(unitRec ? { unitLabels: unitRec } : {}) },
        { signed: true, reason: input.signature.reason },
      );
      return { lot: view(input.lineId, currentLineLot(sqlite(), input.lineId)!), materials, labels: labelsRec, serials: serialsRec, unitLabels: unitRec };
    },
  };

  return { workOrders, clearancePerform, clearanceVerify, state, scan, acknowledge, override, count, checkWeight: checkWeightH, closeLot, printUnitLabels, verifyUnitLabel };
}
