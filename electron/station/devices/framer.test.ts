import { describe, expect, it } from 'vitest';
import { Framer, type FrameEvent } from './framer';
import type { Terminator } from '../../../shared/devices/uri';

const show = (events: FrameEvent[]) => events.map((e) => `${e.kind}:${e.bytes.toString('latin1')}`);

function run(terminator: Terminator, chunks: string[], maxFrame = 16, flush = false): string[] {
  const f = new Framer({ terminator, maxFrame });
  const out: FrameEvent[] = [];
  for (const c of chunks) out.push(...f.push(Buffer.from(c, 'latin1')));
  if (flush) out.push(...f.flush());
  return show(out);
}

describe('Framer', () => {
  it.each<[string, Terminator, string[], string[], boolean?]>([
    ['CRLF lines', 'CRLF', ['S S  1.0 g\r\n', 'Z A\r\n'], ['frame:S S  1.0 g', 'frame:Z A']],
    ['split across chunks', 'CRLF', ['S S', '  1.0', ' g\r', '\n'], ['frame:S S  1.0 g']],
    ['two frames in one chunk', 'CR', ['AB\rCD\r'], ['frame:AB', 'frame:CD']],
    ['CR mode tolerates CRLF', 'CR', ['AB\r\nCD\r\n'], ['frame:AB', 'frame:CD']],
    ['LF mode', 'LF', ['0123\n'], ['frame:0123']],
    ['empty lines are skipped', 'CRLF', ['\r\n\r\nX\r\n'], ['frame:X']],
    ['overlong frame resynchronises at the next terminator', 'CRLF', ['0123456789abcdefXYZ', 'more', '\r\nOK\r\n'], ['overlong:0123456789abcdef', 'frame:OK']],
    ['overlong inside one chunk', 'CR', ['0123456789abcdefXYZ\rOK\r'], ['overlong:0123456789abcdef', 'frame:OK']],
    ['exactly maxFrame is fine', 'CR', ['0123456789abcdef\r'], ['frame:0123456789abcdef']],
    ['idle flush reports a truncated frame', 'CRLF', ['S S   12'], ['truncated:S S   12'], true],
    ['idle flush ends a frame without terminator', 'none', ['01040123', '4567'], ['frame:010401234567'], true],
    ['no terminator and too long', 'none', ['0123456789', '0123456789'], ['overlong:0123456789012345'], false],
  ])('%s', (_, t, chunks, expected, flush) => {
    expect(run(t, chunks, 16, flush)).toEqual(expected);
  });

  it('a flood never grows the buffer past the limit', () => {
    const f = new Framer({ terminator: 'CRLF', maxFrame: 256 });
    let overlong = 0;
    for (let i = 0; i < 10_000; i++) {
      overlong += f.push(Buffer.alloc(1024, 0x41)).filter((e) => e.kind === 'overlong').length;
      expect(f.pending).toBeLessThanOrEqual(257);
    }
    expect(overlong).toBe(1);
    expect(show(f.push(Buffer.from('\r\nS S 1 g\r\n')))).toEqual(['frame:S S 1 g']);
  });
});
