// The station side of andon: one command records `andon.raised` in the station's own log
// (the event the board projects once it is pushed); an anonymous caller cannot raise one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationRuntime } from '../../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from '../helpers/station';

describe('andon.raise at a station', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  const api = () => client(inProcessTransport(rt));
  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
  });
  afterAll(async () => {
    await rt?.close();
    dir.remove();
  });

  it('needs a session', async () => {
    await expect(api().call('andon.raise', { kind: 'help' })).rejects.toThrow();
  });

  it('records andon.raised with a call id, the kind and the note', async () => {
    await api().call('auth.login', { badge: 'PK-200', pin: '2222' });
    const { callId } = await api().call('andon.raise', { kind: 'material', note: 'feeder 3 empty' });
    expect(callId).toMatch(/^[0-9a-f-]{36}$/);
    await api().call('auth.logout', {});
    await api().call('auth.login', { badge: 'SV-300', pin: '3333' });
    const page = await api().call('audit.list', { types: ['andon.raised'], limit: 5 });
    expect(page.entries).toHaveLength(1);
    expect(JSON.stringify(page.entries[0])).toContain('feeder 3 empty');
    expect(JSON.stringify(page.entries[0])).toContain(callId);
  });
});
