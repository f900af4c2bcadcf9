// Field values as printed: dates in label formats (YYYY-MM-DD, DD MMM YYYY, …) from ISO dates.
// Month names are English capitals, as ISO 15223-1 labels and most regulated labels print them.
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** Formats an ISO date; the format has been checked by isDateFormat when the template loaded. */
export function formatDate(iso: string, format: string = DEFAULT_DATE_FORMAT): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return format.replace(/YYYY|YY|MMM|MM|DD/g, (t) => {
    switch (t) {
      case 'YYYY': return y;
      case 'YY': return y.slice(2);
      case 'MMM': return MONTHS[Number(m) - 1]!;
      case 'MM': return m;
      default: return d;
    }
  });
}
