// ISO/IEC 15434 envelopes `[)>` RS 06 GS … RS EOT: format 06 (ANSI MH10.8.2 data identifiers, as
// on Digi-Key, Mouser and Arrow reel labels) and format 05 (GS1 AI data); tolerant of missing trailers.
import { yyyymmdd, isDateProblem } from './gs1-date';
import { checkGs1Associations, gs1Fields, GS, parseGs1ElementString } from './gs1';
import type { LintContext } from './gs1-linters';
import type { Element, FormatResult, Repair, ScanFields } from './result';

export const RS = '\u001e';
export const EOT = '\u0004';
export const ENVELOPE_HEADER = `[)>${RS}`;

type MutableFields = { -readonly [K in keyof ScanFields]: ScanFields[K] };

interface DataIdentifier {
  readonly title: string;
  readonly apply?: (f: MutableFields, value: string) => string | undefined;
}

const date8 = (key: 'expiry' | 'productionDate') => (f: MutableFields, v: string) => {
  const d = yyyymmdd(v);
  if (isDateProblem(d)) return `"${v}" is not a date (YYYYMMDD)`;
  f[key] = d;
  return undefined;
};

/**
 * MH10.8.2 data identifiers seen on component labels. Part numbers follow ECIA EIGP 114 practice:
 * 1P is the part number of the supplying manufacturer (distributors print the MPN there), 30P
 * the distributor's own catalogue number, P the customer's (Lotline's) part number.
 */
export const DATA_IDENTIFIERS: Readonly<Record<string, DataIdentifier>> = {
  P: { title: 'customer part number', apply: (f, v) => void (f.customerPart = v) },
  '1P': { title: 'supplier (manufacturer) part number', apply: (f, v) => void (f.manufacturerPart = v) },
  '30P': { title: 'distributor part number', apply: (f, v) => void (f.supplierPart = v) },
  Q: {
    title: 'quantity',
    apply: (f, v) => {
      if (!/^\d+(\.\d+)?$/.test(v)) return `quantity "${v}" is not a number`;
      f.quantity = Number(v);
      f.unit = 'pcs';
      return undefined;
    },
  },
  T: { title: 'traceability number (customer)', apply: (f, v) => void (f.lot ??= v) },
  '1T': { title: 'lot/batch number (supplier)', apply: (f, v) => void (f.lot = v) },
  S: { title: 'serial number', apply: (f, v) => void (f.serial = v) },
  '9D': { title: 'date code (YYWW)', apply: (f, v) => void (f.dateCode = v) },
  '10D': { title: 'date code (YYWW)', apply: (f, v) => void (f.dateCode = v) },
  '14D': { title: 'expiry date (YYYYMMDD)', apply: date8('expiry') },
  '16D': { title: 'production date (YYYYMMDD)', apply: date8('productionDate') },
  '4L': { title: 'country of origin', apply: (f, v) => void (f.countryOfOrigin = v) },
  K: { title: 'purchase order number', apply: (f, v) => void (f.purchaseOrder = v) },
  '1K': { title: 'supplier order number', apply: (f, v) => void (f.salesOrder = v) },
  '4K': { title: 'purchase order line', apply: (f, v) => void (f.purchaseOrderLine = v) },
  '14K': { title: 'purchase order line', apply: (f, v) => void (f.purchaseOrderLine = v) },
  '10K': { title: 'invoice number', apply: (f, v) => void (f.invoice = v) },
  '11K': { title: 'packing list / invoice number', apply: (f, v) => void (f.invoice ??= v) },
  '1V': { title: 'manufacturer', apply: (f, v) => void (f.manufacturer = v) },
  V: { title: 'supplier code (customer-assigned)' },
  '9N': { title: 'industry-assigned code' },
  '8P': { title: 'GTIN', apply: (f, v) => void (f.gtin = v.padStart(14, '0')) },
  J: { title: 'license plate (unique package id)', apply: (f, v) => void (f.packageId = v) },
  '1J': { title: 'license plate (unique package id)', apply: (f, v) => void (f.packageId = v) },
  '11Z': { title: 'mutually defined (Digi-Key: pick)' },
  '12Z': { title: 'mutually defined (Digi-Key: part id)' },
  '13Z': { title: 'mutually defined (Digi-Key: load id)' },
  '20Z': { title: 'mutually defined (padding)' },
};

