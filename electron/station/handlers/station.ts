// This station's identity and settings (admin only, signed), and the status every UI shows.
import type { z } from 'zod';
import type { StationContract, StationView } from '../../../shared/contract/station';
import { StationError } from '../../../shared/contract/errors';
import type { StationType } from '../../../shared/domain/roles';
import type { CommandHandler, QueryContext } from '../runtime/bus';
import * as t from '../store/schema';

export function readStation(ctx: Pick<QueryContext, 'db'>): StationView | null {
  const row = ctx.db.select().from(t.station).get();
  if (!row || !row.name || !row.type) return null;
  return { stationId: row.stationId, name: row.name, type: row.type as StationType, area: row.area, idleLockMinutes: row.idleLockMinutes };
}

export const configure: CommandHandler<z.output<StationContract['station.configure']['input']>, StationView> = {
  kind: 'command',
  run(ctx, input) {
    const { signature, ...settings } = input;
    ctx.emit('station.configured', settings, { signed: true, reason: signature.reason });
    const view = readStation(ctx);
    if (!view) throw new StationError('internal', 'station settings were not stored');
    return view;
  },
};
