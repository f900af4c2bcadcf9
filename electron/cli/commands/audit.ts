// `lotline audit verify`: walks a station's hash chain and names the first broken event.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../station/store/db';
import { verifyChain } from '../../station/store/event-log';
import { defaultDataDir } from '../../station/paths';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'check the audit trail: `audit verify` walks the hash chain',
  usage: `lotline audit verify [--db PATH | --data DIR] [--json]

  Reads the store without changing it. Exit 0 when every event verifies; 1 when one does
  not (the first broken event is named: a sequence gap, a broken link, changed content, a
  signature not bound to its record, an invalid payload); 2 on a usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(argv, { db: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
    if (positionals[0] !== 'verify') throw new UsageError('say `lotline audit verify`');
    const file = values.db ?? join(values.data ?? defaultDataDir(), 'station.db');
    if (!existsSync(file)) throw new UsageError(`no station database at ${file}`);
    const store = openStore(file, { readonly: true });
    try {
      const station = store.sqlite.prepare('SELECT station_id AS id FROM station').get() as { id: string } | undefined;
      const result = verifyChain(store.sqlite, station?.id);
      if (values.json) write(io.stdout, JSON.stringify(result));
      else if (result.ok) write(io.stdout, `audit trail OK: ${result.checked} events verified (station ${station?.id ?? '?'}, last sequence ${result.lastSeq})`);
      else {
        const b = result.firstBroken!;
        write(io.stdout, `audit trail BROKEN at sequence ${b.seq} (event ${b.id}): ${b.problem} — ${b.message}. ${result.checked} events before it verified.`);
      }
      return result.ok ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
