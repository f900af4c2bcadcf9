// Receiving and QA: a supplier label scan prefills item, lot, quantity, expiry/date code and
// MSL (its verdict recorded); the clerk confirms and the lot is created in quarantine with
// its certificate of conformance; one internal lot label per container goes through the
// print queue; QA releases or rejects with an electronic signature.
import { and, eq, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { normalizePart } from '../../../shared/barcode/item-match';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { StationContract } from '../../../shared/contract/station';
import type { LotView, ReceivingPrefill } from '../../../shared/contract/workflows';
import { MSL_LEVELS, type EventPayload } from '../../../shared/events/types';
import type { ItemId } from '../../../shared/ids';
import { expiryEndMs } from '../../../shared/rules/checks/expiry';
import { plantDay, readDateCode, receivedExpiry } from '../../../shared/rules/shelf-life';
import { plantClock, type PlantClock } from '../../../shared/rules/config';
import { resolveScan } from '../../../shared/rules/resolve-scan';
import { supplierLotKey } from '../../../shared/rules/snapshot';
import { verifyScan } from '../../../shared/rules/verify';
import { issueLabels, renderForPrint, type Rendered } from './labels';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import * as t from '../store/schema';
import { lotView, recordVerdict } from '../workflows/views';
import { mustScan } from './smt';
import { stationLotId, stationLotPrefix } from '../../../shared/rules/produced-lot-id';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;


export function receivingHandlers(rt: StationRuntime) {
  const eng = () => rt.workflows;

  const scan: CommandHandler<In<'receiving.scan'>, Out<'receiving.scan'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const sc = mustScan(e, input.scanSeq, ctx.now);
      const nowMs = ctx.now.getTime();
      const req = { scan: sc.scan, text: sc.text };
      const v = verifyScan(e.snapshot, { ...req, nowMs, context: { kind: 'receiving', ...(input.supplierId ? { supplier: input.supplierId } : {}) } });
      const r = resolveScan(e.snapshot, req, { receiving: true, ...(input.supplierId ? { supplier: input.supplierId } : {}) });
      const fields = sc.scan.ok ? sc.scan.fields : {};
      let prefill: ReceivingPrefill = { itemId: null, itemName: null, uom: null, supplierId: input.supplierId ?? null, supplierLot: fields.lot ?? null, quantity: fields.quantity ?? null, expiry: fields.expiry ?? null, dateCode: fields.dateCode ?? null, productionDate: fields.productionDate ?? null, shelfLifeDays: null, msl: null };
      if (r.kind === 'new_lot') {
        // The supplier whose part number is on the label, when the item maps it.
        // ISO/IEC 15434 `P` reads as the customer's part: on a distributor's reel that is the distributor's own number.
        const bySupplierPart = [fields.supplierPart, fields.customerPart]
          .flatMap((raw) => (raw !== undefined ? (e.snapshot.itemIndex.supplierParts.get(normalizePart(raw)) ?? []) : []))
          .find((m) => (m.item as string) === r.item.itemId)?.supplier;
        // The supplier the label names by its part number wins over the delivery chosen on screen.
        prefill = { ...prefill, itemId: r.item.itemId, itemName: r.item.name, uom: r.item.uom, supplierId: bySupplierPart ?? input.supplierId ?? null, supplierLot: r.supplierLot, quantity: r.quantity, expiry: r.expiry, shelfLifeDays: r.item.shelfLifeDays ?? null, msl: r.item.msl ?? null };
      }
      const verdict = recordVerdict(ctx, v, { scanSeq: sc.seq, workflow: 'receiving', itemId: prefill.itemId });
      return { verdict, prefill };
    },
  };

  const items: QueryHandler<In<'receiving.items'>, Out<'receiving.items'>> = {
    kind: 'query',
    run(_ctx, input) {
      const q = input.text.trim().toUpperCase();
      const out: Out<'receiving.items'> = [];
      for (const i of eng().snapshot.items.values()) {
        if (i.kind === 'finished_good') continue;
        if (q && !i.itemId.toUpperCase().includes(q) && !i.name.toUpperCase().includes(q)) continue;
        out.push({ itemId: i.itemId, name: i.name, uom: i.uom, msl: i.msl ?? null, shelfLifeDays: i.shelfLifeDays ?? null });
        if (out.length >= 20) break;
      }
      return out;
    },
  };

  const suppliers: QueryHandler<In<'receiving.suppliers'>, Out<'receiving.suppliers'>> = {
    kind: 'query',
    run: (ctx) => ctx.db.select().from(t.suppliers).all(),
  };

  const documents = rt.documents;
  // The file work happens before the write transaction: a 10 MB write must not hold the store's lock.
  const attachCoc: CommandHandler<In<'receiving.attach_coc'>, Out<'receiving.attach_coc'>, Out<'receiving.attach_coc'>> = {
    kind: 'command',
    prepare: async (input, ctx) => documents.append(input.uploadId, input.index, input.data, input.last, input.name, ctx.now.getTime()),
    run: (_ctx, _input, step) => step,
  };

  // An attached certificate is read (and hashed) before the write transaction, and its kind is
  // the file's own, whatever the form says.
  const receive: CommandHandler<In<'receiving.receive'>, Out<'receiving.receive'>, In<'receiving.receive'>['coc']> = {
    kind: 'command',
    async prepare(input) {
      if (!input.coc || !input.coc.path.startsWith('documents/')) return input.coc;
      const doc = await documents.read(input.coc.path);
      if (!doc) throw refusal('conflict', 'coc_not_stored', { path: input.coc.path }, `The attached certificate ${input.coc.path} is not whole in this station's store: attach it again.`);
      return { kind: doc.media.kind, path: input.coc.path };
    },
    run(ctx, input, coc) {
      const e = eng();
      const item = e.snapshot.items.get(input.itemId as ItemId);
      if (!item) throw refusal('not_found', 'item_not_set_up', { itemId: input.itemId }, `No item ${input.itemId} is set up at this station.`);
      if (input.supplierId && !ctx.db.select().from(t.suppliers).where(eq(t.suppliers.supplierId, input.supplierId)).get()) throw new StationError('not_found', `No supplier ${input.supplierId} is known.`);
      const nowMs = ctx.now.getTime();
      const clock = plantClock(e.snapshot.config);
      const expiry = expiryOfReceipt(input, item.itemId, item.shelfLifeDays, nowMs, clock);
      // The expiry date is the last day of use in plant time, as the verification engine reads it.
      if (expiry.expiry && expiryEndMs(expiry.expiry, clock) <= nowMs) throw refusal('conflict', 'expiry_past', { expiry: expiry.expiry }, `Expiry ${expiry.expiry} is past: this material cannot be received. Put it aside for QA.`);
      let verdictSeq: number | null = null;
      // The label's own verdict already warned of this supplier lot, and receiving confirms that warning.
      let duplicateConfirmed = input.confirmDuplicate;
      if (input.scanSeq !== null) {
        // Received from its label: the label's verdict must allow it; a WARN is confirmed by receiving.
        if (input.verdictSeq === null) throw new StationError('invalid_input', 'A received label needs its verdict: scan the label again.');
        const ev = e.event(input.verdictSeq);
        const p = ev?.type === 'scan.verdict' ? (ev.payload as EventPayload<'scan.verdict'>) : null;
        if (!p || p.workflow !== 'receiving' || p.scanSeq !== input.scanSeq) throw new StationError('conflict', `Verdict #${input.verdictSeq} is not the receiving verdict of scan #${input.scanSeq}.`);
        if (p.verdict === 'REJECT') {
          // The refusal carries the verdict's first reason by code, so the clerk reads it in their language.
          const first = p.reasons.find((r) => r.severity === 'REJECT') ?? p.reasons[0];
          throw refusal('conflict', 'label_refused', { verdictSeq: input.verdictSeq, reason: first?.code ?? '', reasonParams: JSON.stringify(first?.params ?? {}) }, `This label was refused: ${p.message}`);
        }
        // The verdict judged the label as one item: received as another, none of its checks would hold.
        if (p.itemId && p.itemId !== item.itemId) throw refusal('conflict', 'receiving_item_changed', { itemId: item.itemId, labelItemId: p.itemId }, `The label was verified as ${p.itemId}, not ${item.itemId}: scan it again, or enter the material by hand.`);
        const used = ctx.db.select({ lotId: t.lotReceipts.lotId }).from(t.lotReceipts).where(eq(t.lotReceipts.scanSeq, input.scanSeq)).get();
        if (used) throw refusal('conflict', 'scan_already_received', { lotId: used.lotId }, `This scan was already received as lot ${used.lotId}.`);
        if (p.verdict === 'WARN') ctx.emit('scan.verdict_acknowledged', { verdictSeq: input.verdictSeq, scanSeq: input.scanSeq });
        if (p.reasons.some((r) => r.code === 'lot_already_received' && (r.params as { supplierLot?: string } | undefined)?.supplierLot === input.supplierLot)) duplicateConfirmed = true;
        verdictSeq = input.verdictSeq;
      }
      // By hand, or a label's lot edited on the form: a supplier lot received before is confirmed as a new delivery.
      if (!duplicateConfirmed && (e.snapshot.lotsBySupplierLot.get(supplierLotKey(item.itemId, input.supplierLot))?.length ?? 0) > 0) {
        throw refusal('conflict', 'supplier_lot_received', { supplierLot: input.supplierLot, itemId: item.itemId, duplicate: 'true' }, `Supplier lot ${input.supplierLot} of ${item.itemId} was already received. Confirm it is a new delivery.`);
      }
      // A lot may be more moisture-sensitive than its item says (its bag's label), never less:
      // a lower level would give it a longer floor life, or none, than the part has.
      if (input.msl && item.msl && MSL_LEVELS.indexOf(input.msl) < MSL_LEVELS.indexOf(item.msl))
        throw refusal('conflict', 'msl_below_item', { itemId: item.itemId, msl: input.msl, itemMsl: item.msl }, `${item.itemId} is MSL ${item.msl}: a lot of it cannot be received as MSL ${input.msl}.`);
      const lotId = nextLotId(rt, ctx.db);
      const msl = input.msl ?? item.msl;
      ctx.emit('lot.received', {
        lotId,
        itemId: item.itemId,
        ...(input.supplierId ? { supplierId: input.supplierId } : {}),
        supplierLot: input.supplierLot,
        quantity: input.quantityPerContainer * input.containers,
        uom: item.uom,
        ...(expiry.expiry ? { expiry: expiry.expiry } : {}),
        ...(input.dateCode ? { dateCode: input.dateCode } : {}),
        ...(msl ? { msl } : {}),
      });
      ctx.emit('receiving.recorded', {
        lotId,
        entry: input.scanSeq === null ? 'manual' : 'scan',
        scanSeq: input.scanSeq,
        verdictSeq,
        containers: input.containers,
        quantityPerContainer: input.quantityPerContainer,
        // A typed path (a network share) as given; an attached one as the store read it.
        coc,
        ...(expiry.from ? { expiryFrom: expiry.from } : {}),
        ...(input.productionDate ? { productionDate: input.productionDate } : {}),
      });
      return lotView(ctx.db, lotId)!;
    },
  };

  // Receiving labels are accountable labels like any other: issued with their print jobs in
  // the same transaction as the receiving record, sent after the commit (labels.ts).
  const printLabels: CommandHandler<In<'receiving.print_labels'>, Out<'receiving.print_labels'>, { view: LotView; rendered: Rendered; data: Record<string, string | number> }> = {
    kind: 'command',
    async prepare(input, ctx) {
      const view = lotView(ctx.db, input.lotId);
      if (!view || view.containers === null) throw refusal('not_found', 'lot_not_received', { lotId: input.lotId }, `Lot ${input.lotId} was not received at this station.`);
      // Printing them all again would leave the first ones in force beside the new: a damaged
      // label is voided and reprinted on its own, with its reason and signature, in Labels.
      if (view.labelsPrinted > 0) throw refusal('conflict', 'receiving_labels_issued', { lotId: input.lotId, count: view.labelsPrinted }, `The ${view.labelsPrinted} labels of lot ${input.lotId} were issued already: void a damaged one and reprint it in Labels.`);
      // What was received per container, not the lot's balance now (a label says what the container held).
      const perContainer = Math.max(1, Math.round(view.quantityPerContainer ?? view.quantity / view.containers));
      const data = {
        item: view.itemId.slice(0, 20),
        itemName: view.itemName.slice(0, 60),
        lotId: `LL-LOT-${view.lotId}`,
        supplierLot: (view.supplierLot ?? '—').slice(0, 30),
        quantity: perContainer,
        unit: view.uom.slice(0, 6),
        ...(view.expiry ? { expiry: view.expiry } : {}),
        receivedDate: view.receivedAt.slice(0, 10),
        status: view.status === 'released' ? 'RELEASED' : view.status === 'rejected' ? 'REJECTED' : 'QUARANTINE',
      };
      return { view, data, rendered: renderForPrint('material-lot', data, ctx.now.getUTCFullYear()) };
    },
    run(ctx, input, r) {
      const issued = issueLabels(rt, ctx, r.rendered, { templateId: 'material-lot', lotId: input.lotId, data: r.data, copies: r.view.containers ?? 1, reprintOf: null });
      const jobIds = issued.map((l) => l.jobId);
      ctx.emit('receiving.labels_printed', { lotId: input.lotId, template: 'material-lot', copies: issued.length, jobIds, states: jobIds.map(() => 'queued'), reprint: false });
      return { lotId: input.lotId, copies: issued.length, jobs: jobIds.map((id) => ({ id, state: 'queued', note: null })) };
    },
  };

  const qaLots: QueryHandler<In<'qa.lots'>, Out<'qa.lots'>> = {
    kind: 'query',
    run(ctx, input) {
      const ids = ctx.db.select({ lotId: t.lots.lotId }).from(t.lots).where(eq(t.lots.status, input.status)).orderBy(sql`${t.lots.receivedSeq} DESC`).limit(200).all();
      return ids.map((r) => lotView(ctx.db, r.lotId)!);
    },
  };

  const cocFile: QueryHandler<In<'qa.coc_file'>, Out<'qa.coc_file'>> = {
    kind: 'query',
    async run(ctx, input) {
      const r = ctx.db.select({ cocPath: t.lotReceipts.cocPath }).from(t.lotReceipts).where(eq(t.lotReceipts.lotId, input.lotId)).get();
      if (!r?.cocPath) throw refusal('not_found', 'coc_none', { lotId: input.lotId }, `No certificate is attached to lot ${input.lotId}.`);
      const doc = await documents.read(r.cocPath);
      // A typed path names a file elsewhere (a network share): the station does not hold it.
      if (!doc) throw refusal('conflict', 'coc_not_stored', { path: r.cocPath }, `The certificate ${r.cocPath} is not whole in this station's store.`);
      return { filename: doc.name, mediaType: doc.media.mediaType, base64: doc.bytes.toString('base64'), bytes: doc.bytes.length };
    },
  };

  const decide = (status: 'released' | 'rejected'): CommandHandler<In<'qa.release'>, Out<'qa.release'>> => ({
    kind: 'command',
    run(ctx, input) {
      const lot = ctx.db.select().from(t.lots).where(eq(t.lots.lotId, input.lotId)).get();
      if (!lot) throw refusal('not_found', 'lot_unknown', { lotId: input.lotId }, `Lot ${input.lotId} is not known at this station.`);
      if (lot.status !== 'quarantined') throw refusal('conflict', 'lot_not_quarantined', { lotId: input.lotId, lotStatus: lot.status }, `Lot ${input.lotId} is ${lot.status}, not in quarantine.`);
      if (status === 'released') ctx.emit('lot.released', { lotId: input.lotId }, { signed: true, reason: input.signature.reason });
      else ctx.emit('lot.rejected', { lotId: input.lotId }, { signed: true, reason: input.signature.reason });
      return lotView(ctx.db, input.lotId)!;
    },
  });

  return { scan, items, suppliers, receive, attachCoc, cocFile, printLabels, qaLots, release: decide('released'), reject: decide('rejected') };
}

