// Andon at the station (issue 9): one touch records the call as an event; the supervisor
// board sees it when the event is pushed. Acknowledgement and closing happen centrally.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { StationContract } from '../../../shared/contract/station';
import type { CommandHandler } from '../runtime/bus';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

export const raiseAndon: CommandHandler<In<'andon.raise'>, Out<'andon.raise'>> = {
  kind: 'command',
  run(ctx, input) {
    const callId = randomUUID();
    ctx.emit('andon.raised', { callId, kind: input.kind, ...(input.note ? { note: input.note } : {}) });
    return { callId };
  },
};
