// Every problem and repair the parser reports has a sentence in every language, filled from its
// values (no placeholder, no "undefined", every value said), really translated (a Spanish
// sentence equal to the English one is an untranslated entry) and free of English words.
// The problems are produced by real scans where a scan can meet them, so the values checked
// are the ones the parser records, not hand-written samples.
import { describe, expect, it } from 'vitest';
import { mod43CheckChar } from './check-digit';
import { encodeGs1DigitalLink, encodeGs1Hri, gs1ElementsFromFields } from './encode';
import { parseScan, type WedgeOptions } from './parse';
import { RepairKind, type ScanError, ScanResult } from './result';
import {
  REPAIRS,
  repairText,
  SCAN_PROBLEM_CODES,
  SCAN_PROBLEM_KIND,
  SCAN_PROBLEMS,
  type RepairParams,
  type ScanProblemCode,
  type ScanProblemParams,
  scanProblemText,
} from './scan-messages';
import { REPAIRS_ES, SCAN_PROBLEMS_ES } from './scan-messages-es';
import { MESSAGE_LANGS } from '../rules/message-words';

const G = '\u001d';
const R = '\u001e';
const E = '\u0004';
const YEAR = 2026;

function parsed(raw: string, wedge?: WedgeOptions) {
  const r = parseScan(raw, { referenceYear: YEAR, ...(wedge ? { wedge } : {}) });
  expect(ScanResult.safeParse(r).success, JSON.stringify(r)).toBe(true);
  return r;
}
const failed = (raw: string, wedge?: WedgeOptions): ScanError | undefined => {
  const r = parsed(raw, wedge);
  return r.ok ? undefined : r.error;
};
/** HIBC data with its right mod-43 check character, so the problem looked for is the one met. */
const hibc = (body: string) => body + mod43CheckChar(body);
const encodeError = (r: { ok: boolean; error?: ScanError }) => (r.ok ? undefined : r.error);

type Producer = { readonly [C in ScanProblemCode]: (() => ScanError | undefined) | { readonly unreachable: string; readonly sample: ScanProblemParams[C] } };

