// PrintJobStore on better-sqlite3. The table is created here with plain SQL for now; it moves
// into the station's Drizzle schema later. synchronous=FULL: the `sending` mark must be on
// disk before the first byte of the label leaves, or a power cut could hide a printed label.
import Database from 'better-sqlite3';
import type { PrintJob, PrintJobState, PrintJobStore } from './print-queue';

interface Row {
  id: string;
  printer: string;
  zpl: string;
  state: PrintJobState;
  created_at: number;
  updated_at: number;
  attempts: number;
  note: string | null;
  reprint_of: string | null;
  decided_by: string | null;
  seq: number;
}

const toJob = (r: Row): PrintJob => ({
  id: r.id,
  printer: r.printer,
  zpl: r.zpl,
  state: r.state,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  attempts: r.attempts,
  note: r.note,
  reprintOf: r.reprint_of,
  decidedBy: r.decided_by,
});

export class SqlitePrintJobStore implements PrintJobStore {
  private readonly db: Database.Database;
  private readonly ownsDb: boolean;
  private readonly stmts;

  constructor(dbOrPath: Database.Database | string) {
    this.ownsDb = typeof dbOrPath === 'string';
    this.db = typeof dbOrPath === 'string' ? new Database(dbOrPath) : dbOrPath;
    if (this.ownsDb) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS device_print_jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        printer TEXT NOT NULL,
        zpl TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','confirmed','uncertain','reprinted','cancelled')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        reprint_of TEXT REFERENCES device_print_jobs(id),
        decided_by TEXT
      );
      CREATE INDEX IF NOT EXISTS device_print_jobs_state ON device_print_jobs(state, seq);
    `);
    this.stmts = {
      insert: this.db.prepare(
        'INSERT INTO device_print_jobs (id, printer, zpl, state, created_at, updated_at, attempts, note, reprint_of, decided_by) VALUES (@id, @printer, @zpl, @state, @createdAt, @updatedAt, @attempts, @note, @reprintOf, @decidedBy)',
      ),
      get: this.db.prepare<[string], Row>('SELECT * FROM device_print_jobs WHERE id = ?'),
      all: this.db.prepare<[], Row>('SELECT * FROM device_print_jobs ORDER BY seq'),
    };
  }

  insert(job: PrintJob): void {
    this.stmts.insert.run(job);
  }

  get(id: string): PrintJob | undefined {
    const r = this.stmts.get.get(id);
    return r ? toJob(r) : undefined;
  }

  transition(id: string, from: readonly PrintJobState[], to: PrintJobState, patch: Partial<Pick<PrintJob, 'note' | 'attempts' | 'decidedBy'>> = {}, now = Date.now()): boolean {
    // One UPDATE guarded by the current state: two racing callers cannot both move a job.
    const sets = ['state = ?', 'updated_at = ?'];
    const args: Array<string | number | null> = [to, now];
    if ('note' in patch) (sets.push('note = ?'), args.push(patch.note ?? null));
    if ('attempts' in patch) (sets.push('attempts = ?'), args.push(patch.attempts ?? 0));
    if ('decidedBy' in patch) (sets.push('decided_by = ?'), args.push(patch.decidedBy ?? null));
    const sql = `UPDATE device_print_jobs SET ${sets.join(', ')} WHERE id = ? AND state IN (${from.map(() => '?').join(',')})`;
    return this.db.prepare(sql).run(...args, id, ...from).changes === 1;
  }

  listByState(states: readonly PrintJobState[]): PrintJob[] {
    const rows = this.db.prepare<string[], Row>(`SELECT * FROM device_print_jobs WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY seq`).all(...states);
    return rows.map(toJob);
  }

  all(): PrintJob[] {
    return this.stmts.all.all().map(toJob);
  }

  close(): void {
    if (this.ownsDb) this.db.close();
  }
}
