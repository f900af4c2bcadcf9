// Handlers of the runtime-only methods (see runtime/internal-contract.ts).
import { eq } from 'drizzle-orm';
import { StationError } from '../../../shared/contract/errors';
import type { Handlers } from '../runtime/bus';
import type { internalContract } from '../runtime/internal-contract';
import * as t from '../store/schema';
import { openSessionUser } from './auth';
import { syncInternalHandlers } from '../sync/record';

export const internalHandlers: Handlers<typeof internalContract> = {
  'station.initialize': {
    kind: 'command',
    run(ctx, input) {
      if (ctx.db.select().from(t.station).get()) throw new StationError('conflict', 'this store already belongs to a station');
      ctx.emit('station.initialized', input);
      return { ok: true };
    },
  },
  'station.configure_initial': {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('station.configured', input);
      return { ok: true };
    },
  },
  'master.apply': {
    kind: 'command',
    run(ctx, input) {
      for (const r of input.records) ctx.emit(r.type, r.payload as never);
      return { count: input.records.length };
    },
  },
  'lot.receive': {
    kind: 'command',
    run(ctx, input) {
      if (ctx.db.select({ id: t.lots.lotId }).from(t.lots).where(eq(t.lots.lotId, input.lotId)).get())
        throw new StationError('conflict', `lot ${input.lotId} already exists`);
      ctx.emit('lot.received', input);
      return { ok: true };
    },
  },
  'lot.release': {
    kind: 'command',
    run(ctx, input) {
      const lot = ctx.db.select().from(t.lots).where(eq(t.lots.lotId, input.lotId)).get();
      if (!lot) throw new StationError('not_found', `lot ${input.lotId} is not known`);
      if (lot.status !== 'quarantined') throw new StationError('conflict', `lot ${input.lotId} is ${lot.status}, not quarantined`);
      ctx.emit('lot.released', { lotId: input.lotId }, { signed: true, reason: input.signature.reason });
      return { ok: true };
    },
  },
  'demo.mark_loaded': {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('demo.loaded', input);
      return { ok: true };
    },
  },
  'auth.end_session': {
    kind: 'command',
    run(ctx, input) {
      const open = openSessionUser(ctx);
      if (open) ctx.emit('auth.logout', { userId: open.userId, cause: input.cause }, { actorId: open.userId });
      return { ok: true };
    },
  },
  'labels.record_printed': {
    kind: 'command',
    run(ctx, input) {
      const label = ctx.db.select().from(t.labels).where(eq(t.labels.labelId, input.labelId)).get();
      // A confirmation that arrives twice (status poll and operator) records one fact.
      if (label && !label.printed) ctx.emit('label.printed', input);
      return { ok: true };
    },
  },
  'print.record_uncertain': {
    kind: 'command',
    run(ctx, input) {
      ctx.emit('print.job_uncertain', input);
      return { ok: true };
    },
  },
  'auth.record_signature_failure': {
    kind: 'command',
    run(ctx, input) {
      const { lockUntil, ...failure } = input;
      // Attributed to the person whose badge was used, when known: it is their credential at stake.
      const actorId = failure.userId ?? null;
      ctx.emit('auth.signature_failed', failure, { actorId });
      if (lockUntil && failure.userId) ctx.emit('auth.locked_out', { userId: failure.userId, until: lockUntil, failures: failure.consecutiveFailures }, { actorId });
      return { ok: true };
    },
  },
  ...syncInternalHandlers,
};
