// What the parser says about a scan, by code: every problem (why a scan could not be read)
// and every repair (what was undone of a wedge's damage) carries a stable code and the values
// its sentence needs. The English sentence is built here from them and kept in the result for
// logs, the CLI and the recorded verdict; the operator's screen says the same code in the
// operator's language (Spanish: scan-messages-es.ts), so both can never drift apart.
import type { MessageLang } from '../rules/message-words';
import type { Gs1Cset } from './gs1-ai-spec';
import type { Repair, RepairKind, ScanError, ScanErrorKind } from './result';
import { REPAIRS_ES, SCAN_PROBLEMS_ES } from './scan-messages-es';

/** An AI named in a sentence: its number and the dictionary's title (English: only the English sentence says it). */
type Ai = { readonly ai: string; readonly title: string };
type Value = { readonly value: string };
type Sym = { readonly symbology: string; readonly symbologyId: string };

/** What a range check was about (GS1 linters hh, mi, ss, hhmi, latitude, longitude). */
export type RangeWhat = 'hour' | 'minute' | 'second' | 'latitude' | 'longitude';
export type EncodedDateField = 'productionDate' | 'bestBefore' | 'expiry';

/**
 * The values of each problem's sentence: ids, numbers, the characters read, codes. The only
 * English text is an AI's or data identifier's `title` and a symbology's `symbology` name,
 * which other languages may leave out (scan-messages-lang.test.ts checks the rest is said).
 */
