// Enrollment from the station: a one-time code from the admin becomes the station's bearer
// credential. The station's identity must be the one the code was issued for: a store that
// already belongs to another station id is refused, never silently renamed.
import { EnrollResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import type { CredentialStore, StationCredential } from './credential';
import { SyncHttp, SyncRequestError } from './http';

/**
 * Why an enrollment failed, for a screen to say in the operator's language (the message is
 * the English for the CLI and logs). Nothing was stored when one is thrown.
 */
export type EnrollmentFailure =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'code_refused' }
  | { readonly kind: 'other_station'; readonly stationId: string }
  | { readonly kind: 'unreachable'; readonly server: string }
  /** 429: too many failed codes or logins from this address; the server locks it for a while. */
  | { readonly kind: 'too_many_attempts'; readonly server: string }
  | { readonly kind: 'protocol'; readonly server: string; readonly serverProtocol: string; readonly protocol: string }
  | { readonly kind: 'failed'; readonly server: string };

export class EnrollmentError extends Error {
  constructor(
    message: string,
    readonly failure: EnrollmentFailure = { kind: 'failed', server: '' },
  ) {
    super(message);
  }
}

export interface EnrollOptions {
  readonly serverUrl: string;
  readonly code: string;
  /** The store's station id when it already has one; the server refuses a code issued for another. */
  readonly stationId?: string | undefined;
  readonly runtimeVersion?: string;
  readonly credentials: CredentialStore;
  readonly clock?: () => number;
  readonly timeoutMs?: number;
}

export function normalizeServerUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new EnrollmentError(`--server must be a URL such as http://central.example:4790, not ${JSON.stringify(url)}`, { kind: 'url', url });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new EnrollmentError(`the server URL must start with http:// or https:// (${url})`, { kind: 'url', url });
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Exchanges the code for a credential and stores it; returns what was stored. */
export async function enrollStation(opts: EnrollOptions): Promise<StationCredential & { protocol: string }> {
  const enrolled = await exchangeEnrollmentCode(opts);
  const { protocol: _protocol, ...credential } = enrolled;
  await opts.credentials.save(credential);
  return enrolled;
}

/**
 * Exchanges the code for a credential without storing it, for a caller that must store it
 * together with something else (Settings: with the enrollment event) and undo one if the
 * other fails. The code is spent either way: the server issues one token per code.
 */
export async function exchangeEnrollmentCode(opts: Omit<EnrollOptions, 'credentials'>): Promise<StationCredential & { protocol: string }> {
  const serverUrl = normalizeServerUrl(opts.serverUrl);
  const clock = opts.clock ?? Date.now;
  const http = new SyncHttp({ baseUrl: serverUrl, protocol: PROTOCOL_VERSION, clock, timeoutMs: opts.timeoutMs ?? 15_000 });
  let body: unknown;
  try {
    const r = await http.request('POST', '/sync/enroll', {
      body: JSON.stringify({ code: opts.code, ...(opts.stationId ? { stationId: opts.stationId } : {}), ...(opts.runtimeVersion ? { runtimeVersion: opts.runtimeVersion } : {}) }),
    });
    body = r.body;
  } catch (err) {
    if (err instanceof SyncRequestError) {
      if (err.body?.error === 'station_mismatch')
        throw new EnrollmentError(`this enrollment code is for another station: this data folder belongs to station ${opts.stationId} (${err.body.message}). Use a code issued for ${opts.stationId}, or a new data folder.`, { kind: 'other_station', stationId: opts.stationId ?? '' });
      if (err.body?.error === 'enrollment_invalid') throw new EnrollmentError(`the enrollment code was refused: ${err.body.message}. Ask the administrator for a new code.`, { kind: 'code_refused' });
      if (err.status === 429) throw new EnrollmentError(`enrollment failed: ${err.message}`, { kind: 'too_many_attempts', server: serverUrl });
      // No answer at all (a network error, a timeout); a 5xx is the server's failure, not the network's.
      if (err.kind === 'offline' && err.status === null) throw new EnrollmentError(`enrollment failed: ${err.message}`, { kind: 'unreachable', server: serverUrl });
      if (err.kind === 'protocol' && err.status === 426)
        throw new EnrollmentError(`enrollment failed: ${err.message}`, { kind: 'protocol', server: serverUrl, serverProtocol: err.serverProtocol ?? err.body?.serverProtocol ?? '?', protocol: PROTOCOL_VERSION });
      throw new EnrollmentError(`enrollment failed: ${err.message}`, { kind: 'failed', server: serverUrl });
    }
    throw err;
  }
  const res = EnrollResponseSchema.safeParse(body);
  if (!res.success) throw new EnrollmentError(`enrollment failed: the server's answer is not an enrollment (${JSON.stringify(body).slice(0, 200)})`, { kind: 'failed', server: serverUrl });
  if (opts.stationId && res.data.stationId !== opts.stationId)
    throw new EnrollmentError(`the server enrolled station ${res.data.stationId}, but this data folder belongs to station ${opts.stationId}; nothing was changed`, { kind: 'other_station', stationId: opts.stationId });
  const credential: StationCredential = { serverUrl, stationId: res.data.stationId, token: res.data.token, enrolledAt: new Date(clock()).toISOString() };
  return { ...credential, protocol: res.data.protocol };
}
