// The label template model: data, not code. A template is a JSON file (resources/labels/) that
// this zod schema validates; coordinates are millimetres so one template prints at any dpi.
import { z } from 'zod';

export const LABEL_TEMPLATE_SCHEMA = 'lotline.label/1';

export const Dpi = z.union([z.literal(203), z.literal(300), z.literal(600)]);
export type Dpi = z.infer<typeof Dpi>;
export const DPIS: readonly Dpi[] = [203, 300, 600];

const Mm = z.number().finite().min(0).max(1000);
const PositiveMm = z.number().finite().gt(0).max(1000);
/** Data field names are identifiers so they can be written inside `{…}` placeholders. */
const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'a field name is a letter then letters, digits or _ (at most 40)');

const FieldBase = {
  /** What the operator sees in an error ("Supplier lot"); defaults to the field name. */
  label: z.string().min(1).max(60).optional(),
  required: z.boolean().default(true),
};

export const DataField = z.discriminatedUnion('type', [
  z.object({ ...FieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(500), pattern: z.string().optional() }),
  /** ISO calendar date (YYYY-MM-DD) in the data; printed in whatever format the element asks. */
  z.object({ ...FieldBase, type: z.literal('date') }),
  z.object({ ...FieldBase, type: z.literal('integer'), min: z.number().int().default(0), max: z.number().int().default(99_999_999) }),
  z.object({ ...FieldBase, type: z.literal('enum'), values: z.array(z.string().min(1)).min(1) }),
  /** A Lotline id (LL-LOT-…, LL-SLOT-…, LL-BADGE-…), checked against its grammar. */
  z.object({ ...FieldBase, type: z.literal('lotline-id'), kind: z.enum(['LOT', 'SLOT', 'BADGE']).default('LOT') }),
  /** A GS1 value (GTIN, SSCC, lot…): its syntax is checked where a barcode binds it to an AI. */
  z.object({ ...FieldBase, type: z.literal('gs1'), maxLength: z.number().int().min(1).max(90).default(90) }),
]);
export type DataField = z.infer<typeof DataField>;

/** Render the element only when a field has a value, or has one particular value. */
export const When = z.union([FieldName, z.object({ field: FieldName, equals: z.string() })]);
export type When = z.infer<typeof When>;

const Placed = { x: Mm, y: Mm, when: When.optional() };

export const TextAlign = z.enum(['left', 'center', 'right']);
export type TextAlign = z.infer<typeof TextAlign>;

export const TextElement = z.object({
  type: z.literal('text'),
  ...Placed,
  width: PositiveMm,
  /** Character height (ZPL font 0 height). */
  fontMm: z.number().min(0.8).max(100),
  /**
   * Literal text with placeholders: `{field}`, `{field:DD MMM YYYY}` for dates. Placeholders refer
   * to declared data fields only (checked when the template loads).
   */
  text: z.string().min(1).max(500),
  align: TextAlign.default('left'),
  maxLines: z.number().int().min(1).max(9).default(1),
  /** White on black (e.g. a QUARANTINE banner over a filled box). */
  reverse: z.boolean().default(false),
});
export type TextElement = z.infer<typeof TextElement>;

export const BoxElement = z.object({
  type: z.literal('box'),
  ...Placed,
  width: PositiveMm,
  height: PositiveMm,
  /** Border thickness; a filled box ignores it. */
  borderMm: PositiveMm.default(0.3),
  fill: z.boolean().default(false),
});
export type BoxElement = z.infer<typeof BoxElement>;

export const Symbology = z.enum(['gs1-128', 'gs1-datamatrix', 'code128', 'datamatrix', 'qr']);
export type Symbology = z.infer<typeof Symbology>;

/** Keys of shared/barcode's Gs1LabelFields, each bound to a data field name. */
export const Gs1Key = z.enum(['sscc', 'gtin', 'contentGtin', 'lot', 'serial', 'productionDate', 'bestBefore', 'expiry', 'quantity', 'contentCount', 'customerPart', 'purchaseOrder']);
export type Gs1Key = z.infer<typeof Gs1Key>;

export const Hri = z.object({
  fontMm: z.number().min(0.8).max(20).default(2.5),
  /** Space between the symbol and the text. */
  gapMm: Mm.default(0.8),
});

export const BarcodeElement = z
  .object({
    type: z.literal('barcode'),
    ...Placed,
    symbology: Symbology,
    /** X dimension: narrow bar / module size. Rounded to whole printer dots. */
    moduleMm: z.number().min(0.1).max(5),
    /** Bar height for linear symbols. */
    heightMm: PositiveMm.optional(),
    /** GS1 data for gs1-128, gs1-datamatrix and QR (as a GS1 Digital Link): key → data field. */
    gs1: z.partialRecord(Gs1Key, FieldName).optional(),
    /** Non-GS1 content, with placeholders like text elements. */
    data: z.string().min(1).max(500).optional(),
    /** Human-readable line under the symbol: GS1 bracket form for GS1 data, the text otherwise. */
    hri: Hri.optional(),
    /** Widest the symbol may be (quiet zones are the designer's): wider data is refused, not squeezed. */
    maxWidthMm: PositiveMm.optional(),
    qrErrorCorrection: z.enum(['L', 'M', 'Q', 'H']).default('M'),
  })
  .superRefine((b, ctx) => {
    const gs1 = b.symbology === 'gs1-128' || b.symbology === 'gs1-datamatrix';
    if (gs1 && !b.gs1) ctx.addIssue({ code: 'custom', message: `${b.symbology} needs "gs1" (which data field goes in which AI)`, path: ['gs1'] });
    if (!gs1 && b.symbology !== 'qr' && !b.data) ctx.addIssue({ code: 'custom', message: `${b.symbology} needs "data"`, path: ['data'] });
    if (b.symbology === 'qr' && !b.data === !b.gs1) ctx.addIssue({ code: 'custom', message: 'qr needs exactly one of "data" or "gs1"', path: ['data'] });
    if ((b.symbology === 'gs1-128' || b.symbology === 'code128') && b.heightMm === undefined) ctx.addIssue({ code: 'custom', message: 'a linear barcode needs heightMm', path: ['heightMm'] });
  });
