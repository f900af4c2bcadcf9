// The envelope every transport carries (WebSocket frames, Electron IPC, the utility-process
// port): a request names a method, a response answers one id, a push has no id.
import { z } from 'zod';
import { ApiErrorSchema } from './errors';
import { PushSchema } from './station';

export const RequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  input: z.unknown(),
});
export type Request = z.infer<typeof RequestSchema>;

export const ResponseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: ApiErrorSchema }),
]);
export type Response = z.infer<typeof ResponseSchema>;

export const ServerMessageSchema = z.union([ResponseSchema, z.object({ push: PushSchema })]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Upper bound on one message: scans and forms are small; anything larger is refused unread. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
