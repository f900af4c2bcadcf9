// Ticket templates (job travelers, kitting/pick lists, shift summaries) as data: lines with
// {{placeholders}}, repeated per row of a list, laid out for a receipt width. Pure: the
// runtime loads the JSON from resources/tickets/ and sends the lines to the ESC/POS printer.
import { z } from 'zod';
import { REPORT_LANGS } from '../reports/document';

const Line = z.object({
  text: z.string(),
  align: z.enum(['left', 'center', 'right']).optional(),
  bold: z.boolean().optional(),
  size: z.enum(['normal', 'double']).optional(),
  /** Repeat this line for each row of the named list; placeholders then read the row first. */
  each: z.string().optional(),
  /** Two-column line: `text` on the left, `right` flush right (e.g. a quantity). */
  right: z.string().optional(),
  /**
   * Printed only when the named field has a value: for data an older sender does not have
   * (a template that required it would refuse that sender's whole ticket).
   */
  ifPresent: z.string().optional(),
});

/** The languages tickets are printed in: each template may have a translation beside it. */
export const TicketLanguageSchema = z.enum(REPORT_LANGS);
export type TicketLanguage = z.infer<typeof TicketLanguageSchema>;
/** The ticket language for a UI language ("es-MX" → es); English for one tickets do not have. */
export const ticketLanguage = (uiLanguage: string): TicketLanguage => TicketLanguageSchema.safeParse(uiLanguage.slice(0, 2).toLowerCase()).data ?? 'en';

export const TicketTemplateSchema = z.object({
  schema: z.literal('lotline.ticket/1'),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  /** Characters per line of the target printer (42 for 80 mm Font A, 32 for 58 mm). */
  width: z.number().int().min(24).max(64).default(42),
  lines: z.array(Line).min(1),
  cut: z.boolean().default(true),
});
export type TicketTemplate = z.infer<typeof TicketTemplateSchema>;

export type TicketValue = string | number | boolean | null | undefined;
export type TicketData = Readonly<Record<string, TicketValue | ReadonlyArray<Readonly<Record<string, TicketValue>>>>>;

export interface RenderedTicketLine {
  readonly text: string;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  readonly size?: 'normal' | 'double';
}
export interface RenderedTicket {
  readonly lines: readonly RenderedTicketLine[];
  readonly cut: boolean;
}

export type TicketResult = { ok: true; value: RenderedTicket } | { ok: false; errors: Array<{ field: string; message: string }> };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

function fill(text: string, scopes: ReadonlyArray<Readonly<Record<string, unknown>>>, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    for (const s of scopes) {
      const v = s[name];
      if (v !== undefined && v !== null && !Array.isArray(v)) return String(v);
    }
    missing.add(name);
    return '';
  });
}

/** Cuts or pads to the printer's width; a two-column line keeps its right part whole. */
function fit(left: string, right: string | undefined, width: number): string {
  if (right === undefined) return left.length > width ? left.slice(0, width) : left;
  const room = Math.max(0, width - right.length - 1);
  const l = left.length > room ? left.slice(0, room) : left;
  return `${l}${' '.repeat(width - l.length - right.length)}${right}`;
}

export function renderTicket(template: TicketTemplate, data: TicketData): TicketResult {
  const missing = new Set<string>();
  const errors: Array<{ field: string; message: string }> = [];
  const lines: RenderedTicketLine[] = [];
  for (const line of template.lines) {
    if (line.ifPresent !== undefined && (data[line.ifPresent] === undefined || data[line.ifPresent] === null)) continue;
    const rows = line.each === undefined ? [undefined] : data[line.each];
    if (line.each !== undefined && !Array.isArray(rows)) {
      errors.push({ field: line.each, message: 'a list of rows is needed here' });
      continue;
    }
    for (const row of rows as ReadonlyArray<Readonly<Record<string, TicketValue>> | undefined>) {
      const scopes = row ? [row, data] : [data];
      const text = fill(line.text, scopes, missing);
      const right = line.right === undefined ? undefined : fill(line.right, scopes, missing);
      lines.push({ text: fit(text, right, template.width), ...(line.align ? { align: line.align } : {}), ...(line.bold ? { bold: true } : {}), ...(line.size ? { size: line.size } : {}) });
    }
  }
  for (const m of missing) errors.push({ field: m, message: 'missing from the ticket data' });
  return errors.length ? { ok: false, errors } : { ok: true, value: { lines, cut: template.cut } };
}
