// The sync client's list of certificates to upload: every stored document an acknowledged
// `receiving.recorded` event names, found by a cursor over the log, and what became of each
// (uploaded, or why not). Central refusing a document, or the file missing or damaged here,
// parks it for `retryMs` — reported, never retried in a tight loop, never in the events' way.
import type Database from 'better-sqlite3';
import { storedCocOf } from '../../../shared/documents/coc-file';

export type UploadState = 'pending' | 'uploaded' | 'unreadable' | 'refused';

export interface DocumentToUpload {
  readonly sha256: string;
  readonly path: string;
  readonly lotId: string;
  readonly eventSeq: number;
  readonly attempts: number;
}

export interface UploadCounts {
  /** Waiting for their first upload (or a retry that is due). */
  readonly pending: number;
  readonly uploaded: number;
  /** Parked: unreadable on this disk or refused by central. */
  readonly failed: number;
  /** The latest reason a document was parked, for the status line. */
  readonly problem: string | null;
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
      events: s.prepare("SELECT seq, payload FROM events WHERE type = 'receiving.recorded' AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"),
      add: s.prepare("INSERT OR IGNORE INTO document_uploads (sha256, path, lot_id, event_seq, state) VALUES (?, ?, ?, ?, 'pending')"),
      advance: s.prepare('UPDATE sync_state SET documents_seq = ? WHERE one = 1'),
      next: s.prepare(
        "SELECT sha256, path, lot_id AS lotId, event_seq AS eventSeq, attempts FROM document_uploads WHERE state = 'pending' OR (state IN ('unreadable', 'refused') AND retry_at <= ?) ORDER BY event_seq LIMIT 1",
      ),
      uploaded: s.prepare("UPDATE document_uploads SET state = 'uploaded', attempts = attempts + 1, last_error = NULL, retry_at = NULL, uploaded_at = ? WHERE sha256 = ?"),
      parked: s.prepare('UPDATE document_uploads SET state = ?, attempts = attempts + 1, last_error = ?, retry_at = ? WHERE sha256 = ?'),
      counts: s.prepare('SELECT state, count(*) AS n FROM document_uploads GROUP BY state'),
      problem: s.prepare("SELECT last_error FROM document_uploads WHERE state IN ('unreadable', 'refused') ORDER BY retry_at DESC LIMIT 1").pluck(),
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
    return (this.stmt.next.get(new Date(nowMs).toISOString()) as DocumentToUpload | undefined) ?? null;
  }

  /** Durable (a full commit): an uploaded document is never sent again, across restarts. */
  markUploaded(sha256: string, nowMs: number): void {
    this.stmt.uploaded.run(new Date(nowMs).toISOString(), sha256);
  }

  park(sha256: string, state: 'unreadable' | 'refused', why: string, nowMs: number): void {
    this.stmt.parked.run(state, why, new Date(nowMs + this.retryMs).toISOString(), sha256);
  }

  counts(): UploadCounts {
    const by = new Map((this.stmt.counts.all() as { state: UploadState; n: number }[]).map((r) => [r.state, r.n]));
    const failed = (by.get('unreadable') ?? 0) + (by.get('refused') ?? 0);
    return { pending: by.get('pending') ?? 0, uploaded: by.get('uploaded') ?? 0, failed, problem: failed ? ((this.stmt.problem.get() as string | null | undefined) ?? null) : null };
  }
}
