// Toledo continuous-output driver against the simulator running as its own process on a real
// socat pty: frames streamed without being asked, Z/T/C commands on the same port.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../shared/devices/status';
import { parseDeviceUri, type SerialDeviceUri } from '../../../shared/devices/uri';
import type { DeviceError } from '../../../electron/station/devices/errors';
import { ContinuousScale } from '../../../electron/station/devices/scale/continuous';
import { eventually, SimProcess, stopAllSims } from './sim-process';

let sim: SimProcess;
let scale: ContinuousScale;
const states: DeviceState[] = [];
const errors: DeviceError[] = [];

beforeAll(async () => {
  sim = await SimProcess.spawn(['scale', '--protocol', 'toledo']);
  const uri = parseDeviceUri(sim.uri) as SerialDeviceUri;
  expect(uri.protocol).toBe('toledo');
  scale = new ContinuousScale(uri, { role: 'scale', uri: sim.uri });
  scale.on('state', (s) => states.push(s));
  scale.on('deviceError', (e) => errors.push(e));
  await scale.start();
});

afterEach(async () => {
  await sim.control('reset');
});

afterAll(async () => {
  await scale?.stop();
  await stopAllSims();
});

/** A stable reading of exactly `grams`: the stream may still carry frames from before the change. */
async function stableAt(grams: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await scale.readStable(5000);
    if (r.grams === grams) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`never read a stable ${grams} g`);
}

describe('Toledo continuous scale over a pty', () => {
  it('reads a stable weight, normalised from kg to grams', async () => {
    await sim.control('weight 1234');
    await stableAt(1234);
    const r = await scale.readImmediate();
    expect(r).toMatchObject({ unit: 'kg', value: 1.234, grams: 1234, stable: true, range: 'ok' });
  });

  it('motion: readings are unstable and readStable refuses as unstable', async () => {
    await sim.control('weight 80');
    await sim.control('motion on');
    await eventually(() => false, 'x', 300).catch(() => undefined); // let a motion frame arrive
    expect((await scale.readImmediate()).stable).toBe(false);
    await expect(scale.readStable(600)).rejects.toMatchObject({ code: 'unstable' });
  });

  it('waits for the platform to settle', async () => {
    await sim.control('weight 42');
    await sim.control('motion on');
    await new Promise((r) => setTimeout(r, 200));
    const pending = scale.readStable(20_000);
    await new Promise((r) => setTimeout(r, 200));
    await sim.control('motion off');
    expect(await pending).toMatchObject({ grams: 42, stable: true });
  });

  it('overload and underrange', async () => {
    await sim.control('overload on');
    await expect(scale.readStable(3000)).rejects.toMatchObject({ code: 'overload' });
    expect(await scale.readImmediate()).toMatchObject({ range: 'overload', grams: null });
    await sim.control('overload off');
    await sim.control('underload on');
    await new Promise((r) => setTimeout(r, 200));
    await expect(scale.readStable(3000)).rejects.toMatchObject({ code: 'underload' });
  });

  it('tare (T), net weight, clear tare (C) and zero (Z) through the port', async () => {
    await sim.control('weight 100');
    await stableAt(100);
    expect(await scale.tare()).toMatchObject({ grams: 100 });
    await sim.control('weight 150');
    await stableAt(50);
    await scale.clearTare();
    await stableAt(150);
    await scale.zero();
    await stableAt(0);
    expect((await sim.control('state')).received).toBe('TCZ');
  });

  it('a tare refused while in motion is not_executable', async () => {
    await sim.control('weight 10');
    await sim.control('motion on');
    await expect(scale.tare()).rejects.toMatchObject({ code: 'not_executable' });
  });

  it('garbage and over-long bytes are device errors; the next frames still read', async () => {
    await sim.control('weight 7');
    const before = errors.length;
    await sim.control(`raw ${JSON.stringify('\u0002\u00ff\u00feXX noise\r')}`);
    await sim.control(`raw ${JSON.stringify(`${'A'.repeat(500)}\r`)}`);
    await eventually(() => errors.slice(before).some((e) => e.code === 'garbage'), 'a garbage device error');
    await eventually(() => errors.slice(before).some((e) => e.code === 'overlong'), 'an overlong device error');
    await stableAt(7);
  });

  it('a silent indicator is a timeout, not a weight', async () => {
    await sim.control('weight 5');
    await stableAt(5);
    await sim.control('silent on');
    await new Promise((r) => setTimeout(r, 200));
    await expect(scale.readStable(500)).rejects.toMatchObject({ code: 'timeout' });
    await sim.control('silent off');
    await stableAt(5);
  });

  it('unplugged and replugged: disconnected (no stale weight), then ok and reading again', async () => {
    await sim.control('weight 33');
    await stableAt(33);
    states.length = 0;
    await sim.control('unplug');
    await eventually(() => states.some((s) => s.state === 'error' && s.code === 'disconnected'), 'disconnected state');
    await expect(scale.readImmediate()).rejects.toMatchObject({ code: 'disconnected' });
    await sim.control('replug');
    await eventually(() => states.at(-1)?.state === 'ok', 'ok state after replug');
    await stableAt(33);
  });
});
