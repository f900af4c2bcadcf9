// Distributor QR codes that follow no standard: LCSC's `{key:value,…}` and TME's
// `KEY:value KEY:value … URL`. Keys that are not understood stay in the elements.
import type { Element, FormatResult, ScanFields } from './result';
import { scanError, type ScanProblemCode, type ScanProblemParams } from './scan-messages';

type MutableFields = { -readonly [K in keyof ScanFields]: ScanFields[K] };

/** Puts a whole-number quantity into the fields; false when it is not one. */
function quantity(fields: MutableFields, v: string): boolean {
  if (!/^\d+$/.test(v)) return false;
  fields.quantity = Number(v);
  fields.unit = 'pcs';
  return true;
}

export function looksLikeLcsc(text: string): boolean {
  return /^\{[a-z]{1,8}:/.test(text);
}

/** `{pbn:PICK…,on:SO…,pc:C2040,pm:RP2040,qty:50,mc:,cc:1,pdi:…,hp:0,wc:ZH}` */
export function parseLcsc(text: string, offset: number): FormatResult {
  const elements: Element[] = [];
  const fields: MutableFields = { supplier: 'LCSC' };
  const fail = <C extends ScanProblemCode>(code: C, params: ScanProblemParams[C], position: number): FormatResult => ({
    ok: false, format: 'lcsc', elements, fields, repairs: [], strict: null, error: scanError(code, params, offset + position),
  });
  if (!text.endsWith('}')) return fail('lcsc_cut_off', {}, text.length);
  let pos = 1;
  for (const part of text.slice(1, -1).split(',')) {
    const m = /^([a-z]{1,8}):/.exec(part);
    const last = elements[elements.length - 1];
    // A comma inside a value (a part description) has no key after it: it continues the value.
    if (!m && last) elements[elements.length - 1] = [last[0], `${last[1]},${part}`];
    else if (!m) return fail('lcsc_not_pair', { text: part.slice(0, 12) }, pos);
    else elements.push([m[1]!, part.slice(m[0].length)]);
    pos += part.length + 1;
  }
  for (const [key, v] of elements) {
    if (v === '') continue;
    switch (key) {
      case 'pc': fields.supplierPart = v; break;
      case 'pm': fields.manufacturerPart = v; break;
      case 'on': fields.salesOrder = v; break;
      case 'pbn': fields.packageId = v; break;
      case 'qty': {
        if (!quantity(fields, v)) return fail('quantity_not_whole', { value: v }, text.indexOf('qty:') + 4);
        break;
      }
      default: break;
    }
  }
  if (!fields.supplierPart) return fail('lcsc_no_part', {}, 0);
  return { ok: true, format: 'lcsc', elements, fields, repairs: [], strict: null };
}

export function looksLikeTme(text: string): boolean {
  return /^(QTY|PN|MPN|MFR|PO):\S/.test(text) && /\s(PN|MPN|QTY):/.test(` ${text}`);
}

/** `QTY:10 PN:ABC-123 MFR:VISHAY MPN:CRCW0603… PO:1234567/8 https://www.tme.eu/details/…` */
export function parseTme(text: string, offset: number): FormatResult {
  const elements: Element[] = [];
  const fields: MutableFields = { supplier: 'TME' };
  let pos = 0;
  for (const token of text.split(' ')) {
    const at = pos;
    pos += token.length + 1;
    if (token === '') continue;
    const m = /^([A-Z]{2,4}):(.*)$/.exec(token);
    const last = elements[elements.length - 1];
    if (/^https?:\/\//i.test(token)) elements.push(['URL', token]);
    else if (m) elements.push([m[1]!, m[2]!]);
    // A value with a space in it (a manufacturer name) continues until the next KEY:.
    else if (last && last[0] !== 'URL') elements[elements.length - 1] = [last[0], `${last[1]} ${token}`];
    else return { ok: false, format: 'tme', elements, fields, repairs: [], strict: null, error: scanError('tme_not_field', { text: token.slice(0, 12) }, offset + at) };
  }
  for (const [key, v] of elements) {
    switch (key) {
      case 'PN': fields.supplierPart = v; break;
      case 'MPN': fields.manufacturerPart = v; break;
      case 'MFR': fields.manufacturer = v; break;
      case 'PO': fields.purchaseOrder = v; break;
      case 'URL': fields.url = v; break;
      case 'QTY': {
        if (!quantity(fields, v)) return { ok: false, format: 'tme', elements, fields, repairs: [], strict: null, error: scanError('quantity_not_whole', { value: v }, offset + text.indexOf('QTY:') + 4) };
        break;
      }
      default: break;
    }
  }
  return { ok: true, format: 'tme', elements, fields, repairs: [], strict: null };
}
