import { RealFft } from '@orak/core';
import { applyCascade, butterworthQs, lowpass } from '../dsp/biquad';

// Short-time spectra at 8 kHz: 64 ms Hann windows every 10 ms, 512-point FFT (15.6 Hz bins, peaks interpolated).
export const TRACK_RATE = 8000;
export const HOP = 80;
export const WINDOW = 512;
export const FFT_SIZE = 512;

/** Anti-aliased decimation to the tracker's 8 kHz (16 kHz in: every second sample after a low-pass). */
export function toTrackRate(samples: Float32Array, sampleRate: number): Float32Array {
  if (sampleRate === TRACK_RATE) return samples;
  const filtered = applyCascade(
    samples,
    butterworthQs(4).map((q) => lowpass(TRACK_RATE * 0.45, sampleRate, q)),
  );
  const ratio = sampleRate / TRACK_RATE;
  const out = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const frac = x - j;
    out[i] = filtered[j]! * (1 - frac) + (filtered[j + 1] ?? 0) * frac;
  }
  return out;
}

export interface FramePeaks {
  hz: Float64Array;
  magnitude: Float64Array;
  count: number;
}

/**
 * Walks the frames two at a time (two real frames share one complex FFT) and hands each frame's
 * magnitude spectrum (FFT_SIZE/2 bins) to `visit`.
 */
export function forEachSpectrum(
  signal: Float32Array,
  frames: number,
  visit: (frame: number, magnitude: Float64Array) => void,
): void {
  const fft = new RealFft(FFT_SIZE);
  const window = new Float64Array(WINDOW);
  for (let i = 0; i < WINDOW; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / WINDOW);
  const re = new Float64Array(FFT_SIZE);
  const im = new Float64Array(FFT_SIZE);
  const magA = new Float64Array(FFT_SIZE / 2);
  const magB = new Float64Array(FFT_SIZE / 2);
  for (let frame = 0; frame < frames; frame += 2) {
    const startA = frame * HOP - WINDOW / 2;
    const startB = startA + HOP;
    if (startA >= 0 && startB + WINDOW <= signal.length && WINDOW === FFT_SIZE) {
      // Both windows inside the signal (all but the edges): no bounds tests, nothing to clear.
      for (let i = 0; i < WINDOW; i++) {
        re[i] = signal[startA + i]! * window[i]!;
        im[i] = signal[startB + i]! * window[i]!;
      }
    } else {
      re.fill(0);
      im.fill(0);
      for (let i = 0; i < WINDOW; i++) {
        const a = startA + i;
        const b = startB + i;
        if (a >= 0 && a < signal.length) re[i] = signal[a]! * window[i]!;
        if (b >= 0 && b < signal.length) im[i] = signal[b]! * window[i]!;
      }
    }
    fft.transform(re, im);
    // Separate the two real spectra: A = (X[k] + conj X[N-k]) / 2, B = (X[k] - conj X[N-k]) / 2i.
    for (let k = 0; k < FFT_SIZE / 2; k++) {
      const n = (FFT_SIZE - k) % FFT_SIZE;
      const ar = (re[k]! + re[n]!) / 2;
      const ai = (im[k]! - im[n]!) / 2;
      const br = (im[k]! + im[n]!) / 2;
      const bi = (re[n]! - re[k]!) / 2;
      magA[k] = Math.sqrt(ar * ar + ai * ai);
      magB[k] = Math.sqrt(br * br + bi * bi);
    }
    visit(frame, magA);
    if (frame + 1 < frames) visit(frame + 1, magB);
  }
}

/**
 * Equal-loudness-style weighting per bin (as Melodia does): a 2nd-order high-pass at `cornerHz` so that
 * bass lines and kick drums, whose chords pile up harmonic votes, do not outvote the voice.
 */
export function loudnessWeights(cornerHz: number): Float64Array {
  const weights = new Float64Array(FFT_SIZE / 2);
  for (let k = 1; k < weights.length; k++)
    weights[k] = 1 / Math.sqrt(1 + (cornerHz / ((k * TRACK_RATE) / FFT_SIZE)) ** 4);
  return weights;
}

/** Local maxima within `rangeDb` of the frame's loudest peak, frequency refined by a log-parabola. */
export function pickPeaks(
  magnitude: Float64Array,
  minBin: number,
  maxBin: number,
  rangeDb: number,
  out: FramePeaks,
  weights: Float64Array | null = null,
): void {
  let loudest = 0;
  for (let k = minBin; k <= maxBin; k++) loudest = Math.max(loudest, magnitude[k]!);
  const floor = loudest * 10 ** (-rangeDb / 20);
  let count = 0;
  for (let k = Math.max(1, minBin); k <= maxBin && count < out.hz.length; k++) {
    const m = magnitude[k]!;
    if (m <= floor || m < magnitude[k - 1]! || m <= magnitude[k + 1]!) continue;
    const l = Math.log(magnitude[k - 1]! + 1e-12);
    const c = Math.log(m + 1e-12);
    const r = Math.log(magnitude[k + 1]! + 1e-12);
    const denominator = l - 2 * c + r;
    const shift = denominator < 0 ? (0.5 * (l - r)) / denominator : 0;
    out.hz[count] = ((k + shift) * TRACK_RATE) / FFT_SIZE;
    out.magnitude[count] = Math.exp(c - 0.25 * (l - r) * shift) * (weights ? weights[k]! : 1);
    count++;
  }
  out.count = count;
}
