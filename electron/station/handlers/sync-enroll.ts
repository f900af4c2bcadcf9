// `sync.enroll`: an administrator enrolls this station with a central server from Settings,
// signed. The code is exchanged for the token in `prepare` (network I/O never runs inside the
// write transaction); the token goes to the credential store the host gave the runtime and
// nowhere else — not the event, not the answer, not a log line. All or nothing for the
// operator: a refusal stores nothing, and an enrollment whose event is not committed puts
// back the credential held before (settle).
import type { z } from 'zod';
import { refusal } from '../../../shared/contract/problems';
import type { EnrollmentView, StationContract } from '../../../shared/contract/station';
import type { CommandHandler } from '../runtime/bus';
import type { CredentialStore, StationCredential } from '../sync/credential';
import { EnrollmentError, exchangeEnrollmentCode, type EnrollmentFailure } from '../sync/enroll';
import { recordEnrollment } from '../sync/record';
import { StationError } from '../../../shared/contract/errors';

export interface EnrollDeps {
  readonly stationId: () => string;
  /** The store the running process keeps its credential in (null: the host gave none). */
  readonly credentials: () => CredentialStore | null;
  readonly runtimeVersion: string;
  readonly clock: () => number;
  /**
   * Stops the running sync client until the enrollment is settled (the runtime then starts one
   * for the new server, or `resumeSync` the old one): a late answer of the old server must not
   * write its acknowledgement or cursors over the bookkeeping the enrollment just reset.
   */
  readonly pauseSync?: () => Promise<void>;
  readonly resumeSync?: () => Promise<void>;
}

type Input = z.output<StationContract['sync.enroll']['input']>;

/** What `prepare` changed outside the store, so `settle` can put it back. */
interface Prepared {
  readonly view: EnrollmentView;
  readonly store: CredentialStore;
  /** The credential held before this enrollment (null: none, or one that could not be read). */
  readonly previous: StationCredential | null;
}

export function enrollHandler(deps: EnrollDeps): CommandHandler<Input, EnrollmentView, Prepared> {
  // One enrollment at a time, from the exchange until its event is committed or its credential
  // put back: two at once (two screens) would each store a token, in an order an async store
  // (the shell's keychain) need not keep, beside events in another order, and one's undo
  // could put back a credential the other had just replaced.
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
        const previous = await credentials.load().catch(() => null);
        const { protocol, ...credential } = await exchange(input);
        await deps.pauseSync?.();
        try {
          // Stored before the event is committed, the previous one kept in memory: a store that
          // refuses the token (a keychain error) leaves no event claiming an enrollment, and a
          // commit that fails (a full disk) puts the previous credential back in settle().
          await credentials.save(credential);
        } catch (err) {
          await deps.resumeSync?.();
          throw refusal('conflict', 'sync_enroll_not_stored', { server: credential.serverUrl }, `${credential.serverUrl} enrolled this station, but ${credentials.describe()} did not keep the credential (${(err as Error).message}); nothing was recorded, and the code is spent.`);
        }
        return { view: { serverUrl: credential.serverUrl, stationId: credential.stationId, protocol }, store: credentials, previous };
      } catch (err) {
        inFlight = false;
        throw err;
      }
    },
    run(ctx, input, prepared) {
      recordEnrollment(ctx, prepared.view, { signed: true, reason: input.signature.reason });
      return prepared.view;
    },
    async settle(prepared, committed, failure) {
      try {
        if (committed) return;
        try {
          if (prepared.previous) await prepared.store.save(prepared.previous);
          else await prepared.store.clear();
        } catch (err) {
          // Not the previous one, then at least not a credential the log never recorded.
          await prepared.store.clear().catch(() => undefined);
          // The cause comes first: it is what to fix (a full disk) before enrolling again.
          const cause = failure instanceof StationError ? failure.code : 'internal';
          throw refusal(
            'conflict',
            'sync_enroll_not_restored',
            { server: prepared.view.serverUrl, cause },
            `the enrollment with ${prepared.view.serverUrl} was not recorded (${failure?.message ?? 'its transaction did not commit'}), and the credential held before could not be put back in ${prepared.store.describe()} (${(err as Error).message}); the station is not enrolled now.`,
          );
        } finally {
          await deps.resumeSync?.();
        }
      } finally {
        inFlight = false;
      }
    },
  };

  async function exchange(input: Input): Promise<StationCredential & { protocol: string }> {
    // The station id of this data folder goes with the code: the server refuses a code
    // issued for another station, and the exchange checks the answer names this one.
    const stationId = deps.stationId();
    try {
      return await exchangeEnrollmentCode({ serverUrl: input.serverUrl, code: input.code, stationId, runtimeVersion: deps.runtimeVersion, clock: deps.clock });
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
