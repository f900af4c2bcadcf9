// Payloads of the material clock events (MSL and solder paste) as the runtime will record
// them, and their conversion to the clocks' inputs. `at` is when the act happened on the
// floor, which may differ from when the event was recorded.
import { z } from 'zod';
import { LotIdSchema } from '../ids';
import type { MslEvent } from './msl';
import type { PasteEvent } from './solder-paste';

const at = z.iso.datetime({ offset: true });

export const MSL_EVENT_KINDS = ['open', 'close', 'dry_storage_in', 'dry_storage_out', 'bake'] as const;
export const PASTE_EVENT_KINDS = ['fridge_out', 'open', 'fridge_in', 'discarded'] as const;

export const MslClockEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open'), lotId: LotIdSchema, at }),
  z.object({ kind: z.literal('close'), lotId: LotIdSchema, at, desiccantChanged: z.boolean().optional() }),
  z.object({ kind: z.literal('dry_storage_in'), lotId: LotIdSchema, at, cabinet: z.string().min(1).max(64).optional(), rhPercent: z.number().min(0).max(100).optional() }),
  z.object({ kind: z.literal('dry_storage_out'), lotId: LotIdSchema, at, cabinet: z.string().min(1).max(64).optional() }),
  z.object({
    kind: z.literal('bake'),
    lotId: LotIdSchema,
    /** End of the bake: the floor life restarts here. */
    at,
    temperatureC: z.number().min(20).max(200),
    durationH: z.number().positive().max(1000),
    /** MSL 6 only: hours the parts may spend on the floor after this bake, from the label. */
    timeOnLabelH: z.number().positive().max(1000).optional(),
  }),
]);
export type MslClockEvent = z.infer<typeof MslClockEventSchema>;

export const PasteClockEventSchema = z.discriminatedUnion('kind', [
  /** Out of the fridge: the thaw starts. */
  z.object({ kind: z.literal('fridge_out'), lotId: LotIdSchema, at }),
  z.object({ kind: z.literal('open'), lotId: LotIdSchema, at }),
  z.object({ kind: z.literal('fridge_in'), lotId: LotIdSchema, at }),
  /** Emptied or scrapped: the jar leaves the line for good, and a scan of it is refused. */
  z.object({ kind: z.literal('discarded'), lotId: LotIdSchema, at }),
]);
export type PasteClockEvent = z.infer<typeof PasteClockEventSchema>;

export function toMslEvent(e: MslClockEvent): MslEvent {
  const atMs = Date.parse(e.at);
  return e.kind === 'bake' && e.timeOnLabelH !== undefined ? { kind: e.kind, atMs, timeOnLabelH: e.timeOnLabelH } : { kind: e.kind, atMs };
}

export function toPasteEvent(e: PasteClockEvent): PasteEvent {
  return { kind: e.kind, atMs: Date.parse(e.at) };
}
