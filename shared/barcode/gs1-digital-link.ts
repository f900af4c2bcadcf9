// GS1 Digital Link URIs (`https://id.gs1.org/01/09506000134352/10/ABC123?17=271231`): the path's
// primary key and qualifiers, numeric query attributes, validated like any other GS1 data.
import { gs1Ai, type Gs1AiSpec } from './gs1-ai-spec';
import { atPosition, checkGs1Associations, gs1Fields, validateGs1Value } from './gs1';
import type { LintContext } from './gs1-linters';
import type { AssociationViolation, Element, FormatResult } from './result';
import { scanError, type ScanProblemCode, type ScanProblemParams } from './scan-messages';

/** Short names from earlier Digital Link versions, still printed on some packs. */
const CONVENIENCE: Readonly<Record<string, string>> = {
  gtin: '01', itip: '8006', cpv: '22', lot: '10', ser: '21', sscc: '00', gln: '414', giai: '8004', grai: '8003', gsrn: '8018', gdti: '253',
};

const URI = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i;

export function looksLikeDigitalLink(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

function aiOf(segment: string): Gs1AiSpec | undefined {
  return gs1Ai(CONVENIENCE[segment] ?? segment);
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parseGs1DigitalLink(text: string, offset: number, ctx: LintContext): FormatResult {
  const elements: Element[] = [];
  const fail = <C extends ScanProblemCode>(code: C, params: ScanProblemParams[C], position: number): FormatResult => ({
    ok: false, format: 'gs1-digital-link', elements, fields: {}, repairs: [], strict: null, error: scanError(code, params, offset + position),
  });
  const m = URI.exec(text);
  if (!m) return fail('dl_malformed', {}, 0);
  const pathStart = m[1]!.length + 3 + m[2]!.length;
  const segments: Array<{ text: string; at: number }> = [];
  let at = pathStart;
  for (const s of (m[3] ?? '').split('/')) {
    if (s) segments.push({ text: s, at });
    at += s.length + 1;
  }
  // The primary key is the first segment that is a Digital Link key AND leaves an even number of
  // segments behind it; anything before it is the resolver's own path prefix.
  let start = -1;
  for (let i = 0; i + 1 < segments.length; i++) {
    const spec = aiOf(segments[i]!.text);
    if (spec?.dlpkey && (segments.length - i) % 2 === 0 && segments.slice(i).every((s, j) => j % 2 === 1 || aiOf(s.text))) {
      start = i;
      break;
    }
  }
  if (start < 0) return fail('dl_no_key', {}, pathStart);
  const positions: number[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const spec = aiOf(segments[i]!.text)!;
    let value = decode(segments[i + 1]!.text);
    if (value === undefined) return fail('dl_path_escape', { key: segments[i]!.text }, segments[i + 1]!.at);
    // Digital Link accepts GTIN-8/12/13 in the path; element strings always carry 14 digits.
    if (spec.ai === '01' && /^\d{8}$|^\d{12,13}$/.test(value)) value = value.padStart(14, '0');
    elements.push([spec.ai, value]);
    positions.push(segments[i + 1]!.at);
  }
  if (m[4]) {
    let qAt = pathStart + (m[3] ?? '').length + 1;
    for (const pair of m[4].slice(1).split('&')) {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const pairAt = qAt;
      qAt += pair.length + 1;
      // Non-AI parameters (linkType, context…) address the resolver, not the item.
      if (!/^\d{2,4}$/.test(key) || !gs1Ai(key)) continue;
      const value = decode(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (value === undefined || eq < 0) return fail('dl_query_escape', { key }, pairAt);
      elements.push([key, value]);
      positions.push(pairAt + key.length + 1);
    }
  }
  for (let i = 0; i < elements.length; i++) {
    const [ai, value] = elements[i]!;
    const problem = validateGs1Value(gs1Ai(ai)!, value, ctx);
    // Points at the value's start: offsets inside a %-decoded value do not map back onto the address.
    if (problem) {
      return { ok: false, format: 'gs1-digital-link', elements: elements.slice(0, i), fields: {}, repairs: [], strict: null, error: atPosition({ ...problem, offset: 0 }, offset + positions[i]!) };
    }
  }
  const strict = checkGs1Associations(elements);
  const extra: AssociationViolation[] = [];
  const primary = gs1Ai(elements[0]![0])!;
  const qualifiers = elements.slice(1, (segments.length - start) / 2).map(([ai]) => ai);
  const inOrder = (seq: readonly string[]) => {
    let j = 0;
    for (const q of qualifiers) {
      while (j < seq.length && seq[j] !== q) j++;
      if (j++ >= seq.length) return false;
    }
    return true;
  };
  if (qualifiers.length && !(primary.dlpkey ?? []).some(inOrder)) {
    extra.push({ kind: 'dl_key_order', ai: primary.ai, message: `the path qualifiers ${qualifiers.map((q) => `/${q}/`).join('')} are not allowed after /${primary.ai}/ in this order` });
  }
  for (const [ai] of elements.slice((segments.length - start) / 2)) {
    if (!gs1Ai(ai)!.dlAttribute) extra.push({ kind: 'dl_key_order', ai, message: `(${ai}) may not be given as a Digital Link query attribute` });
  }
  const violations = [...strict.violations, ...extra];
  return { ok: true, format: 'gs1-digital-link', elements, fields: { ...gs1Fields(elements, ctx.referenceYear), url: text }, repairs: [], strict: { ok: violations.length === 0, violations } };
}
