// Genealogy trace budget: trace forward (resin lot → batches → finished lots) and backward
// (finished lot → packaging lots, batch → resin lot) over a large genealogy_edges table, beside
// hand-written recursive CTEs over the same data in the same run: one that gives the same
// answer written the textbook way (reachable ids with depth and parent, then each node's edge
// joined for its attributes) — the budget's baseline — and a bare ids-only reachability query,
// the floor, shown for what carrying the edges' attributes costs. The goal is 10M edges; the
// full run generates 10M, --quick 200k — the figure names the edge count it measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { traceCte, traceEdges } from '../../station/trace/genealogy';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';

// The station's DDL for the table and its index (migrations/station/0004_workflows.sql).
const DDL = `CREATE TABLE genealogy_edges (
  input_lot_id text NOT NULL, output_id text NOT NULL, output_kind text NOT NULL, work_order_id text, slot text,
  ambiguous integer DEFAULT false NOT NULL, event_seq integer NOT NULL, PRIMARY KEY(input_lot_id, output_id));
CREATE INDEX genealogy_edges_output ON genealogy_edges (output_id);`;

const PACKAGING_ITEMS = 5;
const FINISHED_PER_BATCH = 10;
const BATCHES_PER_RESIN = 100;
const FINISHED_PER_PACKAGING_LOT = 1000;

