// The one entry for every scan on the floor: wedge repair, symbology identifier, then the format
// parser the data asks for. Never throws for any string; a failure is a result with an error.
import { hasValidGs1CheckDigit } from './check-digit';
import { checkGs1Associations, gs1Fields, GS, parseGs1ElementString, parseGs1Hri } from './gs1';
import { looksLikeDigitalLink, parseGs1DigitalLink } from './gs1-digital-link';
import { parseHibc } from './hibc';
import { parseIso15434 } from './iso15434';
import { looksLikeLotlineId, parseLotlineId } from './lotline-id';
import type { FormatResult, Repair, ScanError, ScanFormat, ScanResult, Symbology } from './result';
import { repairOf, scanError } from './scan-messages';
import { readSymbologyId } from './symbology';
import { looksLikeLcsc, looksLikeTme, parseLcsc, parseTme } from './vendor-qr';
import { repairWedge, type WedgeOptions } from './wedge-repair';

export type { WedgeOptions } from './wedge-repair';

export interface ParseOptions {
  readonly wedge?: WedgeOptions;
  /**
   * Year GS1's two-digit-year century rule counts from. Defaults to the current UTC year; pass it
   * to make a parse reproducible (tests, re-parsing an archived scan).
   */
  readonly referenceYear?: number;
  /** Longest scan accepted, in characters (default 4096: a full QR code holds under 3000 bytes of text). */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 4096;

function failure(error: ScanError, repairs: readonly Repair[], symbology: Symbology | null, format: ScanFormat = 'unknown'): ScanResult {
  return { ok: false, format, symbology, elements: [], fields: {}, repairs, strict: null, error };
}

function gs1Result(r: ReturnType<typeof parseGs1ElementString>, format: 'gs1' | 'gs1-hri', referenceYear: number): FormatResult {
  const fields = gs1Fields(r.elements, referenceYear);
  const strict = checkGs1Associations(r.elements);
  return r.ok
    ? { ok: true, format, elements: r.elements, fields, repairs: r.repairs, strict }
    : { ok: false, format, elements: r.elements, fields, repairs: [], strict, error: r.error };
}

/** A bare 8/12/13/14-digit number with a valid check digit: a retail EAN/UPC/ITF-14 read without AIM identifier. */
function bareGtin(content: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(content) && hasValidGs1CheckDigit(content);
}

function detect(content: string, offset: number, symbology: Symbology | null, gsDropped: boolean, referenceYear: number, repairs: Repair[]): FormatResult | undefined {
  const lint = { referenceYear };
  if (symbology?.gs1) {
    if (symbology.id.startsWith(']E') || symbology.id === ']I1') {
      // ]E3 appends a 2- or 5-digit add-on (price, issue number) that is not part of the GTIN.
      const main = symbology.id === ']E3' ? content.slice(0, 13) : content;
      if (!bareGtin(main)) {
        const params = { symbology: symbology.name, symbologyId: symbology.id, number: main };
        const error = /^\d+$/.test(main) ? scanError('gtin_check_digit', params, offset) : scanError('gtin_not_digits', params, offset);
        return { ok: false, format: 'gs1', elements: [], fields: {}, repairs: [], strict: null, error };
      }
      const gtin = main.padStart(14, '0');
      return { ok: true, format: 'gs1', elements: [['01', gtin]], fields: { gtin }, repairs: [], strict: checkGs1Associations([['01', gtin]]) };
    }
    let data = content;
    let at = offset;
    if (data.startsWith(GS)) {
      repairs.push(repairOf('leading_gs_stripped', {}, at));
      data = data.slice(1);
      at++;
    }
    return gs1Result(parseGs1ElementString(data, { offset: at, gsDropped, referenceYear }), 'gs1', referenceYear);
  }
  if (content.startsWith('[)>')) return parseIso15434(content, offset, { referenceYear, gsDropped });
  if (looksLikeLotlineId(content)) {
    const upper = content.toUpperCase();
    if (upper !== content) repairs.push(repairOf('case_folded', { what: 'lotline' }, offset));
    return parseLotlineId(upper, offset);
  }
  if (content.startsWith('+') || content.startsWith('*+')) {
    let data = content;
    let at = offset;
    if (data.startsWith('*') && data.endsWith('*') && data.length > 2) {
      data = data.slice(1, -1);
      at++;
      repairs.push(repairOf('code39_delimiters_stripped', {}, offset));
    }
    const upper = data.toUpperCase();
    if (upper !== data) repairs.push(repairOf('case_folded', { what: 'hibc' }, at));
    return parseHibc(upper, at, referenceYear);
  }
  if (looksLikeLcsc(content)) return parseLcsc(content, offset);
  if (looksLikeTme(content)) return parseTme(content, offset);
  if (looksLikeDigitalLink(content)) return parseGs1DigitalLink(content, offset, lint);
  if (symbology) return undefined;
  if (/^\(\d/.test(content)) return gs1Result(parseGs1Hri(content, { offset, gsDropped, referenceYear }), 'gs1-hri', referenceYear);
  if (content.startsWith(GS)) {
    repairs.push(repairOf('leading_gs_stripped', {}, offset));
    return gs1Result(parseGs1ElementString(content.slice(1), { offset: offset + 1, gsDropped, referenceYear }), 'gs1', referenceYear);
  }
  if (bareGtin(content)) {
    const gtin = content.padStart(14, '0');
    return { ok: true, format: 'gs1', elements: [['01', gtin]], fields: { gtin }, repairs: [], strict: checkGs1Associations([['01', gtin]]) };
  }
  if (/^\d\d/.test(content)) {
    const r = gs1Result(parseGs1ElementString(content, { offset, gsDropped, referenceYear }), 'gs1', referenceYear);
    // Digits that do not even start with a known AI are some other number, not GS1 data.
    if (!r.ok && r.elements.length === 0 && r.error.kind === 'unknown_ai' && r.error.position === offset) return undefined;
    return r;
  }
  return undefined;
}

export function parseScan(raw: string, options: ParseOptions = {}): ScanResult {
  if (typeof raw !== 'string') return failure(scanError('not_text', {}, -1), [], null);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (raw.length > maxLength) return failure(scanError('input_too_long', { length: raw.length, max: maxLength }, maxLength), [], null);
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const wedge = repairWedge(raw, options.wedge);
  const repairs: Repair[] = [...wedge.repairs];
  const text = wedge.text;
  if (text.trim() === '') return failure(scanError('empty_scan', {}, 0), repairs, null);
  const sym = readSymbologyId(text);
  if (sym.kind === 'bad') return failure({ ...sym.problem, position: 0 }, repairs, null);
  const symbology = sym.kind === 'ok' ? sym.symbology : null;
  const offset = sym.kind === 'ok' ? sym.length : 0;
  const content = text.slice(offset);
  // Only a symbology identifier can leave nothing behind (a blank scan was refused above).
  if (content === '' && symbology) return failure(scanError('no_data', { symbology: symbology.name, symbologyId: symbology.id }, offset), repairs, symbology);
  const r = detect(content, offset, symbology, options.wedge?.gsDropped ?? false, referenceYear, repairs);
  if (!r) {
    const why = symbology && !symbology.gs1 && /^\d\d/.test(content)
      ? scanError('not_gs1_symbology', { symbology: symbology.name, symbologyId: symbology.id }, offset)
      : scanError('unknown_label', {}, offset);
    return failure(why, repairs, symbology);
  }
  const all = [...repairs, ...r.repairs];
  return r.ok
    ? { ok: true, format: r.format, symbology, elements: r.elements, fields: r.fields, repairs: all, strict: r.strict }
    : { ok: false, format: r.format, symbology, elements: r.elements, fields: r.fields, repairs: all, strict: r.strict, error: r.error };
}
