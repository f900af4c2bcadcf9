// HIBC LIC (ANSI/HIBC 2.x) supplier labelling: primary data (labeler, product, unit of measure),
// secondary data (`$` lot, `$$` expiry + lot, `$$+` expiry + serial, `$$8`/`$$9` quantity,
// `$+` serial, YYJJJ), supplementary `/S /Q /14D /16D`, in concatenated or split form, with
// the mod-43 check character and the split form's link character.
import { mod43CheckChar, MOD43_CHARSET } from './check-digit';
import { gs1Century, isDateProblem, isoDate, lastDayOfMonth, ordinalDate, yyyymmdd, type DateProblem } from './gs1-date';
import type { Element, FormatResult, ScanFields } from './result';
import { scanError, type ScanProblemCode, type ScanProblemParams } from './scan-messages';

type MutableFields = { -readonly [K in keyof ScanFields]: ScanFields[K] };

class HibcError<C extends ScanProblemCode = ScanProblemCode> {
  constructor(readonly code: C, readonly params: ScanProblemParams[C], readonly position: number) {}
}

interface DateRead {
  readonly raw: string;
  readonly iso: string | DateProblem | undefined;
  readonly length: number;
}

/** The date that follows `$$` (or `$$+`, or the quantity of `$$8`/`$$9`); its first digit names the format. */
function readHibcDate(s: string, year: (yy: number) => number): DateRead {
  const n = (a: number, b: number) => Number(s.slice(a, b));
  const digits = (len: number) => /^\d+$/.test(s.slice(0, len)) && s.length >= len;
  const c = s[0];
  if (c === '0' || c === '1') {
    if (!digits(4)) return { raw: s.slice(0, 4), iso: 'format', length: 4 };
    // MMYY: the product expires at the end of the month.
    return { raw: s.slice(0, 4), iso: lastDayOfMonth(year(n(2, 4)), n(0, 2)), length: 4 };
  }
  const body = s.slice(1);
  const d = (len: number) => /^\d+$/.test(body.slice(0, len)) && body.length >= len;
  switch (c) {
    case '2': return { raw: s.slice(0, 7), iso: d(6) ? isoDate(year(Number(body.slice(4, 6))), Number(body.slice(0, 2)), Number(body.slice(2, 4))) : 'format', length: 7 };
    case '3': return { raw: s.slice(0, 7), iso: d(6) ? isoDate(year(Number(body.slice(0, 2))), Number(body.slice(2, 4)), Number(body.slice(4, 6))) : 'format', length: 7 };
    case '4': return { raw: s.slice(0, 9), iso: d(8) && Number(body.slice(6, 8)) < 24 ? isoDate(year(Number(body.slice(0, 2))), Number(body.slice(2, 4)), Number(body.slice(4, 6))) : 'format', length: 9 };
    case '5': return { raw: s.slice(0, 6), iso: d(5) ? ordinalDate(year(Number(body.slice(0, 2))), Number(body.slice(2, 5))) : 'format', length: 6 };
    case '6': return { raw: s.slice(0, 8), iso: d(7) && Number(body.slice(5, 7)) < 24 ? ordinalDate(year(Number(body.slice(0, 2))), Number(body.slice(2, 5))) : 'format', length: 8 };
    case '7': return { raw: '7', iso: undefined, length: 1 };
    default: return { raw: s.slice(0, 1), iso: 'format', length: 1 };
  }
}

