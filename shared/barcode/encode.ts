// Builds GS1 data for labels from fields: element strings (FNC1 as GS, or the printer's own FNC1
// token), bracketed HRI and Digital Link URIs; every value is validated so a label never carries
// data the parser would reject.
import { gs1Ai, type Gs1AiSpec } from './gs1-ai-spec';
import { gs1Century } from './gs1-date';
import { atPosition, GS, validateGs1Value } from './gs1';
import type { Element, ScanError } from './result';
import { scanError, type ScanProblemCode, type ScanProblemParams } from './scan-messages';

export type EncodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScanError };

export interface Gs1LabelFields {
  readonly sscc?: string;
  readonly gtin?: string;
  readonly lot?: string;
  readonly serial?: string;
  /** ISO dates (YYYY-MM-DD); a day of 00 cannot be expressed here, use the elements for that. */
  readonly productionDate?: string;
  readonly bestBefore?: string;
  readonly expiry?: string;
  /** Count of trade items (AI 30). */
  readonly quantity?: number;
  /** A logistic unit's contents: the GTIN of the trade items inside (AI 02), with their count (AI 37). */
  readonly contentGtin?: string;
  readonly contentCount?: number;
  readonly customerPart?: string;
  readonly purchaseOrder?: string;
}

export interface EncodeOptions {
  /** Year the reader's century rule counts from; dates outside its window are refused. Default: current UTC year. */
  readonly referenceYear?: number;
}

const err = <C extends ScanProblemCode>(code: C, params: ScanProblemParams[C]): { ok: false; error: ScanError } => ({ ok: false, error: scanError(code, params, -1) });

function yymmdd(iso: string, referenceYear: number): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const year = Number(m[1]);
  // A two-digit year only round-trips inside GS1's window around the reader's year.
  if (gs1Century(year % 100, referenceYear) !== year) return undefined;
  return `${m[1]!.slice(2)}${m[2]}${m[3]}`;
}

/** Elements in the order labels usually print them: keys first, then dates, lot, serial. */
export function gs1ElementsFromFields(fields: Gs1LabelFields, opts: EncodeOptions = {}): EncodeResult<Element[]> {
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const out: Element[] = [];
  if (fields.sscc !== undefined) out.push(['00', fields.sscc]);
  if (fields.gtin !== undefined) out.push(['01', gtin14(fields.gtin)]);
  if (fields.contentGtin !== undefined) out.push(['02', gtin14(fields.contentGtin)]);
  for (const [ai, key] of [['11', 'productionDate'], ['15', 'bestBefore'], ['17', 'expiry']] as const) {
    const iso = fields[key];
    if (iso === undefined) continue;
    const v = yymmdd(iso, referenceYear);
    if (v === undefined) return err('encode_date', { field: key, iso, year: referenceYear });
    out.push([ai, v]);
  }
  if (fields.lot !== undefined) out.push(['10', fields.lot]);
  if (fields.serial !== undefined) out.push(['21', fields.serial]);
  for (const [ai, quantity] of [['30', fields.quantity], ['37', fields.contentCount]] as const) {
    if (quantity === undefined) continue;
    if (!Number.isInteger(quantity) || quantity < 0) return err('encode_quantity', { quantity });
    out.push([ai, String(quantity)]);
  }
  if (fields.customerPart !== undefined) out.push(['241', fields.customerPart]);
  if (fields.purchaseOrder !== undefined) out.push(['400', fields.purchaseOrder]);
  const checked = checkElements(out, referenceYear);
  return checked.ok ? { ok: true, value: out } : checked;
}

/** GTIN-8, -12 and -13 are written as GTIN-14 with leading zeros, as GS1 element strings carry them. */
const gtin14 = (gtin: string) => (/^\d{8}$|^\d{12,13}$/.test(gtin) ? gtin.padStart(14, '0') : gtin);

