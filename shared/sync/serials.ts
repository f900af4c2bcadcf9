// Handing out serial numbers offline: the server assigns each station blocks of an item's
// serial range in advance (never overlapping), and the station issues from them in order.
// Pure: the caller supplies the blocks it holds and the last serial it issued.

export interface HeldBlock {
  readonly blockId: string;
  /** Inclusive range. */
  readonly first: number;
  readonly last: number;
}

export interface SerialAllocation {
  /** The next serial to issue, or null when every held block is used up (ask the server). */
  readonly serial: number | null;
  readonly blockId: string | null;
  /** Serials left in the held blocks after this one. */
  readonly remaining: number;
  /** Fewer than `lowWater` remain: request a new block now, while still online. */
  readonly requestMore: boolean;
}

function sorted(blocks: readonly HeldBlock[]): HeldBlock[] {
  return blocks.filter((b) => Number.isInteger(b.first) && Number.isInteger(b.last) && b.last >= b.first).sort((a, b) => a.first - b.first);
}

/** Serials in the held blocks after `lastIssued` (null: none issued yet). */
export function remainingSerials(blocks: readonly HeldBlock[], lastIssued: number | null): number {
  let n = 0;
  for (const b of sorted(blocks)) {
    if (lastIssued === null || lastIssued < b.first) n += b.last - b.first + 1;
    else if (lastIssued < b.last) n += b.last - lastIssued;
  }
  return n;
}

/** The serial after `lastIssued` in block order; blocks are used lowest first. */
export function nextSerial(blocks: readonly HeldBlock[], lastIssued: number | null, lowWater = 0): SerialAllocation {
  for (const b of sorted(blocks)) {
    let serial: number | null = null;
    if (lastIssued === null || lastIssued < b.first) serial = b.first;
    else if (lastIssued < b.last) serial = lastIssued + 1;
    if (serial !== null) {
      const remaining = remainingSerials(blocks, serial);
      return { serial, blockId: b.blockId, remaining, requestMore: remaining < lowWater };
    }
  }
  return { serial: null, blockId: null, remaining: 0, requestMore: true };
}

/** Whether to ask for another block before issuing anything more. */
export function needsBlock(blocks: readonly HeldBlock[], lastIssued: number | null, lowWater: number): boolean {
  return remainingSerials(blocks, lastIssued) < lowWater;
}
