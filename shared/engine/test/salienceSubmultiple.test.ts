import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER, trackPredominantPitch } from '../src/pitch/salienceTracker';

const RATE = 16000;

/** A low sung "a": harmonics of `hz` shaped by one narrow formant, so that its `loudest`-th harmonic dominates. */
function formantTone(hz: number, seconds: number, loudest: number): Float32Array {
  const centre = loudest * hz;
  const out = new Float32Array(Math.round(seconds * RATE));
  const gains: number[] = [];
  for (let k = 1; k * hz < 3800; k++)
    gains[k] = (centre * centre) / Math.sqrt((centre ** 2 - (k * hz) ** 2) ** 2 + (60 * k * hz) ** 2) / k;
  for (let i = 0; i < out.length; i++) {
    let value = 0;
    for (let k = 1; k < gains.length; k++) value += gains[k]! * Math.sin(2 * Math.PI * k * hz * (i / RATE));
    out[i] = 0.05 * value;
  }
  return out;
}

function shareOn(track: Float32Array, hz: number): number {
  let hits = 0;
  for (const value of track) if (Math.abs(1200 * Math.log2(value / hz)) < 50) hits++;
  return hits / track.length;
}

describe('sub-multiple check after the pitch path', () => {
  // A bass A2 whose first formant sits on its 7th harmonic: 770 Hz outvotes 110 Hz in the salience.
  const tone = formantTone(110, 1.5, 7);

  it('steps down to the fundamental when a formant makes the 7th harmonic the loudest', () => {
    expect(shareOn(trackPredominantPitch(tone, RATE).hz, 110)).toBeGreaterThan(0.9);
  });

  it('needs sub-multiples past the 5th to do so', () => {
    const upToFifth = trackPredominantPitch(tone, RATE, { ...DEFAULT_TRACKER, maxSubmultiple: 5 }).hz;
    expect(shareOn(upToFifth, 110)).toBeLessThan(0.5);
  });
});