export interface ScanProblemParams {
  // The scan as a whole (parse.ts)
  readonly not_text: Record<string, never>;
  readonly input_too_long: { readonly length: number; readonly max: number };
  readonly empty_scan: Record<string, never>;
  readonly no_data: Sym;
  readonly not_gs1_symbology: Sym;
  readonly unknown_label: Record<string, never>;
  readonly gtin_check_digit: Sym & { readonly number: string };
  readonly gtin_not_digits: Sym & { readonly number: string };
  // Symbology identifier (symbology.ts)
  readonly symbology_id_malformed: { readonly id: string };
  readonly symbology_id_invalid: { readonly id: string; readonly family: string };
  // GS1 element strings and values (gs1.ts, gs1-linters.ts)
  readonly ai_too_short: Ai & { readonly length: number; readonly min: number; readonly exact: boolean };
  readonly ai_too_long: Ai & { readonly length: number; readonly max: number };
  readonly ai_value_short: Ai;
  readonly ai_value_long: Ai;
  readonly ai_invalid_character: Ai & { readonly cset: Gs1Cset; readonly found: string };
  readonly date_no_month: Ai & Value & { readonly month: string };
  readonly date_no_day: Ai & Value;
  readonly not_a_date: Ai & Value;
  readonly out_of_range: Ai & Value & { readonly what: RangeWhat };
  readonly check_digit: Ai & Value;
  readonly not_zero: Ai & Value;
  readonly zero_value: Ai;
  readonly not_yes_no: Ai & Value;
  readonly not_hyphen: Ai & Value;
  readonly zero_prefix: Ai & Value;
  readonly no_non_digit: Ai & Value;
  readonly piece_of_total: Ai & { readonly piece: number; readonly total: number };
  readonly winding: Ai & Value;
  readonly percent_escape: Ai;
  readonly sex_code: Ai & Value;
  readonly position_in_sequence: Ai & Value;
  readonly iban: Ai & Value;
  readonly importer_index: Ai & Value;
  readonly ai_incomplete: Record<string, never>;
  readonly ai_expected: { readonly found: string };
  readonly ai_unknown: { readonly ai: string; readonly reserved: boolean };
  readonly gs_ambiguous: { readonly ai: string; readonly readingA: string; readonly readingB: string };
  readonly hri_expected_ai: Record<string, never>;
  readonly not_an_ai: { readonly ai: string };
  readonly hri_empty: Record<string, never>;
  // HIBC (hibc.ts)
  readonly hibc_expiry_invalid: Value;
  readonly hibc_quantity_digits: Value & { readonly digits: number };
  readonly hibc_date_invalid: Value & { readonly pattern: 'YYJJJ' | 'YYYYMMDD' };
  readonly hibc_secondary_start: Record<string, never>;
  readonly hibc_field_too_long: { readonly field: 'lot' | 'serial' };
  readonly hibc_quantity_not_number: Value;
  readonly hibc_supplementary_unknown: { readonly field: string };
  readonly hibc_invalid_character: { readonly found: string };
  readonly hibc_too_short: Record<string, never>;
  readonly hibc_secondary_too_short: Record<string, never>;
  readonly hibc_check_character: { readonly found: string; readonly expected: string };
  readonly hibc_primary_malformed: Record<string, never>;
  // ISO/IEC 15434 envelopes (iso15434.ts)
  readonly envelope_header: Record<string, never>;
  readonly envelope_gs_dropped: Record<string, never>;
  readonly envelope_format_gs: { readonly format: string };
  readonly envelope_no_di: { readonly field: string };
  readonly di_not_number: Value & { readonly di: string; readonly title: string };
  readonly di_not_date: Value & { readonly di: string; readonly title: string };
  readonly envelope_format_unknown: { readonly format: string };
  readonly envelope_format_expected: Record<string, never>;
  readonly envelope_empty: Record<string, never>;
  // Vendor QR codes (vendor-qr.ts)
  readonly lcsc_cut_off: Record<string, never>;
  readonly lcsc_not_pair: { readonly text: string };
  readonly quantity_not_whole: Value;
  readonly lcsc_no_part: Record<string, never>;
  readonly tme_not_field: { readonly text: string };
  // GS1 Digital Link (gs1-digital-link.ts)
  readonly dl_malformed: Record<string, never>;
  readonly dl_no_key: Record<string, never>;
  readonly dl_path_escape: { readonly key: string };
  readonly dl_query_escape: { readonly key: string };
  // Lotline ids (lotline-id.ts)
  readonly lotline_shape: Record<string, never>;
  readonly lotline_lot: Value;
  readonly lotline_badge: Value;
  readonly lotline_slot: Value;
  readonly lotline_kind: { readonly kind: string };
  // Encoding label data (encode.ts): said to whoever prints, not read off a scan
  readonly encode_date: { readonly field: EncodedDateField; readonly iso: string; readonly year: number };
  readonly encode_quantity: { readonly quantity: number };
  readonly encode_empty: Record<string, never>;
  readonly encode_hri_ambiguous: { readonly ai: string; readonly value: string };
  readonly encode_dl_no_key: Record<string, never>;
  readonly encode_dl_not_attribute: { readonly ai: string };
  // `lotline parse` input lines (electron/cli/commands/parse.ts): said about the line, not a scan
  readonly line_not_json: Record<string, never>;
  /** `type`: the JSON type the line held instead (null, number, object…). */
  readonly line_not_string: { readonly type: string };
  /** A parser defect (parseScan threw); `detail` is the exception's text, for a developer. */
  readonly parser_failure: { readonly detail: string };
}
export type ScanProblemCode = keyof ScanProblemParams;

