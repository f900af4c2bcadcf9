// `lotline server`: the central server (sync, master data, holds) and its admin tasks:
// adding a station (prints its enrollment code), a central user, importing master data.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { StationTypeSchema } from '../../../shared/domain/roles';
import { isTimeZone } from '../../../shared/clock/zone';
import { IMPORT_KINDS, type ImportKind } from '../../../shared/sync/protocol';
import { importMasterData, rowsFromFile } from '../../../server/admin/import';
import { addStation, revokeStation, setCentralUser } from '../../../server/auth';
import { PING_MS } from '../../../server/ws-heartbeat';
import { openCentralDb, type CentralDb } from '../../../server/db/open';
import { SyncError } from '../../../server/errors';
import { startServer } from '../../../server/main';
import { parseCli } from '../args';
import { UsageError, write, type CliCommand, type CliIo } from '../command';

const DB_OPTIONS = { data: { type: 'string' }, 'database-url': { type: 'string' } } as const;

function defaultServerDir(env: NodeJS.ProcessEnv): string {
  if (env.LOTLINE_SERVER_DATA) return env.LOTLINE_SERVER_DATA;
  const base = env.XDG_DATA_HOME ?? join(env.HOME ?? process.cwd(), '.local', 'share');
  return join(base, 'lotline', 'server');
}

function dbTarget(values: { data?: string; 'database-url'?: string }, env: NodeJS.ProcessEnv): { dataDir?: string; databaseUrl?: string } {
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
  return databaseUrl ? { databaseUrl } : { dataDir: values.data ?? defaultServerDir(env) };
}

async function withDb<T>(target: { dataDir?: string; databaseUrl?: string }, io: CliIo, fn: (db: CentralDb) => Promise<T>): Promise<T> {
  let central: CentralDb;
  try {
    central = await openCentralDb(target);
  } catch (err) {
    // PGlite holds its folder exclusively: a running server has it.
    throw new Error(`cannot open the central database (${target.databaseUrl ? 'PostgreSQL' : target.dataDir}): ${(err as Error).message}${target.dataDir ? ' — is a server running on this folder? Stop it first.' : ''}`);
  }
  try {
    return await fn(central);
  } finally {
    await central.close();
  }
}

async function readStdin(io: CliIo): Promise<string> {
  let s = '';
  for await (const chunk of io.stdin) s += String(chunk);
  return s.replace(/\r?\n$/, '');
}

export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'run the central server, add or revoke stations, add users, import master data',
  usage: `lotline server [--data DIR | --database-url URL] [--port N] [--host H] [--tls-cert F --tls-key F] [--tz ZONE] [--json]
lotline server station add ID --type TYPE [--name NAME] [--area AREA] [--expires-min N]
lotline server station revoke ID
lotline server user add ID --name NAME --role ROLE[,ROLE] --password-stdin
lotline server import FILE [--kind KIND]

  --data          PGlite data folder (default $LOTLINE_SERVER_DATA or ~/.local/share/lotline/server)
  --database-url  a PostgreSQL server instead (default $DATABASE_URL)
  --port          TCP port (default 4790; 0 picks a free one)
  --host          address to listen on (default 127.0.0.1; listening on the network is a choice)
  --tls-cert/key  serve HTTPS with this PEM certificate and key
  --tz            the plant's IANA zone (America/Monterrey) for shift reports asked for without
                  one, when the line's stations report no zone or disagree (default: this computer's)
  --json          print one JSON line {url, port, database} when ready

  station add     creates or updates the station and prints a one-time enrollment code
  station revoke  ends the station's credential and unused codes (a stolen or scrapped machine);
                  its next request is refused, a running server closes its live channel
  user add        a central user (qa, admin) who logs in with a password read from stdin
  import          master data: a JSON file {stations, users, suppliers, items, part_mappings,
                  boms, work_orders: [rows]} or a CSV file of one KIND (${IMPORT_KINDS.join(', ')};
                  default: the file name, e.g. items.csv). All or nothing; bad rows are listed.
  The admin sub-commands open the database directly: with PGlite, stop the server first.`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'station') return stationAdd(rest, io);
    if (sub === 'user') return userAdd(rest, io);
    if (sub === 'import') return importFile(rest, io);
    if (sub !== undefined && !sub.startsWith('-')) throw new UsageError(`unknown sub-command "${sub}"`);
    return serve(argv, io);
  },
};

