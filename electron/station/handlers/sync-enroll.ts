// `sync.enroll`: an administrator enrolls this station with a central server from Settings,
// signed. The code is exchanged for the token in `prepare` (network I/O never runs inside the
// write transaction); the token goes to the credential store the host gave the runtime and
// nowhere else — not the event, not the answer, not a log line. A refusal stores nothing.
import type { z } from 'zod';
import { refusal } from '../../../shared/contract/problems';
import type { EnrollmentView, StationContract } from '../../../shared/contract/station';
import type { CommandHandler } from '../runtime/bus';
import type { CredentialStore } from '../sync/credential';
import { EnrollmentError, enrollStation, type EnrollmentFailure } from '../sync/enroll';
import { recordEnrollment } from '../sync/record';
import type { StationError } from '../../../shared/contract/errors';

export interface EnrollDeps {
  readonly stationId: () => string;
  /** The store the running process keeps its credential in (null: the host gave none). */
  readonly credentials: () => CredentialStore | null;
  readonly runtimeVersion: string;
  readonly clock: () => number;
}

type Input = z.output<StationContract['sync.enroll']['input']>;

export function enrollHandler(deps: EnrollDeps): CommandHandler<Input, EnrollmentView, EnrollmentView> {
  // One enrollment at a time: two at once (two screens) would each store a token, in an order
  // an async store (the shell's keychain) need not keep, beside events in another order.
  let inFlight = false;
  return {
    kind: 'command',
    async prepare(input) {
      const credentials = deps.credentials();
      if (!credentials)
        throw refusal('conflict', 'sync_enroll_unavailable', {}, 'This station process was started without a credential store, so it cannot enroll from the screen; enroll with `lotline station --server URL --enroll CODE`.');
      if (inFlight) throw refusal('conflict', 'sync_enroll_busy', {}, 'Another enrollment of this station is under way; wait for its answer.');
      inFlight = true;
      try {
        return await exchange(input, credentials);
      } finally {
        inFlight = false;
      }
    },
    run(ctx, input, enrolled) {
      recordEnrollment(ctx, enrolled, { signed: true, reason: input.signature.reason });
      return enrolled;
    },
  };

  async function exchange(input: Input, credentials: CredentialStore): Promise<EnrollmentView> {
    // The station id of this data folder goes with the code: the server refuses a code
    // issued for another station, and enrollStation checks the answer names this one.
    const stationId = deps.stationId();
    try {
      const c = await enrollStation({ serverUrl: input.serverUrl, code: input.code, stationId, credentials, runtimeVersion: deps.runtimeVersion, clock: deps.clock });
      return { serverUrl: c.serverUrl, stationId: c.stationId, protocol: c.protocol };
    } catch (err) {
      if (err instanceof EnrollmentError) throw enrollmentRefusal(err.failure, err.message);
      throw err;
    }
  }
}

export function enrollmentRefusal(f: EnrollmentFailure, message: string): StationError {
  switch (f.kind) {
    case 'url':
      return refusal('invalid_input', 'sync_enroll_url_invalid', { url: f.url }, message);
    case 'code_refused':
      return refusal('conflict', 'sync_enroll_code_refused', {}, message);
    case 'other_station':
      return refusal('conflict', 'sync_enroll_other_station', { stationId: f.stationId }, message);
    case 'unreachable':
      return refusal('conflict', 'sync_enroll_unreachable', { server: f.server }, message);
    case 'too_many_attempts':
      return refusal('conflict', 'sync_enroll_too_many_attempts', { server: f.server }, message);
    case 'protocol':
      return refusal('conflict', 'sync_enroll_protocol', { server: f.server, serverProtocol: f.serverProtocol, protocol: f.protocol }, message);
    case 'failed':
      return refusal('conflict', 'sync_enroll_failed', { server: f.server }, message);
    default: {
      const never: never = f;
      return never;
    }
  }
}
