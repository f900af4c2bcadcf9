import { describe, expect, it } from 'vitest';
import { blockingReasons, formatHostStatus, hsComplete, parseHostStatus } from './zpl-status';

// Recorded shape of a ZD420 answer (idle, 4x6 label): fields per the ZPL II manual, ~HS.
const IDLE = '\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,0,0,0,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';

describe('parseHostStatus', () => {
  it('reads an idle printer', () => {
    const r = parseHostStatus(IDLE);
    expect(r).toMatchObject({ ok: true, status: { paperOut: false, paused: false, headOpen: false, labelLengthDots: 1218, formatsInBuffer: 0, labelsRemaining: 0 } });
    if (r.ok) expect(blockingReasons(r.status)).toEqual([]);
  });

  it.each([
    ['paper out', { paperOut: true }, ['paper_out']],
    ['head open', { headOpen: true }, ['head_open']],
    ['paused', { paused: true }, ['paused']],
    ['ribbon out in thermal transfer', { ribbonOut: true, thermalTransfer: true }, ['ribbon_out']],
    ['ribbon flag in direct thermal', { ribbonOut: true, thermalTransfer: false }, []],
    ['buffer full', { bufferFull: true }, ['buffer_full']],
    ['over temperature', { overTemperature: true }, ['over_temperature']],
    ['head open and paper out', { headOpen: true, paperOut: true, paused: true }, ['head_open', 'paper_out', 'paused']],
  ])('%s', (_, flags, reasons) => {
    const r = parseHostStatus(formatHostStatus(flags));
    if (!r.ok) throw new Error(r.why);
    for (const [k, v] of Object.entries(flags)) expect(r.status[k as keyof typeof r.status]).toBe(v);
    expect(blockingReasons(r.status)).toEqual(reasons);
  });

  it('reads counters', () => {
    const r = parseHostStatus(formatHostStatus({ formatsInBuffer: 7, labelsRemaining: 12345, graphicsStored: 3, printMode: 1 }));
    expect(r).toMatchObject({ ok: true, status: { formatsInBuffer: 7, labelsRemaining: 12345, graphicsStored: 3, printMode: 1 } });
  });

  it.each([
    ['nothing', '', 'got 0'],
    ['two strings only', IDLE.split('\r\n').slice(0, 2).join('\r\n'), 'got 2'],
    ['short first string', IDLE.replace('030,0,0,1218,', '030,0,'), 'string 1 has 10 fields'],
    ['non-flag value', IDLE.replace('030,0,0,', '030,X,0,'), 'paper out is "X"'],
    ['noise between strings', IDLE.replace('\r\n', 'zz\r\n'), 'outside'],
  ])('refuses %s', (_, raw, why) => {
    const r = parseHostStatus(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toContain(why);
  });

  it('knows when the reply is complete', () => {
    expect(hsComplete(Buffer.from(IDLE.slice(0, 60)))).toBe(false);
    expect(hsComplete(Buffer.from(IDLE))).toBe(true);
  });
});
