// `lotline store rebuild`: recomputes the projections from the event log and reports
// whether they came out identical.
import { join } from 'node:path';
import { openStore } from '../../station/store/db';
import { holderOf } from '../../station/store/lock';
import { rebuildProjections } from '../../station/store/rebuild';
import { defaultDataDir } from '../../station/paths';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

export const storeCommand: CliCommand = {
  name: 'store',
  summary: 'maintain the local store: `store rebuild [--check]`',
  usage: `lotline store rebuild [--data DIR] [--check] [--json]

  Replays the event log into every projection table. With --check nothing is changed
  (the rebuild is rolled back) and the command only reports whether the result is
  identical to the current projections. Exit 1 when they differ.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(argv, { data: { type: 'string' }, check: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, true);
    if (positionals[0] !== 'rebuild') throw new UsageError('say `lotline store rebuild`');
    const dataDir = values.data ?? defaultDataDir();
    if (holderOf(dataDir) !== null) {
      write(io.stderr, `A station is running on ${dataDir}. Stop it first.`);
      return 1;
    }
    const store = openStore(join(dataDir, 'station.db'));
    try {
      const report = rebuildProjections(store.sqlite, store.db, { dryRun: values.check });
      if (values.json) write(io.stdout, JSON.stringify(report));
      else write(io.stdout, `${report.events} events replayed; projections ${report.identical ? 'identical' : `DIFFER in ${Object.keys(report.differences).join(', ')}`}${values.check ? ' (check only, nothing changed)' : ''}.`);
      return report.identical ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