const DI = /^(\d{0,3}[A-Z])/;

export function parseIso15434(text: string, offset: number, opts: LintContext & { readonly gsDropped: boolean }): FormatResult {
  const elements: Element[] = [];
  const fields: MutableFields = {};
  const repairs: Repair[] = [];
  let gs1Elements: Element[] = [];
  const fail = (kind: 'malformed' | 'invalid_value' | 'invalid_date' | 'ambiguous' | 'unrecognized', message: string, position: number): FormatResult => ({
    ok: false, format: 'iso15434', elements, fields, repairs, strict: null, error: { kind, message, position: offset + position },
  });
  if (!text.startsWith(ENVELOPE_HEADER)) return fail('malformed', 'the envelope does not start with "[)>" and RS', 0);
  let body = text.slice(ENVELOPE_HEADER.length);
  let bodyStart = ENVELOPE_HEADER.length;
  const missing: string[] = [];
  if (body.endsWith(EOT)) body = body.slice(0, -1);
  else missing.push('end-of-transmission (EOT)');
  if (!body.endsWith(RS)) missing.unshift('record separator (RS)');
  if (missing.length) repairs.push({ kind: 'trailer_missing', message: `the envelope ends without its ${missing.join(' and ')}; read it anyway`, position: offset + text.length });
  const segments = body.split(RS);
  let sawFormat = false;
  let strictNeeded = false;
  for (const segment of segments) {
    const segStart = bodyStart;
    bodyStart += segment.length + 1;
    if (segment === '') continue;
    const format = segment.slice(0, 2);
    if (format === '06' || format === '05') {
      sawFormat = true;
      let data = segment.slice(2);
      let dataStart = segStart + 2;
      if (data.startsWith(GS)) {
        data = data.slice(1);
        dataStart++;
      } else if (format === '06' && data.length) {
        if (opts.gsDropped) return fail('ambiguous', 'the scanner dropped the field separators (GS) of this reel label, so Lotline cannot tell where each field ends. Fix the scanner setting and scan again.', dataStart);
        return fail('malformed', `format ${format} must be followed by a group separator (GS)`, dataStart);
      }
      if (format === '05') {
        strictNeeded = true;
        const r = parseGs1ElementString(data, { ...opts, offset: offset + dataStart });
        elements.push(...r.elements);
        gs1Elements = [...gs1Elements, ...r.elements];
        if (!r.ok) return { ok: false, format: 'iso15434', elements, fields: { ...fields, ...gs1Fields(gs1Elements, opts.referenceYear) }, repairs, strict: checkGs1Associations(gs1Elements), error: r.error };
        repairs.push(...r.repairs);
        continue;
      }
      if (opts.gsDropped && data.length > 0 && !data.includes(GS)) {
        return fail('ambiguous', 'the scanner dropped the field separators (GS) of this reel label, so Lotline cannot tell where each field ends. Fix the scanner setting and scan again.', dataStart);
      }
      let fieldStart = dataStart;
      for (const field of data.split(GS)) {
        const start = fieldStart;
        fieldStart += field.length + 1;
        if (field === '') continue;
        const m = DI.exec(field);
        if (!m) return fail('malformed', `"${field.slice(0, 12)}" does not start with a data identifier (like 1P or Q)`, start);
        const di = m[1]!;
        const value = field.slice(di.length);
        elements.push([di, value]);
        const problem = DATA_IDENTIFIERS[di]?.apply?.(fields, value);
        if (problem) return fail(di.endsWith('D') ? 'invalid_date' : 'invalid_value', `${DATA_IDENTIFIERS[di]!.title}: ${problem}`, start + di.length);
      }
    } else if (/^\d\d$/.test(format)) {
      return fail('unrecognized', `envelope format ${format} is not one Lotline reads (only 05 and 06)`, segStart);
    } else {
      return fail('malformed', 'expected a two-digit format number after RS', segStart);
    }
  }
  if (!sawFormat) return fail('malformed', 'the envelope holds no data', ENVELOPE_HEADER.length);
  const merged = strictNeeded ? { ...gs1Fields(gs1Elements, opts.referenceYear), ...fields } : fields;
  return { ok: true, format: 'iso15434', elements, fields: merged, repairs, strict: strictNeeded ? checkGs1Associations(gs1Elements) : null };
}
