// Cuts a device byte stream into frames with a bounded buffer: a device that never sends its
// terminator, or floods, yields an `overlong` error and resynchronises at the next terminator
// instead of growing memory or stalling.
import type { Terminator } from '../../../shared/devices/uri';

export type FrameEvent =
  | { readonly kind: 'frame'; readonly bytes: Buffer }
  | { readonly kind: 'overlong'; readonly bytes: Buffer }
  | { readonly kind: 'truncated'; readonly bytes: Buffer };

export interface FramerOptions {
  readonly terminator: Terminator;
  /** Longest frame accepted, terminator excluded. */
  readonly maxFrame: number;
}

const CR = 0x0d;
const LF = 0x0a;

export class Framer {
  private buf: Buffer = Buffer.alloc(0);
  /** After an overlong frame, bytes are dropped until the next terminator (resynchronise). */
  private discarding = false;

  constructor(private readonly opts: FramerOptions) {}

  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Buffer): FrameEvent[] {
    const out: FrameEvent[] = [];
    if (this.opts.terminator === 'none') {
      this.buf = Buffer.concat([this.buf, chunk]);
      if (this.buf.length > this.opts.maxFrame) {
        out.push({ kind: 'overlong', bytes: this.buf.subarray(0, this.opts.maxFrame) });
        this.buf = Buffer.alloc(0);
      }
      return out;
    }
    const sep = this.opts.terminator === 'CR' ? CR : LF;
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] !== sep) continue;
      this.take(Buffer.concat([this.buf, chunk.subarray(start, i)]), out);
      this.buf = Buffer.alloc(0);
      start = i + 1;
    }
    const rest = chunk.subarray(start);
    if (this.discarding) return out;
    if (this.buf.length + rest.length > this.opts.maxFrame + 1) {
      out.push({ kind: 'overlong', bytes: Buffer.concat([this.buf, rest]).subarray(0, this.opts.maxFrame) });
      this.buf = Buffer.alloc(0);
      this.discarding = true;
    } else if (rest.length) {
      this.buf = Buffer.concat([this.buf, rest]);
    }
    return out;
  }

  /**
   * Called when the line has been idle: with no terminator this ends a frame; otherwise the
   * bytes waiting are a frame that was cut off.
   */
  flush(): FrameEvent[] {
    if (this.discarding) {
      this.discarding = false;
      this.buf = Buffer.alloc(0);
      return [];
    }
    const bytes = this.buf;
    this.buf = Buffer.alloc(0);
    if (bytes.length === 0) return [];
    if (this.opts.terminator === 'none') return [{ kind: 'frame', bytes }];
    const stripped = stripEdges(bytes);
    return stripped.length ? [{ kind: 'truncated', bytes: stripped }] : [];
  }

  private take(raw: Buffer, out: FrameEvent[]): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    // Tolerate the other half of CRLF whichever terminator is configured.
    const frame = stripEdges(raw);
    if (frame.length > this.opts.maxFrame) out.push({ kind: 'overlong', bytes: frame.subarray(0, this.opts.maxFrame) });
    else if (frame.length) out.push({ kind: 'frame', bytes: frame });
  }
}

function stripEdges(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && (b[s] === CR || b[s] === LF)) s++;
  while (e > s && (b[e - 1] === CR || b[e - 1] === LF)) e--;
  return b.subarray(s, e);
}

/** The bytes that end a frame, for writers (simulators, command encoders). */
export function terminatorBytes(t: Terminator): string {
  switch (t) {
    case 'CR':
      return '\r';
    case 'LF':
      return '\n';
    case 'CRLF':
      return '\r\n';
    case 'none':
      return '';
    default: {
      const never: never = t;
      return never;
    }
  }
}

/**
 * Runs a Framer against a live stream: the idle timer turns a quiet line into `flush()`.
 * Frames and errors are delivered through one callback, in order.
 */
export class TimedFramer {
  private readonly framer: Framer;
  private timer: NodeJS.Timeout | undefined;

  private readonly idleMs: number;

  constructor(
    opts: FramerOptions & { readonly idleMs: number },
    private readonly deliver: (e: FrameEvent) => void,
  ) {
    this.framer = new Framer(opts);
    this.idleMs = opts.idleMs;
  }

  push(chunk: Buffer): void {
    for (const e of this.framer.push(chunk)) this.deliver(e);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Armed after every chunk, not only when bytes wait: flush() also ends a discard run, so
    // a flood followed by silence resynchronises.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const e of this.framer.flush()) this.deliver(e);
    }, this.idleMs);
    this.timer.unref();
  }

  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.framer.flush();
  }
}
