import { midiToHz } from '@orak/core';
import type { SeededRandom } from '../dsp/seededRandom';

// I-V-vi-IV in the melody's key: the most common pop progression, so backing shares the singer's notes.
const PROGRESSION = [
  [0, 4, 7],
  [7, 11, 14],
  [9, 12, 16],
  [5, 9, 12],
];

function addTone(
  out: Float32Array,
  sampleRate: number,
  startSec: number,
  durSec: number,
  hz: number,
  level: number,
  harmonics: number,
  decaySec: number,
): void {
  const start = Math.round(startSec * sampleRate);
  const end = Math.min(out.length, Math.round((startSec + durSec) * sampleRate));
  const count = Math.max(1, Math.min(harmonics, Math.floor((sampleRate * 0.45) / hz)));
  const step = (2 * Math.PI * hz) / sampleRate;
  for (let i = start; i < end; i++) {
    const t = (i - start) / sampleRate;
    const envelope =
      level * Math.min(1, t / 0.005) * Math.exp(-t / decaySec) * Math.min(1, (end - i) / (0.02 * sampleRate));
    const phase = step * (i - start);
    let value = 0;
    for (let k = 1; k <= count; k++) value += Math.sin(k * phase) / k;
    out[i]! += envelope * value;
  }
}

function addNoiseBurst(
  out: Float32Array,
  sampleRate: number,
  startSec: number,
  level: number,
  decaySec: number,
  random: SeededRandom,
  bright: boolean,
): void {
  const start = Math.round(startSec * sampleRate);
  const end = Math.min(out.length, start + Math.round(decaySec * 5 * sampleRate));
  let previous = 0;
  for (let i = start; i < end; i++) {
    const noise = random.gaussian();
    const shaped = bright ? noise - previous : 0.5 * (noise + previous);
    previous = noise;
    out[i]! += level * Math.exp(-(i - start) / sampleRate / decaySec) * shaped;
  }
}

/** Karaoke-style backing: plucked chords, a bass line on the root and a drum kit, at 120 BPM. */
export function synthesiseBacking(
  tonic: number,
  durationSec: number,
  random: SeededRandom,
  sampleRate = 16000,
): Float32Array {
  const out = new Float32Array(Math.round(durationSec * sampleRate));
  const beat = 0.5;
  const chordRoot = 48 + tonic;
  for (let bar = 0; bar * 4 * beat < durationSec; bar++) {
    const chord = PROGRESSION[bar % PROGRESSION.length]!;
    const barStart = bar * 4 * beat;
    for (let b = 0; b < 4; b++) {
      const t = barStart + b * beat;
      if (t >= durationSec) break;
      // Chords re-struck on every beat in the C3..C5 register; the bass plays the root two octaves down.
      for (const interval of chord)
        addTone(out, sampleRate, t, beat, midiToHz(chordRoot + interval), 0.12, 10, 0.6);
      addTone(out, sampleRate, t, beat, midiToHz(chordRoot - 12 + chord[0]!), 0.25, 6, 0.4);
      const kickStart = Math.round(t * sampleRate);
      for (let i = 0; i < 0.15 * sampleRate && kickStart + i < out.length; i++) {
        const tt = i / sampleRate;
        out[kickStart + i]! +=
          0.5 * Math.exp(-tt / 0.05) * Math.sin(2 * Math.PI * (50 + 60 * Math.exp(-tt / 0.02)) * tt);
      }
      if (b % 2 === 1) addNoiseBurst(out, sampleRate, t, 0.25, 0.05, random, false);
      addNoiseBurst(out, sampleRate, t + beat / 2, 0.08, 0.015, random, true);
      addNoiseBurst(out, sampleRate, t, 0.06, 0.015, random, true);
    }
  }
  return out;
}
