// Fills the central database the way a long-running floor would have: `perStation` events
// appended to every station's log in the events table, and the board facts the projector
// would have drawn from them, both generated in SQL (generate_series) because pushing ten
// million events through the sync path would take hours.
//
// What is synthetic, and why it does not matter to the board: ids are random UUIDs, and
// `hash`/`prev_hash` are md5-derived hex strings that chain to each other and to the
// station's real head but are not the sha256 of the event (the board never verifies the
// chain; sync does, on push, and nothing is pushed on top of them). Reject exceptions are
// not generated (the floor board never reads board_exceptions). Each station's board
// cursor and tile are moved past the new events, as if the projector had read them.
import { sql, type SQL } from 'drizzle-orm';
import { EMPTY_TILE } from '../../shared/board/project';
import type { CentralDb } from '../../server/db/open';

/** The rows of a raw query (PGlite and node-postgres both answer `{ rows }`). */
export async function rowsOf<T>(central: CentralDb, query: SQL): Promise<T[]> {
  return ((await central.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Stations filled per statement: one statement per chunk, so a long fill shows progress. */
const CHUNK = 20;

/** md5 twice: a 64-hex-digit stand-in for the sha256 of event `seq` of station `sid`. */
const fakeHash = (sid: string, seq: string) => `md5(${sid} || ':' || ${seq}) || md5(${seq} || ':' || ${sid})`;

export interface BoardFill {
  readonly events: number;
  readonly facts: number;
  readonly seconds: number;
}

/**
 * Appends `perStation` events after each station's head: every tenth a `smt.boards_recorded`
 * of 5 boards (an output fact), the others alternating `scan.received` and `scan.verdict`
 * (a verdict fact; one verdict in seven a REJECT), 3 s apart, the last one now.
 */
export async function fillBoard(central: CentralDb, perStation: number, log: (l: string) => void): Promise<BoardFill> {
  const t0 = performance.now();
  const ids = (await rowsOf<{ station_id: string }>(central, sql`SELECT station_id FROM station_sync ORDER BY station_id`)).map((r) => r.station_id);
  let events = 0;
  let facts = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const [row] = await rowsOf<{ n: number; f: number }>(central, sql`
      WITH gen AS MATERIALIZED (
        SELECT s.station_id AS sid, s.head_seq + k AS seq, k, s.head_hash,
               now() - (${perStation}::int - k) * interval '3 seconds' AS at,
               'WO-' || s.station_id AS wo,
               CASE WHEN k % 10 = 0 THEN 'smt.boards_recorded' WHEN k % 2 = 1 THEN 'scan.received' ELSE 'scan.verdict' END AS type,
               (k % 14 = 2) AS reject
        FROM station_sync s CROSS JOIN generate_series(1, ${perStation}::int) k
        WHERE s.station_id IN (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)})
      ),
      ev AS (
        INSERT INTO events (station_id, seq, id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash)
        SELECT sid, seq, gen_random_uuid()::text,
               lpad((extract(epoch FROM at) * 1000)::bigint::text, 15, '0') || '-0000-' || sid,
               to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'OP-100', type, 1,
               CASE type
                 WHEN 'scan.received' THEN '{"receivedAt":"' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","source":"wedge","text":"]C1R-' || sid || '-' || seq || '"}'
                 WHEN 'scan.verdict' THEN '{"message":"' || CASE WHEN reject THEN 'Wrong part for this slot' ELSE 'ok' END || '","overridable":false,"reasons":'
                   || CASE WHEN reject THEN '[{"code":"wrong_item","message":"Wrong part for this slot","severity":"REJECT"}]' ELSE '[]' END
                   || ',"scanSeq":' || (seq - 1) || ',"slot":"S' || (k % 120) || '","verdict":"' || CASE WHEN reject THEN 'REJECT' ELSE 'ACCEPT' END
                   || '","workOrderId":"' || wo || '","workflow":"smt.reel"}'
                 ELSE '{"ambiguous":[],"lineId":"L1","lots":[],"panelScanSeq":null,"serials":["' || sid || '-' || seq || '-1","' || sid || '-' || seq || '-2","'
                   || sid || '-' || seq || '-3","' || sid || '-' || seq || '-4","' || sid || '-' || seq || '-5"],"source":"generated","workOrderId":"' || wo || '"}'
               END,
               NULL, NULL,
               CASE WHEN k = 1 THEN head_hash ELSE ${sql.raw(fakeHash('sid', '(seq - 1)::text'))} END,
               ${sql.raw(fakeHash('sid', 'seq::text'))}
        FROM gen
        RETURNING 1
      ),
      fa AS (
        INSERT INTO board_facts (station_id, seq, kind, at, work_order_id, code, reason, unit, n)
        SELECT sid, seq, CASE WHEN type = 'scan.verdict' THEN 'verdict' ELSE 'output' END, at, wo,
               CASE WHEN type = 'scan.verdict' THEN CASE WHEN reject THEN 'REJECT' ELSE 'ACCEPT' END END,
               CASE WHEN type = 'scan.verdict' AND reject THEN 'wrong_item' END,
               CASE WHEN type = 'scan.verdict' THEN 'smt.reel:' || wo || ':S' || (k % 120) END,
               CASE WHEN type = 'scan.verdict' THEN 1 ELSE 5 END
        FROM gen WHERE type <> 'scan.received'
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM ev)::int AS n, (SELECT count(*) FROM fa)::int AS f`);
    events += Number(row!.n);
    facts += Number(row!.f);
    log(`  ${events} events, ${facts} facts (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // The board's cursor moves past the new events, with the tile the last of them leave (a
  // station that never pushed gets its row first); then the heads move.
  const lastVerdictK = lastVerdictOf(perStation);
  const stamp = (at: SQL) => sql`to_char((${at}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await central.db.execute(sql`INSERT INTO board_stations (station_id, tile) SELECT station_id, ${JSON.stringify(EMPTY_TILE)}::jsonb FROM station_sync ON CONFLICT (station_id) DO NOTHING`);
  await central.db.execute(sql`
    UPDATE board_stations b SET projected_seq = s.head_seq + ${perStation}::int, updated_at = now(),
      tile = b.tile || jsonb_build_object(
        'lastEventAt', ${stamp(sql`now()`)},
        'workOrderId', 'WO-' || s.station_id,
        'lastVerdict', jsonb_build_object(
          'verdict', ${lastVerdictK % 14 === 2 ? 'REJECT' : 'ACCEPT'}::text, 'code', ${lastVerdictK % 14 === 2 ? 'wrong_item' : null}::text,
          'message', ${lastVerdictK % 14 === 2 ? 'Wrong part for this slot' : 'ok'}::text,
          'seq', s.head_seq + ${lastVerdictK}::int, 'at', ${stamp(sql`now() - (${perStation}::int - ${lastVerdictK}::int) * interval '3 seconds'`)}))
    FROM station_sync s WHERE s.station_id = b.station_id`);
  await central.db.execute(sql`
    UPDATE station_sync SET head_seq = head_seq + ${perStation}::int, last_push_at = now(),
      head_hash = ${sql.raw(fakeHash('station_id', `(head_seq + ${perStation})::text`))}`);
  await central.db.execute(sql`ANALYZE events`);
  await central.db.execute(sql`ANALYZE board_facts`);
  return { events, facts, seconds: (performance.now() - t0) / 1000 };
}

/** The last `scan.verdict` among k = 1..n: even and not a multiple of ten. */
export function lastVerdictOf(n: number): number {
  let k = n - (n % 2);
  if (k % 10 === 0) k -= 2;
  return k;
}
