// A recorded event as it is stored, and the exact bytes its hash covers.
import { z } from 'zod';
import { SignatureSchema, type Signature } from '../domain/signature';
import { canonicalJson, canonicalJsonWithEncoded } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export const StoredEventSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  seq: z.number().int().positive(),
  hlc: z.string(),
  wallTime: z.string(),
  actor: z.string().nullable(),
  type: z.string(),
  schemaVersion: z.number().int().positive(),
  payload: z.unknown(),
  reason: z.string().nullable(),
  signature: SignatureSchema.nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** Everything of an event but its own hash. */
export type EventContent = Omit<StoredEvent, 'hash'>;

/**
 * The text hashed into `hash`: the previous hash, then the canonical JSON of the content.
 * The signature is inside, so a signature cannot be moved to another event without
 * breaking the chain.
 */
export function eventHashInput(e: EventContent, payloadText?: string): string {
  const { prevHash, ...content } = e;
  return `${prevHash}\n${payloadText === undefined ? canonicalJson(content) : canonicalJsonWithEncoded(content, { payload: payloadText })}`;
}

/**
 * The record a signature is bound to: the event's identity and meaning, without the
 * signature itself and without chain position (the signature is made before the event
 * gets its sequence number).
 */
export function signedRecordInput(r: {
  readonly id: string;
  readonly stationId: string;
  readonly type: string;
  readonly payload: unknown;
  readonly reason: string | null;
  readonly signature: Omit<Signature, 'recordHash'>;
}): string {
  return canonicalJson({ id: r.id, stationId: r.stationId, type: r.type, payload: r.payload, reason: r.reason, signature: r.signature });
}