/** The coarse kind of each problem (ScanError.kind: what callers branch on). Also the runtime list of codes. */
export const SCAN_PROBLEM_KIND: { readonly [C in ScanProblemCode]: ScanErrorKind } = {
  not_text: 'malformed',
  input_too_long: 'input_too_long',
  empty_scan: 'empty',
  no_data: 'empty',
  not_gs1_symbology: 'unrecognized',
  unknown_label: 'unrecognized',
  gtin_check_digit: 'check_digit',
  gtin_not_digits: 'invalid_character',
  symbology_id_malformed: 'bad_symbology_identifier',
  symbology_id_invalid: 'bad_symbology_identifier',
  ai_too_short: 'too_short',
  ai_too_long: 'too_long',
  ai_value_short: 'too_short',
  ai_value_long: 'too_long',
  ai_invalid_character: 'invalid_character',
  date_no_month: 'invalid_date',
  date_no_day: 'invalid_date',
  not_a_date: 'invalid_date',
  out_of_range: 'invalid_value',
  check_digit: 'check_digit',
  not_zero: 'invalid_value',
  zero_value: 'invalid_value',
  not_yes_no: 'invalid_value',
  not_hyphen: 'invalid_value',
  zero_prefix: 'invalid_value',
  no_non_digit: 'invalid_value',
  piece_of_total: 'invalid_value',
  winding: 'invalid_value',
  percent_escape: 'invalid_character',
  sex_code: 'invalid_value',
  position_in_sequence: 'invalid_value',
  iban: 'check_digit',
  importer_index: 'invalid_character',
  ai_incomplete: 'too_short',
  ai_expected: 'invalid_character',
  ai_unknown: 'unknown_ai',
  gs_ambiguous: 'ambiguous',
  hri_expected_ai: 'malformed',
  not_an_ai: 'unknown_ai',
  hri_empty: 'empty',
  hibc_expiry_invalid: 'invalid_date',
  hibc_quantity_digits: 'invalid_value',
  hibc_date_invalid: 'invalid_date',
  hibc_secondary_start: 'malformed',
  hibc_field_too_long: 'too_long',
  hibc_quantity_not_number: 'invalid_value',
  hibc_supplementary_unknown: 'malformed',
  hibc_invalid_character: 'invalid_character',
  hibc_too_short: 'too_short',
  hibc_secondary_too_short: 'too_short',
  hibc_check_character: 'check_digit',
  hibc_primary_malformed: 'malformed',
  envelope_header: 'malformed',
  envelope_gs_dropped: 'ambiguous',
  envelope_format_gs: 'malformed',
  envelope_no_di: 'malformed',
  di_not_number: 'invalid_value',
  di_not_date: 'invalid_date',
  envelope_format_unknown: 'unrecognized',
  envelope_format_expected: 'malformed',
  envelope_empty: 'malformed',
  lcsc_cut_off: 'malformed',
  lcsc_not_pair: 'malformed',
  quantity_not_whole: 'invalid_value',
  lcsc_no_part: 'malformed',
  tme_not_field: 'malformed',
  dl_malformed: 'malformed',
  dl_no_key: 'unrecognized',
  dl_path_escape: 'malformed',
  dl_query_escape: 'malformed',
  lotline_shape: 'malformed',
  lotline_lot: 'malformed',
  lotline_badge: 'malformed',
  lotline_slot: 'malformed',
  lotline_kind: 'malformed',
  encode_date: 'invalid_date',
  encode_quantity: 'invalid_value',
  encode_empty: 'empty',
  encode_hri_ambiguous: 'ambiguous',
  encode_dl_no_key: 'malformed',
  encode_dl_not_attribute: 'invalid_value',
  line_not_json: 'malformed',
  line_not_string: 'malformed',
  parser_failure: 'malformed',
};
export const SCAN_PROBLEM_CODES = Object.keys(SCAN_PROBLEM_KIND) as ScanProblemCode[];

/** The values of each repair's sentence. */
export interface RepairParams {
  readonly prefix_stripped: { readonly prefix: string };
  readonly suffix_stripped: { readonly suffix: string };
  readonly terminator_stripped: Record<string, never>;
  readonly control_picture: { readonly count: number; readonly name: 'GS' | 'RS' | 'EOT' };
  readonly gs_substitute: { readonly count: number; readonly char: string };
  readonly gs_inserted: { readonly position: number };
  readonly header_fixed: Record<string, never>;
  readonly rs_inserted: Record<string, never>;
  /** Which trailers the envelope lacked (at least one is true). */
  readonly trailer_missing: { readonly rs: boolean; readonly eot: boolean };
  readonly newline_joined: Record<string, never>;
  readonly case_folded: { readonly what: 'lotline' | 'hibc' };
  readonly code39_delimiters_stripped: Record<string, never>;
  readonly leading_gs_stripped: Record<string, never>;
}
// Every repair kind has its parameters (a kind added to result.ts without them fails here).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const repairKindsCovered: Exact<keyof RepairParams, RepairKind> = true;
void repairKindsCovered;

export type ScanProblemTable = { readonly [C in ScanProblemCode]: (p: ScanProblemParams[C]) => string };
export type RepairTable = { readonly [K in RepairKind]: (p: RepairParams[K]) => string };

