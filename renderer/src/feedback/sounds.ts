// Three sounds an operator learns without looking: good (two rising chirps), warning
// (two level beeps), bad (a long low buzz). Synthesised with Web Audio — no files, no
// network, the same on every station.
export type Tone = 'good' | 'warn' | 'bad';

const PATTERNS: Record<Tone, ReadonlyArray<{ f: number; ms: number; gapMs: number; wave: OscillatorType }>> = {
  good: [
    { f: 880, ms: 90, gapMs: 30, wave: 'sine' },
    { f: 1320, ms: 120, gapMs: 0, wave: 'sine' },
  ],
  warn: [
    { f: 660, ms: 160, gapMs: 120, wave: 'triangle' },
    { f: 660, ms: 160, gapMs: 0, wave: 'triangle' },
  ],
  bad: [{ f: 180, ms: 700, gapMs: 0, wave: 'square' }],
};

let ctx: AudioContext | null = null;

export function playTone(tone: Tone, volume = 0.3): void {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    let t = ctx.currentTime;
    for (const p of PATTERNS[tone]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = p.wave;
      osc.frequency.value = p.f;
      gain.gain.setValueAtTime(volume, t);
      gain.gain.exponentialRampToValueAtTime(0.001, t + p.ms / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + p.ms / 1000);
      t += (p.ms + p.gapMs) / 1000;
    }
  } catch {
    // No audio device: the colour flash still tells the operator.
  }
}
