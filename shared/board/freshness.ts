// When a tile's data can be trusted. A station is online while its live channel is open or
// it pushed recently; what the board shows is stale when the station has not been heard
// from for a while, or says it holds events it has not been able to send for a while (the
// board is then behind the floor). Pure: the caller passes "now".
export const FRESHNESS = {
  /** Heard within this → online even without a live channel (a station that only polls). */
  onlineWithinMs: 90_000,
  /** Not heard for this long, or unsent events older than this → stale. */
  staleAfterMs: 5 * 60_000,
} as const;

export interface FreshnessInput {
  readonly connected: boolean;
  readonly lastHeardAt: string | null;
  /** The oldest event the station reported as not yet sent (null: nothing waiting or not reported). */
  readonly outboxOldestAt: string | null;
}

export interface Freshness {
  readonly online: boolean;
  readonly stale: boolean;
  /** Milliseconds since the station was last heard (null: never). */
  readonly silentMs: number | null;
  /** Age of the oldest unsent event (null: none reported). */
  readonly backlogMs: number | null;
}

export function freshness(t: FreshnessInput, now: number, rules: { onlineWithinMs: number; staleAfterMs: number } = FRESHNESS): Freshness {
  const heard = t.lastHeardAt ? Date.parse(t.lastHeardAt) : Number.NaN;
  const silentMs = Number.isFinite(heard) ? Math.max(0, now - heard) : null;
  const oldest = t.outboxOldestAt ? Date.parse(t.outboxOldestAt) : Number.NaN;
  const backlogMs = Number.isFinite(oldest) ? Math.max(0, now - oldest) : null;
  const online = t.connected || (silentMs !== null && silentMs <= rules.onlineWithinMs);
  const stale = silentMs === null || (!t.connected && silentMs > rules.staleAfterMs) || (backlogMs !== null && backlogMs > rules.staleAfterMs);
  return { online, stale, silentMs, backlogMs };
}

/** "3 min", "2 h 5 min", "45 s" — compact ages for tiles, language-neutral units. */
export function compactAge(ms: number): { value: number; unit: 's' | 'min' | 'h' | 'd' } {
  const s = Math.floor(ms / 1000);
  if (s < 60) return { value: s, unit: 's' };
  if (s < 3600) return { value: Math.floor(s / 60), unit: 'min' };
  if (s < 86_400) return { value: Math.floor(s / 3600), unit: 'h' };
  return { value: Math.floor(s / 86_400), unit: 'd' };
}
