// Ids of the lots a station creates — received lots (L), molding batches (MB), finished lots
// (FL) — as `<kind>-<station>-<nnnnn>`. The station is part of the id because each station
// counts on its own, offline: finished lots and batches used to be `FL-<date>-<n>`, so two
// packing stations both made `FL-261120-001`, which the central server, every trace and every
// recall would then take for one lot. A lot id is printed as GS1 AI (10), at most 20
// characters, so a station id too long to fit is shortened to its start and a hash of the
// whole id. Pure.

export type StationLotKind = 'L' | 'FL' | 'MB';

/** GS1 AI (10), batch or lot number: up to 20 characters. */
export const LOT_ID_MAX = 20;
const DIGITS = 5;
const HASH = 5;

/** FNV-1a over the id, in base 36: what stands for the part of a long station id that is cut. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36).toUpperCase().padStart(HASH, '0').slice(-HASH);
}

/** The station id as it stands inside a lot id: upper case, letters, digits and '-', at most `room` characters. */
function stationTag(stationId: string, room: number): string {
  const tag = stationId.toUpperCase().replace(/[^A-Z0-9-]/g, '').replace(/^-+|-+$/g, '') || 'ST';
  if (tag.length <= room) return tag;
  return `${tag.slice(0, Math.max(1, room - HASH - 1))}-${shortHash(stationId)}`;
}

/** The prefix every lot of this kind from this station starts with (for counting them). */
export function stationLotPrefix(kind: StationLotKind, stationId: string): string {
  return `${kind}-${stationTag(stationId, LOT_ID_MAX - kind.length - 2 - DIGITS)}-`;
}

/** `n` is this station's running count of that kind (1, 2, …). */
export function stationLotId(kind: StationLotKind, stationId: string, n: number): string {
  return `${stationLotPrefix(kind, stationId)}${String(n).padStart(DIGITS, '0')}`;
}
