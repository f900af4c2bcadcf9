import { describe, expect, it } from 'vitest';
import { createStationClient, type Transport } from './client';
import type { Response } from './wire';

/** A transport that answers every request with `answer` and counts what it was sent. */
function answering(answer: Response): Transport & { sent: number } {
  const t = {
    sent: 0,
    request: async () => {
      t.sent++;
      return answer;
    },
    onPush: () => () => undefined,
  };
  return t;
}

const reel = { slot: 'F03', lotId: 'L-100004', itemId: 'MCU-RP2040', onSlot: true };

// The runtime leaves the check of its answers to the client that receives them: this is
// where an answer's shape is enforced and keys the contract does not name are dropped.
describe('the station client checks every answer on receipt', () => {
  it('drops keys the contract does not name', async () => {
    const t = answering({ id: 1, ok: true, result: [{ ...reel, pinHash: 'scrypt$…' }] });
    expect(await createStationClient(t).call('smt.run_reels', { workOrderId: 'WO-24001' })).toEqual([reel]);
  });

  it('refuses an answer of the wrong shape, naming the method', async () => {
    const t = answering({ id: 1, ok: true, result: [{ ...reel, onSlot: 'yes' }] });
    await expect(createStationClient(t).call('smt.run_reels', { workOrderId: 'WO-24001' })).rejects.toMatchObject({ code: 'internal', message: 'smt.run_reels: the runtime answered with an invalid result' });
  });

  it('refuses bad input before anything is sent', async () => {
    const t = answering({ id: 1, ok: true, result: [reel] });
    await expect(createStationClient(t).call('smt.run_reels', { workOrderId: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(t.sent).toBe(0);
  });
});
