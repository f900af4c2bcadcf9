// `lotline trace LOT [--forward|--backward] [--json] [--data DIR]`: genealogy of a lot or
// serial from a station store, read-only (the same trace the station's trace.lot answers).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../../station/paths';
import { openStore } from '../../station/store/db';
import { trace } from '../../station/trace/genealogy';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

export const traceCommand: CliCommand = {
  name: 'trace',
  summary: 'genealogy of a lot or serial: `trace LOT --backward` (what went in) or `--forward` (where it went)',
  usage: `lotline trace LOT [--forward | --backward] [--json] [--data DIR | --db PATH]

  Backward (the default): every material lot and molding batch that went into LOT, with its
  item, supplier lot, status, work order and station. Forward: every batch, finished lot and
  serial made from LOT. Reads the store without changing it. Exit 1 when nothing is linked.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(
      argv,
      { forward: { type: 'boolean', default: false }, backward: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, data: { type: 'string' }, db: { type: 'string' } },
      true,
    );
    const lot = positionals[0];
    if (!lot || positionals.length > 1) throw new UsageError('name one lot or serial: `lotline trace LOT`');
    if (values.forward && values.backward) throw new UsageError('say --forward or --backward, not both');
    const direction = values.forward ? 'forward' : 'backward';
    const file = values.db ?? join(values.data ?? defaultDataDir(), 'station.db');
    if (!existsSync(file)) throw new UsageError(`no station database at ${file}`);
    const store = openStore(file, { readonly: true });
    try {
      const nodes = trace(store.sqlite, lot, direction);
      if (values.json) write(io.stdout, JSON.stringify({ root: lot, direction, nodes }));
      else if (nodes.length === 0) write(io.stdout, `${lot}: nothing linked ${direction === 'forward' ? 'from' : 'into'} it`);
      else {
        write(io.stdout, `${lot} — ${direction} (${nodes.length})`);
        for (const n of nodes) {
          const parts = [n.kind, n.itemId, n.status, n.supplierLot && `supplier lot ${n.supplierLot}`, n.workOrderId, n.station, n.ambiguous ? 'AMBIGUOUS' : null].filter(Boolean);
          write(io.stdout, `${'  '.repeat(n.depth)}${n.lotId}  ${parts.join(' · ')}`);
        }
      }
      return nodes.length ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
