// In-memory PrintJobStore for unit tests: same compare-and-set semantics, no durability.
import type { PrintJob, PrintJobState, PrintJobStore } from './print-queue';

export class MemoryPrintJobStore implements PrintJobStore {
  private readonly jobs = new Map<string, PrintJob>();

  insert(job: PrintJob): void {
    if (this.jobs.has(job.id)) throw new Error(`print job ${job.id} exists`);
    this.jobs.set(job.id, job);
  }

  get(id: string): PrintJob | undefined {
    return this.jobs.get(id);
  }

  transition(id: string, from: readonly PrintJobState[], to: PrintJobState, patch: Partial<Pick<PrintJob, 'note' | 'attempts' | 'decidedBy'>> = {}, now = Date.now()): boolean {
    const j = this.jobs.get(id);
    if (!j || !from.includes(j.state)) return false;
    this.jobs.set(id, { ...j, ...patch, state: to, updatedAt: now });
    return true;
  }

  listByState(states: readonly PrintJobState[]): PrintJob[] {
    return [...this.jobs.values()].filter((j) => states.includes(j.state)).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }
}
