// Content checks ("linters") named by GS1's Barcode Syntax Dictionary, applied per component.
//
// Implemented: csum, yymmd0, yymmdd, yyyymmdd, hhmi, hh, mi, ss, zero, nonzero, yesno, hyphen,
// nozeroprefix, hasnondigit, pieceoftotal, winding, latitude, longitude, pcenc, iso5218,
// posinseqslash, iban, importeridx.
//
// Left out, on purpose (each needs a reference table Lotline does not carry yet, or an
// algorithm no floor label uses): gcppos1/gcppos2 (GS1 Company Prefix length table),
// csumalpha (GMN/MUDI pair check), iso3166, iso3166999, iso3166alpha2 (country code lists),
// iso4217 (currency list), mediatype, packagetype, couponcode, couponposoffer. An AI that names
// one of these passes it unchecked; `unimplementedLinters` lists them for tests and reports.
import { hasValidGs1CheckDigit, isValidIban } from './check-digit';
import { gs1Yymmdd, isDateProblem, yyyymmdd } from './gs1-date';
import type { ScanErrorKind } from './result';

export interface LintFailure {
  readonly kind: ScanErrorKind;
  readonly message: string;
  /** Offset inside the component's value. */
  readonly offset: number;
}

export interface LintContext {
  readonly referenceYear: number;
}

type Linter = (value: string, ctx: LintContext) => LintFailure | undefined;

const fail = (kind: ScanErrorKind, message: string, offset = 0): LintFailure => ({ kind, message, offset });

function date(value: string, result: string): LintFailure | undefined {
  if (!isDateProblem(result)) return undefined;
  if (result === 'month') return fail('invalid_date', `the date ${value} has no month ${value.slice(-4, -2)}`, value.length - 4);
  if (result === 'day') return fail('invalid_date', `the date ${value} has a day that does not exist in its month`, value.length - 2);
  return fail('invalid_date', `"${value}" is not a date`);
}

function range(value: string, min: number, max: number, what: string): LintFailure | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max ? undefined : fail('invalid_value', `${what} "${value}" is out of range`);
}

const LINTERS: Readonly<Record<string, Linter>> = {
  csum: (v) => (hasValidGs1CheckDigit(v) ? undefined : fail('check_digit', `the check digit of ${v} is wrong — the label may be misprinted or misread`, v.length - 1)),
  yymmd0: (v, ctx) => date(v, gs1Yymmdd(v, ctx.referenceYear, true)),
  yymmdd: (v, ctx) => date(v, gs1Yymmdd(v, ctx.referenceYear, false)),
  yyyymmdd: (v) => date(v, yyyymmdd(v)),
  hhmi: (v) => range(v.slice(0, 2), 0, 23, 'hour') ?? range(v.slice(2, 4), 0, 59, 'minute'),
  hh: (v) => range(v, 0, 23, 'hour'),
  mi: (v) => range(v, 0, 59, 'minute'),
  ss: (v) => range(v, 0, 59, 'second'),
  zero: (v) => (v === '0' ? undefined : fail('invalid_value', `expected 0, found ${v}`)),
  nonzero: (v) => (/^0+$/.test(v) ? fail('invalid_value', 'a value of zero is not allowed here') : undefined),
  yesno: (v) => (v === '0' || v === '1' ? undefined : fail('invalid_value', `expected 0 or 1, found ${v}`)),
  hyphen: (v) => (v === '-' ? undefined : fail('invalid_value', `expected "-", found "${v}"`)),
  nozeroprefix: (v) => (v.length > 1 && v.startsWith('0') ? fail('invalid_value', `"${v}" must not start with 0`) : undefined),
  hasnondigit: (v) => (/\D/.test(v) ? undefined : fail('invalid_value', `"${v}" must contain a letter or symbol`)),
  pieceoftotal: (v) => {
    const piece = Number(v.slice(0, 2));
    const total = Number(v.slice(2, 4));
    return piece >= 1 && total >= 1 && piece <= total ? undefined : fail('invalid_value', `piece ${piece} of ${total} is not possible`);
  },
  winding: (v) => (v === '0' || v === '1' || v === '9' ? undefined : fail('invalid_value', `winding direction must be 0, 1 or 9, found ${v}`)),
  latitude: (v) => range(v, 0, 1_800_000_000, 'latitude'),
  longitude: (v) => range(v, 0, 3_600_000_000, 'longitude'),
  pcenc: (v) => {
    const bad = v.search(/%(?![0-9A-Fa-f]{2})/);
    return bad < 0 ? undefined : fail('invalid_character', 'a "%" is not followed by two hexadecimal digits', bad);
  },
  iso5218: (v) => (['0', '1', '2', '9'].includes(v) ? undefined : fail('invalid_value', `sex code must be 0, 1, 2 or 9, found ${v}`)),
  posinseqslash: (v) => {
    const m = /^([1-9])\/([1-9])$/.exec(v);
    return m && Number(m[1]) <= Number(m[2]) ? undefined : fail('invalid_value', `"${v}" is not a position like 1/2`);
  },
  iban: (v) => (isValidIban(v) ? undefined : fail('check_digit', `"${v}" is not a valid IBAN`)),
  importeridx: (v) => (/^[-0-9A-Z_a-z]$/.test(v) ? undefined : fail('invalid_character', `"${v}" is not an importer index`)),
};

export const unimplementedLinters: readonly string[] = [
  'gcppos1', 'gcppos2', 'csumalpha', 'iso3166', 'iso3166999', 'iso3166alpha2', 'iso4217',
  'mediatype', 'packagetype', 'couponcode', 'couponposoffer',
];

export function implementedLinters(): readonly string[] {
  return Object.keys(LINTERS);
}

export function runLinter(name: string, value: string, ctx: LintContext): LintFailure | undefined {
  return LINTERS[name]?.(value, ctx);
}
