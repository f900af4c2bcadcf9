// Ambiguity carries down a trace: a board that may or may not have been fed by a reel (a reel
// change) makes everything made from that board "may contain" too, while an output reached by
// a definite path anywhere is definite. Real SQLite file with the station's schema.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceEdges } from '../../electron/station/trace/genealogy';
import { openStore, type OpenStore } from '../../electron/station/store/db';
import { tempDir } from './helpers/station';

describe('genealogy trace: ambiguity along the path', () => {
  const dir = tempDir();
  let store: OpenStore;
  beforeAll(() => {
    store = openStore(join(dir.path, 'station.db'));
    const edge = store.sqlite.prepare('INSERT INTO genealogy_edges (input_lot_id, output_id, output_kind, work_order_id, slot, ambiguous, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let seq = 0;
    for (const [input, output, kind, slot, amb] of [
      ['REEL', 'BOARD-A', 'board', 'F02', 1], // a reel change on F02: maybe
      ['BOARD-A', 'FL-1', 'finished_lot', 'CR1', 0],
      ['FL-1', 'SN-1', 'serial', null, 0],
      ['REEL', 'BOARD-B', 'board', 'F02', 0], // definitely
      ['BOARD-B', 'FL-2', 'finished_lot', 'CR1', 0],
      ['BOARD-A', 'FL-3', 'finished_lot', 'CR2', 0], // FL-3 has both: maybe through A…
      ['BOARD-B', 'FL-3', 'finished_lot', 'CR2', 0], // …and definitely through B
    ] as const)
      edge.run(input, output, kind, 'WO-1', slot, amb, ++seq);
  });
  afterAll(() => {
    store.sqlite.close();
    dir.remove();
  });

  it('forward from the reel: what came through the ambiguous board is ambiguous at every depth; a node with a definite path is definite', () => {
    const nodes = traceEdges(store.sqlite, 'REEL', 'forward');
    const amb = Object.fromEntries(nodes.map((n) => [n.lotId, n.ambiguous]));
    expect(amb).toEqual({ 'BOARD-A': true, 'BOARD-B': false, 'FL-1': true, 'SN-1': true, 'FL-2': false, 'FL-3': false });
    // Each node's attributes are its nearest path's, from one row.
    expect(nodes.find((n) => n.lotId === 'SN-1')).toMatchObject({ depth: 3, via: 'FL-1', outputKind: 'serial' });
    expect(nodes.find((n) => n.lotId === 'FL-3')).toMatchObject({ depth: 2, via: 'BOARD-B', station: 'CR2' });
  });

  it('backward from a serial: every input on its path, none ambiguous unless an edge on the way is', () => {
    const nodes = traceEdges(store.sqlite, 'SN-1', 'backward');
    expect(nodes.map((n) => [n.lotId, n.depth, n.ambiguous])).toEqual([['FL-1', 1, false], ['BOARD-A', 2, false], ['REEL', 3, true]]);
  });
});
