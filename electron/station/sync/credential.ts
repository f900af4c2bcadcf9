// Where a station keeps the bearer token it got by enrolling. The runtime only sees the
// CredentialStore interface: by default a file in the data folder readable by this OS user
// alone (0600); the Electron shell may hand the runtime a store backed by safeStorage
// (the OS keychain) instead. The token is never written to the event log or to a log line.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const StationCredentialSchema = z.object({
  serverUrl: z.string().min(1),
  stationId: z.string().min(1),
  token: z.string().min(1),
  enrolledAt: z.string(),
});
export type StationCredential = z.infer<typeof StationCredentialSchema>;

/**
 * A station's credential storage. Async because a safeStorage-backed store lives in the
 * Electron main process (safeStorage exists only there) while the runtime runs in a utility
 * process: the shell implements this over its IPC channel, encrypting with
 * `safeStorage.encryptString` and keeping the ciphertext where it likes. `describe()` is
 * shown to the operator ("a file readable only by this user", "the OS keychain").
 */
export interface CredentialStore {
  load(): Promise<StationCredential | null>;
  save(credential: StationCredential): Promise<void>;
  clear(): Promise<void>;
  describe(): string;
}

export const CREDENTIAL_FILE = 'sync-credential.json';

/**
 * The default: `<data>/sync-credential.json`, mode 0600, replaced atomically (write a
 * temporary file, fsync, rename) so a power cut leaves the old token or the new one, never
 * half of one. It protects against other OS users, not against this user or a disk thief.
 */
export class FileCredentialStore implements CredentialStore {
  readonly file: string;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, CREDENTIAL_FILE);
  }

  async load(): Promise<StationCredential | null> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const parsed = StationCredentialSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not a station credential; enroll the station again`);
    return parsed.data;
  }

  async save(credential: StationCredential): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(StationCredentialSchema.parse(credential)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened; make it exact
    renameSync(tmp, this.file);
  }

  async clear(): Promise<void> {
    rmSync(this.file, { force: true });
  }

  describe(): string {
    return `a file readable only by this OS user (${this.file}, mode 0600)`;
  }
}

/** For tests and for hosts that keep the token elsewhere. */
export class MemoryCredentialStore implements CredentialStore {
  constructor(private credential: StationCredential | null = null) {}
  async load() {
    return this.credential;
  }
  async save(c: StationCredential) {
    this.credential = c;
  }
  async clear() {
    this.credential = null;
  }
  describe() {
    return 'memory (not kept across restarts)';
  }
}
