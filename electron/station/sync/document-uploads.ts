// The sync client's list of certificates to upload: every stored document an acknowledged
// `receiving.recorded` event names, found by a cursor over the log, and what became of each
// (uploaded, or why not). The file missing or damaged here, or an answer from central this
// station cannot place, parks it for `retryMs` — reported, never retried in a tight loop, never
// in the events' way. A refusal central gives for good (the bytes, their type, their size, the
// naming) parks it until central or this station changes (`reconsider`): the station checked
// the same rules before sending, so the same pair would only answer the same again.
import type Database from 'better-sqlite3';
import { storedCocOf } from '../../../shared/documents/coc-file';
import { ofTypes } from '../store/audit-index';

export type UploadState = 'pending' | 'uploaded' | 'unreadable' | 'refused';

export interface DocumentToUpload {
  readonly sha256: string;
  readonly path: string;
  readonly lotId: string;
  readonly eventSeq: number;
  readonly attempts: number;
  /** Central took it once and has since gone back to an older state: ask whether it still holds it before sending it. */
  readonly uploadedBefore: boolean;
}

export interface UploadCounts {
  /** Waiting for their first upload (or a retry that is due). */
  readonly pending: number;
  readonly uploaded: number;
  /** Parked: unreadable on this disk or refused by central. */
  readonly failed: number;
  /** Of those, refused by central for good: not retried until central or this station changes. */
  readonly refused: number;
  /** The latest reason a document was parked, for the status line. */
  readonly problem: string | null;
  /** Which document that was and how it stands, for a status said in the reader's language. */
  readonly latest: ParkedDocument | null;
}

/** The latest parked document: missing or damaged here, refused for now, or refused for good. */
export interface ParkedDocument {
  readonly lotId: string;
  readonly path: string;
  readonly reason: 'unreadable' | 'refused' | 'refused_for_good';
}

/**
 * Every parked certificate due now, refused for good or not: an administrator fixed what was
 * wrong (the file put back on this disk, central's record or limits corrected). Works whether or
 * not the sync client runs (a station not enrolled yet keeps its list too). Returns how many.
 */
export function retryParkedDocuments(sqlite: Database.Database): number {
  return sqlite.prepare("UPDATE document_uploads SET state = 'pending', retry_at = NULL WHERE state IN ('unreadable', 'refused')").run().changes;
}

/** Events looked through per call: the scan runs on the event loop the station's scans share. */
const SCAN_PAGE = 500;

export class DocumentUploads {
  private readonly stmt: {
    cursor: Database.Statement;
    events: Database.Statement;
    add: Database.Statement;
    advance: Database.Statement;
    next: Database.Statement;
    uploaded: Database.Statement;
    parked: Database.Statement;
    refused: Database.Statement;
    reconsider: Database.Statement;
    forget: Database.Statement;
    recheck: Database.Statement;
    rewind: Database.Statement;
    counts: Database.Statement;
    problem: Database.Statement;
  };

  constructor(
    private readonly sqlite: Database.Database,
    private readonly retryMs: number,
  ) {
    const s = sqlite;
    this.stmt = {
      cursor: s.prepare('SELECT documents_seq FROM sync_state WHERE one = 1').pluck(),
      events: s.prepare(`SELECT seq, payload FROM events WHERE ${ofTypes(['receiving.recorded'])} AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`),
      add: s.prepare("INSERT OR IGNORE INTO document_uploads (sha256, path, lot_id, event_seq, state) VALUES (?, ?, ?, ?, 'pending')"),
      advance: s.prepare('UPDATE sync_state SET documents_seq = ? WHERE one = 1'),
      next: s.prepare(
        "SELECT sha256, path, lot_id AS lotId, event_seq AS eventSeq, attempts, uploaded_at IS NOT NULL AS uploadedBefore FROM document_uploads WHERE state = 'pending' OR (state IN ('unreadable', 'refused') AND retry_at <= ?) ORDER BY event_seq LIMIT 1",
      ),
      uploaded: s.prepare("UPDATE document_uploads SET state = 'uploaded', attempts = attempts + 1, last_error = NULL, retry_at = NULL, uploaded_at = ? WHERE sha256 = ?"),
      parked: s.prepare('UPDATE document_uploads SET state = ?, attempts = attempts + 1, last_error = ?, retry_at = ?, parked_at = ?, refused_by = NULL WHERE sha256 = ?'),
      refused: s.prepare("UPDATE document_uploads SET state = 'refused', attempts = attempts + 1, last_error = ?, retry_at = NULL, parked_at = ?, refused_by = ? WHERE sha256 = ?"),
      reconsider: s.prepare("UPDATE document_uploads SET state = 'pending', retry_at = NULL WHERE state = 'refused' AND retry_at IS NULL AND refused_by IS NOT ?"),
      forget: s.prepare('DELETE FROM document_uploads WHERE event_seq > ?'),
      recheck: s.prepare("UPDATE document_uploads SET state = 'pending', retry_at = NULL WHERE state = 'uploaded'"),
      rewind: s.prepare('UPDATE sync_state SET documents_seq = min(documents_seq, ?) WHERE one = 1'),
      counts: s.prepare("SELECT state, retry_at IS NULL AS final, count(*) AS n FROM document_uploads GROUP BY state, final"),
      problem: s.prepare("SELECT last_error, lot_id, path, state, retry_at IS NULL AS final FROM document_uploads WHERE state IN ('unreadable', 'refused') ORDER BY coalesce(parked_at, retry_at) DESC LIMIT 1"),
    };
  }

