// System-only commands the sync client records pulled data and its own findings with. They
// take the command path like every other write, so what came from the server is in the
// audit trail, and each feed's cursor is written in the same transaction as its records.
import { z } from 'zod';
import { command } from '../../../shared/contract/define';
import { EVENT_PAYLOADS } from '../../../shared/events/types';
import { FEED_CURSOR, LotStatusChangeSchema, MasterChangeSchema } from '../../../shared/sync/protocol';

const Recorded = z.object({ recorded: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() });
const Ok = z.object({ ok: z.literal(true) });
const cursor = z.string().regex(FEED_CURSOR);

export const syncInternalContract = {
  /** The enrollment as an event (never the token) and the server it binds this store to. */
  'sync.record_enrollment': command(EVENT_PAYLOADS['sync.enrolled'], Ok, { access: 'system' }),
  /** An enrollment found stored but never recorded (a crash between the two), recorded as the system's with the reason. */
  'sync.record_unrecorded_enrollment': command(EVENT_PAYLOADS['sync.enrolled'], Ok, { access: 'system' }),
  /** A page of the master feed: changed records become master.*.upserted events; identical ones are skipped. */
  'sync.record_master': command(z.object({ items: z.array(MasterChangeSchema), cursor, resnapshot: z.boolean() }), Recorded, { access: 'system' }),
  /** A page of the holds feed: each change becomes a lot.status_changed event. */
  'sync.record_holds': command(z.object({ items: z.array(LotStatusChangeSchema), cursor, resnapshot: z.boolean() }), Recorded, { access: 'system' }),
  'sync.record_clock_drift': command(EVENT_PAYLOADS['sync.clock_drift'], Ok, { access: 'system' }),
  /** Records the alarm and halts pushing until the station is enrolled again. */
  'sync.record_integrity_alarm': command(EVENT_PAYLOADS['sync.integrity_alarm'], Ok, { access: 'system' }),
  'serial.record_block': command(EVENT_PAYLOADS['serial.block_received'], Recorded, { access: 'system' }),
} as const;
