// GS1 dates: YYMMDD with GS1's sliding century and DD=00 meaning the month's last day, plus
// YYYYMMDD; everything leaves as an ISO `YYYY-MM-DD` string.

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * GS1 General Specifications §7.12: a two-digit year lies within 49 years ahead of or 50 years
 * behind the reference year, so a 2025 station reads "74" as 2074 and "76" as 1976.
 */
export function gs1Century(yy: number, referenceYear: number): number {
  const current = referenceYear % 100;
  const century = referenceYear - current;
  const diff = yy - current;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

export type DateProblem = 'format' | 'month' | 'day';

/**
 * YYMMDD → ISO date; `allowDayZero` is the dictionary's `yymmd0`: DD=00 gives the month only,
 * read as its last day (an expiry, AI 17) or, with `dayZero: 'first'`, its first (a production
 * date, AI 11: a shelf life counted from it must not start later than the material was made).
 */
export function gs1Yymmdd(text: string, referenceYear: number, allowDayZero: boolean, dayZero: 'last' | 'first' = 'last'): string | DateProblem {
  if (!/^\d{6}$/.test(text)) return 'format';
  const year = gs1Century(Number(text.slice(0, 2)), referenceYear);
  const month = Number(text.slice(2, 4));
  let day = Number(text.slice(4, 6));
  if (month < 1 || month > 12) return 'month';
  if (day === 0 && allowDayZero) day = dayZero === 'first' ? 1 : daysInMonth(year, month);
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  return iso(year, month, day);
}

export function yyyymmdd(text: string): string | DateProblem {
  if (!/^\d{8}$/.test(text)) return 'format';
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  return iso(year, month, day);
}

/** Calendar date from a year and an ordinal day (HIBC's YYJJJ). */
export function ordinalDate(year: number, dayOfYear: number): string | DateProblem {
  const leap = daysInMonth(year, 2) === 29;
  if (dayOfYear < 1 || dayOfYear > (leap ? 366 : 365)) return 'day';
  let month = 1;
  let day = dayOfYear;
  while (day > daysInMonth(year, month)) day -= daysInMonth(year, month++);
  return iso(year, month, day);
}

export function isoDate(year: number, month: number, day: number): string | DateProblem {
  if (month < 1 || month > 12) return 'month';
  if (day < 1 || day > daysInMonth(year, month)) return 'day';
  return iso(year, month, day);
}

export function lastDayOfMonth(year: number, month: number): string | DateProblem {
  if (month < 1 || month > 12) return 'month';
  return iso(year, month, daysInMonth(year, month));
}

export function isDateProblem(v: string): v is DateProblem {
  return v === 'format' || v === 'month' || v === 'day';
}
