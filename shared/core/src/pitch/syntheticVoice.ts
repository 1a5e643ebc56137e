// Synthesised test voices with known pitch: for detector tests, latency measurement and mic calibration tones.

export interface Formant {
  hz: number;
  bandwidthHz: number;
  gain: number;
}

/** Formants of an open "a" vowel (adult average): what a karaoke "aaa" roughly looks like spectrally. */
export const VOWEL_A_FORMANTS: readonly Formant[] = [
  { hz: 730, bandwidthHz: 90, gain: 1 },
  { hz: 1090, bandwidthHz: 110, gain: 0.5 },
  { hz: 2440, bandwidthHz: 170, gain: 0.25 },
];

export interface SungVowelOptions {
  f0Hz: number;
  seconds: number;
  sampleRate: number;
  amplitude?: number;
  formants?: readonly Formant[];
  vibratoCents?: number;
  vibratoHz?: number;
  /** Drop the first harmonic entirely ("missing fundamental", as through a small speaker). */
  missingFundamental?: boolean;
  /** Highest harmonic frequency synthesised. */
  maxHarmonicHz?: number;
}

/** A harmonic "voice": harmonics shaped by a formant envelope and a -6 dB/octave source tilt, with vibrato. */
export function sungVowel(options: SungVowelOptions): Float32Array {
  const {
    f0Hz,
    seconds,
    sampleRate,
    amplitude = 0.3,
    formants = VOWEL_A_FORMANTS,
    vibratoCents = 0,
    vibratoHz = 5.5,
    missingFundamental = false,
    maxHarmonicHz = Math.min(5000, sampleRate / 2 - 500),
  } = options;
  const length = Math.round(seconds * sampleRate);
  const out = new Float32Array(length);
  const harmonicCount = Math.max(1, Math.floor(maxHarmonicHz / f0Hz));
  const gains = new Float64Array(harmonicCount + 1);
  for (let h = 1; h <= harmonicCount; h++) {
    if (h === 1 && missingFundamental) continue;
    const f = h * f0Hz;
    let envelope = 0.05;
    for (const formant of formants) {
      const detune = (f - formant.hz) / (formant.bandwidthHz / 2);
      envelope += formant.gain / (1 + detune * detune);
    }
    gains[h] = envelope / h;
  }
  let phase = 0;
  let peak = 0;
  for (let i = 0; i < length; i++) {
    const t = i / sampleRate;
    const instantHz = f0Hz * 2 ** ((vibratoCents / 1200) * Math.sin(2 * Math.PI * vibratoHz * t));
    phase += (2 * Math.PI * instantHz) / sampleRate;
    let sample = 0;
    for (let h = 1; h <= harmonicCount; h++) if (gains[h]! > 0) sample += gains[h]! * Math.sin(h * phase);
    out[i] = sample;
    if (Math.abs(sample) > peak) peak = Math.abs(sample);
  }
  const scale = peak > 0 ? amplitude / peak : 0;
  for (let i = 0; i < length; i++) out[i] = out[i]! * scale;
  return out;
}

/** A pure sine. */
export function sineTone(hz: number, seconds: number, sampleRate: number, amplitude = 0.3): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}

/** A band-limited sawtooth (all harmonics at 1/h): the harshest harmonic-rich "voice". */
export function sawtoothTone(hz: number, seconds: number, sampleRate: number, amplitude = 0.3): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const harmonics = Math.floor(sampleRate / 2 / hz);
  for (let i = 0; i < out.length; i++) {
    let sample = 0;
    const phase = (2 * Math.PI * hz * i) / sampleRate;
    for (let h = 1; h <= harmonics; h++) sample += Math.sin(h * phase) / h;
    out[i] = (amplitude * 2 * sample) / Math.PI;
  }
  return out;
}

/** Joins clips end to end. */
export function concatAudio(...clips: Float32Array[]): Float32Array {
  const out = new Float32Array(clips.reduce((sum, clip) => sum + clip.length, 0));
  let offset = 0;
  for (const clip of clips) {
    out.set(clip, offset);
    offset += clip.length;
  }
  return out;
}

/** Deterministic white noise (a seeded LCG), so tests are repeatable. */
export function whiteNoise(seconds: number, sampleRate: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let state = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}
