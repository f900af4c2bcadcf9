// What the workflow handlers share: recording a verdict as an event, and the views the UI
// reads (setup list with its state, material clock readings, lots).
import { eq } from 'drizzle-orm';
import { ZodError, type z } from 'zod';
import type { ClockView, LotView, SetupView, VerdictView } from '../../../shared/contract/workflows';
import type { EventPayload } from '../../../shared/events/types';
import { RecordedParamsSchema } from '../../../shared/events/workflow-types';
import type { LotId, WorkOrderId } from '../../../shared/ids';
import { lastItems } from '../../../shared/rules/chain';
import { mslInit, mslRemaining } from '../../../shared/rules/msl';
import { canStartLine } from '../../../shared/rules/smt-setup';
import { pasteInit, pasteStatus } from '../../../shared/rules/solder-paste';
import type { Snapshot } from '../../../shared/rules/snapshot';
import type { Verdict } from '../../../shared/rules/verdict';
import { pasteParamsFor } from '../../../shared/rules/verify';
import type { CommandContext } from '../runtime/bus';
import type { StationDb } from '../store/db';
import * as t from '../store/schema';
import type { SmtRun, WorkflowEngine } from './engine';

type Workflow = EventPayload<'scan.verdict'>['workflow'];

export interface VerdictFacts {
  readonly scanSeq: number;
  readonly secondScanSeq?: number;
  readonly workflow: Workflow;
  readonly workOrderId?: string;
  readonly slot?: string | null;
  readonly lotId?: string | null;
  readonly itemId?: string | null;
  readonly oldLotId?: string | null;
  readonly revision?: string;
  readonly finishedLotId?: string;
}

/**
 * Parameters as the event records them. Parameters that do not fit the recorded shape (a list
 * longer than the event allows) are left out rather than refuse to record the verdict: the
 * English sentence is still recorded, and a view rebuilt from it shows that sentence.
 */
function recordable(params: object): { params: z.output<typeof RecordedParamsSchema> } | Record<string, never> {
  const r = RecordedParamsSchema.safeParse(params);
  return r.success ? { params: r.data } : {};
}

/** The event holds sentences of up to 1000 characters; a longer one (a list of many lot ids) is cut, never a reason to lose the verdict. */
export function recordableSentence(s: string): string {
  return s.length <= SENTENCE_MAX ? s : `${s.slice(0, SENTENCE_MAX - 1)}…`;
}
const SENTENCE_MAX = 1000;

/**
 * Records one verdict (ACCEPT, WARN and REJECT alike) and returns what the UI shows. The
 * event keeps the English sentence (the audit text) and each code's parameters, so a view
 * rebuilt from the log later (an acknowledgement, an override) is said in any language.
 */
export function recordVerdict(ctx: CommandContext, v: Verdict, f: VerdictFacts): VerdictView {
  // The params go in as decided; the event log validates the payload before it writes
  // anything, and only if they do not fit is the verdict recorded again without the params
  // that do not (checking them here first validated every verdict's params twice).
  let e;
  try {
    e = ctx.emit('scan.verdict', verdictPayload(v, f, (params) => ({ params: params as RecordedParams })));
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    e = ctx.emit('scan.verdict', verdictPayload(v, f, recordable));
  }
  return verdictView(e.seq, e.payload as EventPayload<'scan.verdict'>, v);
}

type RecordedParams = z.output<typeof RecordedParamsSchema>;