  /**
   * Adds the documents named by receiving records up to `ackedSeq` (central holds those events,
   * so it accepts their documents). Returns true while more of the log is left to look through.
   */
  collect(ackedSeq: number): boolean {
    const from = (this.stmt.cursor.get() as number | undefined) ?? 0;
    if (from >= ackedSeq) return false;
    const rows = this.stmt.events.all(from, ackedSeq, SCAN_PAGE) as { seq: number; payload: string }[];
    const upTo = rows.length === SCAN_PAGE ? rows[rows.length - 1]!.seq : ackedSeq;
    // The rows and the cursor together: a crash between them would skip a document.
    this.sqlite.transaction(() => {
      for (const r of rows) {
        const p = JSON.parse(r.payload) as { lotId?: unknown; coc?: { path?: unknown } | null };
        const doc = typeof p.coc?.path === 'string' ? storedCocOf(p.coc.path) : null;
        if (doc && typeof p.lotId === 'string') this.stmt.add.run(doc.sha256, p.coc!.path, p.lotId, r.seq);
      }
      this.stmt.advance.run(upTo);
    })();
    return upTo < ackedSeq;
  }

  /** The next document due, oldest receiving record first; null when nothing is due. */
  next(nowMs: number): DocumentToUpload | null {
    const row = this.stmt.next.get(new Date(nowMs).toISOString()) as (Omit<DocumentToUpload, 'uploadedBefore'> & { uploadedBefore: number }) | undefined;
    return row ? { ...row, uploadedBefore: row.uploadedBefore === 1 } : null;
  }

  /**
   * Central went back to an older state (restored from a backup) and holds this station's log
   * only up to `ackedSeq`. The documents the lost records name start over: collected again as
   * those records are acknowledged again. Every document it took before may be lost too (a
   * backup older than the upload), so each is due again, and asked about before it is sent.
   * One transaction. Returns how many of each.
   */
  centralWentBack(ackedSeq: number): { forgotten: number; recheck: number } {
    return this.sqlite.transaction(() => {
      const forgotten = this.stmt.forget.run(ackedSeq).changes;
      const recheck = this.stmt.recheck.run().changes;
      this.stmt.rewind.run(ackedSeq);
      return { forgotten, recheck };
    })();
  }

  /** Durable (a full commit): an uploaded document is never sent again, across restarts. */
  markUploaded(sha256: string, nowMs: number): void {
    this.stmt.uploaded.run(new Date(nowMs).toISOString(), sha256);
  }

  /** Parked for `retryMs`: missing or damaged here, or an answer from central that may differ next time. */
  park(sha256: string, state: 'unreadable' | 'refused', why: string, nowMs: number): void {
    this.stmt.parked.run(state, why, new Date(nowMs + this.retryMs).toISOString(), new Date(nowMs).toISOString(), sha256);
  }

  /** Refused for good by the central and station `by` names: no retry while they are the same. */
  refuse(sha256: string, why: string, by: string, nowMs: number): void {
    this.stmt.refused.run(why, new Date(nowMs).toISOString(), by, sha256);
  }

  /**
   * Back to pending: documents refused for good by another central, or another version of it
   * or of this station (called at each connect with the current one). Returns how many.
   */
  reconsider(by: string): number {
    return this.stmt.reconsider.run(by).changes;
  }

  counts(): UploadCounts {
    const rows = this.stmt.counts.all() as { state: UploadState; final: number; n: number }[];
    const n = (state: UploadState, final?: boolean) => rows.filter((r) => r.state === state && (final === undefined || !!r.final === final)).reduce((a, r) => a + r.n, 0);
    const failed = n('unreadable') + n('refused');
    const p = failed ? (this.stmt.problem.get() as { last_error: string | null; lot_id: string; path: string; state: 'unreadable' | 'refused'; final: number } | undefined) : undefined;
    const latest: ParkedDocument | null = p ? { lotId: p.lot_id, path: p.path, reason: p.state === 'unreadable' ? 'unreadable' : p.final ? 'refused_for_good' : 'refused' } : null;
    return { pending: n('pending'), uploaded: n('uploaded'), failed, refused: n('refused', true), problem: p?.last_error ?? null, latest };
  }
}