/** `L-<station>-<n>` (shared/rules/produced-lot-id.ts): unique across stations without asking the server; readable when typed. */
function nextLotId(rt: StationRuntime, db: Parameters<typeof lotView>[0]): string {
  const prefix = stationLotPrefix('L', rt.stationId);
  const n = db.select({ n: sql<number>`count(*)` }).from(t.lots).where(and(like(t.lots.lotId, `${prefix}%`))).get()?.n ?? 0;
  return stationLotId('L', rt.stationId, n + 1);
}

/**
 * The expiry a lot is received with (shared/rules/shelf-life.ts decides, as the form's hint does):
 * a shelf-life item is not received without one, and a made-on day after today is a misread.
 */
function expiryOfReceipt(input: In<'receiving.receive'>, itemId: string, shelfLifeDays: number | undefined, nowMs: number, clock: PlantClock): { expiry: string | null; from: 'production_date' | 'date_code' | null } {
  const r = receivedExpiry(input, shelfLifeDays, plantDay(nowMs, clock));
  switch (r.kind) {
    case 'given':
      return { expiry: r.expiry, from: null };
    case 'counted':
      return { expiry: r.expiry, from: r.from };
    case 'none':
      return { expiry: null, from: null };
    case 'needed': {
      const dateCode = input.dateCode ?? '';
      const code = readDateCode(dateCode);
      switch (r.why) {
        case 'date_code_future':
          throw refusal('conflict', 'date_code_future', { dateCode, weekStarts: code.ok ? code.firstDay : '' }, `Date code ${dateCode} is a week that has not begun (${code.ok ? code.firstDay : '?'}): enter the expiry from the label.`);
        case 'production_date_future':
          throw refusal('conflict', 'production_date_future', { productionDate: input.productionDate ?? '' }, `Production date ${input.productionDate} is in the future: enter the expiry from the label.`);
        case 'date_code_unread':
          throw refusal('invalid_input', 'date_code_unread', { itemId, dateCode, shelfLifeDays: shelfLifeDays ?? 0 }, `Date code ${dateCode} is not in YYWW form, so the ${shelfLifeDays}-day shelf life of ${itemId} cannot be counted: enter the expiry from the label.`);
        case 'nothing':
          throw refusal('invalid_input', 'expiry_required', { itemId, shelfLifeDays: shelfLifeDays ?? 0 }, `${itemId} has a shelf life of ${shelfLifeDays} days: enter the expiry, or the date code from the label as YYWW.`);
      }
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}
