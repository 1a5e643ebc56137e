// A sung "a" following a pitch contour (holds and glides, in MIDI numbers): a range test performed by a
// synthetic singer, with vibrato on held notes so it sounds, and tracks, like a voice.

export interface ContourSegment {
  fromMidi: number;
  toMidi: number;
  seconds: number;
}

export const hold = (midi: number, seconds: number): ContourSegment => ({
  fromMidi: midi,
  toMidi: midi,
  seconds,
});
export const glide = (fromMidi: number, toMidi: number, seconds: number): ContourSegment => ({
  fromMidi,
  toMidi,
  seconds,
});
export const rest = (seconds: number): ContourSegment => ({
  fromMidi: Number.NaN,
  toMidi: Number.NaN,
  seconds,
});

/** Male "a" formants (Hz, bandwidth): the engine's own synthetic singers use the same resonances. */
const FORMANTS: readonly (readonly [number, number])[] = [
  [730, 90],
  [1090, 110],
  [2440, 170],
  [3400, 250],
];
/** Glottal source roll-off, as 1/h^TILT: a real voice's fundamental is strong, upper harmonics fall away. */
const TILT = 1.4;

function resonance(hz: number): number {
  let gain = 1;
  for (const [centre, bandwidth] of FORMANTS)
    gain *= (centre * centre) / Math.sqrt((centre * centre - hz * hz) ** 2 + (bandwidth * hz) ** 2);
  return gain;
}

export function glideVoice(
  contour: readonly ContourSegment[],
  sampleRate: number,
  amplitude = 0.35,
): Float32Array {
  const total = Math.round(contour.reduce((sum, s) => sum + s.seconds, 0) * sampleRate);
  const out = new Float32Array(total);
  const maxHarmonicHz = Math.min(5000, sampleRate / 2 - 500);
  const gains = new Float64Array(128);
  const BLOCK = 64;
  let phase = 0;
  let i = 0;
  for (const segment of contour) {
    const length = Math.round(segment.seconds * sampleRate);
    const sung = !Number.isNaN(segment.fromMidi);
    for (let n = 0; n < length && i < total; n++, i++) {
      if (!sung) continue;
      const t = n / sampleRate;
      const midi = segment.fromMidi + (segment.toMidi - segment.fromMidi) * (n / length);
      const vibrato = segment.fromMidi === segment.toMidi ? 0.2 * Math.sin(2 * Math.PI * 5.5 * t) : 0;
      const f0 = 440 * 2 ** ((midi + vibrato - 69) / 12);
      // Harmonic gains change slowly with pitch: worked out once per block, not per sample.
      const count = Math.min(gains.length - 1, Math.floor(maxHarmonicHz / f0));
      if (n % BLOCK === 0) for (let h = 1; h <= count; h++) gains[h] = resonance(h * f0) / h ** TILT;
      phase += (2 * Math.PI * f0) / sampleRate;
      if (phase > 2 * Math.PI) phase -= 2 * Math.PI;
      // sin(h * phase) by the Chebyshev recurrence: one multiply-add per harmonic.
      const twoCos = 2 * Math.cos(phase);
      let previous = 0;
      let current = Math.sin(phase);
      let sample = 0;
      for (let h = 1; h <= count; h++) {
        sample += gains[h]! * current;
        const next = twoCos * current - previous;
        previous = current;
        current = next;
      }
      // 20 ms fades at each end of a sung segment: no clicks between segments.
      const edge = Math.min(1, n / (0.02 * sampleRate), (length - n) / (0.02 * sampleRate));
      out[i] = sample * edge;
    }
  }
  let peak = 0;
  for (const value of out) peak = Math.max(peak, Math.abs(value));
  const scale = peak > 0 ? amplitude / peak : 0;
  for (let k = 0; k < out.length; k++) out[k] = out[k]! * scale;
  return out;
}

/**
 * A range test sung the way the Range screen asks, step by step (5, 8, 12 and 8 seconds), by a synthetic
 * baritone: a comfortable D3; slide down to G2 and hold; slide slowly up to E4 and hold; a short phrase.
 */
export const RANGE_TEST_PERFORMANCE = {
  lowest: 43,
  highest: 64,
  /** Where the comfortable note (D3, 4.5 s) and the phrase (E3-C4) sit: D3 to B3 once the top tenth is cut. */
  comfortableLow: 50,
  comfortableHigh: 59,
  contour: [
    hold(50, 4.5),
    rest(0.5),
    glide(50, 43, 3.5),
    hold(43, 3.5),
    rest(1),
    glide(43, 64, 8),
    hold(64, 3),
    rest(1),
    ...[52, 55, 57, 60, 59, 57, 55, 52].map((midi) => hold(midi, 0.8)),
    rest(1.6),
  ],
} as const;
