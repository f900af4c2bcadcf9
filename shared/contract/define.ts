// Building blocks of the contract: a method is a name with input and output schemas and
// who may call it. Commands change state (and append events); queries only read.
import type { z } from 'zod';
import type { Role } from '../domain/roles';
import type { SignatureMeaning } from '../domain/signature';

/** `public`: anyone at the station (login screen); `session`: any logged-in user; `system`: the runtime itself (demo loader, sync); else these roles. */
export type Access = 'public' | 'session' | 'system' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, K extends 'command' | 'query' = 'command' | 'query'> {
  readonly kind: K;
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /**
   * The input carries a `signature` verified before the command runs: always (`true`), or only
   * when one is given (`'optional'` — the handler decides whether it was needed).
   */
  readonly signed: boolean | 'optional';
  /** Roles a signer must hold; defaults to the roles in `access`. */
  readonly signers?: readonly Role[];
  /** What the signature may mean here (21 CFR 11.50: the meaning is part of the record); default: any. */
  readonly meanings?: readonly SignatureMeaning[];
}

export function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  opts: { access: Access; signed?: boolean | 'optional'; signers?: readonly Role[]; meanings?: readonly SignatureMeaning[] },
): MethodSpec<I, O, 'command'> {
  return { kind: 'command', input, output, access: opts.access, signed: opts.signed ?? false, ...(opts.signers ? { signers: opts.signers } : {}), ...(opts.meanings ? { meanings: opts.meanings } : {}) };
}

export function query<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, opts: { access: Access }): MethodSpec<I, O, 'query'> {
  return { kind: 'query', input, output, access: opts.access, signed: false };
}

export type Contract = Readonly<Record<string, MethodSpec>>;
export type MethodName<C extends Contract> = keyof C & string;
export type InputOf<C extends Contract, M extends MethodName<C>> = z.input<C[M]['input']>;
export type OutputOf<C extends Contract, M extends MethodName<C>> = z.output<C[M]['output']>;
