import { midiToHz, VOICE_TYPE_RANGES } from '@orak/core';
import type { SeededRandom } from '../dsp/seededRandom';
import type { Melody, Vowel } from './melodyGenerator';

// Male formant frequencies (Hz) and bandwidths per vowel (Peterson & Barney style); female voices scale them up.
const FORMANTS: Record<Vowel, [number, number][]> = {
  a: [
    [730, 90],
    [1090, 110],
    [2440, 170],
    [3400, 250],
  ],
  e: [
    [530, 70],
    [1840, 100],
    [2480, 170],
    [3400, 250],
  ],
  i: [
    [300, 50],
    [2250, 100],
    [3000, 180],
    [3700, 250],
  ],
  o: [
    [500, 70],
    [850, 90],
    [2400, 170],
    [3400, 250],
  ],
  u: [
    [320, 50],
    [870, 80],
    [2250, 170],
    [3300, 250],
  ],
};

function formantGain(hz: number, vowel: Vowel, scale: number): number {
  let gain = 1;
  for (const [centre, bandwidth] of FORMANTS[vowel]) {
    const f = centre * scale;
    const b = bandwidth * scale;
    gain *= (f * f) / Math.sqrt((f * f - hz * hz) ** 2 + (b * hz) ** 2);
  }
  return gain;
}

export interface SungTake {
  samples: Float32Array;
  sampleRate: number;
  /** Ground-truth f0 per 10 ms frame (frame i at i * 10 ms); 0 = not singing. */
  truthHz: Float32Array;
  hopSec: number;
}

/**
 * Source-filter singing: a band-limited glottal source (harmonics with a spectral tilt) shaped by vowel
 * formants, with vibrato, glides, slow pitch drift, jitter and aspiration noise; exact f0 recorded per hop.
 */
export function synthesiseSinging(melody: Melody, random: SeededRandom, sampleRate = 16000): SungTake {
  const hopSec = 0.01;
  const total = Math.round(melody.durationSec * sampleRate);
  const samples = new Float32Array(total);
  const midiTrack = new Float32Array(total);
  const amplitude = new Float32Array(total);
  const vowelAt: Vowel[] = new Array<Vowel>(total).fill('a');
  const voice = VOICE_TYPE_RANGES.find((v) => v.label === melody.voiceType)!;
  const formantScale = (voice.sex === 'female' ? 1.17 : 1) * random.between(0.95, 1.05);
  const tilt = random.between(1.1, 1.6);
  const breath = random.between(0.01, 0.06);

  let previousMidi: number | null = null;
  let previousEnd = -1;
  for (const note of melody.notes) {
    const start = Math.round(note.startSec * sampleRate);
    const end = Math.min(total, Math.round((note.startSec + note.durSec) * sampleRate));
    const legato = previousMidi !== null && Math.abs(note.startSec - previousEnd) < 1e-6;
    const glide = legato ? note.glideSec : 0;
    const vibratoDelay = 0.25;
    const phase0 = random.between(0, 2 * Math.PI);
    for (let i = start; i < end; i++) {
      const t = (i - start) / sampleRate;
      let midi = note.midi;
      if (glide > 0 && t < glide && previousMidi !== null) {
        const x = t / glide;
        midi = previousMidi + (note.midi - previousMidi) * (x * x * (3 - 2 * x));
      }
      if (note.vibratoRateHz > 0 && t > vibratoDelay) {
        const depth = Math.min(1, (t - vibratoDelay) / 0.2) * (note.vibratoExtentCents / 100);
        midi += depth * Math.sin(2 * Math.PI * note.vibratoRateHz * t + phase0);
      }
      midiTrack[i] = midi;
      const attack = legato ? 1 : Math.min(1, t / 0.03);
      const release = Math.min(1, (end - i) / sampleRate / 0.04);
      amplitude[i] = attack * release;
      vowelAt[i] = note.vowel;
    }
    previousMidi = note.midi;
    previousEnd = note.startSec + note.durSec;
  }

  // Singers never hold a pitch dead still: slow drift (AR(1), about 8 cents SD, 0.25 s memory) plus jitter.
  const driftMemory = Math.exp(-0.005 / 0.25);
  const driftStep = 0.08 * Math.sqrt(1 - driftMemory * driftMemory);
  let drift = 0;
  let phase = 0;
  const block = 80;
  const maxHarmonics = 60;
  const gains = new Float64Array(maxHarmonics + 1);
  let highpassState = 0;
  let previousNoise = 0;
  for (let blockStart = 0; blockStart < total; blockStart += block) {
    const centre = Math.min(total - 1, blockStart + block / 2);
    drift = driftMemory * drift + driftStep * random.gaussian();
    const f0Block = midiToHz(midiTrack[centre]! || 60);
    const count = Math.min(maxHarmonics, Math.floor((sampleRate * 0.45) / f0Block));
    for (let k = 1; k <= count; k++)
      gains[k] = formantGain(k * f0Block, vowelAt[centre]!, formantScale) / k ** tilt;
    for (let i = blockStart; i < Math.min(total, blockStart + block); i++) {
      if (amplitude[i]! <= 0) continue;
      const midi = midiTrack[i]! + drift + random.gaussian() * 0.002;
      midiTrack[i] = midi;
      phase += (2 * Math.PI * midiToHz(midi)) / sampleRate;
      if (phase > 2 * Math.PI) phase -= 2 * Math.PI;
      // sin(k*phase) by the Chebyshev recurrence: one multiply-add per harmonic.
      const twoCos = 2 * Math.cos(phase);
      let sPrev = 0;
      let s = Math.sin(phase);
      let value = 0;
      for (let k = 1; k <= count; k++) {
        value += gains[k]! * s;
        const next = twoCos * s - sPrev;
        sPrev = s;
        s = next;
      }
      const noise = random.gaussian();
      highpassState = noise - previousNoise;
      previousNoise = noise;
      const pulse = 0.5 + 0.5 * Math.cos(phase);
      samples[i] = amplitude[i]! * (value + breath * 8 * highpassState * pulse * gains[1]!);
    }
  }

  let peak = 0;
  for (let i = 0; i < total; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  for (let i = 0; i < total; i++) samples[i] = (samples[i]! / (peak || 1)) * 0.5;

  const frames = Math.floor(melody.durationSec / hopSec);
  const truthHz = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    const i = Math.min(total - 1, Math.round(f * hopSec * sampleRate));
    truthHz[f] = amplitude[i]! >= 0.3 ? midiToHz(midiTrack[i]!) : 0;
  }
  return { samples, sampleRate, truthHz, hopSec };
}
