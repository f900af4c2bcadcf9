// What a material clock records when an event does not fit its state: the physical act
// happened, so the clock never refuses an event; it applies the conservative reading and
// keeps a note that the verdict turns into a WARN when exposure may be understated.

export type ClockAnomalyKind =
  /** Event time earlier than the last applied one: clamped to it so time never runs backwards. */
  | 'out_of_order'
  /** The same transition twice (open while open): harmless, the clock already counts. */
  | 'duplicate'
  /** A close / dry-storage-out / fridge-in with no matching start: a start may be missing from the record. */
  | 'close_without_open'
  | 'out_without_in'
  /** Solder paste opened while the record says it is in the fridge. */
  | 'open_while_in_fridge';

export interface ClockAnomaly {
  readonly kind: ClockAnomalyKind;
  readonly event: string;
  readonly atMs: number;
  /** True when the true exposure may be longer than the clock shows: the verdict WARNs. */
  readonly irregular: boolean;
}

/** Anomalies kept on a clock; older ones are in the event log, this is for the verdict only. */
export const MAX_ANOMALIES = 8;

export function noteAnomaly(list: readonly ClockAnomaly[], a: ClockAnomaly): readonly ClockAnomaly[] {
  const next = [...list, a];
  return next.length > MAX_ANOMALIES ? next.slice(next.length - MAX_ANOMALIES) : next;
}