/** Fills the table with ~`edges` edges; returns a resin lot and a finished lot to trace from. */
function generate(db: Database.Database, edges: number, log: (l: string) => void): { resin: string; finished: string; total: number } {
  const perFinished = PACKAGING_ITEMS + 1;
  const finished = Math.floor(edges / (perFinished + 1 / FINISHED_PER_BATCH));
  const ins = db.prepare('INSERT INTO genealogy_edges VALUES (?, ?, ?, ?, ?, 0, ?)');
  let seq = 0;
  const t0 = performance.now();
  const chunk = 50_000;
  for (let start = 0; start < finished; start += chunk) {
    db.transaction(() => {
      for (let f = start; f < Math.min(finished, start + chunk); f++) {
        const fl = `FL-${f}`;
        const batch = Math.floor(f / FINISHED_PER_BATCH);
        if (f % FINISHED_PER_BATCH === 0) ins.run(`R-${Math.floor(batch / BATCHES_PER_RESIN)}`, `MB-${batch}`, 'batch', 'WO-M', 'IMM-1', ++seq);
        ins.run(`MB-${batch}`, fl, 'finished_lot', 'WO-P', 'CR1', ++seq);
        for (let p = 0; p < PACKAGING_ITEMS; p++) ins.run(`P${p}-${Math.floor(f / FINISHED_PER_PACKAGING_LOT)}`, fl, 'finished_lot', 'WO-P', 'CR1', ++seq);
      }
    })();
    if ((start / chunk) % 10 === 0) log(`genealogy: ${seq} edges (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return { resin: `R-${Math.floor(Math.floor(finished / 2 / FINISHED_PER_BATCH) / BATCHES_PER_RESIN)}`, finished: `FL-${Math.floor(finished / 2)}`, total: seq };
}

/**
 * The same nodes as `traceEdges`, hand-written independently: ids with their nearest depth and
 * whether every path to them crossed an ambiguous edge (traceEdges lets the nearest path decide;
 * the bench compares ids), then the nearest path's edge joined after.
 */
function handWritten(db: Database.Database, direction: 'forward' | 'backward') {
  const [from, to] = direction === 'forward' ? ['input_lot_id', 'output_id'] : ['output_id', 'input_lot_id'];
  const stmt = db.prepare(`WITH RECURSIVE t(id, depth, via, amb) AS (
      SELECT ?, 0, NULL, 0 UNION SELECT e.${to}, t.depth + 1, t.id, max(t.amb, e.ambiguous) FROM genealogy_edges e JOIN t ON e.${from} = t.id WHERE t.depth < 64),
    n AS (SELECT id, min(depth) AS depth, min(amb) AS amb FROM t WHERE id <> ? GROUP BY id),
    v AS (SELECT t.id, min(t.via) AS via FROM t JOIN n ON n.id = t.id AND t.depth = n.depth GROUP BY t.id)
    SELECT n.id, n.depth, v.via, e.output_kind, e.work_order_id, e.slot, n.amb
    FROM n JOIN v ON v.id = n.id JOIN genealogy_edges e ON e.${to} = n.id AND e.${from} = v.via ORDER BY n.depth, n.id`);
  return (root: string) => stmt.all(root, root) as { id: string }[];
}

function time(n: number, fn: () => number): { p50: number; nodes: number } {
  const samples: number[] = [];
  let nodes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    nodes = fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), nodes };
}

export const traceSuite: BenchSuite = {
  name: 'trace',
  summary: 'genealogy trace forward and backward (recursive CTE with edge attributes) beside a hand-written recursive CTE giving the same answer, and a bare ids-only one, on the same table',
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-trace-'));
    const db = new Database(join(dir, 'trace.db'));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.exec(DDL);
      const { resin, finished, total } = generate(db, quick ? 200_000 : 10_000_000, log);
      db.exec('ANALYZE');
      const n = quick ? 20 : 50;
      const same = (a: string[], b: string[]) => a.length === b.length && new Set(a).size === new Set([...a, ...b]).size;
      const fwdIds = traceEdges(db, resin, 'forward').map((x) => x.lotId);
      const backIds = traceEdges(db, finished, 'backward').map((x) => x.lotId);
      if (!same(fwdIds, traceCte(db, resin, 'forward')) || !same(backIds, traceCte(db, finished, 'backward'))) throw new Error('trace and CTE disagree');
      const hwFwd = handWritten(db, 'forward');
      const hwBack = handWritten(db, 'backward');
      if (!same(fwdIds, hwFwd(resin).map((r) => r.id)) || !same(backIds, hwBack(finished).map((r) => r.id))) throw new Error('trace and the hand-written query disagree');
      // Warm every path first, so none gets a colder cache.
      for (let i = 0; i < 3; i++) traceEdges(db, resin, 'forward'), hwFwd(resin), traceCte(db, resin, 'forward'), traceEdges(db, finished, 'backward'), hwBack(finished), traceCte(db, finished, 'backward');
      const fwd = time(n, () => traceEdges(db, resin, 'forward').length);
      const fwdHw = time(n, () => hwFwd(resin).length);
      const fwdCte = time(n, () => traceCte(db, resin, 'forward').length);
      const back = time(n, () => traceEdges(db, finished, 'backward').length);
      const backHw = time(n, () => hwBack(finished).length);
      const backCte = time(n, () => traceCte(db, finished, 'backward').length);
      const label = `${(total / 1e6).toFixed(1)}M edges`;
      return [
        figure({ metric: `trace forward p50 (${label}, ${fwd.nodes} nodes)`, value: fwd.p50, unit: 'ms', baseline: 'hand-written recursive CTE, same answer', baselineValue: fwdHw.p50, budget: '≤ 50 ms and ≤ 1.2× (goal at 10M edges)' }),
        figure({ metric: `trace backward p50 (${label}, ${back.nodes} nodes)`, value: back.p50, unit: 'ms', baseline: 'hand-written recursive CTE, same answer', baselineValue: backHw.p50, budget: '≤ 50 ms and ≤ 1.2× (goal at 10M edges)' }),
        figure({ metric: `trace forward p50 (${label}, ${fwd.nodes} nodes)`, value: fwd.p50, unit: 'ms', baseline: 'bare ids-only recursive CTE (reachability floor)', baselineValue: fwdCte.p50 }),
        figure({ metric: `trace backward p50 (${label}, ${back.nodes} nodes)`, value: back.p50, unit: 'ms', baseline: 'bare ids-only recursive CTE (reachability floor)', baselineValue: backCte.p50 }),
      ];
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies BenchSuite;
