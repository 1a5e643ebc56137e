import { RealFft } from '@orak/core';

// Mic latency calibration maths, browser-safe: a click train to play, the delay at which it comes back
// (FFT cross-correlation with sub-sample peak interpolation), and a robust summary over several runs.

export interface ClickTrainOptions {
  sampleRate: number;
  clicks?: number;
  /** Gaps between clicks; uneven so a train cannot match itself shifted by one gap. */
  gapsSec?: readonly number[];
  leadInSec?: number;
}

const DEFAULT_GAPS = [0.31, 0.37, 0.29, 0.41, 0.34, 0.39, 0.3];
const CHIRP_SEC = 0.006;

/** A train of short Hann-windowed 1-6 kHz chirps: sharp in time, so the correlation peak is narrow. */
export function makeClickTrain(options: ClickTrainOptions): Float32Array<ArrayBuffer> {
  const { sampleRate } = options;
  const clicks = options.clicks ?? 6;
  const gaps = options.gapsSec ?? DEFAULT_GAPS;
  const leadIn = Math.round((options.leadInSec ?? 0.1) * sampleRate);
  const chirp = makeChirp(sampleRate);
  const starts: number[] = [];
  let at = leadIn;
  for (let i = 0; i < clicks; i++) {
    starts.push(at);
    at += Math.round(gaps[i % gaps.length]! * sampleRate);
  }
  const train = new Float32Array(at + chirp.length + Math.round(0.1 * sampleRate));
  for (const start of starts) train.set(chirp, start);
  return train;
}

function makeChirp(sampleRate: number): Float32Array {
  const length = Math.round(CHIRP_SEC * sampleRate);
  const chirp = new Float32Array(length);
  const f0 = 1000;
  const f1 = Math.min(6000, sampleRate * 0.45);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const t = i / length;
    phase += (2 * Math.PI * (f0 + (f1 - f0) * t)) / sampleRate;
    chirp[i] = 0.8 * Math.sin(phase) * 0.5 * (1 - Math.cos(2 * Math.PI * t));
  }
  return chirp;
}

export interface DelayEstimate {
  /** Where the reference best lines up in the recording, in samples (fractional). */
  lagSamples: number;
  delayMs: number;
  /** Peak over the next-best peak outside its neighbourhood: near 1 means no clear click was heard. */
  clarity: number;
}

/**
 * The delay (0..maxLagSec) at which `reference` best appears in `recorded`, by cross-correlation through an
 * FFT; the peak is refined by a parabola through its neighbours, and its clarity against the runner-up.
 */
export function estimateDelay(
  reference: Float32Array,
  recorded: Float32Array,
  sampleRate: number,
  maxLagSec = 0.5,
): DelayEstimate {
  const maxLag = Math.min(Math.round(maxLagSec * sampleRate), Math.max(0, recorded.length - 1));
  const size = nextPowerOfTwo(reference.length + recorded.length);
  const a = complexFrom(recorded, size);
  const b = complexFrom(reference, size);
  fft(a.re, a.im, false);
  fft(b.re, b.im, false);
  // recorded ⋆ reference: multiply by the conjugate, then back to the time domain.
  for (let i = 0; i < size; i++) {
    const re = a.re[i]! * b.re[i]! + a.im[i]! * b.im[i]!;
    const im = a.im[i]! * b.re[i]! - a.re[i]! * b.im[i]!;
    a.re[i] = re;
    a.im[i] = im;
  }
  fft(a.re, a.im, true);
  const corr = a.re.subarray(0, maxLag + 1);
  let best = 0;
  for (let lag = 1; lag < corr.length; lag++) if (corr[lag]! > corr[best]!) best = lag;
  // Runner-up outside +-2 ms of the peak (the chirp's own ringing lives inside that).
  const guard = Math.round(0.002 * sampleRate);
  let second = 0;
  for (let lag = 0; lag < corr.length; lag++)
    if (Math.abs(lag - best) > guard && corr[lag]! > second) second = corr[lag]!;
  let offset = 0;
  if (best > 0 && best < corr.length - 1) {
    const [l, c, r] = [corr[best - 1]!, corr[best]!, corr[best + 1]!];
    const denominator = l - 2 * c + r;
    if (denominator < 0) offset = Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denominator));
  }
  const peak = corr[best]!;
  const lagSamples = best + offset;
  return {
    lagSamples,
    delayMs: (lagSamples / sampleRate) * 1000,
    clarity: peak <= 0 ? 0 : second <= 0 ? Infinity : peak / second,
  };
}

export interface LatencySummary {
  medianMs: number;
  /** Max minus min of the accepted runs. */
  spreadMs: number;
  accepted: number;
  rejected: number;
}

/** A run counts when its peak stands at least this far above the runner-up. */
export const MIN_CLARITY = 1.5;

/** Median and spread of the clear runs; null when fewer than `minRuns` were clear. */
export function summariseRuns(
  runs: readonly DelayEstimate[],
  minRuns = 2,
  minClarity = MIN_CLARITY,
): LatencySummary | null {
  const clear = runs.filter((run) => run.clarity >= minClarity).map((run) => run.delayMs);
  if (clear.length < minRuns) return null;
  const sorted = [...clear].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return {
    medianMs,
    spreadMs: sorted.at(-1)! - sorted[0]!,
    accepted: clear.length,
    rejected: runs.length - clear.length,
  };
}

function nextPowerOfTwo(n: number): number {
  let size = 1;
  while (size < n) size <<= 1;
  return size;
}

function complexFrom(signal: Float32Array, size: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(size);
  re.set(signal);
  return { re, im: new Float64Array(size) };
}

const transforms = new Map<number, RealFft>();

/** In-place radix-2 FFT (the shared core one); `inverse` also scales by 1/n. */
export function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  let transform = transforms.get(n);
  if (!transform) {
    transform = new RealFft(n);
    transforms.set(n, transform);
  }
  transform.transform(re, im, inverse);
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}