/** How each problem is met: a scan (or a label encoding) that runs into it, or why none can. */
const PROBLEMS: Producer = {
  not_text: () => {
    const r = parseScan(42 as unknown as string);
    return r.ok ? undefined : r.error;
  },
  input_too_long: () => failed('A'.repeat(5000)),
  empty_scan: () => failed('   '),
  no_data: () => failed(']C1'),
  not_gs1_symbology: () => failed(']C012345'),
  unknown_label: () => failed('hello world'),
  gtin_check_digit: () => failed(']E04006381333932'),
  gtin_not_digits: () => failed(']E0400638133393A'),
  symbology_id_malformed: () => failed(']!!0109501101530003'),
  symbology_id_invalid: () => failed(']C90109501101530003'),
  ai_too_short: () => failed(']C10109501101530003172601'),
  ai_too_long: () => failed(`]C110${'A'.repeat(21)}`),
  ai_value_short: () => failed(']C18008260101123'),
  ai_value_long: { unreachable: 'every value within the AI length fits its components', sample: { ai: '8008', title: 'PROD TIME' } },
  ai_invalid_character: () => failed(']C110ABé'),
  date_no_month: () => failed(']C117261301'),
  date_no_day: () => failed(']C117260230'),
  not_a_date: { unreachable: 'a date component holds only digits of its length (the character check comes first)', sample: { ai: '17', title: 'USE BY OR EXPIRY', value: '26AB01' } },
  out_of_range: () => failed(']C170032601012500'),
  check_digit: () => failed(']C10109501101530004'),
  not_zero: () => failed(']C1800314006381333931'),
  zero_value: () => failed(']C1800100000000000000'),
  not_yes_no: () => failed(']C143212'),
  not_hyphen: () => failed(']C14330123456X'),
  zero_prefix: () => failed(']C1801101'),
  no_non_digit: () => failed(']C1801412345'),
  piece_of_total: () => failed(']C18006095011015300030302'),
  winding: () => failed(']C18001123412345123' + '51'),
  percent_escape: () => failed(']C14300AB%ZZ'),
  sex_code: () => failed(']C172525'),
  position_in_sequence: () => failed(']C172582/1'),
  iban: () => failed(']C18007DE00123'),
  importer_index: () => failed(']C170401AB!'),
  ai_incomplete: () => failed(']C101095011015300031'),
  ai_expected: () => failed(']C10109501101530003A'),
  ai_unknown: () => failed(']C1041234'),
  gs_ambiguous: () => failed('0109501101530003' + '10ABC' + '17250101', { gsDropped: true }),
  hri_expected_ai: () => failed('(1)ABC'),
  not_an_ai: () => failed('(9999)ABC'),
  hri_empty: { unreachable: 'printed GS1 text starts with "(" and a digit, so it is either read or refused at its first AI', sample: {} },
  hibc_expiry_invalid: () => failed(hibc('+A99912345/$$3261301LOT')),
  hibc_quantity_digits: () => failed(hibc('+A99912345/$$81XLOT')),
  hibc_date_invalid: () => failed(hibc('+A99912345/26400LOT')),
  hibc_secondary_start: () => failed(hibc('+A99912345/XLOT')),
  hibc_field_too_long: () => failed(hibc(`+A99912345/$${'L'.repeat(19)}`)),
  hibc_quantity_not_number: () => failed(hibc('+A99912345/$LOT/QABC')),
  hibc_supplementary_unknown: () => failed(hibc('+A99912345/$LOT/ZZZ')),
  hibc_invalid_character: () => failed('+A999#12345'),
  hibc_too_short: () => failed('+A'),
  hibc_secondary_too_short: () => failed(hibc('+$')),
  hibc_check_character: () => failed('+A99912345/$$52001510X3' + 'Q'),
  hibc_primary_malformed: () => failed(hibc('+A9')),
  envelope_header: () => failed('[)>X06'),
  envelope_gs_dropped: () => failed(`[)>${R}061PABCQ5${R}${E}`, { gsDropped: true }),
  envelope_format_gs: () => failed(`[)>${R}061PABC${R}${E}`),
  envelope_no_di: () => failed(`[)>${R}06${G}!!!${R}${E}`),
  di_not_number: () => failed(`[)>${R}06${G}QABC${R}${E}`),
  di_not_date: () => failed(`[)>${R}06${G}14D20261301${R}${E}`),
  envelope_format_unknown: () => failed(`[)>${R}07${G}X${R}${E}`),
  envelope_format_expected: () => failed(`[)>${R}XX${R}${E}`),
  envelope_empty: () => failed(`[)>${R}${E}`),
  lcsc_cut_off: () => failed('{pc:C2040,qty:50'),
  lcsc_not_pair: { unreachable: 'an LCSC code opens with a key, and a part without one continues the value before it', sample: { text: 'C2040' } },
  quantity_not_whole: () => failed('{pc:C2040,qty:5.5}'),
  lcsc_no_part: () => failed('{pm:RP2040,qty:50}'),
  tme_not_field: () => failed('PN:ABC https://www.tme.eu/x junk'),
  dl_malformed: () => failed('https://'),
  dl_no_key: () => failed('https://example.com/abc'),
  dl_path_escape: () => failed('https://id.gs1.org/01/09506000134352/10/AB%ZZ'),
  dl_query_escape: () => failed('https://id.gs1.org/01/09506000134352?17=%ZZ'),
  lotline_shape: () => failed('LL-LOT'),
  lotline_lot: () => failed('LL-LOT-!!'),
  lotline_badge: () => failed('LL-BADGE-!!'),
  lotline_slot: () => failed('LL-SLOT-F12'),
  lotline_kind: () => failed('LL-FOO-1'),
  encode_date: () => encodeError(gs1ElementsFromFields({ expiry: '1900-01-01' }, { referenceYear: YEAR })),
  encode_quantity: () => encodeError(gs1ElementsFromFields({ gtin: '09501101530003', quantity: 1.5 }, { referenceYear: YEAR })),
  encode_empty: () => encodeError(gs1ElementsFromFields({}, { referenceYear: YEAR })),
  encode_hri_ambiguous: () => encodeError(encodeGs1Hri([['10', 'A(17)B']], { referenceYear: YEAR })),
  encode_dl_no_key: () => encodeError(encodeGs1DigitalLink([['10', 'ABC']], { referenceYear: YEAR })),
  encode_dl_not_attribute: () => encodeError(encodeGs1DigitalLink([['01', '09501101530003'], ['8200', 'ABC']], { referenceYear: YEAR })),
  line_not_json: { unreachable: 'said by lotline parse about an input line (tests/integration/cli-parse.test.ts)', sample: {} },
  line_not_string: { unreachable: 'said by lotline parse about an input line', sample: { type: 'number' } },
  parser_failure: { unreachable: 'parseScan never throws (parse.property.test.ts)', sample: { detail: 'boom' } },
};

