// The one normalized result every scan parses to, as zod schemas (the result crosses process
// boundaries: runtime → renderer, CLI → scripts) with the TypeScript types inferred from them.
import { z } from 'zod';

export const ScanFormat = z.enum([
  'gs1', // GS1 element string, from a GS1 symbology or bare
  'gs1-hri', // bracketed human-readable interpretation (01)…(10)…
  'gs1-digital-link',
  'hibc',
  'iso15434', // ISO/IEC 15434 envelope (format 06 data identifiers or format 05 GS1)
  'lcsc',
  'tme',
  'lotline',
  'unknown',
]);
export type ScanFormat = z.infer<typeof ScanFormat>;

/** ISO/IEC 15424 symbology identifier as sent by the scanner (`]C1`) and what it means. */
export const Symbology = z.object({
  id: z.string(),
  name: z.string(),
  /** True when the identifier promises GS1 AI data (]C1, ]d2, ]Q3, ]e0, ]J1, ]E0…). */
  gs1: z.boolean(),
});
export type Symbology = z.infer<typeof Symbology>;

/** `[identifier, value]` as it appears in the data: a GS1 AI, an MH10 data identifier, a vendor key. */
export const Element = z.tuple([z.string(), z.string()]).readonly();
export type Element = z.infer<typeof Element>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Measure = z.object({
  ai: z.string(),
  title: z.string(),
  /** Exact decimal text (e.g. "1.250"): floats would lose a regulated weight's last digit. */
  value: z.string(),
  unit: z.string(),
});
export type Measure = z.infer<typeof Measure>;

export const ScanFields = z
  .object({
    gtin: z.string(),
    sscc: z.string(),
    gln: z.string(),
    lot: z.string(),
    serial: z.string(),
    expiry: isoDate,
    bestBefore: isoDate,
    productionDate: isoDate,
    quantity: z.number(),
    unit: z.string(),
    measures: z.array(Measure).readonly(),
    supplier: z.string(),
    supplierPart: z.string(),
    manufacturerPart: z.string(),
    manufacturer: z.string(),
    customerPart: z.string(),
    /** Supplier's date code as printed (YYWW on most reels); not a calendar date. */
    dateCode: z.string(),
    countryOfOrigin: z.string(),
    purchaseOrder: z.string(),
    purchaseOrderLine: z.string(),
    salesOrder: z.string(),
    invoice: z.string(),
    packageId: z.string(),
    /** HIBC labeler identification code + product/catalogue number. */
    labelerId: z.string(),
    url: z.string(),
    internalLotId: z.string(),
    slot: z.object({ line: z.string(), slot: z.string() }),
    badgeId: z.string(),
  })
  .partial();
export type ScanFields = z.infer<typeof ScanFields>;

export const RepairKind = z.enum([
  'prefix_stripped',
  'suffix_stripped',
  'terminator_stripped',
  'control_picture',
  'gs_substitute',
  'gs_inserted', // a dropped GS restored where only one reading of the data is valid
  'header_fixed',
  'rs_inserted',
  'trailer_missing',
  'newline_joined',
  'case_folded',
  'code39_delimiters_stripped',
  'leading_gs_stripped',
]);
export type RepairKind = z.infer<typeof RepairKind>;

/**
 * The values a problem's or a repair's sentence is filled from (scan-messages.ts), so the
 * operator's screen can say it in the operator's language; `message` is the English one.
 */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type MessageParams = z.infer<typeof MessageParams>;

export const Repair = z.object({
  kind: RepairKind,
  params: MessageParams,
  /** English, for logs and technicians; the screen says `kind` + `params` in the operator's language. */
  message: z.string(),
  /** Offset in the text as it was when this repair was made. */
  position: z.number().int(),
});
export type Repair = z.infer<typeof Repair>;

export const ScanErrorKind = z.enum([
  'empty',
  'malformed',
  'unrecognized',
  'bad_symbology_identifier',
  'unknown_ai',
  'too_long',
  'too_short',
  'invalid_character',
  'check_digit',
  'invalid_date',
  'invalid_value',
  'ambiguous',
  'input_too_long',
]);
export type ScanErrorKind = z.infer<typeof ScanErrorKind>;

export const ScanError = z.object({
  kind: ScanErrorKind,
  /**
   * The exact problem, a code of scan-messages.ts (finer than `kind`). A string on the wire: a
   * newer runtime may send a code this renderer does not know, which then shows `message`.
   */
  problem: z.string(),
  params: MessageParams,
  /** English, written for the operator at the station (not for a developer); also what logs and the CLI show. */
  message: z.string(),
  /** Offset in the repaired scan text (after wedge repairs, symbology identifier included); -1 when none applies. */
  position: z.number().int(),
});
export type ScanError = z.infer<typeof ScanError>;

export const AssociationViolation = z.object({
  kind: z.enum(['requires', 'excludes', 'duplicate', 'dl_key_order']),
  ai: z.string(),
  message: z.string(),
});
export type AssociationViolation = z.infer<typeof AssociationViolation>;

/** GS1 association rules (req=/ex=, duplicates): syntax-valid data may still fail them. Null for non-GS1 formats. */
export const StrictReport = z.object({ ok: z.boolean(), violations: z.array(AssociationViolation).readonly() });
export type StrictReport = z.infer<typeof StrictReport>;

const common = {
  format: ScanFormat,
  symbology: Symbology.nullable(),
  elements: z.array(Element).readonly(),
  fields: ScanFields,
  repairs: z.array(Repair).readonly(),
  strict: StrictReport.nullable(),
};

export const ScanOk = z.object({ ok: z.literal(true), ...common });
export const ScanFailed = z.object({ ok: z.literal(false), ...common, error: ScanError });
export const ScanResult = z.discriminatedUnion('ok', [ScanOk, ScanFailed]);
export type ScanOk = z.infer<typeof ScanOk>;
export type ScanFailed = z.infer<typeof ScanFailed>;
export type ScanResult = z.infer<typeof ScanResult>;

/** What one format parser returns; parse.ts adds the symbology and the wedge repairs. */
export type FormatResult = Omit<ScanOk, 'symbology'> | Omit<ScanFailed, 'symbology'>;
