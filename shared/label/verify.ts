// Print-and-verify: what each barcode on a printed label was meant to carry, and the check of a
// scan-back against it. Scans go through parseScan like every other scan on the floor, so a
// label verifies exactly as it will read at the next station.
import { parseScan } from '../barcode/parse';
import type { Element } from '../barcode/result';
import type { LabelLayout } from './layout';
import type { Symbology } from './template';

export interface PrintedBarcode {
  /** Position among the label's barcodes, top of the template first. */
  readonly index: number;
  readonly symbology: Symbology;
  /** Encoded data: a GS1 element string with GS separators, or the plain text. */
  readonly data: string;
  /** GS1 elements, when the symbol carries GS1 element-string data. */
  readonly gs1?: readonly Element[];
  /** Identifier (AI, or a Lotline id kind) → data field, to name a mismatch. */
  readonly fieldById: Readonly<Record<string, string>>;
}

export interface RenderedLabelData {
  readonly templateId: string;
  readonly barcodes: readonly PrintedBarcode[];
}

export interface Mismatch {
  readonly field: string;
  readonly expected: string | null;
  readonly scanned: string | null;
}

export type VerifyResult =
  | { readonly match: true; readonly barcode: number }
  | { readonly match: false; readonly mismatches: readonly Mismatch[]; readonly unreadable?: true };

export interface VerifyOptions {
  readonly referenceYear?: number;
}

export function renderedLabelData(layout: LabelLayout): RenderedLabelData {
  const barcodes: PrintedBarcode[] = [];
  for (const item of layout.items) {
    if (item.kind !== 'barcode') continue;
    const c = item.content;
    const fieldById: Record<string, string> = c.kind === 'gs1' ? { ...c.fieldByAi } : {};
    if (c.kind === 'text') for (const f of c.fields.slice(0, 1)) fieldById['*'] = f;
    barcodes.push({ index: barcodes.length, symbology: item.symbology, data: item.data, ...(c.kind === 'gs1' ? { gs1: c.elements } : {}), fieldById });
  }
  return { templateId: layout.templateId, barcodes };
}

const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;

function compareElements(expected: readonly Element[], scanned: readonly Element[], fieldById: Readonly<Record<string, string>>): Mismatch[] {
  const out: Mismatch[] = [];
  const got = new Map(scanned.map(([id, v]) => [id, v]));
  const want = new Map(expected.map(([id, v]) => [id, v]));
  const name = (id: string) => fieldById[id] ?? fieldById['*'] ?? `(${id})`;
  for (const [id, v] of want) if (got.get(id) !== v) out.push({ field: name(id), expected: v, scanned: got.get(id) ?? null });
  for (const [id, v] of got) if (!want.has(id)) out.push({ field: name(id), expected: null, scanned: v });
  return out;
}

function compare(b: PrintedBarcode, scannedText: string, opts: VerifyOptions): Mismatch[] {
  const parsed = parseScan(scannedText, { referenceYear: opts.referenceYear });
  const field = b.fieldById['*'] ?? `barcode ${b.index}`;
  if (b.gs1) {
    if (!parsed.ok || !parsed.format.startsWith('gs1')) return [{ field, expected: b.data, scanned: scannedText }];
    return compareElements(b.gs1, parsed.elements, b.fieldById);
  }
  // Plain data that is itself a known format (a Lotline id, a Digital Link) compares by meaning,
  // so "LL-LOT-…" read in lower case by a Caps-Lock wedge still verifies.
  const meant = parseScan(b.data, { referenceYear: opts.referenceYear });
  if (meant.ok && parsed.ok && meant.format === parsed.format) return compareElements(meant.elements, parsed.elements, b.fieldById);
  const text = scannedText.replace(SYMBOLOGY_ID, '');
  return text === b.data ? [] : [{ field, expected: b.data, scanned: text }];
}

/**
 * Compares one scan of a printed label with what was meant to print. The scan may be of any of
 * the label's barcodes; the one it matches best is the one reported.
 */
export function verifyPrintedLabel(expected: RenderedLabelData, scannedText: string, opts: VerifyOptions = {}): VerifyResult {
  if (expected.barcodes.length === 0) return { match: false, mismatches: [{ field: '(label)', expected: null, scanned: scannedText }] };
  const parsed = parseScan(scannedText, { referenceYear: opts.referenceYear });
  let best: { b: PrintedBarcode; m: Mismatch[] } | undefined;
  for (const b of expected.barcodes) {
    const m = compare(b, scannedText, opts);
    if (!best || m.length < best.m.length) best = { b, m };
  }
  if (best!.m.length === 0) return { match: true, barcode: best!.b.index };
  // A scan that no parser accepts and that equals no plain barcode did not read the label.
  const unreadable = !parsed.ok && scannedText.trim() === '' ? true : !parsed.ok && expected.barcodes.every((b) => b.gs1 !== undefined);
  return unreadable ? { match: false, mismatches: best!.m, unreadable: true } : { match: false, mismatches: best!.m };
}

/** A scan of another barcode of the same label (the GTIN or lot line), which carries no serial: nothing is wrong with the label. */
interface OtherBarcode {
  readonly match: false;
  readonly otherBarcode: true;
  readonly barcode: number;
}

/**
 * Scan-back of a unit label (one serial): only a barcode that carries the serial (GS1 AI 21)
 * verifies it, because the serial is what makes the label this unit's — the lot and GTIN lines
 * are the same on every unit label of the lot. A clean read of one of those other barcodes is
 * answered as such (scan the one with the serial), not as a wrong label; anything else that
 * does not carry this serial is a mismatch.
 */
export function verifyUnitLabel(expected: RenderedLabelData, serial: string, scannedText: string, opts: VerifyOptions = {}): VerifyResult | OtherBarcode {
  const withSerial = expected.barcodes.filter((b) => b.fieldById['21'] !== undefined);
  // A label issued without a barcode for its serial can never prove which unit it is on.
  if (withSerial.length === 0) return { match: false, mismatches: [{ field: 'serial', expected: serial, scanned: null }] };
  const r = verifyPrintedLabel({ ...expected, barcodes: withSerial }, scannedText, opts);
  if (r.match) {
    // The label was issued with this serial in it; the read must say so too (belt and braces
    // against a label row whose barcodes were issued for another serial).
    const read = parseScan(scannedText, { referenceYear: opts.referenceYear });
    const got = read.ok ? (read.elements.find(([ai]) => ai === '21')?.[1] ?? null) : null;
    return got === serial ? r : { match: false, mismatches: [{ field: 'serial', expected: serial, scanned: got }] };
  }
  const other = verifyPrintedLabel(expected, scannedText, opts);
  if (other.match) return { match: false, otherBarcode: true, barcode: other.barcode };
  return r;
}

/**
 * A label out of the printer that waits for its scan-back: printed, neither verified nor
 * voided, and asked to be verified (the station's policy for a lot label; a unit label always is).
 */
export function awaitsScanBack(l: { readonly state: string; readonly printed: boolean; readonly verified: boolean; readonly needsVerification?: boolean }): boolean {
  return l.needsVerification !== false && l.state !== 'voided' && l.printed && !l.verified;
}