/** How each repair is met. */
const REPAIR_SCANS: { readonly [K in RepairKind]: readonly [raw: string, wedge?: WedgeOptions] } = {
  prefix_stripped: ['#]C10109501101530003', { prefix: '#' }],
  suffix_stripped: [']C10109501101530003!', { suffix: '!' }],
  terminator_stripped: [']C10109501101530003\r\n'],
  control_picture: ['[)>␞06␝1PABC␝Q5␞␄'],
  gs_substitute: ['0109501101530003^10ABC^21X', { gsSubstitute: '^' }],
  gs_inserted: [']C1010950110153000330' + '25' + '10ABC'],
  header_fixed: [`>[)>${R}06${G}1PABC${R}${E}`],
  rs_inserted: [`[)>06${G}1PABC${R}${E}`],
  trailer_missing: [`[)>${R}06${G}1PABC`],
  newline_joined: [']C1010950110153\n0003'],
  case_folded: ['ll-badge-00417'],
  code39_delimiters_stripped: [`*${hibc('+A99912345/$$52001510X3')}*`],
  leading_gs_stripped: [`]C1${G}0109501101530003`],
};

/** Values a sentence says in words of its language, or that only the English sentence names. */
function literal(code: string, key: string, v: unknown, lang: string): boolean {
  if (typeof v === 'boolean') return false;
  // symbologyId picks the name a sentence says.
  if (['cset', 'what', 'pattern', 'symbologyId'].includes(key)) return false;
  // A JSON type is said in words; a parser defect's text is a developer's.
  if (key === 'type' && lang !== 'en') return false;
  if (key === 'field' && ['hibc_field_too_long', 'encode_date'].includes(code)) return false;
  if (key === 'found' && typeof v === 'string' && /[\u0000-\u001f\u007f]/.test(v)) return false;
  // The dictionary's titles and some symbology names are English: other languages name the AI by number.
  if (lang !== 'en' && ['title', 'symbology'].includes(key)) return false;
  // …and English names a data identifier by its title instead.
  if (lang === 'en' && key === 'di') return false;
  return true;
}

