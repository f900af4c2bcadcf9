// Label jobs between "asked to print" and "printed", kept durable so that a crash or dropped
// connection never prints a label twice by accident. Invariant: a job is marked `sending`
// durably before its first byte leaves; a job found `sending` afterwards may or may not have
// printed, so it becomes `uncertain` and only an operator decision moves it on.
import { EventEmitter } from 'node:events';
import { DeviceError, SendError } from '../errors';
import type { LabelPrinter } from '../types';
import { printerState, type ZebraStatus } from './zebra';

export type PrintJobState =
  | 'queued' // waiting; safe to send
  | 'sending' // bytes may be leaving right now
  | 'sent' // the printer took every byte and closed the connection
  | 'confirmed' // known printed (status check, scan-back or operator)
  | 'uncertain' // may or may not have printed: never re-sent automatically
  | 'reprinted' // operator said it did not print (or was bad); a new job carries the reprint
  | 'cancelled';

export interface PrintJob {
  readonly id: string;
  readonly printer: string;
  readonly zpl: string;
  readonly state: PrintJobState;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly attempts: number;
  /** Last error or the operator's reason. */
  readonly note: string | null;
  readonly reprintOf: string | null;
  readonly decidedBy: string | null;
}

/** Persistence behind the queue. Every method is one durable step (one transaction). */
export interface PrintJobStore {
  insert(job: PrintJob): void;
  get(id: string): PrintJob | undefined;
  /** Compare-and-set: changes the job only if it is in `from`; returns whether it did. */
  transition(id: string, from: readonly PrintJobState[], to: PrintJobState, patch?: Partial<Pick<PrintJob, 'note' | 'attempts' | 'decidedBy'>>, now?: number): boolean;
  listByState(states: readonly PrintJobState[]): PrintJob[];
  close?(): void;
}

export type PrintQueueEvents = {
  job: [PrintJob];
};

export interface PrintQueueOptions {
  readonly now?: () => number;
  readonly newId?: () => string;
  /** After a clean send, ask the printer; an idle, error-free printer confirms the job. */
  readonly confirmByStatus?: boolean;
}

export class PrintQueue extends EventEmitter<PrintQueueEvents> {
  private readonly now: () => number;
  private readonly newId: () => string;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly store: PrintJobStore,
    private readonly printers: ReadonlyMap<string, LabelPrinter>,
    private readonly opts: PrintQueueOptions = {},
  ) {
    super();
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Run once at start-up, before any send: jobs left `sending` by a crash become uncertain.
   * Returns them so the runtime can ask the operator.
   */
  recover(): PrintJob[] {
    const out: PrintJob[] = [];
    for (const j of this.store.listByState(['sending'])) {
      if (this.store.transition(j.id, ['sending'], 'uncertain', { note: 'the station stopped while this label was being sent; it may have printed' }, this.now())) {
        out.push(this.must(j.id));
        this.emit('job', this.must(j.id));
      }
    }
    return out;
  }

  enqueue(printer: string, zpl: string, reprintOf: string | null = null): PrintJob {
    if (!this.printers.has(printer)) throw new DeviceError('io', `unknown printer "${printer}"`);
    const t = this.now();
    const job: PrintJob = { id: this.newId(), printer, zpl, state: 'queued', createdAt: t, updatedAt: t, attempts: 0, note: null, reprintOf, decidedBy: null };
    this.store.insert(job);
    this.emit('job', job);
    return job;
  }

  get(id: string): PrintJob | undefined {
    return this.store.get(id);
  }

  pending(): PrintJob[] {
    return this.store.listByState(['queued', 'sending', 'uncertain']);
  }

  /** Sends queued jobs in order until none is left or a printer fails; one drain at a time. */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    // The queue is read again after every send: a job queued meanwhile joined this drain (its
    // caller got this drain's promise), so it must be sent by it, not wait for the next print.
    for (;;) {
      const [job] = this.store.listByState(['queued']);
      if (!job) return;
      const ok = await this.sendOne(job);
      if (!ok) return; // keep order: a failed printer holds the rest of its queue
    }
  }

  private async sendOne(job: PrintJob): Promise<boolean> {
    const printer = this.printers.get(job.printer);
    if (!printer) return false;
    if (!this.store.transition(job.id, ['queued'], 'sending', { attempts: job.attempts + 1 }, this.now())) return true;
    this.emit('job', this.must(job.id));
    try {
      await printer.send({ id: job.id, zpl: job.zpl });
    } catch (err) {
      const mayHavePrinted = err instanceof SendError ? err.mayHavePrinted : true;
      const message = (err as Error).message;
      // Back to the queue only when no byte can have reached the printer.
      this.store.transition(job.id, ['sending'], mayHavePrinted ? 'uncertain' : 'queued', { note: message }, this.now());
      this.emit('job', this.must(job.id));
      return false;
    }
    this.store.transition(job.id, ['sending'], 'sent', { note: null }, this.now());
    this.emit('job', this.must(job.id));
    if (this.opts.confirmByStatus) await this.confirmIfIdle(job.id, printer);
    return true;
  }

  private async confirmIfIdle(id: string, printer: LabelPrinter): Promise<void> {
    let s: ZebraStatus;
    try {
      s = await printer.status();
    } catch {
      return; // stays `sent`: nothing is lost, and nothing is claimed
    }
    if (printerState(s).state === 'ok') {
      this.store.transition(id, ['sent'], 'confirmed', { decidedBy: 'printer-status' }, this.now());
      this.emit('job', this.must(id));
    }
  }

  /** Scan-back or operator: the label is known printed. */
  confirm(id: string, by: string): PrintJob {
    if (!this.store.transition(id, ['sent', 'uncertain'], 'confirmed', { decidedBy: by }, this.now())) throw this.wrongState(id, 'confirm');
    const j = this.must(id);
    this.emit('job', j);
    return j;
  }

  /** Operator: the label did not print (or is unusable); a new job prints it, with the reason kept. */
  reprint(id: string, reason: string, by: string): PrintJob {
    if (!reason.trim()) throw new DeviceError('command_rejected', 'a reprint needs a reason');
    const old = this.must(id);
    if (!this.store.transition(id, ['uncertain', 'sent', 'confirmed'], 'reprinted', { note: reason, decidedBy: by }, this.now())) throw this.wrongState(id, 'reprint');
    this.emit('job', this.must(id));
    return this.enqueue(old.printer, old.zpl, id);
  }

  cancel(id: string, reason: string, by: string): PrintJob {
    if (!this.store.transition(id, ['queued', 'uncertain'], 'cancelled', { note: reason, decidedBy: by }, this.now())) throw this.wrongState(id, 'cancel');
    const j = this.must(id);
    this.emit('job', j);
    return j;
  }

  private must(id: string): PrintJob {
    const j = this.store.get(id);
    if (!j) throw new DeviceError('io', `print job ${id} not found`);
    return j;
  }

  private wrongState(id: string, what: string): DeviceError {
    const j = this.store.get(id);
    return new DeviceError('command_rejected', j ? `cannot ${what} a job that is ${j.state}` : `print job ${id} not found`);
  }
}
