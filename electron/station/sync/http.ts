// One HTTP exchange with the central server: the protocol header out, the server's protocol
// and time back, gzip for large bodies, a timeout, and every failure sorted into what the
// sync client does about it (retry later, stop and say why, or resync).
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { ErrorBodySchema, parseProtocolVersion, PROTOCOL_HEADER, SERVER_TIME_HEADER, type ErrorBody } from '../../../shared/sync/protocol';

const gzip = promisify(gzipCb);

/** What the client does about a failure. */
export type FailureKind =
  /** Network down, timeout, 5xx: the server is unreachable for now; retry with backoff. */
  | 'offline'
  /** 401: the credential is missing, unknown or revoked; enroll again. */
  | 'unauthenticated'
  /** 426, or an answer without the Lotline protocol header: versions do not match. */
  | 'protocol'
  /** Any other refusal: the request (or local data) is wrong; a person must look. */
  | 'refused';

export class SyncRequestError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly body: ErrorBody | null = null,
    /** The server's `Lotline-Protocol` header, when it answered with one. */
    readonly serverProtocol: string | null = null,
  ) {
    super(message);
  }
}

export interface Exchange<T> {
  readonly status: number;
  readonly body: T;
  /** server − station (ms) from Lotline-Server-Time against the midpoint of the exchange; null if absent. */
  readonly offsetMs: number | null;
  readonly serverTime: string | null;
  readonly serverProtocol: string | null;
}

export interface HttpOptions {
  readonly baseUrl: string;
  readonly protocol: string;
  /** The station's clock (injectable, so drift can be tested). */
  readonly clock: () => number;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  /** Headers worked out afresh for every request (the outbox report); a request's own `headers` win. */
  readonly headers?: () => Record<string, string>;
}

/** Bodies above this are gzip-compressed (off the event loop, in libuv's pool). */
const GZIP_ABOVE = 16 * 1024;

export class SyncHttp {
  constructor(private readonly opts: HttpOptions) {}

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  /**
   * Sends a request; a 2xx answer resolves, anything else throws a SyncRequestError — except
   * statuses listed in `pass`, which resolve with their error body for the caller to handle.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    opts: { token?: string | null; body?: string | Uint8Array<ArrayBuffer>; signal?: AbortSignal; pass?: readonly number[]; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<Exchange<T>> {
    const headers: Record<string, string> = { ...this.opts.headers?.(), ...opts.headers, [PROTOCOL_HEADER]: this.opts.protocol, accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = opts.body;
    // Bytes (a document) go as they are: PDFs and photos are compressed already.
    if (typeof opts.body === 'string') {
      headers['content-type'] = 'application/json';
      if (opts.body.length > GZIP_ABOVE) {
        body = new Uint8Array(await gzip(opts.body));
        headers['content-encoding'] = 'gzip';
      }
    } else if (opts.body !== undefined) headers['content-type'] = 'application/octet-stream';
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
    const sentAt = this.opts.clock();
    let res: Response;
    let text: string;
    try {
      res = await (this.opts.fetch ?? fetch)(`${this.opts.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.any(signals) });
      text = await res.text();
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SyncRequestError('offline', `the central server at ${this.opts.baseUrl} cannot be reached (${why})`);
    }
    const receivedAt = this.opts.clock();
    const serverProtocol = res.headers.get(PROTOCOL_HEADER);
    const serverTime = res.headers.get(SERVER_TIME_HEADER);
    const serverMs = serverTime ? Date.parse(serverTime) : Number.NaN;
    const offsetMs = Number.isFinite(serverMs) ? serverMs - (sentAt + receivedAt) / 2 : null;
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok || opts.pass?.includes(res.status)) {
      if (!parseProtocolVersion(serverProtocol))
        throw new SyncRequestError('protocol', `${this.opts.baseUrl} answered without a ${PROTOCOL_HEADER} header: it is not a Lotline central server (or a proxy strips the header)`, res.status);
      return { status: res.status, body: parsed as T, offsetMs, serverTime, serverProtocol };
    }
    const eb = ErrorBodySchema.safeParse(parsed);
    const errBody = eb.success ? eb.data : null;
    const detail = errBody?.message ?? (text.slice(0, 200) || res.statusText);
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new SyncRequestError('offline', `the central server failed (${res.status}: ${detail}); retrying`, res.status, errBody);
    if (res.status === 401) throw new SyncRequestError('unauthenticated', `the server does not accept this station's credential (${detail}); enroll the station again`, 401, errBody);
    if (res.status === 426) throw new SyncRequestError('protocol', protocolMessage(this.opts.protocol, errBody?.serverProtocol ?? serverProtocol, detail), 426, errBody, errBody?.serverProtocol ?? serverProtocol);
    throw new SyncRequestError('refused', `${method} ${path} was refused (${res.status} ${errBody?.error ?? ''}: ${detail})`, res.status, errBody);
  }
}

/** The sentence for an operator when the versions do not match, saying which side to upgrade. */
export function protocolMessage(ours: string, theirs: string | null | undefined, detail = ''): string {
  const a = parseProtocolVersion(ours);
  const b = parseProtocolVersion(theirs);
  if (a && b && b.major > a.major) return `the central server (sync protocol ${theirs}) needs a newer station than this one (protocol ${ours}); update this station`;
  if (a && b && b.major < a.major) return `this station (sync protocol ${ours}) is newer than the central server (protocol ${theirs}); update the central server first`;
  return `the central server refused this station's sync protocol ${ours}${theirs ? ` (it speaks ${theirs})` : ''}${detail ? `: ${detail}` : ''}`;
}
