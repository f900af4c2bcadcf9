// Genealogy trace over `genealogy_edges` (input lot → output lot / serial): backward (what went
// into this) and forward (where did this go). Breadth-first with a visited set, one indexed
// lookup per node (edges by output: genealogy_edges_output; by input: the primary key), so a
// diamond or a cycle in the data never multiplies the work. The bench compares it with a
// hand-written recursive CTE over the same table in the same run.
import type Database from 'better-sqlite3';

export type Direction = 'forward' | 'backward';

export interface TraceEdgeNode {
  readonly lotId: string;
  readonly depth: number;
  /** The node this one was reached from (the output for backward, the input for forward). */
  readonly via: string;
  readonly outputKind: string;
  readonly workOrderId: string | null;
  readonly station: string | null;
  readonly ambiguous: boolean;
}

interface EdgeRow {
  next: string;
  output_kind: string;
  work_order_id: string | null;
  slot: string | null;
  ambiguous: number;
}

const stmts = new WeakMap<Database.Database, { back: Database.Statement; fwd: Database.Statement }>();

function prepared(db: Database.Database) {
  let s = stmts.get(db);
  if (!s) {
    s = {
      back: db.prepare('SELECT input_lot_id AS next, output_kind, work_order_id, slot, ambiguous FROM genealogy_edges WHERE output_id = ?'),
      fwd: db.prepare('SELECT output_id AS next, output_kind, work_order_id, slot, ambiguous FROM genealogy_edges WHERE input_lot_id = ?'),
    };
    stmts.set(db, s);
  }
  return s;
}

/** Every node reachable from `root` in one direction, nearest first (root itself excluded). */
export function traceEdges(db: Database.Database, root: string, direction: Direction, maxDepth = 64): TraceEdgeNode[] {
  const stmt = direction === 'backward' ? prepared(db).back : prepared(db).fwd;
  const seen = new Set<string>([root]);
  const out: TraceEdgeNode[] = [];
  let frontier = [root];
  for (let depth = 1; frontier.length && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of stmt.all(id) as EdgeRow[]) {
        if (seen.has(e.next)) continue;
        seen.add(e.next);
        next.push(e.next);
        out.push({ lotId: e.next, depth, via: id, outputKind: direction === 'forward' ? e.output_kind : 'input', workOrderId: e.work_order_id, station: e.slot, ambiguous: e.ambiguous === 1 });
      }
    }
    frontier = next;
  }
  return out;
}

/** The same answer as a single recursive CTE (the bench's baseline; ids only). */
export function traceCte(db: Database.Database, root: string, direction: Direction, maxDepth = 64): string[] {
  const sql =
    direction === 'backward'
      ? `WITH RECURSIVE t(id, depth) AS (SELECT ?, 0 UNION SELECT e.input_lot_id, t.depth + 1 FROM genealogy_edges e JOIN t ON e.output_id = t.id WHERE t.depth < ?)
         SELECT id FROM t WHERE id <> ? GROUP BY id`
      : `WITH RECURSIVE t(id, depth) AS (SELECT ?, 0 UNION SELECT e.output_id, t.depth + 1 FROM genealogy_edges e JOIN t ON e.input_lot_id = t.id WHERE t.depth < ?)
         SELECT id FROM t WHERE id <> ? GROUP BY id`;
  return (db.prepare(sql).pluck().all(root, maxDepth, root) as string[]);
}

export interface TraceNode {
  lotId: string;
  kind: string;
  itemId: string | null;
  depth: number;
  via: string | null;
  workOrderId: string | null;
  station: string | null;
  ambiguous: boolean;
  status: string | null;
  supplierId: string | null;
  supplierLot: string | null;
  quantity: number | null;
  madeAt: string | null;
}

/** The trace with what each node is: lot (received / batch / finished) or serial, item, status, supplier. */
export function trace(db: Database.Database, root: string, direction: Direction): TraceNode[] {
  const lot = db.prepare('SELECT l.item_id, l.status, l.supplier_id, l.supplier_lot, l.quantity, l.received_at, p.kind AS produced, p.item_id AS p_item, p.quantity AS p_qty, p.closed_at FROM (SELECT ? AS id) x LEFT JOIN lots l ON l.lot_id = x.id LEFT JOIN produced_lots p ON p.lot_id = x.id');
  return traceEdges(db, root, direction).map((n) => {
    const r = lot.get(n.lotId) as
      | { item_id: string | null; status: string | null; supplier_id: string | null; supplier_lot: string | null; quantity: number | null; received_at: string | null; produced: string | null; p_item: string | null; p_qty: number | null; closed_at: string | null }
      | undefined;
    const kind = r?.produced ?? (r?.item_id ? 'lot' : n.outputKind === 'board' ? 'serial' : n.outputKind);
    return {
      lotId: n.lotId,
      kind,
      itemId: r?.item_id ?? r?.p_item ?? null,
      depth: n.depth,
      via: n.via,
      workOrderId: n.workOrderId,
      station: n.station,
      ambiguous: n.ambiguous,
      status: r?.status ?? (r?.produced ? 'open' : null),
      supplierId: r?.supplier_id ?? null,
      supplierLot: r?.supplier_lot ?? null,
      quantity: r?.quantity ?? r?.p_qty ?? (kind === 'serial' ? 1 : null),
      madeAt: r?.closed_at ?? (r?.produced ? null : r?.received_at ?? null),
    };
  });
}

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote, and defuse spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
}
