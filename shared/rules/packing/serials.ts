// Serial numbers of serialized products at cleanroom packing: which serials a count of units
// takes, how they read, and which of them go into a box. Pure.
//
// Why numbers from the server's blocks and not `<lot>-<nnnnn>`: a UDI serial (GS1 AI 21) must
// be unique per product (GTIN) across the whole company, not per station or per lot — a
// serial scoped to its finished lot (`FL-<station>-<date>-<n>`) would be unique, but long,
// and would restart per lot where a UDI reader expects one running series. The central server already
// hands each station blocks of an item's serial numbers that never overlap (shared/sync/
// serials.ts, server/serials.ts), so a station serializes offline from what it holds; the
// last number it issued is read from its own log (the `serials` projection of
// packing.serials_assigned), so a restart never reissues one. The text is the item's prefix
// and the number, zero-padded: short enough for AI 21 (at most 20 characters of GS1's
// character set 82), sortable, and readable aloud at a bench.
import { nextSerial, remainingSerials, type HeldBlock } from '../../sync/serials';

/** Digits the number is padded to: `LCS0000042`. A larger number simply grows. */
export const SERIAL_DIGITS = 7;
/** GS1 AI 21 is at most 20 characters. */
export const SERIAL_MAX_LENGTH = 20;
/** What an item's serial prefix may be: letters, digits and '-' (all in GS1 character set 82). */
export const SERIAL_PREFIX_PATTERN = /^[A-Za-z0-9-]{1,12}$/;

export function serialText(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(SERIAL_DIGITS, '0')}`;
}

export interface AssignedSerial {
  readonly serial: string;
  readonly n: number;
  readonly blockId: string;
}

/** Consecutive numbers of one block, as the event records them. */
export interface SerialRange {
  readonly blockId: string;
  readonly first: number;
  readonly last: number;
}

export type SerialProblem =
  | { readonly code: 'no_prefix' }
  | { readonly code: 'not_enough'; readonly wanted: number; readonly held: number }
  | { readonly code: 'too_long'; readonly serial: string }
  | { readonly code: 'taken'; readonly serial: string };

export type SerialAssignment = { readonly ok: true; readonly serials: readonly AssignedSerial[]; readonly ranges: readonly SerialRange[]; readonly remaining: number } | { readonly ok: false; readonly problem: SerialProblem };

export interface AssignInput {
  readonly prefix: string | undefined;
  /** Blocks of this item's numbers the station holds. */
  readonly blocks: readonly HeldBlock[];
  /** The highest number this station issued for the item (null: none yet). */
  readonly lastIssued: number | null;
  readonly count: number;
  /** Whether a serial text is already used at this station (by any item): a clash is refused, never issued twice. */
  readonly taken?: (serial: string) => boolean;
}

/** The next `count` serials of an item, in block order; all or nothing. */
export function assignSerials(a: AssignInput): SerialAssignment {
  if (!a.prefix || !SERIAL_PREFIX_PATTERN.test(a.prefix)) return { ok: false, problem: { code: 'no_prefix' } };
  const held = remainingSerials(a.blocks, a.lastIssued);
  if (held < a.count) return { ok: false, problem: { code: 'not_enough', wanted: a.count, held } };
  const serials: AssignedSerial[] = [];
  let last = a.lastIssued;
  for (let i = 0; i < a.count; i++) {
    const next = nextSerial(a.blocks, last);
    // remainingSerials said there are enough; a null here would be a bug in the allocator.
    if (next.serial === null || next.blockId === null) return { ok: false, problem: { code: 'not_enough', wanted: a.count, held: i } };
    const serial = serialText(a.prefix, next.serial);
    if (serial.length > SERIAL_MAX_LENGTH) return { ok: false, problem: { code: 'too_long', serial } };
    if (a.taken?.(serial)) return { ok: false, problem: { code: 'taken', serial } };
    serials.push({ serial, n: next.serial, blockId: next.blockId });
    last = next.serial;
  }
  return { ok: true, serials, ranges: rangesOf(serials), remaining: remainingSerials(a.blocks, last) };
}

/** Runs of consecutive numbers within one block. */
export function rangesOf(serials: readonly { readonly n: number; readonly blockId: string }[]): SerialRange[] {
  const out: SerialRange[] = [];
  for (const s of serials) {
    const cur = out.at(-1);
    if (cur && cur.blockId === s.blockId && cur.last + 1 === s.n) out[out.length - 1] = { ...cur, last: s.n };
    else out.push({ blockId: s.blockId, first: s.n, last: s.n });
  }
  return out;
}

/** The numbers the ranges stand for, in order (the projection pairs them with the serial texts). */
export function numbersOf(ranges: readonly SerialRange[]): number[] {
  return ranges.flatMap((r) => Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i));
}

/** What the screen and the reconciliation show: how many, and the first and last. */
export function serialSpan(serials: readonly string[]): { readonly count: number; readonly first: string | null; readonly last: string | null } {
  return { count: serials.length, first: serials[0] ?? null, last: serials.at(-1) ?? null };
}

/** Serials of one event are recorded in events of at most this many (a count of 5000 units is five events in one transaction). */
export const SERIALS_PER_EVENT = 1000;

export function chunks<T>(xs: readonly T[], size = SERIALS_PER_EVENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export type BoxProblem = { readonly code: 'partial_unit'; readonly pieces: number; readonly perUnit: number } | { readonly code: 'not_counted'; readonly units: number; readonly unboxed: number };

/**
 * A box that passed its check-weight holds the next serialized units not yet in a box, in the
 * order they were counted: the packer fills boxes in count order (the labels come off the
 * printer in that order). `pieces` is what the box check-weight is given (components), so a
 * box holds pieces / perUnit finished units and must hold whole units.
 */
export function boxSerials(unboxed: readonly string[], pieces: number, perUnit: number): { readonly ok: true; readonly serials: readonly string[] } | { readonly ok: false; readonly problem: BoxProblem } {
  if (perUnit <= 0 || pieces % perUnit !== 0) return { ok: false, problem: { code: 'partial_unit', pieces, perUnit } };
  const units = pieces / perUnit;
  if (units > unboxed.length) return { ok: false, problem: { code: 'not_counted', units, unboxed: unboxed.length } };
  return { ok: true, serials: unboxed.slice(0, units) };
}

/** The operator's sentence for a problem (English; the event keeps it, the screen shows it). */
export function serialMessage(itemId: string, p: SerialProblem | BoxProblem): string {
  switch (p.code) {
    case 'no_prefix':
      return `${itemId} is serialized but has no valid serial prefix in the master data: ask the master-data owner to set one.`;
    case 'not_enough':
      return `${p.wanted} serial numbers of ${itemId} are needed but this station holds ${p.held}: connect the station to the central server so it can receive a new block of serials, then count again.`;
    case 'too_long':
      return `Serial ${p.serial} is longer than the 20 characters a GS1 serial (21) may have: shorten the prefix of ${itemId}.`;
    case 'taken':
      return `Serial ${p.serial} is already used at this station: nothing was recorded. Check the serial blocks and prefixes of ${itemId}.`;
    case 'partial_unit':
      return `${p.pieces} pieces are not whole units of ${p.perUnit}: a box of a serialized product holds whole units.`;
    case 'not_counted':
      return `This box holds ${p.units} units but only ${p.unboxed} counted units are not in a box yet: count the units (each gets its serial) before weighing their box.`;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}