/** A character as an operator can read it: control characters by their code. */
export function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 32 || code === 127) return `control character 0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  return `"${ch}"`;
}

const label = (p: Ai) => `(${p.ai}) ${p.title || 'value'}`;
const CSET_EN: { readonly [C in Gs1Cset]: string } = { N: 'digits', X: 'GS1 characters (CSET 82)', Y: 'GS1 characters (CSET 39)', Z: 'base64url characters' };

/** English: the text every result carries in `message` (logs, CLI, the recorded verdict). */
export const SCAN_PROBLEMS: ScanProblemTable = {
  not_text: () => 'the scan is not text',
  input_too_long: (p) => `the scan is ${p.length} characters long; at most ${p.max} are accepted`,
  empty_scan: () => 'the scan is empty',
  no_data: (p) => `the ${p.symbology} carried no data`,
  not_gs1_symbology: (p) => `the ${p.symbology} barcode (${p.symbologyId}) says it holds no GS1 data, and Lotline does not know this label`,
  unknown_label: () => 'Lotline does not know this kind of label',
  gtin_check_digit: (p) => `the ${p.symbology} number ${p.number} is not a valid GTIN (wrong length or check digit)`,
  gtin_not_digits: (p) => `the ${p.symbology} number ${p.number} is not a valid GTIN (wrong length or check digit)`,
  symbology_id_malformed: (p) => `the scan starts with "${p.id}", which is not a symbology identifier (expected "]" + letter + digit, like ]C1)`,
  symbology_id_invalid: (p) => `"${p.id}" is not a valid ${p.family} symbology identifier; check the scanner's configuration`,
  ai_too_short: (p) => `${label(p)} is too short: ${p.length} characters, needs ${p.exact ? '' : 'at least '}${p.min}`,
  ai_too_long: (p) => `${label(p)} is too long: ${p.length} characters, at most ${p.max} allowed`,
  ai_value_short: (p) => `${label(p)} is too short`,
  ai_value_long: (p) => `${label(p)} is too long`,
  ai_invalid_character: (p) => `${label(p)} may hold only ${CSET_EN[p.cset]}; found ${describeChar(p.found)}`,
  date_no_month: (p) => `${label(p)}: the date ${p.value} has no month ${p.month}`,
  date_no_day: (p) => `${label(p)}: the date ${p.value} has a day that does not exist in its month`,
  not_a_date: (p) => `${label(p)}: "${p.value}" is not a date`,
  out_of_range: (p) => `${label(p)}: ${p.what} "${p.value}" is out of range`,
  check_digit: (p) => `${label(p)}: the check digit of ${p.value} is wrong — the label may be misprinted or misread`,
  not_zero: (p) => `${label(p)}: expected 0, found ${p.value}`,
  zero_value: (p) => `${label(p)}: a value of zero is not allowed here`,
  not_yes_no: (p) => `${label(p)}: expected 0 or 1, found ${p.value}`,
  not_hyphen: (p) => `${label(p)}: expected "-", found "${p.value}"`,
  zero_prefix: (p) => `${label(p)}: "${p.value}" must not start with 0`,
  no_non_digit: (p) => `${label(p)}: "${p.value}" must contain a letter or symbol`,
  piece_of_total: (p) => `${label(p)}: piece ${p.piece} of ${p.total} is not possible`,
  winding: (p) => `${label(p)}: winding direction must be 0, 1 or 9, found ${p.value}`,
  percent_escape: (p) => `${label(p)}: a "%" is not followed by two hexadecimal digits`,
  sex_code: (p) => `${label(p)}: sex code must be 0, 1, 2 or 9, found ${p.value}`,
  position_in_sequence: (p) => `${label(p)}: "${p.value}" is not a position like 1/2`,
  iban: (p) => `${label(p)}: "${p.value}" is not a valid IBAN`,
  importer_index: (p) => `${label(p)}: "${p.value}" is not an importer index`,
  ai_incomplete: () => 'the data ends in the middle of an application identifier',
  ai_expected: (p) => `expected a GS1 application identifier (digits) but found ${describeChar(p.found)}`,
  ai_unknown: (p) => `the label uses application identifier ${p.ai}…${p.reserved ? ' (a reserved identifier)' : ''} that GS1 does not define; the rest cannot be read`,
  gs_ambiguous: (p) => `a group separator seems to be missing after (${p.ai}): the data reads as ${p.readingA} or as ${p.readingB}. Check the scanner's GS setting and scan again.`,
  hri_expected_ai: () => 'expected "(AI)" in the printed GS1 text',
  not_an_ai: (p) => `(${p.ai}) is not a GS1 application identifier`,
  hri_empty: () => 'the printed GS1 text holds no data',
  hibc_expiry_invalid: (p) => `the HIBC expiry date "${p.value}" is not a valid date`,
  hibc_quantity_digits: (p) => `the HIBC quantity "${p.value}" must be ${p.digits} digits`,
  hibc_date_invalid: (p) => `the HIBC date "${p.value}" (${p.pattern}) is not a valid date`,
  hibc_secondary_start: () => 'HIBC secondary data must start with $, $$, $+ or a 5-digit date',
  hibc_field_too_long: (p) => `the HIBC ${p.field} number is longer than 18 characters`,
  hibc_quantity_not_number: (p) => `the HIBC quantity "${p.value}" is not a number`,
  hibc_supplementary_unknown: (p) => `"/${p.field}" is not an HIBC supplementary field (/S, /Q, /14D, /16D)`,
  hibc_invalid_character: (p) => `HIBC data may hold only A–Z, 0–9 and - . space $ / + %; found ${describeChar(p.found)}`,
  hibc_too_short: () => 'the HIBC data is too short',
  hibc_secondary_too_short: () => 'the HIBC secondary data is too short',
  hibc_check_character: (p) => `the HIBC check character is "${p.found}" but the data needs "${p.expected}" — the label may be misprinted or misread`,
  hibc_primary_malformed: () => 'HIBC primary data must be a 4-character labeler code, a product number of up to 18 letters or digits, and a unit-of-measure digit',
  envelope_header: () => 'the envelope does not start with "[)>" and RS',
  envelope_gs_dropped: () => 'the scanner dropped the field separators (GS) of this reel label, so Lotline cannot tell where each field ends. Fix the scanner setting and scan again.',
  envelope_format_gs: (p) => `format ${p.format} must be followed by a group separator (GS)`,
  envelope_no_di: (p) => `"${p.field}" does not start with a data identifier (like 1P or Q)`,
  di_not_number: (p) => `${p.title}: quantity "${p.value}" is not a number`,
  di_not_date: (p) => `${p.title}: "${p.value}" is not a date (YYYYMMDD)`,
  envelope_format_unknown: (p) => `envelope format ${p.format} is not one Lotline reads (only 05 and 06)`,
  envelope_format_expected: () => 'expected a two-digit format number after RS',
  envelope_empty: () => 'the envelope holds no data',
  lcsc_cut_off: () => 'the LCSC label data is cut off (no closing "}") — scan again',
  lcsc_not_pair: (p) => `"${p.text}" is not a key:value pair`,
  quantity_not_whole: (p) => `quantity "${p.value}" is not a whole number`,
  lcsc_no_part: () => 'the LCSC label has no part number (pc:)',
  tme_not_field: (p) => `"${p.text}" is not a KEY:value field`,
  dl_malformed: () => 'this web address is not a valid GS1 Digital Link',
  dl_no_key: () => 'this web address carries no GS1 product key (such as /01/ followed by a GTIN)',
  dl_path_escape: (p) => `the value after /${p.key}/ has a broken %-escape`,
  dl_query_escape: (p) => `the value of ${p.key}= has a broken %-escape`,
  lotline_shape: () => 'a Lotline id looks like LL-LOT-…, LL-SLOT-…-… or LL-BADGE-…',
  lotline_lot: (p) => `"${p.value}" is not a valid Lotline lot id`,
  lotline_badge: (p) => `"${p.value}" is not a valid badge id`,
  lotline_slot: (p) => `"${p.value}" is not a slot id (expected LINE-SLOT, like L2-F12)`,
  lotline_kind: (p) => `"LL-${p.kind}" is not a kind of Lotline id (LOT, SLOT or BADGE)`,
  encode_date: (p) => `${p.field} "${p.iso}" cannot be written as a GS1 date (YYMMDD) for year ${p.year}`,
  encode_quantity: (p) => `quantity ${p.quantity} is not a whole number`,
  encode_empty: () => 'there is no data to encode',
  encode_hri_ambiguous: (p) => `(${p.ai}) "${p.value}" contains text that reads like an AI in printed form`,
  encode_dl_no_key: () => 'a Digital Link needs a primary key such as (01) GTIN or (00) SSCC',
  encode_dl_not_attribute: (p) => `(${p.ai}) cannot be carried in a Digital Link`,
  line_not_json: () => 'the input line is not a JSON string (write each scan as a JSON string, e.g. "]C1…")',
  line_not_string: (p) => `the input line is JSON ${p.type}, not a string`,
  parser_failure: (p) => `internal parser error: ${p.detail}`,
};

