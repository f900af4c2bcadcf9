// The one path every call takes: validate → authorize → (verify signature) → one
// transaction that appends the events and updates projections → acknowledge. Handlers are
// written as the domain step only; they cannot reach the store except through `emit`.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { MethodSpec } from '../../../shared/contract/define';
import { issuesOf, StationError, type ApiError } from '../../../shared/contract/errors';
import type { Role } from '../../../shared/domain/roles';
import type { Signature, SignatureInput } from '../../../shared/domain/signature';
import { refusal } from '../../../shared/contract/problems';
import type { StoredEvent } from '../../../shared/events/event';
import { compiled } from '../../../shared/schema/compiled';
import type { EventPayload, EventType } from '../../../shared/events/types';
import { applyEvent } from '../projections/apply';
import type { StationDb } from '../store/db';
import { storageError } from '../store/db';
import type { EventLog } from '../store/event-log';

export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** Who is calling: a UI client (with the station's current session, if any) or the runtime itself. */
export type Caller = { readonly kind: 'client'; readonly session: Actor | null } | { readonly kind: 'system'; readonly as?: Actor };

export interface EmitOptions {
  readonly reason?: string | null;
  /** Attach the verified signature of this call to this event (binds it to the record). */
  readonly signed?: boolean;
  /** Attribute the event to this user instead of the caller (a login is the new user's act). */
  readonly actorId?: string | null;
}

export interface CommandContext {
  readonly db: StationDb;
  readonly now: Date;
  readonly caller: Caller;
  /** The user the events are attributed to (null for an anonymous login attempt). */
  readonly actor: Actor | null;
  emit<T extends EventType>(type: T, payload: EventPayload<T>, opts?: EmitOptions): StoredEvent;
  /** Ends the call with an error but keeps (commits) what was emitted, e.g. a failed login. */
  reject(error: StationError): never;
  /** Whether this call carries a verified signature (for optionally signed commands). */
  readonly signed: boolean;
  /** Who signed this call, with the roles they hold (null: unsigned). */
  readonly signer: Actor | null;
}

export interface QueryContext {
  readonly db: StationDb;
  readonly sqlite: Database.Database;
  readonly now: Date;
  readonly caller: Caller;
  readonly actor: Actor | null;
}

/** Verifies a signature input; may append failure events itself (in its own transaction). */
export type SignatureVerifier = (input: SignatureInput, caller: Caller, allowedRoles: readonly Role[] | null) => Promise<{ signer: Actor; signature: Omit<Signature, 'recordHash'> }>;

export type CommandHandler<I, O, P = undefined> = {
  readonly kind: 'command';
  /** Async work before the transaction (e.g. PIN hashing); must not write. */
  readonly prepare?: (input: I, ctx: QueryContext) => Promise<P>;
  readonly run: (ctx: CommandContext, input: I, prepared: P) => O;
  /**
   * Called once the fate of the transaction is known, when `prepare` had to change something
   * outside the store (a credential in the OS keychain): `committed` false means nothing was
   * recorded, and the handler puts back what `prepare` changed, so the two never disagree.
   * Awaited before the caller is answered. `failure`: why the transaction rolled back (a full
   * disk), for a settle that cannot put things back to say what happened first.
   */
  readonly settle?: (prepared: P, committed: boolean, failure?: Error) => Promise<void>;
  /**
   * Runs once the command committed, before the caller is answered: what acts on the record
   * outside the store (a push to the screens, the sync client started or woken). It cannot
   * undo the commit, so its failure is reported (`onAfterFailed`), never answered as a refusal.
   */
  readonly after?: (result: O) => void | Promise<void>;
};
/** Queries may wait on I/O (a device, a port listing); they never write. */
export type QueryHandler<I, O> = { readonly kind: 'query'; readonly run: (ctx: QueryContext, input: I) => O | Promise<O> };
export type Handler<I = never, O = unknown> = CommandHandler<I, O, any> | QueryHandler<I, O>;

export type Handlers<C extends Record<string, MethodSpec>> = {
  readonly [M in keyof C]: C[M]['kind'] extends 'command'
    ? CommandHandler<z.output<C[M]['input']>, z.input<C[M]['output']>, any>
    : QueryHandler<z.output<C[M]['input']>, z.input<C[M]['output']>>;
};

export type CallResult = { ok: true; result: unknown; events: readonly StoredEvent[] } | { ok: false; error: ApiError; events: readonly StoredEvent[] };

class RejectWithCommit {
  constructor(readonly error: StationError) {}
}

export interface BusDeps {
  readonly sqlite: Database.Database;
  readonly db: StationDb;
  readonly log: EventLog;
  readonly clock: () => number;
  readonly verifySignature: SignatureVerifier;
  readonly onCommitted: (events: readonly StoredEvent[]) => void;
  readonly onSlow?: (method: string, ms: number) => void;
  /** A handler's `after` threw: the command stands (it committed); someone should know. */
  readonly onAfterFailed?: (method: string, err: unknown) => void;
  /**
   * Whether the bus checks its own answers against the contract. Every client checks each
   * answer on receipt (`createStationClient`), so a station does not pay for it twice on
   * the scan path; the test suites run with 'strict', which also refuses an answer carrying
   * a key its contract does not name (a client would silently drop it).
   */
  readonly checkOutputs?: 'strict' | 'off';
}

export class CommandBus {
  private readonly specs = new Map<string, { spec: MethodSpec; handler: Handler<any, any> }>();
  /**
   * BEGIN IMMEDIATE … COMMIT around a body. Made once: better-sqlite3 builds four wrapper
   * functions for each `transaction()`, which a call per command paid on every scan.
   */
  private readonly immediate: <T>(body: () => T) => T;

  constructor(private readonly deps: BusDeps) {
    this.immediate = deps.sqlite.transaction(<T>(body: () => T): T => body()).immediate as <T>(body: () => T) => T;
  }

  register<C extends Record<string, MethodSpec>>(contract: C, handlers: Handlers<C>): void {
    for (const name of Object.keys(contract)) {
      const handler = handlers[name as keyof C] as Handler<any, any> | undefined;
      if (!handler) throw new Error(`no handler for ${name}`);
      if (handler.kind !== contract[name]!.kind) throw new Error(`${name}: handler is a ${handler.kind}, contract says ${contract[name]!.kind}`);
      this.specs.set(name, { spec: contract[name]!, handler });
    }
  }

  has(method: string): boolean {
    return this.specs.has(method);
  }

  async call(method: string, rawInput: unknown, caller: Caller): Promise<CallResult> {
    try {
      return await this.callUnsafe(method, rawInput, caller);
    } catch (err) {
      const e = storageError(err);
      if (e instanceof StationError) return { ok: false, error: e.toJSON(), events: [] };
      return { ok: false, error: { code: 'internal', message: `${method}: ${(e as Error).message}` }, events: [] };
    }
  }

  private async callUnsafe(method: string, rawInput: unknown, caller: Caller): Promise<CallResult> {
    const entry = this.specs.get(method);
    if (!entry) return { ok: false, error: { code: 'unknown_method', message: `unknown method "${method}"` }, events: [] };
    const { spec, handler } = entry;

    // 1. validate
    const parsed = compiled(spec.input).safeParse(rawInput);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: `${method}: invalid input — ${issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues: issuesOf(parsed.error) }, events: [] };
    }
    const input = parsed.data as Record<string, unknown>;

    // 2. authorize
    const actor = authorize(method, spec, caller);
    const now = new Date(this.deps.clock());
    const qctx: QueryContext = { db: this.deps.db, sqlite: this.deps.sqlite, now, caller, actor };

    if (handler.kind === 'query') {
      const result = await handler.run(qctx, input);
      return { ok: true, result: this.checkOutput(method, spec, result), events: [] };
    }

    // 3. signature (async re-authentication happens before the write transaction)
    let signature: Omit<Signature, 'recordHash'> | null = null;
    let signer: Actor | null = null;
    if (spec.signed === true || (spec.signed === 'optional' && input.signature !== undefined)) {
      // A signature of the wrong meaning is refused before the PIN is checked: it is the
      // screen's mistake, and must not cost the signer an attempt.
      const meaning = (input.signature as SignatureInput).meaning;
      if (spec.meanings && !spec.meanings.includes(meaning))
        throw refusal('invalid_input', 'signature_meaning', { meaning, meanings: spec.meanings.join(',') }, `${method} is signed as ${spec.meanings.join(' or ')}, not ${meaning}.`);
      const verified = await this.deps.verifySignature(input.signature as SignatureInput, caller, spec.signers ?? (Array.isArray(spec.access) ? spec.access : null));
      signature = verified.signature;
      signer = verified.signer;
    }
    const prepared = handler.prepare ? await handler.prepare(input, qctx) : undefined;
    const transact = () => this.transact({ method, handler, input, prepared, now, caller, actor, signature, signer });
    if (!handler.settle) return this.finish(method, spec, handler, transact());
    let result: CallResult;
    try {
      result = transact();
    } catch (err) {
      // The transaction rolled back (a full disk, a failing projection): nothing was recorded.
      await handler.settle(prepared, false, storageError(err));
      throw err;
    }
    // A refusal from run() (ctx.reject) commits only its own events, never the handler's act.
    await handler.settle(prepared, result.ok);
    return this.finish(method, spec, handler, result);
  }

  /** Most commands (every verdict) have no `after`: their answer goes back without another await. */
  private finish(method: string, spec: MethodSpec, handler: CommandHandler<unknown, unknown, unknown>, r: CallResult): CallResult | Promise<CallResult> {
    const out = this.checked(method, spec, r);
    return out.ok && handler.after ? this.after(method, handler.after, out) : out;
  }

  private async after(method: string, after: (result: unknown) => void | Promise<void>, out: CallResult & { ok: true }): Promise<CallResult> {
    try {
      await after(out.result);
    } catch (err) {
      this.deps.onAfterFailed?.(method, err);
    }
    return out;
  }

  /** The output check runs after settle: a result failing it was still committed. */
  private checked(method: string, spec: MethodSpec, r: CallResult): CallResult {
    return r.ok && this.deps.checkOutputs === 'strict' ? { ...r, result: this.checkOutput(method, spec, r.result) } : r;
  }

  private transact({ method, handler, input, prepared, now, caller, actor, signature, signer }: CommandCall): CallResult {

    // 4. one transaction: events + projections
    const emitted: StoredEvent[] = [];
    let signatureUsed = false;
    const ctx: CommandContext = {
      db: this.deps.db,
      now,
      caller,
      actor,
      emit: (type, payload, opts) => {
        if (opts?.signed && !signature) throw new Error(`${method}: emits a signed event but the call carries no signature`);
        if (opts?.signed) signatureUsed = true;
        const e = this.deps.log.append({
          type,
          payload,
          actor: opts?.actorId !== undefined ? opts.actorId : actor?.userId ?? (caller.kind === 'system' ? 'system' : null),
          reason: opts?.reason ?? null,
          signature: opts?.signed ? signature : null,
        });
        applyEvent(this.deps.db, e);
        emitted.push(e);
        return e;
      },
      reject: (error) => {
        throw new RejectWithCommit(error);
      },
      get signed() {
        return signature !== null;
      },
      signer,
    };

    const started = performance.now();
    let outcome: { ok: true; result: unknown } | { ok: false; error: StationError };
    const body = () => {
      try {
        const result = handler.run(ctx, input, prepared);
        if (signature && !signatureUsed) throw new Error(`${method}: the signature was verified but bound to no event`);
        return { ok: true as const, result };
      } catch (err) {
        if (err instanceof RejectWithCommit) return { ok: false as const, error: err.error };
        throw err;
      }
    };
    try {
      outcome = this.immediate(body);
      this.deps.log.committed();
    } catch (err) {
      this.deps.log.rolledBack();
      throw err;
    }
    const ms = performance.now() - started;
    if (ms > 50) this.deps.onSlow?.(method, ms);
    if (emitted.length) this.deps.onCommitted(emitted);

    // 5. acknowledge — only now, after COMMIT returned
    if (!outcome.ok) return { ok: false, error: outcome.error.toJSON(), events: emitted };
    return { ok: true, result: outcome.result, events: emitted };
  }

  private checkOutput(method: string, spec: MethodSpec, result: unknown): unknown {
    if (this.deps.checkOutputs !== 'strict') return result;
    const out = compiled(spec.output).safeParse(result);
    if (!out.success) throw new StationError('internal', `${method}: produced an invalid result (${issuesOf(out.error).map((i) => `${i.path}: ${i.message}`).join('; ')})`);
    const extra = keysDropped(result, out.data, '');
    if (extra.length) throw new StationError('internal', `${method}: answered keys its contract does not name (${extra.slice(0, 5).join(', ')})`);
    return out.data;
  }
}

/** A validated, authorized command on its way into its transaction. */
interface CommandCall {
  readonly method: string;
  readonly handler: CommandHandler<any, unknown, any>;
  readonly input: Record<string, unknown>;
  /** What the handler's `prepare` returned (before the transaction). */
  readonly prepared: unknown;
  readonly now: Date;
  readonly caller: Caller;
  readonly actor: Actor | null;
  readonly signature: Omit<Signature, 'recordHash'> | null;
  readonly signer: Actor | null;
}

function authorize(method: string, spec: MethodSpec, caller: Caller): Actor | null {
  if (caller.kind === 'system') return caller.as ?? null;
  if (spec.access === 'system') throw new StationError('unknown_method', `unknown method "${method}"`);
  if (spec.access === 'public') return caller.session;
  if (!caller.session) throw new StationError('unauthenticated', 'Log in first: scan your badge and enter your PIN.');
  if (spec.access === 'session') return caller.session;
  const allowed = spec.access;
  if (!caller.session.roles.some((r) => allowed.includes(r)))
    throw new StationError('forbidden', `${method} needs one of the roles ${allowed.join(', ')}; ${caller.session.name} has ${caller.session.roles.join(', ')}.`, { needed: allowed.join(',') });
  return caller.session;
}

/** Paths of keys `sent` carries that `parsed` (the contract's reading of it) dropped. */
export function keysDropped(sent: unknown, parsed: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((v, i) => keysDropped(v, parsed[i], `${path}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    if (v === undefined) continue;
    const at = path ? `${path}.${k}` : k;
    if (!Object.prototype.hasOwnProperty.call(parsed, k)) out.push(at);
    else out.push(...keysDropped(v, parsed[k], at));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
