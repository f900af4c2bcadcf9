// Unit labels of a serialized product at cleanroom packing: which serials still need one, what
// each carries (the lot label's UDI data with the unit's serial), and the check at lot close
// that every serial has exactly one unit label verified by scan-back. Pure.
//
// A unit label is a label like any other (issued with its print job, printed, verified,
// voided, reprinted only with a reason); what makes it a unit label is the serial it was
// issued for. It is kept out of the lot label counts (printed = applied + voided, applied =
// boxes): a unit label is accounted per serial instead.

import { awaitsScanBack } from '../../label/verify';

/** The template unit labels are printed on: the lot label's, whose optional (21) the serial fills. */
export const UNIT_LABEL_TEMPLATE = 'fg-udi-lot';

/** At most this many unit labels per touch: one print request stays a short transaction and a short queue. */
export const UNIT_LABELS_PER_PRINT = 200;

type LabelState = 'issued' | 'printed' | 'verified' | 'applied' | 'voided';

export interface UnitLabel {
  readonly labelId: string;
  readonly serial: string;
  readonly state: LabelState;
  readonly printed: boolean;
  readonly verified: boolean;
}

type LabelValue = string | number | boolean | null;

/**
 * Serials (in count order) that never had a unit label: what "Print unit labels" prints. A
 * serial whose label was voided is not among them: that label is reprinted, with a reason and
 * (where the station asks for one) a signature, as every voided label is.
 */
export function serialsToLabel(serials: readonly string[], labels: readonly Pick<UnitLabel, 'serial'>[]): string[] {
  const labelled = new Set(labels.map((l) => l.serial));
  return serials.filter((s) => !labelled.has(s));
}

/**
 * Voided unit labels whose serial has no label in force: each waits for its reprint. `labels`
 * in issue order; the last voided label of the serial is the one to reprint (a reprint that was
 * voided in turn replaces the one it reprinted).
 */
export function unitLabelsToReprint(serials: readonly string[], labels: readonly UnitLabel[]): Array<{ readonly labelId: string; readonly serial: string }> {
  const bySerial = groupBySerial(labels);
  return serials.flatMap((s) => {
    const ls = bySerial.get(s) ?? [];
    if (ls.length === 0 || ls.some((l) => l.state !== 'voided')) return [];
    return [{ labelId: ls.at(-1)!.labelId, serial: s }];
  });
}

/** Printed unit labels in force that wait for their scan-back, oldest first (the order they came off the printer). */
export function unitLabelsAwaitingScan<T extends UnitLabel>(labels: readonly T[]): T[] {
  return labels.filter(awaitsScanBack);
}

export interface UnitLabelReconciliation {
  /** Serials assigned in the lot. */
  readonly assigned: number;
  readonly issued: number;
  readonly printed: number;
  readonly verified: number;
  readonly voided: number;
  /** Serials with no unit label in force: never printed, or voided and not reprinted. */
  readonly missing: readonly string[];
  /** Serials whose label in force is not verified by scan-back (still printing, or waiting for its scan). */
  readonly unverified: readonly string[];
  /** Serials with more than one label in force (the store refuses it; counted here all the same). */
  readonly duplicated: readonly string[];
  /** Every serial has exactly one verified label in force, and every other label issued is voided. */
  readonly balanced: boolean;
}

/**
 * Lot close of a serialized product: each serial assigned has exactly one unit label in force,
 * verified by scan-back, and every other unit label issued is voided — issued = assigned +
 * voided, as the lot labels balance as issued = applied + voided.
 */
export function reconcileUnitLabels(serials: readonly string[], labels: readonly UnitLabel[]): UnitLabelReconciliation {
  const bySerial = groupBySerial(labels);
  const missing: string[] = [];
  const unverified: string[] = [];
  const duplicated: string[] = [];
  for (const s of serials) {
    const live = (bySerial.get(s) ?? []).filter((l) => l.state !== 'voided');
    if (live.length === 0) missing.push(s);
    else if (live.length > 1) duplicated.push(s);
    else if (!live[0]!.verified) unverified.push(s);
  }
  const voided = labels.filter((l) => l.state === 'voided').length;
  return {
    assigned: serials.length,
    issued: labels.length,
    printed: labels.filter((l) => l.printed).length,
    verified: labels.filter((l) => l.verified).length,
    voided,
    missing,
    unverified,
    duplicated,
    // The count catches a unit label of a serial not in this lot, which no per-serial check sees.
    balanced: missing.length === 0 && unverified.length === 0 && duplicated.length === 0 && labels.length === serials.length + voided,
  };
}

/**
 * Serials named for a person to read: runs of neighbours in the lot's count order as
 * "first – last (n)", at most `maxRuns` runs and then "+n" for the serials left out. No words,
 * so the same text serves every language.
 */
export function serialRuns(all: readonly string[], pick: readonly string[], maxRuns = 6): string {
  const want = new Set(pick);
  const runs: string[][] = [];
  let cur: string[] | null = null;
  for (const s of all) {
    if (want.has(s)) {
      if (!cur) runs.push((cur = []));
      cur.push(s);
    } else cur = null;
  }
  // Serials not in `all` (never expected) are still named, each on its own.
  const known = new Set(all);
  for (const s of pick) if (!known.has(s)) runs.push([s]);
  const text = (r: string[]) => (r.length === 1 ? r[0]! : `${r[0]} – ${r.at(-1)} (${r.length})`);
  const shown = runs.slice(0, maxRuns);
  const left = runs.slice(maxRuns).reduce((a, r) => a + r.length, 0);
  return shown.map(text).join(', ') + (left ? `, +${left}` : '');
}