async function serve(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv, {
    ...DB_OPTIONS,
    port: { type: 'string', default: '4790' },
    host: { type: 'string', default: '127.0.0.1' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    tz: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const port = Number(values.port);
  if (values.tz !== undefined && !isTimeZone(values.tz)) throw new UsageError(`--tz: "${values.tz}" is not a known IANA time zone (e.g. America/Monterrey, Europe/Berlin, UTC)`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${values.port}`);
  if (!values['tls-cert'] !== !values['tls-key']) throw new UsageError('give both --tls-cert and --tls-key, or neither');
  const target = dbTarget(values, io.env);
  const server = await startServer({
    ...target,
    port,
    host: values.host,
    ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
    ...(values['tls-cert'] && values['tls-key'] ? { tls: { certFile: values['tls-cert'], keyFile: values['tls-key'] } } : {}),
  });
  const database = target.databaseUrl ? 'postgres' : `pglite:${target.dataDir}`;
  // Signals are handled before the ready line goes out (a parent may stop the server as soon as
  // it reads it), and a second one while stopping is absorbed rather than killing the process.
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(() => resolve(0), () => resolve(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (values.json) write(io.stdout, JSON.stringify({ url: server.url, port: server.port, database }));
  else write(io.stdout, `Lotline central server on ${server.url} (${database}). Stop: Ctrl+C`);
  return stopped;
}

async function stationAdd(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, { ...DB_OPTIONS, type: { type: 'string' }, name: { type: 'string' }, area: { type: 'string', default: '' }, 'expires-min': { type: 'string', default: '1440' }, json: { type: 'boolean', default: false } }, true);
  if (positionals[0] === 'revoke' && positionals[1]) {
    const r = await withDb(dbTarget(values, io.env), io, (c) => revokeStation(c.db, positionals[1]!));
    if (values.json) write(io.stdout, JSON.stringify(r));
    else write(io.stdout, `Station ${r.stationId}: ${r.revoked} credential(s) revoked, unused enrollment codes ended. A running server closes its live channel within ${PING_MS / 1000} s; enrolling again with a new code restores it.`);
    return 0;
  }
  if (positionals[0] !== 'add' || !positionals[1]) throw new UsageError('say `lotline server station add ID --type TYPE` or `lotline server station revoke ID`');
  const type = StationTypeSchema.safeParse(values.type);
  if (!type.success) throw new UsageError(`--type must be one of ${StationTypeSchema.options.join(', ')}`);
  const expiresInMinutes = Number(values['expires-min']);
  if (!Number.isInteger(expiresInMinutes) || expiresInMinutes < 1) throw new UsageError('--expires-min must be a positive whole number');
  const id = positionals[1];
  const r = await withDb(dbTarget(values, io.env), io, (c) => addStation(c.db, { stationId: id, name: values.name ?? id, type: type.data, area: values.area, expiresInMinutes }, 'cli'));
  if (values.json) write(io.stdout, JSON.stringify(r));
  else write(io.stdout, `Station ${r.stationId}: enrollment code ${r.enrollmentCode} (valid until ${r.expiresAt}, once).`);
  return 0;
}

async function userAdd(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, { ...DB_OPTIONS, name: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } }, true);
  if (positionals[0] !== 'add' || !positionals[1]) throw new UsageError('say `lotline server user add ID --name NAME --role ROLE --password-stdin`');
  if (!values.name || !values.role) throw new UsageError('--name and --role are required');
  if (!values['password-stdin']) throw new UsageError('pass the password on stdin with --password-stdin (never on the command line)');
  const password = await readStdin(io);
  if (password.length < 8) throw new UsageError('the password must be at least 8 characters');
  const roles = values.role.split(',').map((r) => r.trim()).filter(Boolean);
  await withDb(dbTarget(values, io.env), io, (c) => setCentralUser(c.db, { userId: positionals[1]!, name: values.name!, password, roles }));
  write(io.stdout, `User ${positionals[1]} (${roles.join(', ')}) saved.`);
  return 0;
}

async function importFile(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, { ...DB_OPTIONS, kind: { type: 'string' }, json: { type: 'boolean', default: false } }, true);
  const file = positionals[0];
  if (!file) throw new UsageError('say `lotline server import FILE`');
  const isCsv = extname(file).toLowerCase() === '.csv';
  const kind = values.kind ?? (isCsv ? file.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '') : undefined);
  if (isCsv && !(IMPORT_KINDS as readonly string[]).includes(kind ?? '')) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  const content = readFileSync(file, 'utf8');
  try {
    const r = await withDb(dbTarget(values, io.env), io, (c) => importMasterData(c.db, rowsFromFile(content, isCsv ? 'csv' : 'json', kind as ImportKind | undefined)));
    write(io.stdout, values.json ? JSON.stringify(r) : `Imported ${Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}; ${r.changed} record(s) changed.`);
    return 0;
  } catch (err) {
    if (!(err instanceof SyncError)) throw err;
    if (values.json) write(io.stdout, JSON.stringify(err.body()));
    else {
      write(io.stderr, `${err.message}`);
      for (const r of err.extra.rows ?? []) write(io.stderr, `  ${r.kind} line ${r.line}, ${r.field}: ${r.message}`);
    }
    return 1;
  }
}
