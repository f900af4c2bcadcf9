// Keyboard-wedge scanners type: this tells a scanner's burst from a person typing, by the
// gaps between keys, and rebuilds what wedges mangle (GS typed as Alt+0029 or Ctrl+]).
// Pure: the renderer feeds it keydown events with timestamps.

export interface WedgeKey {
  /** KeyboardEvent.key: 'a', '1', 'Enter', 'Shift', 'Alt', ... */
  readonly key: string;
  /** Milliseconds, monotonic (event.timeStamp). */
  readonly at: number;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
}

export interface WedgeOptions {
  /** Longest gap between two keys of one scan. Scanners type every 1–20 ms; people rarely stay under 30. */
  readonly maxGapMs?: number;
  /** Shorter bursts are typing (a person can hit 2–3 keys fast). */
  readonly minLength?: number;
  /** Key the scanner sends first (programmed prefix), e.g. 'F12'. */
  readonly prefixKey?: string;
  /** Key that ends a scan, e.g. 'Enter' or 'Tab'; without one a scan ends at the first long gap. */
  readonly suffixKey?: string;
}

export type WedgeVerdict =
  | { readonly kind: 'scan'; readonly text: string; readonly keys: number; readonly maxGapMs: number }
  | { readonly kind: 'typing'; readonly why: string };

const DEFAULTS = { maxGapMs: 35, minLength: 4 } as const;
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);
const GS = '\u001d';

/** The characters a burst typed, with Alt+numpad codes and Ctrl+] folded into characters. */
export function typedText(keys: readonly WedgeKey[]): string {
  let out = '';
  let altCode = '';
  const flushAlt = () => {
    if (!altCode) return;
    const n = Number(altCode);
    // Alt+0029 (or Alt+29) is how Windows wedges type GS; other codes are their code points.
    out += n === 29 ? GS : String.fromCharCode(n);
    altCode = '';
  };
  for (const k of keys) {
    if (k.altKey && /^[0-9]$/.test(k.key)) {
      altCode += k.key;
      continue;
    }
    if (!k.altKey) flushAlt();
    if (MODIFIERS.has(k.key)) continue;
    if (k.ctrlKey && k.key === ']') out += GS;
    else if (k.key.length === 1) out += k.key;
  }
  flushAlt();
  return out;
}

export function classifyBurst(keys: readonly WedgeKey[], opts: WedgeOptions = {}): WedgeVerdict {
  const o = { ...DEFAULTS, ...opts };
  let ks = keys.filter((k) => !MODIFIERS.has(k.key) || k.altKey);
  if (o.prefixKey) {
    if (ks[0]?.key !== o.prefixKey) return { kind: 'typing', why: `no prefix key ${o.prefixKey}` };
    ks = ks.slice(1);
  }
  if (o.suffixKey) {
    if (ks.at(-1)?.key !== o.suffixKey) return { kind: 'typing', why: `no suffix key ${o.suffixKey}` };
    ks = ks.slice(0, -1);
  }
  // Gaps are measured over every key including modifiers: a scanner types Shift as fast as letters.
  let maxGap = 0;
  for (let i = 1; i < keys.length; i++) maxGap = Math.max(maxGap, keys[i]!.at - keys[i - 1]!.at);
  if (maxGap > o.maxGapMs) return { kind: 'typing', why: `a gap of ${maxGap} ms between keys (scanner limit ${o.maxGapMs} ms)` };
  const text = typedText(ks);
  if (text.length < o.minLength) return { kind: 'typing', why: `${text.length} characters, fewer than ${o.minLength}` };
  return { kind: 'scan', text, keys: keys.length, maxGapMs: maxGap };
}

/** Cuts a key stream into bursts at gaps longer than maxGapMs, or after the suffix key. */
export function splitBursts(keys: readonly WedgeKey[], opts: WedgeOptions = {}): WedgeKey[][] {
  const maxGap = opts.maxGapMs ?? DEFAULTS.maxGapMs;
  const out: WedgeKey[][] = [];
  let cur: WedgeKey[] = [];
  for (const k of keys) {
    const prev = cur.at(-1);
    if (prev && k.at - prev.at > maxGap) (out.push(cur), (cur = []));
    cur.push(k);
    if (opts.suffixKey && k.key === opts.suffixKey) (out.push(cur), (cur = []));
  }
  if (cur.length) out.push(cur);
  return out;
}
