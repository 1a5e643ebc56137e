import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER, trackPredominantPitch } from '../src/pitch/salienceTracker';

const RATE = 16000;

/** Sawtooth-like harmonic tone; `envelope(t)` gives its amplitude at t seconds. */
function tone(hz: number, seconds: number, harmonics: number, envelope: (t: number) => number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    let value = 0;
    for (let k = 1; k <= harmonics && k * hz < RATE / 2; k++) value += Math.sin(2 * Math.PI * k * hz * t) / k;
    out[i] = envelope(t) * value;
  }
  return out;
}

/** Share of frames (after the first half second) whose pitch is within 50 cents of `hz`. */
function shareOn(track: Float32Array, hz: number): number {
  let hits = 0;
  let count = 0;
  for (let t = 50; t < track.length; t++, count++)
    if (Math.abs(1200 * Math.log2(track[t]! / hz)) < 50) hits++;
  return hits / count;
}

describe('decay penalty in the pitch path', () => {
  // A struck tone re-struck every half second (dying away between strikes) over a steadier, slightly quieter held note.
  const struck = tone(220, 4, 8, (t) => 0.5 * Math.exp(-(t % 0.5) / 0.25));
  const held = tone(311, 4, 8, () => 0.15);
  const mix = Float32Array.from(struck, (v, i) => v + held[i]!);

  it('prefers the held note over a dying struck tone', () => {
    const withDecay = trackPredominantPitch(mix, RATE).hz;
    const without = trackPredominantPitch(mix, RATE, { ...DEFAULT_TRACKER, decayWeight: 0 }).hz;
    expect(shareOn(withDecay, 311)).toBeGreaterThan(shareOn(without, 311) + 0.1);
  });

  it('leaves a lone steady note untouched', () => {
    const alone = trackPredominantPitch(held, RATE).hz;
    expect(shareOn(alone, 311)).toBeGreaterThan(0.98);
  });
});
