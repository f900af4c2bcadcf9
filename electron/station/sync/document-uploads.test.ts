import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type OpenStore } from '../store/db';
import { DocumentUploads } from './document-uploads';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-05-04T08:00:00Z');
const shaA = 'a1'.repeat(32);
const shaB = 'b2'.repeat(32);

describe('the list of certificates to upload', () => {
  let store: OpenStore;
  let uploads: DocumentUploads;
  const event = (seq: number, type: string, payload: unknown) =>
    store.sqlite
      .prepare("INSERT INTO events (seq, id, station_id, hlc, wall_time, actor, type, schema_version, payload, reason, signature, prev_hash, hash) VALUES (?, ?, 'RCV-01', 'h', 'w', NULL, ?, 1, ?, NULL, NULL, 'p', ?)")
      .run(seq, `e${seq}`, type, JSON.stringify(payload), `x${seq}`);
  const received = (lotId: string, path: string | null) => ({ lotId, coc: path ? { kind: 'file', path } : null });

  beforeEach(() => {
    store = openStore(':memory:');
    store.sqlite.prepare('INSERT OR IGNORE INTO sync_state (one, acked_seq) VALUES (1, 0)').run();
    uploads = new DocumentUploads(store.sqlite, HOUR);
    event(1, 'receiving.recorded', received('L-1', `documents/${shaA}/a.pdf`));
    event(2, 'scan.received', { text: 'x' });
    event(3, 'receiving.recorded', received('L-3', '/scans/typed.pdf'));
    event(4, 'receiving.recorded', received('L-4', `documents/${shaB}/b.png`));
    event(5, 'receiving.recorded', received('L-5', `documents/${shaA}/a.pdf`));
    event(6, 'receiving.recorded', received('L-6', null));
  });
  afterEach(() => store.close());

  it('takes only acknowledged records, each stored document once, and moves its cursor', () => {
    expect(uploads.collect(3)).toBe(false);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaA, lotId: 'L-1', eventSeq: 1, path: `documents/${shaA}/a.pdf` });
    expect(uploads.counts()).toMatchObject({ pending: 1 });
    expect(uploads.collect(6)).toBe(false);
    expect(uploads.counts()).toMatchObject({ pending: 2, uploaded: 0, failed: 0 });
    expect(store.sqlite.prepare('SELECT documents_seq FROM sync_state').pluck().get()).toBe(6);
    expect(uploads.collect(6)).toBe(false);
    expect(uploads.counts().pending).toBe(2);
  });

  it('an uploaded document is done; a parked one waits its retry time, and says why', () => {
    uploads.collect(6);
    uploads.park(shaA, 'unreadable', 'missing or damaged', NOW);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaB });
    uploads.markUploaded(shaB, NOW);
    expect(uploads.next(NOW)).toBeNull();
    expect(uploads.next(NOW + HOUR - 1)).toBeNull();
    expect(uploads.next(NOW + HOUR)).toMatchObject({ sha256: shaA, attempts: 1 });
    expect(uploads.counts()).toEqual({ pending: 0, uploaded: 1, failed: 1, refused: 0, problem: 'missing or damaged', latest: { lotId: 'L-1', path: `documents/${shaA}/a.pdf`, reason: 'unreadable' } });
  });

  it('a document refused for good is never due, until the central or station that refused it changes', () => {
    uploads.collect(6);
    const by = 'central https://c.example (sync protocol 1.1), station 0.1.0';
    uploads.refuse(shaA, 'central refused (forbidden)', by, NOW);
    uploads.markUploaded(shaB, NOW);
    expect(uploads.next(NOW + 1000 * HOUR)).toBeNull();
    expect(uploads.counts()).toEqual({ pending: 0, uploaded: 1, failed: 1, refused: 1, problem: 'central refused (forbidden)', latest: { lotId: 'L-1', path: `documents/${shaA}/a.pdf`, reason: 'refused_for_good' } });
    expect(uploads.reconsider(by)).toBe(0);
    expect(uploads.next(NOW + 1000 * HOUR)).toBeNull();
    expect(uploads.reconsider('central https://c.example (sync protocol 1.2), station 0.1.0')).toBe(1);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaA, attempts: 1 });
    // A timed park is not reconsidered: it comes back on its own.
    uploads.park(shaA, 'refused', 'not a receipt', NOW);
    expect(uploads.reconsider('another')).toBe(0);
    expect(uploads.counts()).toMatchObject({ failed: 1, refused: 0, problem: 'not a receipt', latest: { lotId: 'L-1', reason: 'refused' } });
  });

  it('central gone back to an older state: certificates named after what it holds start over, the others are due again and asked about', () => {
    const shaC = 'c3'.repeat(32);
    event(7, 'receiving.recorded', received('L-7', `documents/${shaC}/c.pdf`));
    uploads.collect(7);
    uploads.markUploaded(shaA, NOW);
    uploads.markUploaded(shaB, NOW);
    uploads.refuse(shaC, 'central refused (forbidden)', 'central X', NOW);
    expect(uploads.next(NOW)).toBeNull();

    // Central holds the log up to 3 now: B (event 4) and C (event 7) were named by records it lost.
    expect(uploads.centralWentBack(3)).toEqual({ forgotten: 2, recheck: 1 });
    expect(store.sqlite.prepare('SELECT documents_seq FROM sync_state').pluck().get()).toBe(3);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaA, eventSeq: 1, uploadedBefore: true });
    expect(uploads.counts()).toMatchObject({ pending: 1, uploaded: 0, failed: 0 });
    uploads.markUploaded(shaA, NOW);
    expect(uploads.next(NOW)).toBeNull();
    // As central acknowledges them again, they are collected as new: sent without asking.
    expect(uploads.collect(7)).toBe(false);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaB, eventSeq: 4, uploadedBefore: false, attempts: 0 });
    uploads.markUploaded(shaB, NOW);
    expect(uploads.next(NOW)).toMatchObject({ sha256: shaC, eventSeq: 7, uploadedBefore: false, attempts: 0 });

    // Nothing lost and nothing uploaded: the cursor never moves forward.
    expect(uploads.centralWentBack(9)).toEqual({ forgotten: 0, recheck: 2 });
    expect(store.sqlite.prepare('SELECT documents_seq FROM sync_state').pluck().get()).toBe(7);
  });
});
