// Binds a template to one label's data: checks every data field against its declaration, fills
// text placeholders, and builds each barcode's content through shared/barcode's GS1 encoder, so
// every error names the data field it is about and nothing half-bound reaches a renderer.
import { gs1Ai } from '../barcode/gs1-ai-spec';
import { encodeGs1DigitalLink, encodeGs1ElementString, encodeGs1Hri, gs1ElementsFromFields, type Gs1LabelFields } from '../barcode/encode';
import { checkGs1Associations } from '../barcode/gs1';
import { readLotlineId } from '../barcode/lotline-id';
import type { Element } from '../barcode/result';
import { formatDate, isIsoDate } from './format';
import { fail, fieldsOf, fillPlaceholders, ok, type BarcodeElement, type BoxElement, type DataField, type Gs1Key, type ImageElement, type LabelError, type LabelResult, type LabelTemplate, type TextElement, type When } from './template';

/** One label's data as it arrives (JSON): field name → value. */
export type LabelData = Readonly<Record<string, unknown>>;
/** Data after checking: strings for text, dates (ISO) and ids; numbers for integers. */
export type CleanData = Readonly<Record<string, string | number>>;

export interface BindOptions {
  /** Year the GS1 two-digit-year window counts from; default: the current UTC year. */
  readonly referenceYear?: number;
}

/** What a barcode carries once bound. */
export type BarcodeContent =
  | {
      readonly kind: 'gs1';
      /** In printed order (pre-defined-length AIs first, so fewer FNC1 are needed). */
      readonly elements: readonly Element[];
      /** Element string with GS between fields: what a scanner returns after `]C1` / `]d2`. */
      readonly elementString: string;
      /** `(01)…(10)…` for the line under the symbol. */
      readonly hri: string;
      /** AI → data field it came from, so a mismatch can name the field. */
      readonly fieldByAi: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'text'; readonly text: string; readonly fields: readonly string[] };

export type BoundElement =
  | { readonly type: 'text'; readonly index: number; readonly element: TextElement; readonly text: string; readonly fields: readonly string[] }
  | { readonly type: 'box'; readonly index: number; readonly element: BoxElement }
  | { readonly type: 'image'; readonly index: number; readonly element: ImageElement }
  | { readonly type: 'barcode'; readonly index: number; readonly element: BarcodeElement; readonly content: BarcodeContent; readonly fields: readonly string[] };

export interface BoundLabel {
  readonly template: LabelTemplate;
  readonly data: CleanData;
  readonly elements: readonly BoundElement[];
}

const label = (name: string, def: DataField | undefined) => def?.label ?? name;

function missing(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Checks one value against its declaration; returns the clean value or a message. */
function checkField(name: string, def: DataField, raw: unknown): { value: string | number } | { message: string } {
  const what = label(name, def);
  switch (def.type) {
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n)) return { message: `${what} must be a whole number (got ${JSON.stringify(raw)})` };
      if (n < def.min || n > def.max) return { message: `${what} must be between ${def.min} and ${def.max} (got ${n})` };
      return { value: n };
    }
    case 'date':
      if (typeof raw !== 'string' || !isIsoDate(raw)) return { message: `${what} must be a date written YYYY-MM-DD (got ${JSON.stringify(raw)})` };
      return { value: raw };
    default:
      break;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return { message: `${what} must be text (got ${typeof raw})` };
  const s = String(raw);
  // Control characters would become printer commands or invisible data on a regulated label.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return { message: `${what} contains a control character` };
  switch (def.type) {
    case 'text':
      if ([...s].length > def.maxLength) return { message: `${what} is ${[...s].length} characters long; at most ${def.maxLength} fit` };
      if (def.pattern !== undefined && !new RegExp(def.pattern, 'u').test(s)) return { message: `${what} "${s}" does not have the expected form` };
      return { value: s };
    case 'enum':
      if (!def.values.includes(s)) return { message: `${what} must be one of ${def.values.join(', ')} (got "${s}")` };
      return { value: s };
    case 'lotline-id': {
      const r = readLotlineId(s);
      if (!r.ok) return { message: `${what}: ${r.problem.message}` };
      if (r.kind !== def.kind) return { message: `${what} must be an LL-${def.kind}-… id (got LL-${r.kind}-…)` };
      return { value: s };
    }
    case 'gs1':
      if (s.length > def.maxLength) return { message: `${what} is ${s.length} characters long; at most ${def.maxLength} fit` };
      return { value: s };
  }
}

/** Checks the data against the template's field declarations. */
export function checkLabelData(template: LabelTemplate, data: LabelData): LabelResult<CleanData> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail([{ field: '(data)', message: 'label data must be a JSON object of field → value' }]);
  const errors: LabelError[] = [];
  const clean: Record<string, string | number> = {};
  for (const [name, def] of Object.entries(template.fields)) {
    const raw = data[name];
    if (missing(raw)) {
      if (def.required) errors.push({ field: name, message: `${label(name, def)} is required` });
      continue;
    }
    const r = checkField(name, def, raw);
    if ('message' in r) errors.push({ field: name, message: r.message });
    else clean[name] = r.value;
  }
  return errors.length ? fail(errors) : ok(clean);
}

function shown(when: When | undefined, data: CleanData): boolean {
  if (when === undefined) return true;
  if (typeof when === 'string') return data[when] !== undefined;
  return data[when.field] !== undefined && String(data[when.field]) === when.equals;
}

