// The errors a StationApi call can answer with. Codes are stable (the UI translates them);
// the message is English for logs and technicians.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input', // the message failed validation; nothing was written
  'unknown_method',
  'unauthenticated', // no one is logged in
  'forbidden', // logged in, but the role may not do this
  'unknown_badge',
  'wrong_pin',
  'locked_out',
  'inactive_user',
  'signature_invalid',
  'not_found',
  'conflict',
  'storage_busy',
  'storage_full',
  'storage_read_only',
  'storage_corrupt',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Where validation failed: dotted path and message per problem. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Values the UI needs to phrase the message (remaining attempts, locked-until time…). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
    this.name = 'StationError';
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}), ...(this.issues ? { issues: this.issues } : {}) };
  }

  static from(e: ApiError): StationError {
    return new StationError(e.code, e.message, e.details, e.issues);
  }
}

/** Turns zod issues into the wire form: one line per problem, with its path. */
export function issuesOf(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(message)', message: i.message }));
}
