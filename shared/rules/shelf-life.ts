// A lot's expiry when its label gives none: the item's shelf life counted from when the
// material was made — the production date (GS1 AI 11) or the supplier's date code (MH10 9D,
// YYWW). A date code names a week, so counting starts on its first day: the material may have
// been made on that Monday, and a later start would let it be used after its real expiry.

const DAY = 86_400_000;

export type DateCodeReading =
  | { readonly ok: true; readonly firstDay: string }
  | { readonly ok: false; readonly problem: 'format' | 'week' };

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** UTC midnight of the Monday of ISO week 1 of `year` (the week holding 4 January). */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/**
 * Reads a date code as year and ISO week: `YYWW` (two-digit years are 20YY) or `YYYYWW`.
 * Other forms exist (some makers code the day, or a letter per month); they are not guessed at.
 */
export function readDateCode(code: string): DateCodeReading {
  const m = /^(\d{2}|\d{4})(\d{2})$/.exec(code.trim());
  if (!m) return { ok: false, problem: 'format' };
  const year = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return { ok: false, problem: 'week' };
  const monday = isoWeekOneMonday(year) + (week - 1) * 7 * DAY;
  // Week 53 exists only in years whose last week's Thursday still falls in that year.
  if (week === 53 && new Date(monday + 3 * DAY).getUTCFullYear() !== year) return { ok: false, problem: 'week' };
  return { ok: true, firstDay: isoDay(monday) };
}

export type DerivedExpiry = { readonly expiry: string; readonly from: 'production_date' | 'date_code'; readonly madeOn: string };

/**
 * The last day of use of material made on `madeOn` with a shelf life of `shelfLifeDays`: a
 * shelf life of one day means usable on the day it was made only.
 */
export function expiryFromShelfLife(madeOn: string, shelfLifeDays: number): string | null {
  const day = Date.parse(`${madeOn}T00:00:00Z`);
  // Date.parse rolls 30 February over into March; a day that does not exist is unreadable.
  if (Number.isNaN(day) || isoDay(day) !== madeOn) return null;
  return isoDay(day + (shelfLifeDays - 1) * DAY);
}

/** The production date decides when there is one; otherwise a readable date code; otherwise nothing. */
export function derivedExpiry(made: { readonly productionDate?: string | undefined; readonly dateCode?: string | undefined }, shelfLifeDays: number | undefined): DerivedExpiry | null {
  if (shelfLifeDays === undefined) return null;
  if (made.productionDate) {
    const expiry = expiryFromShelfLife(made.productionDate, shelfLifeDays);
    if (expiry) return { expiry, from: 'production_date', madeOn: made.productionDate };
  }
  if (made.dateCode) {
    const r = readDateCode(made.dateCode);
    if (r.ok) {
      const expiry = expiryFromShelfLife(r.firstDay, shelfLifeDays);
      if (expiry) return { expiry, from: 'date_code', madeOn: r.firstDay };
    }
  }
  return null;
}