function verdictPayload(v: Verdict, f: VerdictFacts, keep: (params: object) => { params: RecordedParams } | Record<string, never>): EventPayload<'scan.verdict'> {
  // Members are set one by one, not spread from `cond ? {…} : {}`: this runs for every scan.
  const out: Mutable<EventPayload<'scan.verdict'>> = {
    scanSeq: f.scanSeq,
    workflow: f.workflow,
    verdict: v.verdict,
    reasons: v.reasons.map((r) => ({ code: r.code, severity: r.severity, message: recordableSentence(r.message), ...keep(r.params) })),
    message: recordableSentence(v.message),
    overridable: v.overridable,
  };
  if (f.secondScanSeq !== undefined) out.secondScanSeq = f.secondScanSeq;
  if (v.accept) {
    const accept = keep(v.accept.params);
    if ('params' in accept) out.accept = { code: v.accept.code, params: accept.params };
  }
  if (v.overrideRole) out.overrideRole = v.overrideRole;
  if (f.workOrderId) out.workOrderId = f.workOrderId;
  if (f.slot) out.slot = f.slot;
  if (f.lotId) out.lotId = f.lotId;
  if (f.itemId) out.itemId = f.itemId;
  if (f.oldLotId) out.oldLotId = f.oldLotId;
  if (f.revision) out.revision = f.revision;
  if (f.finishedLotId) out.finishedLotId = f.finishedLotId;
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The UI's view of a recorded verdict: the recorded English sentence and, for the renderer to
 * say it in the operator's language, each code with its parameters — from the engine's
 * `Verdict` when it was just decided, else as recorded in the event. A verdict recorded by an
 * older runtime has none: the renderer then shows its recorded English sentence.
 */
export function verdictView(verdictSeq: number, p: EventPayload<'scan.verdict'>, decided?: Verdict): VerdictView {
  const accept = decided?.accept ?? p.accept;
  // The last reason of a code gives its parameters, as a map of them by code would.
  const decidedOf = (code: string) => decided?.reasons.findLast((r) => r.code === code);
  const out: Mutable<VerdictView> = {
    verdictSeq,
    scanSeq: p.scanSeq,
    workflow: p.workflow,
    verdict: p.verdict,
    message: p.message,
    reasons: decided
      ? p.reasons.map((r) => {
          const d = decidedOf(r.code);
          return d ? { ...r, params: d.params as Record<string, unknown> } : r;
        })
      : p.reasons,
    overridable: p.overridable,
  };
  if (accept) out.accept = { code: accept.code, params: accept.params as Record<string, unknown> };
  if (p.overrideRole) out.overrideRole = p.overrideRole;
  if (p.lotId) out.lotId = p.lotId;
  if (p.itemId) out.itemId = p.itemId;
  if (p.slot) out.slot = p.slot;
  return out;
}

/** Clock reading of one lot at `nowMs`, or null when it has no clock to show. */
export function clockView(s: Snapshot, lotId: string, nowMs: number): ClockView | null {
  const lot = s.lots.get(lotId as LotId);
  if (!lot) return null;
  const item = s.items.get(lot.itemId);
  if (!item) return null;
  if (item.kind === 'solder_paste') {
    const r = pasteStatus(s.paste.get(lot.lotId) ?? pasteInit(), pasteParamsFor(s, item), nowMs);
    if (r.phase === 'discarded') return { lotId, itemId: item.itemId, clock: 'paste', phase: r.phase, level: null, remainingMs: null, running: false, limit: 'discarded', problems: [...r.problems], atMs: nowMs };
    const limit = r.phase === 'thawing' ? 'thaw' : r.openRemainingMs !== null && r.openRemainingMs < r.outRemainingMs ? 'open_time' : r.phase === 'in_fridge' ? 'thaw' : 'out_of_fridge';
    const remainingMs = limit === 'thaw' ? r.thawRemainingMs : limit === 'open_time' ? r.openRemainingMs : r.outRemainingMs;
    return { lotId, itemId: item.itemId, clock: 'paste', phase: r.phase, level: null, remainingMs, running: r.phase !== 'in_fridge', limit, problems: [...r.problems], atMs: nowMs };
  }
  const level = lot.msl ?? item.msl;
  if (level === undefined) return null;
  const r = mslRemaining(s.msl.get(lot.lotId) ?? mslInit(level), nowMs, item.mslTimeOnLabelH !== undefined ? { timeOnLabelH: item.mslTimeOnLabelH } : {});
  const problems = [...(r.exceeded ? ['floor_life_exceeded'] : []), ...(r.bakeRequired ? ['bake_required'] : [])];
  return { lotId, itemId: item.itemId, clock: 'msl', phase: r.phase, level, remainingMs: r.remainingMs, running: r.phase === 'open' && r.remainingMs !== null, limit: 'floor_life', problems, atMs: nowMs };
}

/** The station's paste jars still on the floor: every jar with a clock, but a discarded one. */
export function pasteJarsKept(s: Snapshot): LotId[] {
  return [...s.paste].flatMap(([lotId, jar]) => (jar.discardedAtMs === null ? [lotId] : []));
}

export function setupView(engine: WorkflowEngine, run: SmtRun, nowMs: number): SetupView {
  const s = engine.snapshot;
  const st = run.setup;
  const list = st.list;
  const wo = s.workOrders.get(run.workOrderId as WorkOrderId);
  const masterBom = wo && wo.bomId !== list.bomId ? s.boms.get(wo.bomId) : undefined;
  const start = canStartLine(st);
  const clocks: ClockView[] = [];
  const loaded = new Set<string>();
  for (const l of Object.values(st.loaded)) {
    loaded.add(l.lotId);
    const c = clockView(s, l.lotId, nowMs);
    if (c && c.level !== '1') clocks.push(c);
  }
  // The station's solder paste jars are shown beside the reels (the line's paste), once: a jar
  // loaded at the printer already has its clock above.
  for (const lotId of pasteJarsKept(s)) {
    if (loaded.has(lotId)) continue;
    const c = clockView(s, lotId, nowMs);
    if (c) clocks.push(c);
  }
  return {
    workOrderId: run.workOrderId,
    lineId: run.lineId,
    productItemId: wo?.productItemId ?? '',
    quantity: wo?.quantity ?? 0,
    bomId: list.bomId,
    revision: list.revision,
    revisionPending: masterBom ? { bomId: masterBom.bomId, revision: masterBom.revision } : null,
    running: run.running,
    boards: run.boards,
    pendingSlot: st.pendingSlot,
    slots: list.slots.map((x) => {
      const l = st.loaded[x.slot];
      return {
        slot: x.slot,
        itemId: x.itemId,
        itemName: s.items.get(x.itemId)?.name ?? x.itemId,
        alternates: [...x.alternates],
        qtyRequired: x.qtyRequired,
        obsolete: run.obsolete.has(x.slot),
        loaded: l ? { lotId: l.lotId, itemId: l.itemId, via: l.via, atMs: l.atMs, revision: l.revision } : null,
      };
    }),
    unslotted: list.unslotted.map((u) => {
      const item = s.items.get(u.itemId);
      const clock = item?.kind === 'solder_paste' ? 'paste' : item?.msl !== undefined && item.msl !== '1' ? 'msl' : null;
      return { itemId: u.itemId, qtyRequired: u.qtyRequired, clock };
    }),
    missing: start.ok ? [] : [...start.missingSlots],
    // smt.start refuses a setup whose work order moved to another revision: the button says so.
    canStart: start.ok && !run.running && !(wo && wo.bomId !== list.bomId),
    history: lastItems(st.history, 50).map((h) => ({ slot: h.load.slot, lotId: h.load.lotId, itemId: h.load.itemId, endedAtMs: h.endedAtMs, why: h.why })),
    clocks,
  };
}

export function lotView(db: StationDb, lotId: string): LotView | null {
  const l = db.select().from(t.lots).where(eq(t.lots.lotId, lotId)).get();
  if (!l) return null;
  const item = db.select({ name: t.items.name }).from(t.items).where(eq(t.items.itemId, l.itemId)).get();
  const r = db.select().from(t.lotReceipts).where(eq(t.lotReceipts.lotId, lotId)).get();
  return {
    lotId: l.lotId,
    itemId: l.itemId,
    itemName: item?.name ?? l.itemId,
    supplierId: l.supplierId,
    supplierLot: l.supplierLot,
    quantity: l.quantity,
    uom: l.uom,
    status: l.status,
    expiry: l.expiry,
    dateCode: l.dateCode,
    msl: l.msl,
    receivedAt: l.receivedAt,
    entry: r?.entry ?? null,
    containers: r?.containers ?? null,
    quantityPerContainer: r?.quantityPerContainer ?? null,
    coc: r?.cocKind && r.cocPath ? { kind: r.cocKind, path: r.cocPath } : null,
    labelsPrinted: r?.labelsPrinted ?? 0,
  };
}
