// Certificates of conformance at central: which document each received lot names (written
// with the pushed events), the bytes a station uploads for them, and a lot's certificate for
// the supervisor views. A station can store only what its own receiving records name, so
// central is never free storage, and bytes are kept only when they are what the name says.
import { and, desc, eq } from 'drizzle-orm';
import { COC_MAX_BYTES, cocMediaOf, storedCocOf } from '../shared/documents/coc-file';
import type { DocumentHeld, DocumentReceipt, WireEvent } from '../shared/sync/protocol';
import { sha256 } from './crypto';
import type { Db, Tx } from './db/open';
import * as t from './db/schema';
import { SyncError } from './errors';

/** Records the documents that newly stored `receiving.recorded` events name (inside the push transaction). */
export async function recordLotCertificates(tx: Tx, stationId: string, events: readonly WireEvent[]): Promise<void> {
  const rows = events.flatMap((e) => {
    if (e.type !== 'receiving.recorded') return [];
    const p = e.payload as { lotId?: unknown; coc?: { path?: unknown } | null };
    const doc = typeof p.coc?.path === 'string' ? storedCocOf(p.coc.path) : null;
    return doc && typeof p.lotId === 'string' ? [{ stationId, seq: e.seq, lotId: p.lotId, sha256: doc.sha256, name: doc.name }] : [];
  });
  if (rows.length) await tx.insert(t.lotCertificates).values(rows).onConflictDoNothing();
}

/**
 * Keeps an uploaded document. Refusals change nothing: a hash that is not in this station's
 * pushed receiving records (403), bytes over the limit (413), bytes that do not hash to the
 * name (400 hash_mismatch), a type other than PDF/JPEG/PNG (400). The same bytes again are
 * answered `stored: false`. The upload route checks the naming before it reads the body; it is
 * checked again here so that no caller can store bytes no record names.
 */
export async function storeDocument(db: Db, stationId: string, sha: string, bytes: Buffer): Promise<DocumentReceipt> {
  if (bytes.length > COC_MAX_BYTES) throw new SyncError('too_large', `a document is at most ${COC_MAX_BYTES} bytes; this one is ${bytes.length}`);
  if (sha256(bytes) !== sha) throw new SyncError('hash_mismatch', `the bytes sent do not hash to ${sha} (changed on the station's disk or on the way); nothing was stored`);
  const media = cocMediaOf(bytes.subarray(0, 16));
  if (!media) throw new SyncError('invalid_body', `document ${sha} is not a PDF, JPEG or PNG file; nothing was stored`);
  await assertNamedBy(db, stationId, sha);
  const inserted = await db
    .insert(t.documents)
    .values({ sha256: sha, mediaType: media.mediaType, byteSize: bytes.length, firstStationId: stationId, bytes })
    .onConflictDoNothing()
    .returning({ sha256: t.documents.sha256 });
  return { sha256: sha, mediaType: media.mediaType, bytes: bytes.length, stored: inserted.length > 0 };
}

/** Whether central holds a document this station's records name (403 as for an upload when none does). */
export async function documentHeld(db: Db, stationId: string, sha: string): Promise<DocumentHeld> {
  await assertNamedBy(db, stationId, sha);
  const [doc] = await db.select({ sha256: t.documents.sha256 }).from(t.documents).where(eq(t.documents.sha256, sha)).limit(1);
  return { sha256: sha, held: doc !== undefined };
}

/** Refuses (403) a document no `receiving.recorded` event that this station pushed names. */
export async function assertNamedBy(db: Db, stationId: string, sha: string): Promise<void> {
  const [named] = await db
    .select({ seq: t.lotCertificates.seq })
    .from(t.lotCertificates)
    .where(and(eq(t.lotCertificates.stationId, stationId), eq(t.lotCertificates.sha256, sha)))
    .limit(1);
  if (!named) throw new SyncError('forbidden', `no receiving record pushed by station ${stationId} names document ${sha}: push the event first; central keeps only certificates of received lots`);
}

export interface LotCertificate {
  readonly filename: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The receiving record that names it: station and sequence. */
  readonly stationId: string;
  readonly seq: number;
}

/** The certificate a lot was received on, as central holds it; 404 saying which part is missing. */
export async function lotCertificate(db: Db, lotId: string): Promise<LotCertificate> {
  const [named] = await db.select().from(t.lotCertificates).where(eq(t.lotCertificates.lotId, lotId)).orderBy(desc(t.lotCertificates.seq)).limit(1);
  if (!named) throw new SyncError('not_found', `no stored certificate is recorded for lot ${lotId} (none was attached at receiving, or its receiving record has not reached central)`);
  const [doc] = await db.select().from(t.documents).where(eq(t.documents.sha256, named.sha256));
  if (!doc) throw new SyncError('not_found', `the certificate of lot ${lotId} (${named.name}) has not reached central yet: station ${named.stationId} uploads it after its events`);
  return { filename: named.name, mediaType: doc.mediaType, bytes: doc.bytes, sha256: named.sha256, stationId: named.stationId, seq: Number(named.seq) };
}
