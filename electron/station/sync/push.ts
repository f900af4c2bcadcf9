// Building push batches from the local log: events after the acknowledged sequence, in
// order, bounded by count and bytes. Rows are turned into wire JSON without parsing the
// payloads (they are stored as canonical JSON already), a few hundred at a time with a
// yield in between, so a 2000-event batch never holds the event loop a scan needs.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { PUSH_LIMITS } from '../../../shared/sync/protocol';
import type { EventRow } from '../store/event-log';

export interface BatchLimits {
  readonly maxEvents: number;
  /** Uncompressed JSON bytes of the whole body. */
  readonly maxBytes: number;
}

export const DEFAULT_BATCH: BatchLimits = { maxEvents: PUSH_LIMITS.maxEvents, maxBytes: PUSH_LIMITS.maxBytes - 64 * 1024 };

export interface Batch {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly count: number;
  /** The request body: `{"stationTime":…,"events":[…]}`. */
  readonly body: string;
  readonly bytes: number;
}


const q = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));

/** Exactly the StoredEvent fields, in JSON; payload and signature are already JSON text. */
export function wireJson(r: EventRow): string {
  return `{"seq":${r.seq},"id":${q(r.id)},"stationId":${q(r.station_id)},"hlc":${q(r.hlc)},"wallTime":${q(r.wall_time)},"actor":${q(r.actor)},"type":${q(r.type)},"schemaVersion":${r.schema_version},"payload":${r.payload},"reason":${q(r.reason)},"signature":${r.signature ?? 'null'},"prevHash":${q(r.prev_hash)},"hash":${q(r.hash)}}`;
}

const CHUNK = 250;

export class BatchReader {
  private readonly page: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.page = sqlite.prepare('SELECT seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  /** The next batch after `afterSeq`, or null when nothing waits. At least one event even if it alone is over maxBytes (the server then says 413). */
  async read(afterSeq: number, limits: BatchLimits, stationTime: string): Promise<Batch | null> {
    const head = `{"stationTime":${JSON.stringify(stationTime)},"events":[`;
    const parts: string[] = [];
    let bytes = head.length + 2;
    let next = afterSeq;
    let firstSeq = 0;
    let lastSeq = 0;
    outer: while (parts.length < limits.maxEvents) {
      const rows = this.page.all(next, Math.min(CHUNK, limits.maxEvents - parts.length)) as EventRow[];
      for (const r of rows) {
        if (r.seq !== (lastSeq || afterSeq) + 1) break outer; // never send past a hole (cannot happen in a verified log)
        const json = wireJson(r);
        const size = Buffer.byteLength(json) + 1;
        if (parts.length > 0 && bytes + size > limits.maxBytes) break outer;
        parts.push(json);
        bytes += size;
        if (!firstSeq) firstSeq = r.seq;
        lastSeq = r.seq;
      }
      if (rows.length < CHUNK) break;
      next = lastSeq;
      await yieldToLoop();
    }
    if (!parts.length) return null;
    const body = `${head}${parts.join(',')}]}`;
    return { firstSeq, lastSeq, count: parts.length, body, bytes: Buffer.byteLength(body) };
  }
}