const TRAILERS_EN = (p: RepairParams['trailer_missing']) => [p.rs ? 'record separator (RS)' : '', p.eot ? 'end-of-transmission (EOT)' : ''].filter(Boolean).join(' and ');

export const REPAIRS: RepairTable = {
  prefix_stripped: (p) => `removed the scanner prefix "${p.prefix}"`,
  suffix_stripped: (p) => `removed the scanner suffix "${p.suffix}"`,
  terminator_stripped: () => 'removed the Enter/Tab the scanner sent after the scan',
  control_picture: (p) => `read ${p.count} visible ${p.name} symbol(s) as the ${p.name} control character`,
  gs_substitute: (p) => `read ${p.count} "${p.char}" as group separator (GS), as configured for this scanner`,
  gs_inserted: (p) => `a missing group separator was assumed before position ${p.position}: it is the only valid reading`,
  header_fixed: () => 'removed a stray ">" before the "[)>" header',
  rs_inserted: () => 'restored the record separator (RS) missing after "[)>"',
  trailer_missing: (p) => `the envelope ends without its ${TRAILERS_EN(p)}; read it anyway`,
  newline_joined: () => 'joined a scan the scanner had split at a line break',
  case_folded: (p) => (p.what === 'lotline' ? 'read the Lotline id in capitals (the scanner sent lower case, e.g. Caps Lock on)' : 'read the HIBC data in capitals (the scanner sent lower case, e.g. Caps Lock on)'),
  code39_delimiters_stripped: () => 'removed the Code 39 start/stop "*" the scanner passed on',
  leading_gs_stripped: () => 'removed a leading group separator (the scanner sent the first FNC1 as GS)',
};

