import { applyCascade, butterworthQs, highpass, lowpass } from '../dsp/biquad';
import type { SeededRandom } from '../dsp/seededRandom';
import { synthesiseBacking } from './accompanimentSynth';

export const CONDITIONS = ['clean', 'reverb', 'noise', 'phone', 'backing+6dB', 'backing0dB'] as const;
export type RecordingCondition = (typeof CONDITIONS)[number];

function rms(signal: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < signal.length; i++) sum += signal[i]! * signal[i]!;
  return Math.sqrt(sum / Math.max(1, signal.length));
}

/** Mixes `other` under `voice` so that the voice is `ratioDb` louder (whole-take RMS). */
function mixAt(voice: Float32Array, other: Float32Array, ratioDb: number): Float32Array {
  const gain = rms(voice) / (rms(other) * 10 ** (ratioDb / 20) || 1);
  const out = new Float32Array(voice.length);
  for (let i = 0; i < voice.length; i++) out[i] = voice[i]! + gain * (other[i] ?? 0);
  return out;
}

/** Schroeder room: four feedback combs into two all-passes, about 0.7 s RT60, mixed with the dry path. */
function roomReverb(input: Float32Array, sampleRate: number): Float32Array {
  const combs = [0.0297, 0.0371, 0.0411, 0.0437].map((s) => Math.round(s * sampleRate));
  const rt60 = 0.7;
  const wet = new Float32Array(input.length);
  for (const delay of combs) {
    const feedback = 10 ** ((-3 * delay) / sampleRate / rt60);
    const line = new Float32Array(delay);
    let damp = 0;
    for (let i = 0, p = 0; i < input.length; i++, p = (p + 1) % delay) {
      const out = line[p]!;
      damp = 0.7 * out + 0.3 * damp;
      line[p] = input[i]! + feedback * damp;
      wet[i]! += out / combs.length;
    }
  }
  let signal = wet;
  for (const [seconds, g] of [
    [0.005, 0.7],
    [0.0017, 0.7],
  ] as const) {
    const delay = Math.round(seconds * sampleRate);
    const line = new Float32Array(delay);
    const out = new Float32Array(signal.length);
    for (let i = 0, p = 0; i < signal.length; i++, p = (p + 1) % delay) {
      const delayed = line[p]!;
      const v = signal[i]! + g * delayed;
      line[p] = v;
      out[i] = delayed - g * v;
    }
    signal = out;
  }
  const wetGain = rms(input) / (rms(signal) || 1);
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[i]! + 0.9 * wetGain * signal[i]!;
  return out;
}

/** Puts a dry sung take into a recording condition. */
export function applyCondition(
  voice: Float32Array,
  condition: RecordingCondition,
  sampleRate: number,
  tonic: number,
  random: SeededRandom,
): Float32Array {
  switch (condition) {
    case 'clean':
      return voice;
    case 'reverb':
      return roomReverb(voice, sampleRate);
    case 'noise': {
      // Mic self-noise plus room hiss, slightly low-passed, at 15 dB below the voice.
      const noise = new Float32Array(voice.length);
      let previous = 0;
      for (let i = 0; i < noise.length; i++) {
        previous = 0.6 * previous + 0.4 * random.gaussian();
        noise[i] = previous;
      }
      return mixAt(voice, noise, 15);
    }
    case 'phone': {
      // Narrow-band telephone: nothing below ~150 Hz (8th order), nothing above 3.4 kHz.
      const hp = butterworthQs(4).map((q) => highpass(150, sampleRate, q));
      const lp = butterworthQs(2).map((q) => lowpass(3400, sampleRate, q));
      return applyCascade(voice, [...hp, ...lp]);
    }
    case 'backing+6dB':
    case 'backing0dB': {
      const backing = synthesiseBacking(tonic, voice.length / sampleRate, random, sampleRate);
      return mixAt(voice, backing, condition === 'backing+6dB' ? 6 : 0);
    }
  }
}
