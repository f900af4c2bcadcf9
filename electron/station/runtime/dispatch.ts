// Turns one raw message from any transport into one response: envelope checked first, then
// the runtime's own validation of the method's input. Nothing unvalidated reaches a handler.
import { MAX_MESSAGE_BYTES, RequestSchema, type Response } from '../../../shared/contract/wire';
import { issuesOf } from '../../../shared/contract/errors';
import { compiled } from '../../../shared/schema/compiled';
import type { StationRuntime } from './runtime';

export async function dispatch(runtime: Pick<StationRuntime, 'call'>, raw: string | Buffer | unknown): Promise<Response> {
  let msg: unknown = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    const text = raw.toString();
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) return { id: -1, ok: false, error: { code: 'invalid_input', message: `message larger than ${MAX_MESSAGE_BYTES} bytes refused` } };
    try {
      msg = JSON.parse(text);
    } catch {
      return { id: -1, ok: false, error: { code: 'invalid_input', message: 'message is not valid JSON' } };
    }
  }
  const env = compiled(RequestSchema).safeParse(msg);
  if (!env.success) {
    const id = typeof (msg as { id?: unknown })?.id === 'number' ? (msg as { id: number }).id : -1;
    return { id: Number.isInteger(id) ? id : -1, ok: false, error: { code: 'invalid_input', message: 'message is not a request {id, method, input}', issues: issuesOf(env.error) } };
  }
  const res = await runtime.call(env.data.method, env.data.input);
  return { ...res, id: env.data.id };
}