function checkElements(elements: readonly Element[], referenceYear: number): EncodeResult<Gs1AiSpec[]> {
  if (elements.length === 0) return err('encode_empty', {});
  const specs: Gs1AiSpec[] = [];
  for (const [ai, value] of elements) {
    const spec = gs1Ai(ai);
    if (!spec) return err('not_an_ai', { ai });
    const problem = validateGs1Value(spec, value, { referenceYear });
    // An encoding error points at no place in a scan.
    if (problem) return { ok: false, error: { ...atPosition(problem, 0), position: -1 } };
    specs.push(spec);
  }
  return { ok: true, value: specs };
}

export interface ElementStringOptions extends EncodeOptions {
  /** What stands for FNC1 as a separator: GS for data, or a printer library's token such as "^FNC1". */
  readonly separator?: string;
  /** Put pre-defined-length AIs first so fewer separators are needed (the order carries no meaning in GS1). */
  readonly predefinedFirst?: boolean;
  /** Prefix such as "]C1" when the string stands for what a scanner would send. */
  readonly symbologyId?: string;
}

/** GS1 element string: a separator follows each variable-length AI except the last. */
export function encodeGs1ElementString(elements: readonly Element[], opts: ElementStringOptions = {}): EncodeResult<string> {
  const checked = checkElements(elements, opts.referenceYear ?? new Date().getUTCFullYear());
  if (!checked.ok) return checked;
  let pairs = elements.map((e, i) => ({ e, spec: checked.value[i]! }));
  if (opts.predefinedFirst) pairs = [...pairs.filter((p) => p.spec.predefinedLength), ...pairs.filter((p) => !p.spec.predefinedLength)];
  const separator = opts.separator ?? GS;
  let out = opts.symbologyId ?? '';
  pairs.forEach(({ e: [ai, value], spec }, i) => {
    out += ai + value;
    if (!spec.predefinedLength && i < pairs.length - 1) out += separator;
  });
  return { ok: true, value: out };
}

/** Bracketed human-readable interpretation: `(01)09501101530003(10)ABC`. */
export function encodeGs1Hri(elements: readonly Element[], opts: EncodeOptions = {}): EncodeResult<string> {
  const checked = checkElements(elements, opts.referenceYear ?? new Date().getUTCFullYear());
  if (!checked.ok) return checked;
  // A "(" inside a value would read back as the start of another AI.
  const bad = elements.find(([, v]) => /\(\d{2,4}\)/.test(v));
  if (bad) return err('encode_hri_ambiguous', { ai: bad[0], value: bad[1] });
  return { ok: true, value: elements.map(([ai, v]) => `(${ai})${v}`).join('') };
}

export interface DigitalLinkOptions extends EncodeOptions {
  /** Resolver base, default "https://id.gs1.org". */
  readonly domain?: string;
}

/** GS1 Digital Link URI: primary key and its qualifiers in the path, other attributes as query. */
export function encodeGs1DigitalLink(elements: readonly Element[], opts: DigitalLinkOptions = {}): EncodeResult<string> {
  const checked = checkElements(elements, opts.referenceYear ?? new Date().getUTCFullYear());
  if (!checked.ok) return checked;
  const pkIndex = checked.value.findIndex((s) => s.dlpkey !== null);
  if (pkIndex < 0) return err('encode_dl_no_key', {});
  const pk = checked.value[pkIndex]!;
  const rest = elements.filter((_, i) => i !== pkIndex);
  const sequence = (pk.dlpkey ?? []).find((seq) => seq.some((q) => rest.some(([ai]) => ai === q))) ?? [];
  const qualifiers = sequence.flatMap((q) => rest.filter(([ai]) => ai === q));
  const query = rest.filter(([ai]) => !sequence.includes(ai));
  const notAttribute = query.find(([ai]) => !gs1Ai(ai)!.dlAttribute);
  if (notAttribute) return err('encode_dl_not_attribute', { ai: notAttribute[0] });
  const enc = (v: string) => encodeURIComponent(v);
  const base = (opts.domain ?? 'https://id.gs1.org').replace(/\/+$/, '');
  const path = [elements[pkIndex]!, ...qualifiers].map(([ai, v]) => `/${ai}/${enc(v)}`).join('');
  const q = query.map(([ai, v]) => `${ai}=${enc(v)}`).join('&');
  return { ok: true, value: `${base}${path}${q ? `?${q}` : ''}` };
}