/** Secondary data without its leading `+`/`/`, link and check characters. */
function parseSecondary(sd: string, at: number, elements: Element[], fields: MutableFields, year: (yy: number) => number): void {
  let pos = 0;
  let trailing: 'lot' | 'serial' = 'lot';
  const date = (label: 'expiry') => {
    const d = readHibcDate(sd.slice(pos), year);
    if (d.iso !== undefined && isDateProblem(d.iso)) throw new HibcError('hibc_expiry_invalid', { value: d.raw }, at + pos);
    // The element keeps the format digit (e.g. "520015" for $$5 + YYJJJ) so it reads as printed.
    if (d.iso !== undefined) {
      elements.push([label, d.raw]);
      fields.expiry = d.iso;
    }
    pos += d.length;
  };
  const quantity = (len: number) => {
    const q = sd.slice(pos, pos + len);
    if (!/^\d+$/.test(q) || q.length !== len) throw new HibcError('hibc_quantity_digits', { value: q, digits: len }, at + pos);
    elements.push(['quantity', q]);
    fields.quantity = Number(q);
    fields.unit = 'pcs';
    pos += len;
  };
  if (sd.startsWith('$$+')) {
    pos = 3;
    trailing = 'serial';
    date('expiry');
  } else if (sd.startsWith('$$8') || sd.startsWith('$$9')) {
    pos = 3;
    quantity(sd[2] === '8' ? 2 : 5);
    date('expiry');
  } else if (sd.startsWith('$$')) {
    pos = 2;
    date('expiry');
  } else if (sd.startsWith('$+')) {
    pos = 2;
    trailing = 'serial';
  } else if (sd.startsWith('$')) {
    pos = 1;
  } else if (/^\d{5}/.test(sd)) {
    const iso = ordinalDate(year(Number(sd.slice(0, 2))), Number(sd.slice(2, 5)));
    if (isDateProblem(iso)) throw new HibcError('hibc_date_invalid', { value: sd.slice(0, 5), pattern: 'YYJJJ' }, at);
    elements.push(['expiry', sd.slice(0, 5)]);
    fields.expiry = iso;
    pos = 5;
  } else {
    throw new HibcError('hibc_secondary_start', {}, at);
  }
  const [main = '', ...supplementary] = sd.slice(pos).split('/');
  if (main.length > 18) throw new HibcError('hibc_field_too_long', { field: trailing }, at + pos + 18);
  if (main) {
    elements.push([trailing, main]);
    fields[trailing] = main;
  }
  pos += main.length;
  for (const sup of supplementary) {
    const sAt = at + pos + 1;
    pos += sup.length + 1;
    if (sup.startsWith('14D') || sup.startsWith('16D')) {
      const iso = yyyymmdd(sup.slice(3));
      if (isDateProblem(iso)) throw new HibcError('hibc_date_invalid', { value: sup.slice(3), pattern: 'YYYYMMDD' }, sAt + 3);
      elements.push([sup.slice(0, 3), sup.slice(3)]);
      if (sup.startsWith('14D')) fields.expiry = iso;
      else fields.productionDate = iso;
    } else if (sup.startsWith('S')) {
      elements.push(['S', sup.slice(1)]);
      fields.serial = sup.slice(1);
    } else if (sup.startsWith('Q')) {
      if (!/^\d+$/.test(sup.slice(1))) throw new HibcError('hibc_quantity_not_number', { value: sup.slice(1) }, sAt + 1);
      elements.push(['Q', sup.slice(1)]);
      fields.quantity = Number(sup.slice(1));
      fields.unit = 'pcs';
    } else {
      throw new HibcError('hibc_supplementary_unknown', { field: sup.slice(0, 6) }, sAt);
    }
  }
}

/** `text` starts with `+` (Code 39 `*` delimiters already removed); `offset` places it in the scan. */
export function parseHibc(text: string, offset: number, referenceYear: number): FormatResult {
  const elements: Element[] = [];
  const fields: MutableFields = {};
  const year = (yy: number) => gs1Century(yy, referenceYear);
  try {
    for (let i = 0; i < text.length; i++) {
      if (!MOD43_CHARSET.includes(text[i]!)) throw new HibcError('hibc_invalid_character', { found: text[i]! }, i);
    }
    if (text.length < 3) throw new HibcError('hibc_too_short', {}, text.length);
    const body = text.slice(0, -1);
    const check = text[text.length - 1]!;
    const expected = mod43CheckChar(body);
    if (check !== expected) throw new HibcError('hibc_check_character', { found: check, expected: expected ?? '?' }, text.length - 1);
    if (/^\+[A-Z]/.test(text)) {
      const slash = body.indexOf('/');
      const primary = slash < 0 ? body.slice(1) : body.slice(1, slash);
      const m = /^([A-Z][A-Z0-9]{3})([A-Z0-9]{1,18})(\d)$/.exec(primary);
      if (!m) throw new HibcError('hibc_primary_malformed', {}, 1);
      elements.push(['lic', m[1]!], ['pcn', m[2]!], ['uom', m[3]!]);
      fields.labelerId = m[1]!;
      fields.manufacturerPart = m[2]!;
      if (slash >= 0) parseSecondary(body.slice(slash + 1), slash + 1, elements, fields, year);
    } else {
      // Split form: the secondary label ends in the primary's check character (link) and its own check.
      if (body.length < 3) throw new HibcError('hibc_secondary_too_short', {}, text.length);
      parseSecondary(body.slice(1, -1), 1, elements, fields, year);
      elements.push(['link', body[body.length - 1]!]);
    }
    elements.push(['check', check]);
    return { ok: true, format: 'hibc', elements, fields, repairs: [], strict: null };
  } catch (err) {
    if (!(err instanceof HibcError)) throw err;
    return { ok: false, format: 'hibc', elements, fields, repairs: [], strict: null, error: scanError(err.code, err.params, offset + err.position) };
  }
}
