import { describe, expect, it } from 'vitest';
import type { CredentialStore, StationCredential } from './credential';
import { ShellCredentialStore, type CredentialReply, type CredentialRequest } from './shell-credential';

const cred: StationCredential = { serverUrl: 'http://127.0.0.1:4790', stationId: 'SMT-01', token: 'llst_x', enrolledAt: '2026-11-22T00:00:00Z' };

/** Stands in for Electron's main process: a keychain that encrypts (here: keeps) the text. */
function shell(available: boolean) {
  let kept: string | null = null;
  const requests: CredentialRequest[] = [];
  let store!: ShellCredentialStore;
  const post = (m: CredentialRequest) => {
    requests.push(m);
    const reply: CredentialReply = !available
      ? { kind: 'credential_result', id: m.id, ok: false, unavailable: true }
      : m.op === 'load'
        ? { kind: 'credential_result', id: m.id, ok: true, value: kept }
        : m.op === 'save'
          ? ((kept = m.value ?? null), { kind: 'credential_result', id: m.id, ok: true })
          : ((kept = null), { kind: 'credential_result', id: m.id, ok: true });
    queueMicrotask(() => store.receive(reply));
  };
  let fileKept: StationCredential | null = null;
  const fallback: CredentialStore = {
    load: async () => fileKept,
    save: async (c) => void (fileKept = c),
    clear: async () => void (fileKept = null),
    describe: () => 'a file',
  };
  store = new ShellCredentialStore(post, fallback);
  return { store, requests, fallbackValue: () => fileKept };
}

describe('credential kept by the Electron shell', () => {
  it('saves, loads and clears through the shell', async () => {
    const { store, requests } = shell(true);
    await store.save(cred);
    await expect(store.load()).resolves.toEqual(cred);
    await store.clear();
    await expect(store.load()).resolves.toBeNull();
    expect(requests.map((r) => r.op)).toEqual(['save', 'load', 'clear', 'load']);
    expect(store.describe()).toMatch(/keychain/);
  });

  it('falls back to the file store when the OS cannot encrypt, and says so', async () => {
    const { store, fallbackValue } = shell(false);
    await store.save(cred);
    expect(fallbackValue()).toEqual(cred);
    await expect(store.load()).resolves.toEqual(cred);
    expect(store.describe()).toBe('a file');
  });
});
