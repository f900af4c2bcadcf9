// The station credential kept by the Electron shell in the OS keychain (safeStorage exists
// only in Electron's main process): the runtime, in its utility process, asks over its port.
// When the shell reports that OS encryption is unavailable, the file store is used instead.
import { StationCredentialSchema, type CredentialStore, type StationCredential } from './credential';

export type CredentialOp = 'load' | 'save' | 'clear';
export interface CredentialRequest {
  readonly kind: 'credential';
  readonly id: number;
  readonly op: CredentialOp;
  readonly value?: string;
}
export interface CredentialReply {
  readonly kind: 'credential_result';
  readonly id: number;
  readonly ok: boolean;
  /** The stored JSON for `load` (null when none). */
  readonly value?: string | null;
  /** The shell cannot encrypt (no keychain): use the fallback store. */
  readonly unavailable?: boolean;
  readonly error?: string;
}

export class ShellCredentialStore implements CredentialStore {
  private nextId = 1;
  private readonly pending = new Map<number, (r: CredentialReply) => void>();
  private useFallback = false;

  constructor(
    private readonly post: (m: CredentialRequest) => void,
    private readonly fallback: CredentialStore,
  ) {}

  /** Feed every `credential_result` message from the shell here. */
  receive(reply: CredentialReply): void {
    this.pending.get(reply.id)?.(reply);
    this.pending.delete(reply.id);
  }

  private ask(op: CredentialOp, value?: string): Promise<CredentialReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ kind: 'credential', id, op, ...(value !== undefined ? { value } : {}) });
    });
  }

  private async run<T>(op: CredentialOp, value: string | undefined, onOk: (r: CredentialReply) => T, viaFallback: () => Promise<T>): Promise<T> {
    if (this.useFallback) return viaFallback();
    const r = await this.ask(op, value);
    if (r.unavailable) {
      this.useFallback = true;
      return viaFallback();
    }
    if (!r.ok) throw new Error(`the OS keychain refused to ${op} the station credential: ${r.error ?? 'unknown error'}`);
    return onOk(r);
  }

  load(): Promise<StationCredential | null> {
    return this.run('load', undefined, (r) => (r.value ? StationCredentialSchema.parse(JSON.parse(r.value)) : null), () => this.fallback.load());
  }

  save(credential: StationCredential): Promise<void> {
    return this.run('save', JSON.stringify(StationCredentialSchema.parse(credential)), () => undefined, () => this.fallback.save(credential));
  }

  clear(): Promise<void> {
    return this.run('clear', undefined, () => undefined, () => this.fallback.clear());
  }

  describe(): string {
    return this.useFallback ? this.fallback.describe() : 'the OS keychain (Electron safeStorage)';
  }
}
