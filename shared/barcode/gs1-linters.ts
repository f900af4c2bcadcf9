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
import type { RangeWhat, ScanProblemParams } from './scan-messages';

/** The problems a linter finds; their sentences name the AI too, which the caller adds. */
type LintParams = { readonly [C in LintCode]: Omit<ScanProblemParams[C], 'ai' | 'title'> };
export type LintCode =
  | 'date_no_month' | 'date_no_day' | 'not_a_date' | 'out_of_range' | 'check_digit' | 'not_zero' | 'zero_value' | 'not_yes_no' | 'not_hyphen'
  | 'zero_prefix' | 'no_non_digit' | 'piece_of_total' | 'winding' | 'percent_escape' | 'sex_code' | 'position_in_sequence' | 'iban' | 'importer_index';

export type LintFailure = { readonly [C in LintCode]: { readonly code: C; readonly params: LintParams[C]; /** Offset inside the component's value. */ readonly offset: number } }[LintCode];

export interface LintContext {
  readonly referenceYear: number;
}

type Linter = (value: string, ctx: LintContext) => LintFailure | undefined;

const fail = <C extends LintCode>(code: C, params: LintParams[C], offset = 0): LintFailure => ({ code, params, offset }) as LintFailure;

function date(value: string, result: string): LintFailure | undefined {
  if (!isDateProblem(result)) return undefined;
  if (result === 'month') return fail('date_no_month', { value, month: value.slice(-4, -2) }, value.length - 4);
  if (result === 'day') return fail('date_no_day', { value }, value.length - 2);
  return fail('not_a_date', { value });
}

function range(value: string, min: number, max: number, what: RangeWhat): LintFailure | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max ? undefined : fail('out_of_range', { what, value });
}

const LINTERS: Readonly<Record<string, Linter>> = {
  csum: (v) => (hasValidGs1CheckDigit(v) ? undefined : fail('check_digit', { value: v }, v.length - 1)),
  yymmd0: (v, ctx) => date(v, gs1Yymmdd(v, ctx.referenceYear, true)),
  yymmdd: (v, ctx) => date(v, gs1Yymmdd(v, ctx.referenceYear, false)),
  yyyymmdd: (v) => date(v, yyyymmdd(v)),
  hhmi: (v) => range(v.slice(0, 2), 0, 23, 'hour') ?? range(v.slice(2, 4), 0, 59, 'minute'),
  hh: (v) => range(v, 0, 23, 'hour'),
  mi: (v) => range(v, 0, 59, 'minute'),
  ss: (v) => range(v, 0, 59, 'second'),
  zero: (v) => (v === '0' ? undefined : fail('not_zero', { value: v })),
  nonzero: (v) => (/^0+$/.test(v) ? fail('zero_value', {}) : undefined),
  yesno: (v) => (v === '0' || v === '1' ? undefined : fail('not_yes_no', { value: v })),
  hyphen: (v) => (v === '-' ? undefined : fail('not_hyphen', { value: v })),
  nozeroprefix: (v) => (v.length > 1 && v.startsWith('0') ? fail('zero_prefix', { value: v }) : undefined),
  hasnondigit: (v) => (/\D/.test(v) ? undefined : fail('no_non_digit', { value: v })),
  pieceoftotal: (v) => {
    const piece = Number(v.slice(0, 2));
    const total = Number(v.slice(2, 4));
    return piece >= 1 && total >= 1 && piece <= total ? undefined : fail('piece_of_total', { piece, total });
  },
  winding: (v) => (v === '0' || v === '1' || v === '9' ? undefined : fail('winding', { value: v })),
  latitude: (v) => range(v, 0, 1_800_000_000, 'latitude'),
  longitude: (v) => range(v, 0, 3_600_000_000, 'longitude'),
  pcenc: (v) => {
    const bad = v.search(/%(?![0-9A-Fa-f]{2})/);
    return bad < 0 ? undefined : fail('percent_escape', {}, bad);
  },
  iso5218: (v) => (['0', '1', '2', '9'].includes(v) ? undefined : fail('sex_code', { value: v })),
  posinseqslash: (v) => {
    const m = /^([1-9])\/([1-9])$/.exec(v);
    return m && Number(m[1]) <= Number(m[2]) ? undefined : fail('position_in_sequence', { value: v });
  },
  iban: (v) => (isValidIban(v) ? undefined : fail('iban', { value: v })),
  importeridx: (v) => (/^[-0-9A-Z_a-z]$/.test(v) ? undefined : fail('importer_index', { value: v })),
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