function expectFilled(text: string, params: object, code: string, lang: string) {
  const what = `${lang}:${code}`;
  expect(text, what).not.toMatch(/\{\{|\}\}|\$\{|undefined|NaN|null|\[object|Infinity/);
  expect(text.length, what).toBeGreaterThan(10);
  for (const [k, v] of Object.entries(params)) if (literal(code, k, v, lang)) expect(text, `${what}.${k}`).toContain(String(v));
}

/** English words that have no business in a Spanish sentence (Spanish shares "control", "no", "a"…). */
const ENGLISH_WORDS = new Set(
  (
    'the of is not and or with scan scanner label data value date too long short character characters found expected check digit digits ' +
    'group separator missing removed read number quantity lot serial hour minute second field letter wrong cannot needs envelope identifier ' +
    'application reel valid invalid start starts end ends must only holds carried printed address key pair whole there here allowed'
  ).split(' '),
);
function expectNoEnglish(text: string, what: string) {
  const words = text.match(/[a-záéíóúñü]+/g) ?? [];
  expect(words.filter((w) => ENGLISH_WORDS.has(w)), `${what}: English words in "${text}"`).toEqual([]);
}

const produced = SCAN_PROBLEM_CODES.map((code) => [code, PROBLEMS[code]] as const);
const fromScans = produced.filter((x): x is readonly [ScanProblemCode, () => ScanError | undefined] => typeof x[1] === 'function');

describe('every problem a scan can meet', () => {
  it.each(fromScans.map(([code, make]) => [code, make] as const))('%s is reported with its code, values and English sentence', (code, make) => {
    const e = make();
    expect(e, code).toBeDefined();
    expect(e!.problem).toBe(code);
    expect(e!.kind).toBe(SCAN_PROBLEM_KIND[code]);
    expect(e!.message).toBe((SCAN_PROBLEMS[code] as (p: unknown) => string)(e!.params));
  });
});

describe.each(MESSAGE_LANGS.map((l) => [l] as const))('problem sentences in %s', (lang) => {
  it.each(produced.map(([code, p]) => [code, p] as const))('%s', (code, p) => {
    const params = typeof p === 'function' ? p()!.params : p.sample;
    const e = { problem: code, params, message: (SCAN_PROBLEMS[code] as (x: unknown) => string)(params) };
    const text = scanProblemText(e, lang);
    expectFilled(text, params, code, lang);
    if (lang !== 'en') {
      expect(text, `${lang}:${code} is still English`).not.toBe(e.message);
      expectNoEnglish(text, `${lang}:${code}`);
    }
  });

  it.each(RepairKind.options.map((k) => [k] as const))('repair %s', (kind) => {
    const [raw, wedge] = REPAIR_SCANS[kind];
    const r = parsed(raw, wedge);
    const repair = r.repairs.find((x) => x.kind === kind);
    expect(repair, `${raw} → ${JSON.stringify(r.repairs)}`).toBeDefined();
    expect(repair!.message).toBe((REPAIRS[kind] as (p: unknown) => string)(repair!.params));
    const text = repairText(repair!, lang);
    expectFilled(text, repair!.params, kind, lang);
    if (lang !== 'en') {
      expect(text, `${lang}:${kind} is still English`).not.toBe(repair!.message);
      expectNoEnglish(text, `${lang}:${kind}`);
    }
  });
});

// ---- Every value a code-valued parameter can take -----------------------------------------

type ProblemVariant = { readonly [C in ScanProblemCode]: readonly [C, ScanProblemParams[C]] }[ScanProblemCode];
type RepairVariant = { readonly [K in RepairKind]: readonly [K, RepairParams[K]] }[RepairKind];
const ai = { ai: '7003', title: 'EXPIRY TIME' };
const PROBLEM_VARIANTS: readonly ProblemVariant[] = [
  ...(['hour', 'minute', 'second', 'latitude', 'longitude'] as const).map((what): ProblemVariant => ['out_of_range', { ...ai, what, value: '99' }]),
  ...(['N', 'X', 'Y', 'Z'] as const).map((cset): ProblemVariant => ['ai_invalid_character', { ...ai, cset, found: '\u0001' }]),
  ['ai_too_short', { ...ai, length: 3, min: 4, exact: false }],
  ['ai_unknown', { ai: '2300', reserved: false }],
  ['ai_expected', { found: '\u001d' }],
  ['hibc_invalid_character', { found: '\u0004' }],
  ['hibc_field_too_long', { field: 'serial' }],
  ['hibc_date_invalid', { value: '20261301', pattern: 'YYYYMMDD' }],
  ...(['productionDate', 'bestBefore', 'expiry'] as const).map((field): ProblemVariant => ['encode_date', { field, iso: '1900-01-01', year: YEAR }]),
  ...[']E3', ']I1', ']X0', ']C0'].flatMap((symbologyId): ProblemVariant[] => {
    const symbology = { ']E3': 'EAN/UPC with add-on', ']I1': 'ITF with check digit', ']X0': 'symbology X', ']C0': 'Code 128' }[symbologyId]!;
    return [['no_data', { symbology, symbologyId }], ['gtin_check_digit', { symbology, symbologyId, number: '4006381333932' }], ['not_gs1_symbology', { symbology, symbologyId }]];
  }),
];
const REPAIR_VARIANTS: readonly RepairVariant[] = [
  ['case_folded', { what: 'hibc' }],
  ['trailer_missing', { rs: true, eot: false }],
  ['trailer_missing', { rs: false, eot: true }],
  ['trailer_missing', { rs: true, eot: true }],
  ...(['GS', 'RS', 'EOT'] as const).flatMap((name): RepairVariant[] => [['control_picture', { count: 1, name }], ['control_picture', { count: 3, name }]]),
  ['gs_substitute', { count: 1, char: '|' }],
];

describe('no English reaches a Spanish sentence through a code-valued parameter', () => {
  it.each(PROBLEM_VARIANTS.map((v) => [v[0], JSON.stringify(v[1]), v] as const))('%s %s', (code, _, [, params]) => {
    const text = scanProblemText({ problem: code, params, message: '' }, 'es');
    expectFilled(text, params, code, 'es');
    expectNoEnglish(text, `es:${code}`);
  });

  it.each(REPAIR_VARIANTS.map((v) => [v[0], JSON.stringify(v[1]), v] as const))('%s %s', (kind, _, [, params]) => {
    const text = repairText({ kind, params, message: '' }, 'es');
    expectFilled(text, params, kind, 'es');
    expectNoEnglish(text, `es:${kind}`);
  });
});

describe('Spanish tables', () => {
  it('cover exactly the codes of the English ones', () => {
    expect(Object.keys(SCAN_PROBLEMS_ES).sort()).toEqual([...SCAN_PROBLEM_CODES].sort());
    expect(Object.keys(REPAIRS_ES).sort()).toEqual([...RepairKind.options].sort());
  });

  it.each([
    ['a wrong GS1 check digit', ']C10109501101530004', '(01): el dígito de control de 09501101530004 es incorrecto; la etiqueta puede estar mal impresa o mal leída'],
    ['a control character where an AI belongs', `]C10109501101530003${R}`, 'se esperaba un identificador de aplicación GS1 (dígitos) pero se encontró el carácter de control 0x1E'],
    ['a month that does not exist', ']C10109501101530003' + '17261301', '(17): la fecha 261301 no tiene mes 13'],
  ])('%s', (_, raw, text) => {
    const r = parsed(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(scanProblemText(r.error, 'es')).toBe(text);
  });

  it('a code this side does not know, or values that do not fit, fall back to the English message', () => {
    expect(scanProblemText({ problem: 'from_a_newer_runtime', params: {}, message: 'the English text' }, 'es')).toBe('the English text');
    expect(repairText({ kind: 'from_a_newer_runtime' as never, params: {}, message: 'the English text' }, 'es')).toBe('the English text');
  });
});