export type UnitLabelProblem =
  | { readonly code: 'unit_labels_missing'; readonly serials: readonly string[] }
  | { readonly code: 'unit_labels_unverified'; readonly serials: readonly string[] }
  | { readonly code: 'unit_labels_duplicated'; readonly serials: readonly string[] }
  | { readonly code: 'unit_labels_unbalanced'; readonly issued: number; readonly assigned: number; readonly voided: number };

/** What keeps the close from going through, most pressing first: a serial with no label at all. */
export function unitLabelProblems(r: UnitLabelReconciliation): UnitLabelProblem[] {
  const out: UnitLabelProblem[] = [];
  if (r.missing.length) out.push({ code: 'unit_labels_missing', serials: r.missing });
  if (r.unverified.length) out.push({ code: 'unit_labels_unverified', serials: r.unverified });
  if (r.duplicated.length) out.push({ code: 'unit_labels_duplicated', serials: r.duplicated });
  if (!out.length && !r.balanced) out.push({ code: 'unit_labels_unbalanced', issued: r.issued, assigned: r.assigned, voided: r.voided });
  return out;
}

/** The refusal in English (the event log and technicians read it; the UI says it from the first problem's code). */
export function unitLabelMessage(lot: string, all: readonly string[], problems: readonly UnitLabelProblem[]): string {
  const parts = problems.map((p) => {
    switch (p.code) {
      case 'unit_labels_missing':
        return `no unit label for ${serialRuns(all, p.serials)}`;
      case 'unit_labels_unverified':
        return `unit label not verified by scan-back for ${serialRuns(all, p.serials)}`;
      case 'unit_labels_duplicated':
        return `more than one unit label in force for ${serialRuns(all, p.serials)}`;
      case 'unit_labels_unbalanced':
        return `${p.issued} unit labels issued for ${p.assigned} serials and ${p.voided} voided`;
      default: {
        const never: never = p;
        return String(never);
      }
    }
  });
  return `Unit labels of ${lot} do not reconcile: ${parts.join('; ')}. Every serial needs one unit label, printed and scanned back, before the lot closes.`;
}

/** Fields a unit label takes from the lot label, which must agree when the lot has several lot labels in force. */
const FROM_LOT_LABEL = ['productName', 'ref', 'productionDate', 'expiry', 'manufacturer'] as const;

export type UnitDataProblem =
  | { readonly code: 'no_lot_label' }
  | { readonly code: 'lot_labels_differ'; readonly field: string }
  | { readonly code: 'lot_label_other_lot'; readonly lot: string }
  | { readonly code: 'no_gtin' };

/**
 * The data of one unit label: the GTIN of the product (master data; the lot label's when the
 * item has none), the dates, REF, name and manufacturer exactly as the lot's label in force
 * carries them (a unit label must never disagree with its lot label), the lot, and the serial.
 * No quantity: a unit label is one unit.
 */
export function unitLabelData(
  lotLabels: readonly Readonly<Record<string, LabelValue>>[],
  o: { readonly lot: string; readonly gtin: string | undefined },
): { readonly ok: true; readonly data: (serial: string) => Record<string, LabelValue> } | { readonly ok: false; readonly problem: UnitDataProblem } {
  const first = lotLabels[0];
  if (!first) return { ok: false, problem: { code: 'no_lot_label' } };
  // The lot labels' GTIN is used only when the item has none; then they must agree on it too.
  const mustAgree: readonly string[] = o.gtin ? FROM_LOT_LABEL : [...FROM_LOT_LABEL, 'gtin'];
  for (const l of lotLabels) {
    if (l.lot !== undefined && l.lot !== null && l.lot !== o.lot) return { ok: false, problem: { code: 'lot_label_other_lot', lot: String(l.lot) } };
    const differs = mustAgree.find((f) => (l[f] ?? null) !== (first[f] ?? null));
    if (differs) return { ok: false, problem: { code: 'lot_labels_differ', field: differs } };
  }
  const gtin = o.gtin ?? (typeof first.gtin === 'string' && first.gtin ? first.gtin : undefined);
  if (!gtin) return { ok: false, problem: { code: 'no_gtin' } };
  const base: Record<string, LabelValue> = { gtin, lot: o.lot };
  for (const f of FROM_LOT_LABEL) if (first[f] !== undefined) base[f] = first[f]!;
  return { ok: true, data: (serial) => ({ ...base, serial }) };
}

export function unitDataMessage(lot: string, itemId: string, p: UnitDataProblem): string {
  switch (p.code) {
    case 'no_lot_label':
      return `Print the lot label of ${lot} first (Labels): each unit label carries its dates, REF and manufacturer.`;
    case 'lot_labels_differ':
      return `The lot labels of ${lot} in force differ in ${p.field}: void the wrong one before printing unit labels.`;
    case 'lot_label_other_lot':
      return `A lot label of ${lot} in force carries lot ${p.lot}: void it and print the lot label with lot ${lot}.`;
    case 'no_gtin':
      return `${itemId} has no GTIN in the master data and the lot label carries none: a unit label needs the GTIN (01).`;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

function groupBySerial<T extends { readonly serial: string }>(labels: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const l of labels) {
    const list = m.get(l.serial) ?? [];
    list.push(l);
    m.set(l.serial, list);
  }
  return m;
}
