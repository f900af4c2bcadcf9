// ISO/IEC 15434 envelopes `[)>` RS 06 GS … RS EOT: format 06 (ANSI MH10.8.2 data identifiers, as
// on Digi-Key, Mouser and Arrow reel labels) and format 05 (GS1 AI data); tolerant of missing trailers.
import { yyyymmdd, isDateProblem } from './gs1-date';
import { checkGs1Associations, gs1Fields, GS, parseGs1ElementString } from './gs1';
import type { LintContext } from './gs1-linters';
import type { Element, FormatResult, Repair, ScanFields } from './result';
import { repairOf, scanError, type ScanProblemCode, type ScanProblemParams } from './scan-messages';

export const RS = '\u001e';
export const EOT = '\u0004';
export const ENVELOPE_HEADER = `[)>${RS}`;

type MutableFields = { -readonly [K in keyof ScanFields]: ScanFields[K] };

interface DataIdentifier {
  readonly title: string;
  /** Puts the value into the fields, or names what is wrong with it. */
  readonly apply?: (f: MutableFields, value: string) => 'di_not_number' | 'di_not_date' | undefined;
}

const date8 = (key: 'expiry' | 'productionDate') => (f: MutableFields, v: string) => {
  const d = yyyymmdd(v);
  if (isDateProblem(d)) return 'di_not_date' as const;
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
      if (!/^\d+(\.\d+)?$/.test(v)) return 'di_not_number';
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
  const fail = <C extends ScanProblemCode>(code: C, params: ScanProblemParams[C], position: number): FormatResult => ({
    ok: false, format: 'iso15434', elements, fields, repairs, strict: null, error: scanError(code, params, offset + position),
  });
  if (!text.startsWith(ENVELOPE_HEADER)) return fail('envelope_header', {}, 0);
  let body = text.slice(ENVELOPE_HEADER.length);
  let bodyStart = ENVELOPE_HEADER.length;
  const eot = !body.endsWith(EOT);
  if (!eot) body = body.slice(0, -1);
  const rs = !body.endsWith(RS);
  if (rs || eot) repairs.push(repairOf('trailer_missing', { rs, eot }, offset + text.length));
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
        if (opts.gsDropped) return fail('envelope_gs_dropped', {}, dataStart);
        return fail('envelope_format_gs', { format }, dataStart);
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
        return fail('envelope_gs_dropped', {}, dataStart);
      }
      let fieldStart = dataStart;
      for (const field of data.split(GS)) {
        const start = fieldStart;
        fieldStart += field.length + 1;
        if (field === '') continue;
        const m = DI.exec(field);
        if (!m) return fail('envelope_no_di', { field: field.slice(0, 12) }, start);
        const di = m[1]!;
        const value = field.slice(di.length);
        elements.push([di, value]);
        const problem = DATA_IDENTIFIERS[di]?.apply?.(fields, value);
        if (problem) return fail(problem, { di, title: DATA_IDENTIFIERS[di]!.title, value }, start + di.length);
      }
    } else if (/^\d\d$/.test(format)) {
      return fail('envelope_format_unknown', { format }, segStart);
    } else {
      return fail('envelope_format_expected', {}, segStart);
    }
  }
  if (!sawFormat) return fail('envelope_empty', {}, ENVELOPE_HEADER.length);
  const merged = strictNeeded ? { ...gs1Fields(gs1Elements, opts.referenceYear), ...fields } : fields;
  return { ok: true, format: 'iso15434', elements, fields: merged, repairs, strict: strictNeeded ? checkGs1Associations(gs1Elements) : null };
}
