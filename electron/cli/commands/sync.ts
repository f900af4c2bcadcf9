// `lotline sync status`: where this station's replication stands, read from its store (a
// running station may hold it; this only reads).
import { defaultDataDir } from '../../station/paths';
import { holderOf } from '../../station/store/lock';
import { configuredServerUrl, readSyncReport, serverMismatch } from '../../station/sync/config';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand } from '../command';

function age(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} days`;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'replication with the central server: `sync status`',
  usage: `lotline sync status [--data DIR] [--json]

  Server, acknowledged sequence, events waiting to be sent and the age of the oldest,
  pull cursors, the last success and the last error, read from the station's store.`,
  async run(argv, io) {
    const { values, positionals } = parseCli(argv, { data: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
    if (positionals[0] !== 'status') throw new UsageError('say `lotline sync status`');
    const dataDir = values.data ?? defaultDataDir();
    const report = readSyncReport(dataDir);
    if (!report) {
      write(io.stderr, `No station store in ${dataDir}.`);
      return 1;
    }
    const running = holderOf(dataDir);
    const configuredServer = serverMismatch(configuredServerUrl(dataDir, process.env), report.server);
    if (values.json) {
      write(io.stdout, JSON.stringify({ ...report, running: running !== null, ...(configuredServer ? { configuredServer } : {}) }));
      return 0;
    }
    const lines = [
      `Station   ${report.stationId ?? '(none)'}${running !== null ? ` (running, pid ${running})` : ' (not running)'}`,
      `Server    ${report.server ?? 'not enrolled — lotline station --server URL --enroll CODE'}`,
      ...(configuredServer ? [`Config    names ${configuredServer}, which is not used: the station is enrolled with ${report.server} (enroll again with ${configuredServer} to move it)`] : []),
      `Log       ${report.lastSeq} events; the server holds ${report.ackedSeq ? `1..${report.ackedSeq}` : 'none yet'}`,
      `Queued    ${report.queued}${report.oldestUnsent ? ` (oldest #${report.oldestUnsent.seq} from ${report.oldestUnsent.wallTime}, ${age(report.oldestUnsent.ageMs)} ago)` : ''}`,
      `Cursors   master ${report.cursors.master ?? '-'}, holds ${report.cursors.holds ?? '-'}`,
      `Success   ${report.lastSuccessAt ?? 'never'}`,
      ...(report.lastError ? [`Error     ${report.lastError}${report.lastErrorAt ? ` (${report.lastErrorAt})` : ''}`] : []),
      ...(report.halted ? [`HALTED    pushing stopped: ${report.halted}`] : []),
      ...(report.clockOffsetMs !== null ? [`Clock     server − station ${report.clockOffsetMs} ms`] : []),
    ];
    write(io.stdout, lines.join('\n'));
    return 0;
  },
};
