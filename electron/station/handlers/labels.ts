// Label accountability: every label is issued as an event together with its print job (one
// transaction, before a byte leaves), printed/verified/applied/voided as events, reprinted
// only with a reason (and a signature where the station's policy says so), and reconciled
// per lot with a signature. A unit label (issued for one serial at packing) goes the same way,
// is always scanned back, verifies only from a read of its serial, and is reconciled per serial
// at the packing close rather than in the lot's counts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { LabelView, StationContract } from '../../../shared/contract/station';
import { verifyPrintedLabel, verifyUnitLabel, type Mismatch } from '../../../shared/label/verify';
import type { LabelData } from '../../../shared/label/bind';
import type { EventPayload } from '../../../shared/events/types';
import { labelsDir, loadTemplates, summarize } from '../labels/templates';
import { renderLabel } from '../labels/render';
import type { CommandContext, CommandHandler, QueryContext, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import * as t from '../store/schema';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;
type Row = typeof t.labels.$inferSelect;

const DEFAULT_POLICY = { verifyMode: 'every' as const, reprintNeedsSignature: true };

export function labelView(r: Row): LabelView {
  return {
    labelId: r.labelId,
    templateId: r.templateId,
    lotId: r.lotId,
    jobId: r.jobId,
    state: r.state as LabelView['state'],
    printed: r.printed,
    verified: r.verified,
    applied: r.applied,
    reprintOf: r.reprintOf,
    issuedAt: r.issuedAt,
    needsVerification: r.needsVerification,
    serial: r.serial,
  };
}

export function labelRow(ctx: Pick<QueryContext, 'db'>, labelId: string): Row {
  const r = ctx.db.select().from(t.labels).where(eq(t.labels.labelId, labelId)).get();
  if (!r) throw new StationError('not_found', `no label ${labelId} was issued at this station`);
  return r;
}

export function policy(ctx: Pick<QueryContext, 'db'>) {
  const p = ctx.db.select().from(t.labelPolicy).get();
  return p ? { verifyMode: p.verifyMode as 'every' | 'first_last' | 'none', reprintNeedsSignature: p.reprintNeedsSignature } : DEFAULT_POLICY;
}

function invalidLabel(all: readonly { field: string; message: string }[]): StationError {
  // A value used by two barcodes fails twice; the operator needs to read it once.
  const errors = all.filter((e, i) => all.findIndex((x) => x.field === e.field && x.message === e.message) === i);
  return new StationError('invalid_input', `the label cannot be printed: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, undefined, errors.map((e) => ({ path: e.field, message: e.message })));
}

export interface Rendered {
  zpl: string;
  /** Of `zpl`, hashed where it is rendered: outside the write transaction, once for any number of copies. */
  zplSha256: string;
  barcodes: EventPayload<'label.issued'>['barcodes'];
}

export function renderForPrint(templateId: string, data: LabelData, year: number): Rendered {
  const r = renderLabel(templateId, data, { format: 'zpl', referenceYear: year });
  if (!r.ok) throw invalidLabel(r.errors);
  const zpl = r.value.output as string;
  return {
    zpl,
    zplSha256: createHash('sha256').update(zpl).digest('hex'),
    barcodes: r.value.prepared.printed.barcodes.map((b) => ({ index: b.index, symbology: b.symbology, data: b.data, fieldById: { ...b.fieldById } })),
  };
}

interface IssueOne {
  readonly rendered: Rendered;
  readonly data: LabelData;
  /** A unit label's serial (absent: a lot label). */
  readonly serial?: string;
}

/**
 * A finished lot closed with its signed reconciliation: its labels are part of that record, so
 * none is printed, voided or reprinted for it afterwards. (A molding batch closes without one:
 * its container may still be labelled.)
 */
function lotOpenForLabels(ctx: CommandContext, lotId: string | null): void {
  if (lotId === null) return;
  const state = ctx.db.select({ state: t.producedLots.state }).from(t.producedLots).where(and(eq(t.producedLots.lotId, lotId), eq(t.producedLots.kind, 'finished_lot'))).get()?.state;
  if (state === 'closed') throw refusal('conflict', 'lot_closed_for_labels', { lotId }, `Lot ${lotId} is closed with its signed reconciliation: its labels can no longer be printed, voided or reprinted.`);
}

/** A print asked of a station whose label printer is missing or not ready. */
export const noLabelPrinter = (): StationError => refusal('conflict', 'no_label_printer', {}, 'No label printer is ready at this station: check Settings › Devices.');

/**
 * Issues labels: each job row and its label.issued event commit together; the send follows.
 * `labels` are one print request (a batch, for the "first and last" verification rule).
 */
export function issueBatch(rt: StationRuntime, ctx: CommandContext, labels: readonly IssueOne[], p: { templateId: string; lotId: string | null; reprintOf: string | null; reason?: string }): LabelView[] {
  const q = rt.printQueue;
  if (!q || !rt.hasLabelPrinter()) throw noLabelPrinter();
  return labels.map((l, i) => {
    const job = q.enqueue('label', l.rendered.zpl);
    const labelId = uuidv7();
    ctx.emit(
      'label.issued',
      {
        labelId,
        templateId: p.templateId,
        lotId: p.lotId,
        data: l.data as EventPayload<'label.issued'>['data'],
        barcodes: l.rendered.barcodes,
        jobId: job.id,
        zplSha256: l.rendered.zplSha256,
        reprintOf: p.reprintOf,
        batchIndex: i,
        batchSize: labels.length,
        ...(l.serial !== undefined ? { serial: l.serial } : {}),
      },
      { reason: p.reason ?? null, signed: ctx.signed },
    );
    return labelView(labelRow(ctx, labelId));
  });
}

/** `copies` identical labels. */
export function issueLabels(rt: StationRuntime, ctx: CommandContext, r: Rendered, p: { templateId: string; lotId: string | null; data: LabelData; copies: number; reprintOf: string | null; reason?: string; serial?: string }): LabelView[] {
  const one: IssueOne = { rendered: r, data: p.data, ...(p.serial !== undefined ? { serial: p.serial } : {}) };
  return issueBatch(rt, ctx, Array.from({ length: p.copies }, () => one), p);
}

export type ScanBack = { readonly kind: 'verified' } | { readonly kind: 'voided'; readonly mismatches: readonly Mismatch[]; readonly unreadable: boolean } | { readonly kind: 'other_barcode' };

/**
 * Checks a recorded scan against what the label was meant to carry: verified, or the label is
 * voided with what differed (it is reprinted with a reason). A unit label verifies only from a
 * barcode carrying its serial; a clean read of its lot or GTIN line records nothing.
 */
export function scanBack(ctx: CommandContext, label: Row, scanSeq: number): ScanBack {
  if (label.state === 'voided') throw new StationError('conflict', `label ${label.labelId} is voided; print a new one`);
  // Only a label out of the printer and not yet verified is scanned back: a read sent to a
  // verified or applied label (a stale screen, a double read) that did not match would void a
  // good label, and applied + voided would still balance with a label missing.
  if (!label.printed || label.verified || label.applied || scanSeq <= label.issuedSeq)
    throw refusal('conflict', 'label_not_awaiting_scan', { labelId: label.labelId.slice(0, 8) }, `Label ${label.labelId} does not wait for a scan-back (${label.applied ? 'applied' : label.verified ? 'verified' : !label.printed ? 'not printed yet' : 'the scan is older than the label'}): nothing was recorded.`);
  // The scan is read from the log, never taken from the UI's word for it.
  const scan = ctx.db.select({ payload: sql<string>`payload` }).from(sql`events`).where(and(sql`seq = ${scanSeq}`, sql`type = 'scan.received'`)).get();
  if (!scan) throw new StationError('not_found', `no scan with sequence ${scanSeq}`);
  const text = (JSON.parse(scan.payload) as { text: string }).text;
  const expected = { templateId: label.templateId, barcodes: label.barcodes as never };
  const opts = { referenceYear: ctx.now.getUTCFullYear() };
  const r = label.serial !== null ? verifyUnitLabel(expected, label.serial, text, opts) : verifyPrintedLabel(expected, text, opts);
  if (r.match) {
    ctx.emit('label.verified', { labelId: label.labelId, scanSeq, barcode: r.barcode });
    return { kind: 'verified' };
  }
  if ('otherBarcode' in r) return { kind: 'other_barcode' };
  const mismatches = r.mismatches.map((m) => ({ field: m.field, expected: m.expected, scanned: m.scanned }));
  ctx.emit('label.verify_failed', { labelId: label.labelId, scanSeq, unreadable: r.unreadable === true, mismatches });
  ctx.emit('label.voided', { labelId: label.labelId }, { reason: r.unreadable ? 'scan-back unreadable' : `scan-back did not match: ${mismatches.map((m) => m.field).join(', ')}` });
  return { kind: 'voided', mismatches, unreadable: r.unreadable === true };
}

/** A unit label read from a barcode without its serial (the lot or GTIN line). */
export function otherBarcodeError(label: Pick<Row, 'labelId' | 'serial'>): StationError {
  return new StationError('conflict', `That barcode of unit label ${label.serial} carries no serial: scan its DataMatrix, which carries (21) ${label.serial}. Nothing was recorded.`, { problem: 'unit_label_other_barcode', serial: label.serial });
}

export function labelHandlers(rt: StationRuntime) {
  const templates: QueryHandler<In<'labels.templates'>, Out<'labels.templates'>> = {
    kind: 'query',
    run() {
      const all = loadTemplates();
      if (!all.ok) throw invalidLabel(all.errors);
      return all.value.map(({ template }) => {
        const s = summarize(template);
        let example: Record<string, string | number | boolean | null> = {};
        try {
          example = JSON.parse(readFileSync(join(labelsDir(), `${s.id}.example.json`), 'utf8')) as typeof example;
        } catch {
          example = {};
        }
        return { ...s, fields: s.fields.map((f) => ({ ...f, label: f.label ?? null })), example };
      });
    },
  };

  const preview: QueryHandler<In<'labels.preview'>, Out<'labels.preview'>> = {
    kind: 'query',
    run(ctx, input) {
      const r = renderLabel(input.templateId, input.data, { format: 'svg', referenceYear: ctx.now.getUTCFullYear() });
      if (!r.ok) throw invalidLabel(r.errors);
      return { svg: r.value.output as string };
    },
  };

  const print: CommandHandler<In<'labels.print'>, Out<'labels.print'>, Rendered> = {
    kind: 'command',
    // Rendering (and every validation of the data) happens before the transaction: bad data
    // never reaches the queue, let alone the printer.
    prepare: async (input, ctx) => renderForPrint(input.templateId, input.data, ctx.now.getUTCFullYear()),
    run: (ctx, input, r) => {
      lotOpenForLabels(ctx, input.lotId);
      return issueLabels(rt, ctx, r, { templateId: input.templateId, lotId: input.lotId, data: input.data, copies: input.copies, reprintOf: null });
    },
  };

  const list: QueryHandler<In<'labels.list'>, Out<'labels.list'>> = {
    kind: 'query',
    run(ctx, input) {
      const q = ctx.db.select().from(t.labels);
      const rows = (input.lotId ? q.where(eq(t.labels.lotId, input.lotId)) : q).orderBy(sql`${t.labels.issuedSeq} DESC`).limit(input.limit).all();
      return rows.map(labelView);
    },
  };

  const verify: CommandHandler<In<'labels.verify'>, Out<'labels.verify'>> = {
    kind: 'command',
    run(ctx, input) {
      const label = labelRow(ctx, input.labelId);
      const r = scanBack(ctx, label, input.scanSeq);
      if (r.kind === 'other_barcode') throw otherBarcodeError(label);
      const view = labelView(labelRow(ctx, label.labelId));
      return r.kind === 'verified' ? { match: true, label: view, mismatches: [], unreadable: false } : { match: false, label: view, mismatches: [...r.mismatches], unreadable: r.unreadable };
    },
  };

  const voidLabel: CommandHandler<In<'labels.void'>, Out<'labels.void'>> = {
    kind: 'command',
    run(ctx, input) {
      const label = labelRow(ctx, input.labelId);
      if (label.state === 'voided') throw new StationError('conflict', `label ${input.labelId} is already voided`);
      if (label.applied) throw new StationError('conflict', `label ${input.labelId} was applied to product; remove it before voiding`);
      lotOpenForLabels(ctx, label.lotId);
      ctx.emit('label.voided', { labelId: label.labelId }, { reason: input.reason });
      return labelView(labelRow(ctx, label.labelId));
    },
  };

  const reprint: CommandHandler<In<'labels.reprint'>, Out<'labels.reprint'>, { rendered: Rendered; original: Row; data: LabelData }> = {
    kind: 'command',
    async prepare(input, ctx) {
      const original = labelRow(ctx, input.labelId);
      const issued = ctx.sqlite.prepare('SELECT payload FROM events WHERE seq = ?').get(original.issuedSeq) as { payload: string };
      const data = (JSON.parse(issued.payload) as EventPayload<'label.issued'>).data;
      return { original, data, rendered: renderForPrint(original.templateId, data, ctx.now.getUTCFullYear()) };
    },
    run(ctx, input, r) {
      if (policy(ctx).reprintNeedsSignature && !ctx.signed)
        throw new StationError('signature_invalid', 'This station requires an electronic signature to reprint a label.');
      const current = labelRow(ctx, r.original.labelId);
      lotOpenForLabels(ctx, current.lotId);
      if (current.applied) throw new StationError('conflict', `label ${current.labelId} was applied; void it only after removing it`);
      // A label is replaced once: reprinting it again would put a second replacement in force.
      const replacement = ctx.db.select({ labelId: t.labels.labelId }).from(t.labels).where(and(eq(t.labels.reprintOf, current.labelId), sql`${t.labels.state} <> 'voided'`)).get();
      if (replacement) throw refusal('conflict', 'label_already_reprinted', { labelId: current.labelId.slice(0, 8), replacement: replacement.labelId.slice(0, 8) }, `Label ${current.labelId} was reprinted already as ${replacement.labelId}: void or reprint that one.`);
      if (current.state !== 'voided') ctx.emit('label.voided', { labelId: current.labelId }, { reason: `replaced by a reprint: ${input.reason}` });
      // A unit label's reprint is for the same unit: it carries the same serial.
      return issueLabels(rt, ctx, r.rendered, { templateId: current.templateId, lotId: current.lotId, data: r.data, copies: 1, reprintOf: current.labelId, reason: input.reason, ...(current.serial !== null ? { serial: current.serial } : {}) })[0]!;
    },
  };

  const apply: CommandHandler<In<'labels.apply'>, Out<'labels.apply'>> = {
    kind: 'command',
    run(ctx, input) {
      const label = labelRow(ctx, input.labelId);
      if (label.state === 'voided') throw new StationError('conflict', `label ${input.labelId} is voided and must not be applied`);
      if (!label.printed) throw new StationError('conflict', `label ${input.labelId} has not printed yet`);
      if (label.needsVerification && !label.verified) throw new StationError('conflict', `scan label ${input.labelId} back first: this station verifies it before use`);
      if (label.applied) return labelView(label);
      ctx.emit('label.applied', { labelId: label.labelId });
      return labelView(labelRow(ctx, label.labelId));
    },
  };

  // Lot labels only: a unit label (one with a serial) is accounted per serial at the packing
  // close (shared/rules/packing/unit-labels.ts), not against the lot's boxes.
  const counts = (ctx: Pick<QueryContext, 'sqlite'>, lotId: string) => {
    const c = ctx.sqlite
      .prepare(
        `SELECT count(*) AS issued, coalesce(sum(printed), 0) AS printed, coalesce(sum(verified), 0) AS verified, coalesce(sum(applied), 0) AS applied,
                coalesce(sum(state = 'voided'), 0) AS voided FROM labels WHERE lot_id = ? AND serial IS NULL`,
      )
      .get(lotId) as { issued: number; printed: number; verified: number; applied: number; voided: number };
    // Every label issued is either on product or voided, and nothing applied went unprinted.
    return { lotId, ...c, balanced: c.issued === c.applied + c.voided && c.applied <= c.printed };
  };

  const reconciliation: QueryHandler<In<'labels.reconciliation'>, Out<'labels.reconciliation'>> = { kind: 'query', run: (ctx, input) => counts(ctx, input.lotId) };

  const reconcile: CommandHandler<In<'labels.reconcile'>, Out<'labels.reconcile'>> = {
    kind: 'command',
    run(ctx, input) {
      const c = counts({ sqlite: rt.store.sqlite }, input.lotId);
      if (c.issued === 0) throw new StationError('not_found', `no labels were issued for lot ${input.lotId}`);
      if (!c.balanced && !input.explanation)
        throw new StationError('invalid_input', `the label counts for ${input.lotId} do not balance (issued ${c.issued}, applied ${c.applied}, voided ${c.voided}): explain the difference to sign off`, undefined, [{ path: 'explanation', message: 'required when the counts do not balance' }]);
      ctx.emit('label.reconciled', c, { signed: true, reason: input.explanation ?? 'labels balance' });
      return c;
    },
  };

  const getPolicy: QueryHandler<In<'labels.policy'>, Out<'labels.policy'>> = { kind: 'query', run: (ctx) => policy(ctx) };
  const setPolicy: CommandHandler<In<'labels.set_policy'>, Out<'labels.set_policy'>> = {
    kind: 'command',
    run(ctx, input) {
      // Turning label verification down removes a check on every label printed after it: it is signed, with its reason.
      ctx.emit('label.policy_set', { verifyMode: input.verifyMode, reprintNeedsSignature: input.reprintNeedsSignature }, { signed: true, reason: input.signature.reason });
      return policy(ctx);
    },
  };

  return { templates, preview, print, list, verify, voidLabel, reprint, apply, reconciliation, reconcile, getPolicy, setPolicy };
}
