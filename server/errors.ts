// The one error type handlers throw: a protocol error code, its HTTP status and the body fields.
import type { Context } from 'hono';
import type { ErrorBody, SyncErrorCode } from '../shared/sync/protocol';

const STATUS: Record<SyncErrorCode, number> = {
  invalid_body: 400,
  batch_not_contiguous: 400,
  hash_mismatch: 400,
  enrollment_invalid: 400,
  invalid_rows: 400,
  unauthenticated: 401,
  forbidden: 403,
  impersonation: 403,
  not_found: 404,
  sequence_gap: 409,
  station_mismatch: 409,
  too_large: 413,
  unsupported_protocol: 426,
  too_many_attempts: 429,
  internal: 500,
};

export class SyncError extends Error {
  readonly status: number;
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody, 'error' | 'message'> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
  body(): ErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

/** zod issues → the protocol's `{path, message}` list. */
export function issuesOf(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** The HTTP answer for a SyncError (with Retry-After when the error says when to come back). */
export function errorResponse(c: Context, err: SyncError): Response {
  if (err.extra.retryAfterSeconds) c.header('Retry-After', String(err.extra.retryAfterSeconds));
  return c.json(err.body(), err.status as 400);
}
