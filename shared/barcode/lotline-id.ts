// Lotline's own identifiers printed on internal labels, slot markers and badges.
//
// Grammar (upper case; a wedge with Caps Lock on may deliver lower case, which is folded):
//   lotline-id = "LL-" kind "-" value
//   kind       = "LOT" | "SLOT" | "BADGE"
//   LOT   value = ulid | token          ulid  = 26 Crockford base32, first char 0–7
//   SLOT  value = line "-" slot         line  = [A-Z0-9]{1,12}   slot = [A-Z0-9.]{1,16}
//   BADGE value = token
//   token       = [A-Z0-9]([A-Z0-9._-]{0,38}[A-Z0-9])?  (1–40 chars; "-" inside is unambiguous because
//                 the kind ends at the first "-" after it — lot L-100001, badge OP-100)
// New kinds are added here, never by reusing a kind with a different value grammar.
import type { Element, FormatResult, ScanFields } from './result';
import { problemOf, type ScanProblem } from './scan-messages';

export type LotlineIdKind = 'LOT' | 'SLOT' | 'BADGE';

declare const brand: unique symbol;
/** An id string that has passed this grammar. */
export type LotlineId = string & { readonly [brand]: 'LotlineId' };

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const TOKEN = /^[A-Z0-9](?:[A-Z0-9._-]{0,38}[A-Z0-9])?$/;
const LINE = /^[A-Z0-9]{1,12}$/;
const SLOT = /^[A-Z0-9.]{1,16}$/;

/** True when `line` may stand in a slot label (LL-SLOT-<line>-<slot>): the SMT line names a station may run. */
export function isSlotLine(line: string): boolean {
  return LINE.test(line);
}

export function looksLikeLotlineId(text: string): boolean {
  return /^LL-/i.test(text);
}

export type LotlineIdParsed =
  | { readonly ok: true; readonly kind: LotlineIdKind; readonly id: LotlineId; readonly value: string }
  | { readonly ok: false; readonly problem: ScanProblem; readonly position: number };

export function readLotlineId(text: string): LotlineIdParsed {
  const m = /^LL-([A-Z]+)-(.*)$/.exec(text);
  if (!m) return { ok: false, problem: problemOf('lotline_shape', {}), position: 0 };
  const kind = m[1]!;
  const value = m[2]!;
  const at = 4 + kind.length;
  switch (kind) {
    case 'LOT':
      if (ULID.test(value) || TOKEN.test(value)) return { ok: true, kind, id: text as LotlineId, value };
      return { ok: false, problem: problemOf('lotline_lot', { value }), position: at };
    case 'BADGE':
      if (TOKEN.test(value)) return { ok: true, kind, id: text as LotlineId, value };
      return { ok: false, problem: problemOf('lotline_badge', { value }), position: at };
    case 'SLOT': {
      const dash = value.indexOf('-');
      const line = value.slice(0, dash);
      const slot = value.slice(dash + 1);
      if (dash > 0 && LINE.test(line) && SLOT.test(slot)) return { ok: true, kind, id: text as LotlineId, value };
      return { ok: false, problem: problemOf('lotline_slot', { value }), position: at };
    }
    default:
      return { ok: false, problem: problemOf('lotline_kind', { kind }), position: 3 };
  }
}

/** Builds an id; throws on a value outside the grammar, because a printed bad id cannot be recalled. */
export function formatLotlineId(kind: 'LOT' | 'BADGE', value: string): LotlineId;
export function formatLotlineId(kind: 'SLOT', line: string, slot: string): LotlineId;
export function formatLotlineId(kind: LotlineIdKind, value: string, slot?: string): LotlineId {
  const text = kind === 'SLOT' ? `LL-SLOT-${value}-${slot ?? ''}` : `LL-${kind}-${value}`;
  const r = readLotlineId(text);
  if (!r.ok) throw new RangeError(r.problem.message);
  return r.id;
}

export function parseLotlineId(text: string, offset: number): FormatResult {
  const r = readLotlineId(text);
  if (!r.ok) return { ok: false, format: 'lotline', elements: [], fields: {}, repairs: [], strict: null, error: { ...r.problem, position: offset + r.position } };
  const elements: Element[] = [[r.kind, r.value]];
  let fields: ScanFields;
  if (r.kind === 'LOT') fields = { internalLotId: r.id };
  else if (r.kind === 'BADGE') fields = { badgeId: r.value };
  else {
    const dash = r.value.indexOf('-');
    fields = { slot: { line: r.value.slice(0, dash), slot: r.value.slice(dash + 1) } };
  }
  return { ok: true, format: 'lotline', elements, fields, repairs: [], strict: null };
}
