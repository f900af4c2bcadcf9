// Methods only the runtime itself may call (demo loader, idle timer, start-up, and later the
// sync client). They take the same path as the UI's commands, so they are audited alike.
import { z } from 'zod';
import { command } from '../../../shared/contract/define';
import { SignatureInputSchema } from '../../../shared/domain/signature';
import { EVENT_PAYLOADS } from '../../../shared/events/types';
import { syncInternalContract } from '../sync/contract';

const masterRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('master.user.upserted'), payload: EVENT_PAYLOADS['master.user.upserted'] }),
  z.object({ type: z.literal('master.station.upserted'), payload: EVENT_PAYLOADS['master.station.upserted'] }),
  z.object({ type: z.literal('master.supplier.upserted'), payload: EVENT_PAYLOADS['master.supplier.upserted'] }),
  z.object({ type: z.literal('master.item.upserted'), payload: EVENT_PAYLOADS['master.item.upserted'] }),
  z.object({ type: z.literal('master.bom.upserted'), payload: EVENT_PAYLOADS['master.bom.upserted'] }),
  z.object({ type: z.literal('master.work_order.upserted'), payload: EVENT_PAYLOADS['master.work_order.upserted'] }),
]);
export type MasterRecord = z.infer<typeof masterRecord>;

const Ok = z.object({ ok: z.literal(true) });
const Count = z.object({ count: z.number().int() });

export const internalContract = {
  'station.initialize': command(z.object({ stationId: z.string(), runtimeVersion: z.string() }), Ok, { access: 'system' }),
  'station.configure_initial': command(EVENT_PAYLOADS['station.configured'], Ok, { access: 'system' }),
  'master.apply': command(z.object({ records: z.array(masterRecord).min(1) }), Count, { access: 'system' }),
  'lot.receive': command(EVENT_PAYLOADS['lot.received'], Ok, { access: 'system' }),
  'lot.release': command(z.object({ lotId: z.string(), signature: SignatureInputSchema }), Ok, { access: 'system', signed: true, signers: ['qa'] }),
  'demo.mark_loaded': command(EVENT_PAYLOADS['demo.loaded'], Ok, { access: 'system' }),
  'auth.end_session': command(z.object({ cause: z.enum(['idle', 'shutdown']) }), Ok, { access: 'system' }),
  'labels.record_printed': command(EVENT_PAYLOADS['label.printed'], Ok, { access: 'system' }),
  'print.record_uncertain': command(EVENT_PAYLOADS['print.job_uncertain'], Ok, { access: 'system' }),
  'auth.record_signature_failure': command(EVENT_PAYLOADS['auth.signature_failed'].extend({ lockUntil: z.string().nullable() }), Ok, { access: 'system' }),
  ...syncInternalContract,
} as const;
