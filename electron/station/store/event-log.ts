// The append-only, hash-chained event log. This process is the only writer, so the next
// sequence number and the chain head are kept in memory and advanced only after a commit.
import { hash as digest } from 'node:crypto';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { hlcFormat, hlcParse, hlcTick, hlcZero, type Hlc } from '../../../shared/clock/hlc';
import { canonicalForm, canonicalJson } from '../../../shared/events/canonical';
import { eventHashInput, GENESIS_HASH, signedRecordInput, type EventContent, type StoredEvent } from '../../../shared/events/event';
import { EVENT_PAYLOADS, EVENT_SCHEMA_VERSION, isEventType, type EventPayload, type EventType } from '../../../shared/events/types';
import { SignatureSchema, type Signature } from '../../../shared/domain/signature';
import { compiled } from '../../../shared/schema/compiled';
import type { VerifyResult } from '../../../shared/contract/station';

// crypto.hash: one call, no Hash object — the log hashes every event on the scan path.
export const sha256 = (s: string) => digest('sha256', s, 'hex');

export interface EventDraft<T extends EventType = EventType> {
  readonly type: T;
  readonly payload: EventPayload<T>;
  readonly actor: string | null;
  readonly reason?: string | null;
  /** A signature without its binding; the log binds it to this event's content. */
  readonly signature?: Omit<Signature, 'recordHash'> | null;
}

/** An `events` row as better-sqlite3 returns it. */
export interface EventRow {
  seq: number;
  id: string;
  station_id: string;
  hlc: string;
  wall_time: string;
  actor: string | null;
  type: string;
  schema_version: number;
  payload: string;
  reason: string | null;
  signature: string | null;
  prev_hash: string;
  hash: string;
}

export function rowToEvent(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    id: r.id,
    stationId: r.station_id,
    hlc: r.hlc,
    wallTime: r.wall_time,
    actor: r.actor,
    type: r.type,
    schemaVersion: r.schema_version,
    payload: JSON.parse(r.payload) as unknown,
    reason: r.reason,
    signature: r.signature ? (JSON.parse(r.signature) as Signature) : null,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class EventLog {
  private head: { seq: number; hash: string; hlc: Hlc };
  /** The head as of the last COMMIT; restored on rollback. */
  private committedHead: { seq: number; hash: string; hlc: Hlc };
  private readonly insert: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    readonly stationId: string,
    private readonly clock: () => number = Date.now,
  ) {
    const last = sqlite.prepare('SELECT seq, hash, hlc FROM events ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string; hlc: string }
      | undefined;
    this.head = last ? { seq: last.seq, hash: last.hash, hlc: hlcParse(last.hlc) } : { seq: 0, hash: GENESIS_HASH, hlc: hlcZero(stationId) };
    this.committedHead = { ...this.head };
    this.insert = sqlite.prepare(
      `INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  get lastSeq(): number {
    return this.head.seq;
  }

  /**
   * Appends one event. Must run inside a transaction; the caller calls `committed()` after
   * COMMIT or `rolledBack()` after a rollback, so the in-memory head never runs ahead of disk.
   */
  append<T extends EventType>(draft: EventDraft<T>): StoredEvent {
    // Projections see the payload exactly as a replay will read it back (canonical key order),
    // so live and rebuilt projections cannot differ by how an object happened to be built.
    const { text: payloadText, value: payload } = canonicalForm(compiled(EVENT_PAYLOADS[draft.type]).parse(draft.payload));
    const now = this.clock();
    const hlc = hlcTick(this.head.hlc, now);
    const id = uuidv7();
    const reason = draft.reason ?? null;
    let signature: Signature | null = null;
    if (draft.signature) {
      const recordHash = sha256(signedRecordInput({ id, stationId: this.stationId, type: draft.type, payload, reason, signature: draft.signature }));
      signature = SignatureSchema.parse({ ...draft.signature, recordHash });
    }
    const content: EventContent = {
      id,
      stationId: this.stationId,
      seq: this.head.seq + 1,
      hlc: hlcFormat(hlc),
      wallTime: new Date(now).toISOString(),
      actor: draft.actor,
      type: draft.type,
      schemaVersion: EVENT_SCHEMA_VERSION[draft.type],
      payload,
      reason,
      signature,
      prevHash: this.head.hash,
    };
    const hash = sha256(eventHashInput(content, payloadText));
    this.insert.run(content.seq, id, this.stationId, content.hlc, content.wallTime, content.actor, content.type, content.schemaVersion, payloadText, reason, signature ? canonicalJson(signature) : null, content.prevHash, hash);
    this.head = { seq: content.seq, hash, hlc };
    return { ...content, hash };
  }

  committed(): void {
    this.committedHead = { ...this.head };
  }

  rolledBack(): void {
    this.head = { ...this.committedHead };
  }
}

/** Reads the log in sequence order, a page at a time (bounded memory for millions of rows). */
export function* readEvents(sqlite: Database.Database, fromSeq = 1, pageSize = 5000): Generator<StoredEvent> {
  const stmt = sqlite.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq LIMIT ?');
  let next = fromSeq;
  for (;;) {
    const rows = stmt.all(next, pageSize) as EventRow[];
    for (const r of rows) yield rowToEvent(r);
    if (rows.length < pageSize) return;
    next = rows[rows.length - 1]!.seq + 1;
  }
}

/**
 * Walks the chain and names the first event that does not verify: a gap in the sequence,
 * a previous-hash link that does not match, content that does not hash to its stored hash,
 * a signature not bound to its record, or a payload its type's schema refuses.
 */
export function verifyChain(sqlite: Database.Database, stationId?: string): VerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const broken = (e: StoredEvent, problem: NonNullable<VerifyResult['firstBroken']>['problem'], message: string): VerifyResult => ({
    ok: false,
    checked,
    lastSeq: e.seq,
    firstBroken: { seq: e.seq, id: e.id, problem, message },
  });
  for (const e of readEvents(sqlite)) {
    if (e.seq !== expectedSeq) return broken(e, 'sequence_gap', `expected sequence ${expectedSeq}, found ${e.seq}`);
    if (stationId && e.stationId !== stationId) return broken(e, 'wrong_station', `event belongs to station ${e.stationId}, not ${stationId}`);
    if (e.prevHash !== prevHash) return broken(e, 'prev_hash_mismatch', 'its previous-hash link does not match the event before it');
    const { hash, ...content } = e;
    if (sha256(eventHashInput(content)) !== hash) return broken(e, 'hash_mismatch', 'its content does not match its hash (the row was changed)');
    if (e.signature) {
      const { recordHash, ...sig } = e.signature;
      const expected = sha256(signedRecordInput({ id: e.id, stationId: e.stationId, type: e.type, payload: e.payload, reason: e.reason, signature: sig }));
      if (expected !== recordHash) return broken(e, 'signature_mismatch', 'its signature is not bound to this record');
    }
    if (!isEventType(e.type) || !compiled(EVENT_PAYLOADS[e.type]).safeParse(e.payload).success)
      return broken(e, 'invalid_payload', `its payload is not a valid ${e.type}`);
    prevHash = hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, lastSeq: expectedSeq - 1, firstBroken: null };
}
