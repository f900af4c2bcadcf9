// The station's outbox report, sent as two headers on every sync request so the floor board
// shows each station's queue: how many events are still waiting and since when. The headers
// describe the queue as it will be once the server has handled the request (a push's own
// batch is not counted), so the last push of a backlog reports 0. Optional and advisory: a
// malformed report is ignored by the server, never a refusal of the request.

export const OUTBOX_PENDING_HEADER = 'Lotline-Outbox-Pending';
export const OUTBOX_OLDEST_HEADER = 'Lotline-Outbox-Oldest';

export interface OutboxReport {
  readonly pending: number;
  /** ISO 8601 time of the oldest waiting event, on the server's clock when the station knows its offset; null when nothing waits or it is unknown. */
  readonly oldestAt: string | null;
}

/** More than a station could hold; a larger count is a broken client, not a queue. */
const MAX_PENDING = 1_000_000_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The headers a station sends: the count, and the oldest waiting event's time shifted onto the server's clock (`offsetMs` = server − station). */
export function outboxHeaders(pending: number, oldestWallTime: string | null, offsetMs: number | null): Record<string, string> {
  const headers: Record<string, string> = { [OUTBOX_PENDING_HEADER]: String(Math.max(0, Math.trunc(pending))) };
  const ms = oldestWallTime ? Date.parse(oldestWallTime) : Number.NaN;
  if (pending > 0 && Number.isFinite(ms)) headers[OUTBOX_OLDEST_HEADER] = new Date(ms + (offsetMs ?? 0)).toISOString();
  return headers;
}

/**
 * The server's reading of the two headers. No count, or a count that is not a plain
 * non-negative integer → undefined (the report is ignored and the tile keeps what it had).
 * A bad or missing time with a good count keeps the count and drops the time. A time in
 * the future (a station clock running ahead) is taken as now: the backlog is at least new.
 */
export function parseOutboxHeaders(pending: string | null | undefined, oldest: string | null | undefined, now: number): OutboxReport | undefined {
  if (pending === undefined || pending === null || !/^\d{1,10}$/.test(pending.trim())) return undefined;
  const n = Number(pending.trim());
  if (n > MAX_PENDING) return undefined;
  if (n === 0 || !oldest || !ISO.test(oldest.trim())) return { pending: n, oldestAt: null };
  const ms = Date.parse(oldest.trim());
  if (!Number.isFinite(ms)) return { pending: n, oldestAt: null };
  return { pending: n, oldestAt: new Date(Math.min(ms, now)).toISOString() };
}
