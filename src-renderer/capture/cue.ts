/**
 * The short sound of a refused or bad scan: two low tones from an oscillator (no audio files). The operator
 * looks at the letter, not at the screen, while scanning. Silent where Web Audio is missing or blocked.
 */
type AudioContextCtor = new () => AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const w = window as Window & { webkitAudioContext?: AudioContextCtor };
  const Ctor: AudioContextCtor | undefined = typeof window.AudioContext === 'function' ? window.AudioContext : w.webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/** Plays the "bad scan" sound; returns whether it could be played. */
export function playBadScanSound(): boolean {
  try {
    const ctx = audioContext();
    if (!ctx) return false;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const t0 = ctx.currentTime + 0.01;
    for (const [offset, freq] of [
      [0, 330],
      [0.13, 220],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.setValueAtTime(freq, t0 + offset);
      gain.gain.setValueAtTime(0.0001, t0 + offset);
      gain.gain.exponentialRampToValueAtTime(0.06, t0 + offset + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + offset + 0.11);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + offset);
      osc.stop(t0 + offset + 0.12);
    }
    return true;
  } catch {
    return false;
  }
}