function fieldText(template: LabelTemplate, data: CleanData, field: string, format: string | undefined): string {
  const v = data[field];
  if (v === undefined) return '';
  return template.fields[field]?.type === 'date' ? formatDate(String(v), format) : String(v);
}

function gs1Content(template: LabelTemplate, el: BarcodeElement, data: CleanData, referenceYear: number): LabelResult<BarcodeContent> {
  const fields: Record<string, string | number> = {};
  const fieldByKey: Partial<Record<Gs1Key, string>> = {};
  const errors: LabelError[] = [];
  for (const [key, field] of Object.entries(el.gs1 ?? {}) as [Gs1Key, string][]) {
    const v = data[field];
    if (v === undefined) continue; // optional and absent: an unserialized lot has no (21)
    const value = key === 'quantity' || key === 'contentCount' ? Number(v) : String(v);
    // Encoding each key alone attributes a GS1 failure to the one data field that caused it.
    const one = gs1ElementsFromFields({ [key]: value } as Gs1LabelFields, { referenceYear });
    if (!one.ok) errors.push({ field, message: `${label(field, template.fields[field])}: ${one.error.message}` });
    fields[key] = value;
    fieldByKey[key] = field;
  }
  if (errors.length) return fail(errors);
  const all = gs1ElementsFromFields(fields as Gs1LabelFields, { referenceYear });
  const names = Object.values(fieldByKey).join(', ');
  if (!all.ok) return fail([{ field: names || `elements`, message: all.error.message }]);
  // Pre-defined-length AIs first: the order carries no meaning in GS1, and each one moved ahead
  // of a variable-length AI saves an FNC1.
  const elements = [...all.value.filter(([ai]) => gs1Ai(ai)?.predefinedLength), ...all.value.filter(([ai]) => !gs1Ai(ai)?.predefinedLength)];
  const fieldByAi: Record<string, string> = {};
  const keyByAi: Record<string, Gs1Key> = { '00': 'sscc', '01': 'gtin', '02': 'contentGtin', '10': 'lot', '21': 'serial', '11': 'productionDate', '15': 'bestBefore', '17': 'expiry', '30': 'quantity', '37': 'contentCount', '241': 'customerPart', '400': 'purchaseOrder' };
  for (const [ai] of elements) {
    const k = keyByAi[ai];
    if (k && fieldByKey[k]) fieldByAi[ai] = fieldByKey[k]!;
  }
  if (el.symbology === 'qr') {
    const dl = encodeGs1DigitalLink(elements, { referenceYear });
    if (!dl.ok) return fail([{ field: names, message: dl.error.message }]);
    return ok({ kind: 'text', text: dl.value, fields: Object.values(fieldByKey) });
  }
  const es = encodeGs1ElementString(elements, { referenceYear });
  const hri = encodeGs1Hri(elements, { referenceYear });
  if (!es.ok) return fail([{ field: names, message: es.error.message }]);
  if (!hri.ok) return fail([{ field: names, message: hri.error.message }]);
  return ok({ kind: 'gs1', elements, elementString: es.value, hri: hri.value, fieldByAi });
}

/** Checks the data and resolves every element's content. Nothing is returned unless all of it binds. */
export function bindLabel(template: LabelTemplate, data: LabelData, opts: BindOptions = {}): LabelResult<BoundLabel> {
  const checked = checkLabelData(template, data);
  if (!checked.ok) return checked;
  const clean = checked.value;
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const errors: LabelError[] = [];
  const out: BoundElement[] = [];
  template.elements.forEach((element, index) => {
    if (!shown(element.when, clean)) return;
    const fields = fieldsOf(element);
    switch (element.type) {
      case 'text':
        out.push({ type: 'text', index, element, text: fillPlaceholders(element.text, (p) => fieldText(template, clean, p.field, p.format)), fields });
        return;
      case 'box':
        out.push({ type: 'box', index, element });
        return;
      case 'image':
        out.push({ type: 'image', index, element });
        return;
      case 'barcode': {
        if (element.gs1) {
          const r = gs1Content(template, element, clean, referenceYear);
          if (!r.ok) errors.push(...r.errors);
          else out.push({ type: 'barcode', index, element, content: r.value, fields });
          return;
        }
        const text = fillPlaceholders(element.data ?? '', (p) => fieldText(template, clean, p.field, p.format));
        if (text === '') errors.push({ field: fields.join(', ') || `elements.${index}`, message: 'the barcode would be empty' });
        else out.push({ type: 'barcode', index, element, content: { kind: 'text', text, fields }, fields });
        return;
      }
    }
  });
  if (!errors.length) errors.push(...associationErrors(out));
  return errors.length ? fail(errors) : ok({ template, data: clean, elements: out });
}

/**
 * GS1's pairing rules over the whole label, not one barcode: a logistic label carries (00) in
 * one symbol and the contents it requires ((02) with (37)) in another, and must not say both
 * (01) and (02).
 */
function associationErrors(elements: readonly BoundElement[]): LabelError[] {
  const gs1: Element[] = [];
  const fieldByAi: Record<string, string> = {};
  for (const b of elements) {
    if (b.type !== 'barcode' || b.content.kind !== 'gs1') continue;
    gs1.push(...b.content.elements);
    Object.assign(fieldByAi, b.content.fieldByAi);
  }
  return checkGs1Associations(gs1).violations.map((v) => ({ field: fieldByAi[v.ai] ?? `(${v.ai})`, message: `GS1: ${v.message}` }));
}
