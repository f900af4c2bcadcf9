// `lotline demo reset`: throws away a demo store and loads the demo floor afresh. Refuses a
// store that holds real records, and a store a running station has open.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StationTypeSchema } from '../../../shared/domain/roles';
import { loadDemo } from '../../station/demo/load';
import { defaultDataDir } from '../../station/paths';
import { StationRuntime } from '../../station/runtime/runtime';
import { openStore } from '../../station/store/db';
import { holderOf } from '../../station/store/lock';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'reset the demo store: `demo reset`',
  usage: `lotline demo reset [--data DIR] [--station-type TYPE] [--force]

  Deletes the station database in DIR and loads the demo floor. Refuses when the store is
  not a demo store (it holds real, regulated records) unless --force is given, and always
  refuses while a station is running on it.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(argv, { data: { type: 'string' }, 'station-type': { type: 'string' }, force: { type: 'boolean', default: false } }, true);
    if (positionals[0] !== 'reset') throw new UsageError('say `lotline demo reset`');
    const type = StationTypeSchema.safeParse(values['station-type'] ?? 'smt');
    if (!type.success) throw new UsageError(`--station-type must be one of ${StationTypeSchema.options.join(', ')}`);
    const dataDir = values.data ?? defaultDataDir();
    const file = join(dataDir, 'station.db');
    const pid = holderOf(dataDir);
    if (pid !== null) {
      write(io.stderr, `A station (process ${pid}) is running on ${dataDir}. Stop it first.`);
      return 1;
    }
    if (existsSync(file)) {
      const store = openStore(file, { readonly: true });
      const row = store.sqlite.prepare('SELECT demo FROM station').get() as { demo: number } | undefined;
      const events = (store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      store.close();
      if (!row?.demo && events > 0 && !values.force) {
        write(io.stderr, `${file} is not a demo store (${events} events). Refusing to delete real records; use --force if you are sure.`);
        return 1;
      }
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
    const stationId = { receiving: 'RCV-01', smt: 'SMT-01', molding: 'MLD-01', packing: 'PCK-01', supervisor: 'SUP-01' }[type.data];
    const rt = await StationRuntime.open({ dataDir, stationId });
    await loadDemo(rt, { stationType: type.data });
    const events = rt.log.lastSeq;
    await rt.close();
    write(io.stdout, `Demo store ready in ${dataDir}: station ${stationId}, ${events} events.`);
    return 0;
  },
};
