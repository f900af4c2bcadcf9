// A printable report as plain data: title, meta key-values, sections of paragraphs, key-value
// lists, tables and signature manifestations. Builders (recall, DHR, shift) produce it from
// the data the screens already show; one renderer (electron/node/pdf) draws it, so every
// report gets the same page furniture and the same Part 11 signature display.

/** The languages documents are written in — reports, tickets, the board's shift summary: the UI's. */
export const REPORT_LANGS = ['en', 'es'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** 21 CFR 11.50: the printed name, the date and time, and the meaning of the signature. */
export interface SignatureLine {
  readonly printedName: string;
  readonly signedAt: string;
  readonly meaning: string;
  readonly reason: string;
  /** What was signed, e.g. "#42 packing.lot_closed". */
  readonly record: string;
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'keyValues'; readonly items: readonly KeyValue[] }
  | { readonly kind: 'table'; readonly columns: readonly Column[]; readonly rows: readonly (readonly string[])[]; readonly empty: string }
  | {
      readonly kind: 'signatures';
      readonly labels: { readonly printedName: string; readonly signedAt: string; readonly meaning: string; readonly reason: string; readonly record: string };
      readonly items: readonly SignatureLine[];
      readonly empty: string;
    };

export interface Section {
  readonly heading: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly lang: ReportLang;
  readonly title: string;
  readonly subtitle: string;
  readonly meta: readonly KeyValue[];
  readonly sections: readonly Section[];
  /** ISO time the document was made, shown in the meta block and every footer. */
  readonly generatedAt: string;
  /** Who made it: the station or the central server. */
  readonly source: string;
  /** Footer page label with `{page}` and `{pages}`, in the document's language. */
  readonly pageLabel: string;
}

// Times print in the report's zone (UTC, or a plant's local time with its offset): see ./time.
export { printedTime } from './time';

export function pageLabel(template: string, page: number, pages: number): string {
  return template.replace('{page}', String(page)).replace('{pages}', String(pages));
}

/** A file name safe on every OS and in a Content-Disposition header. */
export function reportFilename(...parts: readonly string[]): string {
  return `${parts.filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}