export type BarcodeElement = z.infer<typeof BarcodeElement>;

export const ImageElement = z.object({
  type: z.literal('image'),
  ...Placed,
  width: PositiveMm,
  height: PositiveMm,
  /** Path under resources/labels/, e.g. "symbols/lot.png". */
  src: z.string().regex(/^[a-z0-9][a-z0-9_\-/]*\.png$/, 'an image is a .png path under resources/labels/ (lower case, no "..")'),
});
export type ImageElement = z.infer<typeof ImageElement>;

export const LabelElement = z.discriminatedUnion('type', [TextElement, BoxElement, BarcodeElement, ImageElement]);
export type LabelElement = z.infer<typeof LabelElement>;

export const LabelTemplate = z.object({
  schema: z.literal(LABEL_TEMPLATE_SCHEMA),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  widthMm: PositiveMm,
  heightMm: PositiveMm,
  /** Resolution the template was designed for; rendering at another one scales dots, not mm. */
  dpi: Dpi,
  fields: z.record(FieldName, DataField),
  elements: z.array(LabelElement).min(1).max(200),
});
export type LabelTemplate = z.infer<typeof LabelTemplate>;
/** The JSON as written in a template file (defaults not yet applied). */
export type LabelTemplateInput = z.input<typeof LabelTemplate>;

/** Every failure names what it is about: a data field, or a path in the template. */
export interface LabelError {
  readonly field: string;
  readonly message: string;
}
export type LabelResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly LabelError[] };

export const ok = <T>(value: T): LabelResult<T> => ({ ok: true, value });
export const fail = <T = never>(errors: readonly LabelError[]): LabelResult<T> => ({ ok: false, errors });

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9_]*)(?::([^{}]*))?\}/g;

export interface Placeholder {
  readonly field: string;
  readonly format: string | undefined;
}

export function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ field: m[1]!, format: m[2] }));
}

export function fillPlaceholders(text: string, value: (p: Placeholder) => string): string {
  return text.replace(PLACEHOLDER, (_, field: string, format: string | undefined) => value({ field, format }));
}

/** Data fields an element reads, for error messages and the `templates` listing. */
export function fieldsOf(el: LabelElement): string[] {
  const out = new Set<string>();
  if (el.when) out.add(typeof el.when === 'string' ? el.when : el.when.field);
  if (el.type === 'text') for (const p of placeholders(el.text)) out.add(p.field);
  if (el.type === 'barcode') {
    if (el.data) for (const p of placeholders(el.data)) out.add(p.field);
    for (const f of Object.values(el.gs1 ?? {})) if (f) out.add(f);
  }
  return [...out];
}

/** Parses and cross-checks a template: placeholders and bindings must name declared fields. */
export function parseTemplate(json: unknown): LabelResult<LabelTemplate> {
  const r = LabelTemplate.safeParse(json);
  if (!r.success) return fail(r.error.issues.map((i) => ({ field: `template.${i.path.join('.')}`, message: i.message })));
  const t = r.data;
  const errors: LabelError[] = [];
  t.elements.forEach((el, i) => {
    for (const f of fieldsOf(el)) if (!(f in t.fields)) errors.push({ field: `template.elements.${i}`, message: `uses field "${f}", which the template does not declare` });
    if (el.type === 'text') {
      for (const p of placeholders(el.text)) {
        const def = t.fields[p.field];
        if (p.format !== undefined && def && def.type !== 'date') errors.push({ field: `template.elements.${i}`, message: `"{${p.field}:${p.format}}": only date fields take a format` });
        if (p.format !== undefined && !isDateFormat(p.format)) errors.push({ field: `template.elements.${i}`, message: `"${p.format}" is not a date format (use YYYY, YY, MM, MMM, DD and separators)` });
      }
    }
    if (el.x + (el.type === 'text' || el.type === 'box' || el.type === 'image' ? el.width : 0) > t.widthMm + 1e-9 || el.y > t.heightMm) errors.push({ field: `template.elements.${i}`, message: 'lies outside the label' });
  });
  return errors.length ? fail(errors) : ok(t);
}

/** Label date formats: tokens YYYY, YY, MMM (JAN…), MM, DD with any separators between. */
export function isDateFormat(f: string): boolean {
  return /^(YYYY|YY|MMM|MM|DD|[ ./\-])+$/.test(f) && /YY|MM|DD/.test(f);
}
