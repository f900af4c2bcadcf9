// This station's identity and settings (admin only, signed), and the status every UI shows.
import type { z } from 'zod';
import type { StationContract, StationView } from '../../../shared/contract/station';
import { StationError } from '../../../shared/contract/errors';
import type { StationType } from '../../../shared/domain/roles';
import type { CommandHandler, QueryContext } from '../runtime/bus';
import * as t from '../store/schema';
import { checkTimeZone } from '../../../shared/clock/zone';

export function readStation(ctx: Pick<QueryContext, 'db'>): StationView | null {
  const row = ctx.db.select().from(t.station).get();
  if (!row || !row.name || !row.type) return null;
  return { stationId: row.stationId, name: row.name, type: row.type as StationType, area: row.area, idleLockMinutes: row.idleLockMinutes, timeZone: row.timeZone };
}

export const configure: CommandHandler<z.output<StationContract['station.configure']['input']>, StationView> = {
  kind: 'command',
  run(ctx, input) {
    const { signature, timeZone, ...rest } = input;
    // Absent keeps the zone (a client that predates it must not clear it); null or '' clears it.
    // Stored in Intl's spelling ("europe/berlin" → "Europe/Berlin"); the schema already refused unknown zones.
    const stored = () => ctx.db.select({ tz: t.station.timeZone }).from(t.station).get()?.tz ?? null;
    const settings = { ...rest, timeZone: timeZone === undefined ? stored() : timeZone ? checkTimeZone(timeZone) : null };
    ctx.emit('station.configured', settings, { signed: true, reason: signature.reason });
    const view = readStation(ctx);
    if (!view) throw new StationError('internal', 'station settings were not stored');
    return view;
  },
};