/** A problem without its place in the scan: what value checks return before the caller knows the offset. */
export type ScanProblem = Omit<ScanError, 'position'>;

/** The problem `code` with its values and its English sentence. */
export function problemOf<C extends ScanProblemCode>(code: C, params: ScanProblemParams[C]): ScanProblem {
  return { kind: SCAN_PROBLEM_KIND[code], problem: code, params, message: (SCAN_PROBLEMS[code] as (p: ScanProblemParams[C]) => string)(params) };
}

/** The error a parser returns: the problem at `position` of the scan text. */
export function scanError<C extends ScanProblemCode>(code: C, params: ScanProblemParams[C], position: number): ScanError {
  return { ...problemOf(code, params), position };
}

export function repairOf<K extends RepairKind>(kind: K, params: RepairParams[K], position: number): Repair {
  return { kind, params, message: (REPAIRS[kind] as (p: RepairParams[K]) => string)(params), position };
}

export function isScanProblemCode(code: string): code is ScanProblemCode {
  return Object.hasOwn(SCAN_PROBLEM_KIND, code);
}

const PROBLEM_TABLES: Record<MessageLang, ScanProblemTable> = { en: SCAN_PROBLEMS, es: SCAN_PROBLEMS_ES };
const REPAIR_TABLES: Record<MessageLang, RepairTable> = { en: REPAIRS, es: REPAIRS_ES };

/**
 * The problem said in `lang`. The English `message` is the fallback: a result from a newer
 * runtime may carry a code (or values) this side does not know.
 */
export function scanProblemText(e: Pick<ScanError, 'problem' | 'params' | 'message'>, lang: MessageLang = 'en'): string {
  if (lang === 'en' || !isScanProblemCode(e.problem)) return e.message;
  try {
    return (PROBLEM_TABLES[lang][e.problem] as (p: unknown) => string)(e.params);
  } catch {
    return e.message;
  }
}

export function repairText(r: Pick<Repair, 'kind' | 'params' | 'message'>, lang: MessageLang = 'en'): string {
  if (lang === 'en' || !Object.hasOwn(REPAIRS, r.kind)) return r.message;
  try {
    return (REPAIR_TABLES[lang][r.kind] as (p: unknown) => string)(r.params);
  } catch {
    return r.message;
  }
}
