// Every scan reaches the log exactly as the device sent it, before anything acts on it;
// the receipt goes back only after the commit, so an acknowledged scan is never lost.
import type { z } from 'zod';
import type { StationContract } from '../../../shared/contract/station';
import type { CommandHandler } from '../runtime/bus';

export const submit: CommandHandler<z.output<StationContract['scan.submit']['input']>, { seq: number; eventId: string }> = {
  kind: 'command',
  run(ctx, input) {
    const e = ctx.emit('scan.received', { text: input.text, source: input.source, receivedAt: new Date(input.receivedAt).toISOString() });
    return { seq: e.seq, eventId: e.id };
  },
};
