// Material clocks as commands: MSL (open, close, dry storage in/out, bake) and solder paste
// (fridge out, open, fridge in, discarded). The clock never refuses an act that happened; it refuses
// only a lot it cannot clock (unknown, no MSL level, not paste), and an act said to happen
// later than now — a future open would hold a floor life at zero until that time.
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { StationContract } from '../../../shared/contract/station';
import type { ClockView } from '../../../shared/contract/workflows';
import type { LotId } from '../../../shared/ids';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { OVERRIDE_ROLES } from '../../../shared/rules/config';
import { clockView, pasteJarsKept } from '../workflows/views';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

/** A clock on a tablet or a scale PC a few minutes ahead of the station's is not a future act. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function clockHandlers(rt: StationRuntime) {
  const lotOf = (lotId: string) => {
    const s = rt.workflows.snapshot;
    const lot = s.lots.get(lotId as LotId);
    if (!lot) throw refusal('not_found', 'lot_unknown', { lotId }, `Lot ${lotId} is not known at this station.`);
    return { lot, item: s.items.get(lot.itemId) };
  };

  const happened = (lotId: string, at: string, now: Date) => {
    if (Date.parse(at) > now.getTime() + CLOCK_SKEW_MS) throw refusal('invalid_input', 'clock_time_future', { lotId, at }, `${at} is later than now: record what happened on lot ${lotId} when it has happened.`);
  };

  const msl: CommandHandler<In<'material.msl'>, Out<'material.msl'>> = {
    kind: 'command',
    run(ctx, input) {
      happened(input.lotId, input.at, ctx.now);
      const { lot, item } = lotOf(input.lotId);
      if ((lot.msl ?? item?.msl) === undefined) throw new StationError('conflict', `Lot ${lot.lotId} has no MSL level: it has no floor-life clock.`);
      const e = ctx.emit('material.msl', input);
      return clockView(rt.workflows.clockPreview(e), lot.lotId, ctx.now.getTime())!;
    },
  };

  const paste: CommandHandler<In<'material.paste'>, Out<'material.paste'>> = {
    kind: 'command',
    run(ctx, input) {
      happened(input.lotId, input.at, ctx.now);
      const { lot, item } = lotOf(input.lotId);
      if (item?.kind !== 'solder_paste') throw new StationError('conflict', `Lot ${lot.lotId} is not solder paste.`);
      const e = ctx.emit('material.paste', input);
      return clockView(rt.workflows.clockPreview(e), lot.lotId, ctx.now.getTime())!;
    },
  };

  const clocks: QueryHandler<In<'material.clocks'>, Out<'material.clocks'>> = {
    kind: 'query',
    run(ctx, input) {
      const s = rt.workflows.snapshot;
      // Every clock the station keeps, but a discarded jar's: asked for by lot, it is answered.
      const ids = input.lotIds ?? [...new Set([...s.msl.keys(), ...pasteJarsKept(s)])];
      return ids.map((id) => clockView(s, id, ctx.now.getTime())).filter((c): c is ClockView => c !== null);
    },
  };

  const rules: QueryHandler<In<'rules.state'>, Out<'rules.state'>> = {
    kind: 'query',
    run() {
      const c = rt.workflows.snapshot.config;
      // A setting recorded before override roles were limited to supervisor or QA reads as supervisor.
      const overrideRole = (OVERRIDE_ROLES as readonly string[]).includes(c.fifo.overrideRole) ? (c.fifo.overrideRole as (typeof OVERRIDE_ROLES)[number]) : 'supervisor';
      return { fifo: { mode: c.fifo.mode, order: c.fifo.order, overrideRole }, expiryWarnDays: c.expiryWarnDays, utcOffsetMinutes: c.utcOffsetMinutes, expiryClock: c.expiryClock, stationZone: c.stationZone };
    },
  };

  const configure: CommandHandler<In<'rules.configure'>, Out<'rules.configure'>> = {
    kind: 'command',
    run(ctx, input) {
      const { signature, ...settings } = input;
      ctx.emit('rules.configured', settings, { signed: true, reason: signature.reason });
      return { ok: true as const };
    },
  };

  return { msl, paste, clocks, configure, rules };
}
