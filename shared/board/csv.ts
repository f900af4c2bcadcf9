// CSV as spreadsheets read it (RFC 4180): fields with a comma, quote or line break are
// quoted, quotes doubled; a field that a spreadsheet would run as a formula (= + - @, tab,
// carriage return first) is prefixed with an apostrophe — exported data must not execute.
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  // A negative number is data, not a formula.
  if (FORMULA_START.test(s) && !/^-\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines joined with CRLF (the RFC's line break), ending with one. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
