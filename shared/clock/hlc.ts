// Hybrid logical clock: timestamps that order every station's events causally even when
// wall clocks drift. Pure: the caller supplies wall time, so tests and replays are exact.
//
// Encoded as `WWWWWWWWWWWWWWW-CCCC-NODE` (15-digit ms, 4-hex counter) so that string order
// equals clock order and the value survives JSON, SQLite TEXT and PostgreSQL untouched.

export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 0xffff;

export function hlcZero(node: string): Hlc {
  return { wallMs: 0, counter: 0, node };
}

/** Next local timestamp: strictly after `last`, never behind the wall clock. */
export function hlcTick(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.wallMs) return { wallMs: nowMs, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { wallMs: last.wallMs + 1, counter: 0, node: last.node };
  return { wallMs: last.wallMs, counter: last.counter + 1, node: last.node };
}

/** Merge a remote timestamp (e.g. the server's) so the next local one orders after it. */
export function hlcReceive(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const wall = Math.max(last.wallMs, remote.wallMs, nowMs);
  let counter: number;
  if (wall === last.wallMs && wall === remote.wallMs) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wallMs) counter = last.counter + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wallMs: wall + 1, counter: 0, node: last.node };
  return { wallMs: wall, counter, node: last.node };
}

export function hlcFormat(h: Hlc): string {
  return `${h.wallMs.toString().padStart(15, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function hlcParse(s: string): Hlc {
  const m = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(s);
  if (!m) throw new Error(`not a hybrid-logical-clock timestamp: ${JSON.stringify(s)}`);
  return { wallMs: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export function hlcCompare(a: Hlc, b: Hlc): number {
  return a.wallMs - b.wallMs || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
}
