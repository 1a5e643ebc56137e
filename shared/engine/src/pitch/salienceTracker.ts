import {
  binToHz,
  DEFAULT_SALIENCE,
  makeGrid,
  SalienceVoter,
  type SalienceGrid,
  type SalienceParams,
} from './harmonicSalience';
import {
  FFT_SIZE,
  forEachSpectrum,
  HOP,
  loudnessWeights,
  pickPeaks,
  toTrackRate,
  TRACK_RATE,
  type FramePeaks,
} from './spectralFrames';

export interface TrackerParams {
  minHz: number;
  maxHz: number;
  centsPerBin: number;
  salience: SalienceParams;
  /** Peaks quieter than this many dB under the frame's loudest are ignored. */
  peakRangeDb: number;
  maxPeaks: number;
  /** Viterbi: cost per bin of pitch movement between frames, and the flat cost of a jump. */
  stepCost: number;
  jumpCost: number;
  /** Log-salience floor (relative to the frame's best) so one weak frame cannot veto a path. */
  emissionFloor: number;
  /** Corner of the equal-loudness high-pass applied to peak magnitudes (0 = none). */
  loudnessCornerHz: number;
  /** Share of peak energy a sub-multiple of the path pitch must explain on top to replace it. */
  subharmonicGain: number;
  /** Highest sub-multiple tried: a low voice's vowel formant can make its 7th harmonic the loudest peak. */
  maxSubmultiple: number;
  /** Frames back over which a bin's salience is compared to see whether it is dying away. */
  decayFrames: number;
  /** Emission penalty per unit of log-salience lost over `decayFrames` (struck backing tones decay, sung notes hold). */
  decayWeight: number;
}

export const DEFAULT_TRACKER: TrackerParams = {
  minHz: 78,
  maxHz: 1100,
  centsPerBin: 20,
  salience: DEFAULT_SALIENCE,
  peakRangeDb: 30,
  maxPeaks: 48,
  stepCost: 0.12,
  jumpCost: 3,
  emissionFloor: -4,
  loudnessCornerHz: 200,
  subharmonicGain: 0.25,
  maxSubmultiple: 8,
  decayFrames: 10,
  decayWeight: 1,
};

export interface PitchCandidates {
  hopSec: number;
  /** Best continuous predominant pitch in every frame (voiced or not), in Hz. */
  hz: Float32Array;
  /** Share of the frame's peak energy lying on the harmonics of `hz` (0..1). */
  harmonicity: Float32Array;
  /** Frame energy in dB (relative to full scale) in the 80 Hz-4 kHz band. */
  energyDb: Float32Array;
}

/** The salience stage's output: what the rule path and the learned voice picker both start from. */
export interface SalienceFrames {
  hopSec: number;
  /** Frame energy in dB (relative to full scale) in the 80 Hz-4 kHz band. */
  energyDb: Float32Array;
  salience: SalienceMatrix;
  /** Each frame's spectral peaks (up to `perFrame`), for harmonic-share checks. */
  peaks: { hz: Float32Array; magnitude: Float32Array; counts: Uint8Array; perFrame: number };
}

export interface SalienceMatrix {
  grid: SalienceGrid;
  frames: number;
  /** Row-major: frame t, bin b at t * grid.bins + b. */
  values: Float32Array;
  /** Each frame's largest salience. */
  frameMax: Float32Array;
}

/** Harmonic salience per frame, with each frame's level and spectral peaks (the first stage of tracking). */
export function computeSalience(
  samples: Float32Array,
  sampleRate: number,
  params: TrackerParams = DEFAULT_TRACKER,
): SalienceFrames {
  const signal = toTrackRate(samples, sampleRate);
  const frames = Math.max(1, Math.floor(signal.length / HOP));
  const grid = makeGrid(params.minHz, params.maxHz, params.centsPerBin);
  const bins = grid.bins;
  const voter = new SalienceVoter(grid, params.salience);
  const salience = new Float64Array(bins);
  const saliences = new Float32Array(frames * bins);
  const peaksHz = new Float32Array(frames * params.maxPeaks);
  const peaksMag = new Float32Array(frames * params.maxPeaks);
  const peakCounts = new Uint8Array(frames);
  const energyDb = new Float32Array(frames);
  const frameMaxima = new Float32Array(frames);
  const peaks: FramePeaks = {
    hz: new Float64Array(params.maxPeaks),
    magnitude: new Float64Array(params.maxPeaks),
    count: 0,
  };
  const minBin = Math.floor((params.minHz * 0.9 * FFT_SIZE) / TRACK_RATE);
  const maxBin = Math.floor((3900 * FFT_SIZE) / TRACK_RATE);
  // Hann window sum over a 512-sample window is 256: scale so a full-scale sine reads 0 dB.
  const energyScale = 4 / (256 * 256);
  const weights = params.loudnessCornerHz > 0 ? loudnessWeights(params.loudnessCornerHz) : null;

  forEachSpectrum(signal, frames, (frame, magnitude) => {
    let energy = 0;
    for (let k = minBin; k <= maxBin; k++) energy += magnitude[k]! * magnitude[k]!;
    energyDb[frame] = 10 * Math.log10(energy * energyScale + 1e-12);
    pickPeaks(magnitude, minBin, maxBin, params.peakRangeDb, peaks, weights);
    peakCounts[frame] = peaks.count;
    for (let p = 0; p < peaks.count; p++) {
      peaksHz[frame * params.maxPeaks + p] = peaks.hz[p]!;
      peaksMag[frame * params.maxPeaks + p] = peaks.magnitude[p]!;
    }
    frameMaxima[frame] = voter.accumulate(salience, peaks.hz, peaks.magnitude, peaks.count);
    saliences.set(salience, frame * bins);
  });

  return {
    hopSec: HOP / TRACK_RATE,
    energyDb,
    salience: { grid, frames, values: saliences, frameMax: frameMaxima },
    peaks: { hz: peaksHz, magnitude: peaksMag, counts: peakCounts, perFrame: params.maxPeaks },
  };
}

/** Share of each frame's peak energy lying on the harmonics of `hz` (0 where `hz` is 0). */
export function harmonicShares(frames: SalienceFrames, hz: Float32Array): Float32Array {
  const { peaks } = frames;
  return Float32Array.from(hz, (f0, t) =>
    f0 > 0 ? harmonicShare(peaks.hz, peaks.magnitude, t * peaks.perFrame, peaks.counts[t]!, f0) : 0,
  );
}

/** Predominant-pitch tracking: harmonic salience per frame, then the best continuous path by Viterbi. */
export function trackPredominantPitch(
  samples: Float32Array,
  sampleRate: number,
  params: TrackerParams = DEFAULT_TRACKER,
): PitchCandidates {
  return followPredominantPath(computeSalience(samples, sampleRate, params), params);
}

/**
 * The rule path: the best continuous path through the salience by Viterbi, stepped down to a sub-multiple
 * where that explains the peaks.
 */
export function followPredominantPath(
  stage: SalienceFrames,
  params: TrackerParams = DEFAULT_TRACKER,
): PitchCandidates {
  const { grid, frames, values: saliences, frameMax: frameMaxima } = stage.salience;
  const bins = grid.bins;
  const { hz: peaksHz, magnitude: peaksMag, counts: peakCounts } = stage.peaks;
  const path = viterbiPath(saliences, frameMaxima, frames, bins, params);
  const hz = new Float32Array(frames);
  const harmonicity = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    const b = path[t]!;
    const row = t * bins;
    const c = saliences[row + b]!;
    const l = b > 0 ? saliences[row + b - 1]! : c;
    const r = b < bins - 1 ? saliences[row + b + 1]! : c;
    const denominator = l - 2 * c + r;
    const shift = denominator < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denominator)) : 0;
    let f0 = binToHz(grid, b + shift);
    const offset = t * params.maxPeaks;
    let share = harmonicShare(peaksHz, peaksMag, offset, peakCounts[t]!, f0);
    // A formant-boosted harmonic can outvote a weak fundamental (phone band, reverb): step down to the
    // sub-multiple that explains clearly more of the frame's peak energy.
    for (let k = 2; k <= params.maxSubmultiple && share < 0.85; k++) {
      const lower = f0 / k;
      if (lower < params.minHz) break;
      const lowerShare = harmonicShare(peaksHz, peaksMag, offset, peakCounts[t]!, lower);
      if (lowerShare - share >= params.subharmonicGain) {
        f0 = lower;
        share = lowerShare;
        break;
      }
    }
    hz[t] = f0;
    harmonicity[t] = share;
  }
  return { hopSec: stage.hopSec, hz, harmonicity, energyDb: stage.energyDb };
}

/** Ratio bounds of +-35 cents, so the harmonic test needs no logarithm. */
const CENTS_35_UP = 2 ** (35 / 1200);
const CENTS_35_DOWN = 1 / CENTS_35_UP;

/** Energy share of the peaks that sit on a harmonic of f0 (within 12% of f0, capped at 35 cents). */
function harmonicShare(
  peaksHz: Float32Array,
  peaksMag: Float32Array,
  offset: number,
  count: number,
  f0: number,
): number {
  let onHarmonic = 0;
  let total = 0;
  for (let p = 0; p < count; p++) {
    const hz = peaksHz[offset + p]!;
    const magnitude = peaksMag[offset + p]!;
    const energy = magnitude * magnitude;
    total += energy;
    const h = Math.round(hz / f0);
    if (h < 1) continue;
    const ratio = hz / (h * f0);
    if (Math.abs(hz - h * f0) < 0.12 * f0 && ratio < CENTS_35_UP && ratio > CENTS_35_DOWN)
      onHarmonic += energy;
  }
  return total > 0 ? onHarmonic / total : 0;
}

/**
 * Viterbi over salience bins with an L1 step cost capped by a jump cost; the max over predecessors is a
 * two-pass distance transform, so each frame costs O(bins) instead of O(bins^2).
 */
function viterbiPath(
  saliences: Float32Array,
  frameMaxima: Float32Array,
  frames: number,
  bins: number,
  params: TrackerParams,
): Uint16Array {
  const back = new Uint16Array(frames * bins);
  let score = new Float64Array(bins);
  let next = new Float64Array(bins);
  const best = new Float64Array(bins);
  const from = new Uint16Array(bins);
  const emission = new Float64Array(bins);
  const { stepCost, decayWeight, emissionFloor } = params;
  const floorShare = Math.exp(emissionFloor);
  // Ring of recent frames' log-salience, so the decay test costs no extra logarithm.
  const lag = params.decayFrames;
  const logRing = new Float64Array((lag + 1) * bins).fill(-Infinity);
  let argmax = 0;
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    const frameMax = frameMaxima[t]!;
    const silent = frameMax <= 1e-9;
    // Bins under the floor skip the logarithm: most of the grid is empty in any frame.
    const floorLevel = frameMax * floorShare;
    const logMax = silent ? 0 : Math.log(frameMax);
    const ringRow = (t % (lag + 1)) * bins;
    const pastRow = ((t + 1) % (lag + 1)) * bins;
    const decays = decayWeight > 0 && t >= lag;
    const first = t === 0;
    // One pass upwards: the emission of each bin, and the forward half of the distance transform
    // best[b] = max_j score[j] - stepCost * |b - j| (score is the previous frame's).
    let carry = -Infinity;
    let carryFrom = 0;
    for (let b = 0; b < bins; b++) {
      const value = saliences[row + b]!;
      if (silent || value <= floorLevel) {
        emission[b] = silent ? 0 : emissionFloor;
        logRing[ringRow + b] = -Infinity;
      } else {
        const logValue = Math.log(value);
        let e = logValue - logMax;
        logRing[ringRow + b] = logValue;
        if (decays) {
          // A struck backing tone dies away where a sung note holds: penalise salience lost since `lag` frames ago.
          let before = logRing[pastRow + b]!;
          if (b > 0) before = Math.max(before, logRing[pastRow + b - 1]!);
          if (b < bins - 1) before = Math.max(before, logRing[pastRow + b + 1]!);
          if (before > logValue) e -= decayWeight * Math.min(1.5, before - logValue);
        }
        emission[b] = e;
      }
      if (first) continue;
      const own = score[b]!;
      if (carry - stepCost > own) {
        carry -= stepCost;
      } else {
        carry = own;
        carryFrom = b;
      }
      best[b] = carry;
      from[b] = carryFrom;
    }
    if (first) {
      score.set(emission);
      for (let b = 1; b < bins; b++) if (score[b]! > score[argmax]!) argmax = b;
      continue;
    }
    // One pass downwards: the backward half of the transform, the choice against a jump from the previous
    // frame's best bin, and this frame's best (ties to the lower bin, as an upward scan would).
    const jump = score[argmax]! - params.jumpCost;
    const jumpFrom = argmax;
    let top = -Infinity;
    carry = -Infinity;
    carryFrom = 0;
    for (let b = bins - 1; b >= 0; b--) {
      let stay = best[b]!;
      let stayFrom = from[b]!;
      if (carry - stepCost > stay) {
        stay = carry - stepCost;
        stayFrom = carryFrom;
      }
      carry = stay;
      carryFrom = stayFrom;
      const useJump = jump > stay;
      const value = (useJump ? jump : stay) + emission[b]!;
      next[b] = value;
      back[row + b] = useJump ? jumpFrom : stayFrom;
      if (value >= top) {
        top = value;
        argmax = b;
      }
    }
    // Renormalise now and then so scores never drift towards -Infinity on long takes (shifts change no choice).
    if ((t & 63) === 0) for (let b = 0; b < bins; b++) next[b]! -= top;
    [score, next] = [next, score];
  }
  const path = new Uint16Array(frames);
  let b = argmax;
  for (let t = frames - 1; t >= 0; t--) {
    path[t] = b;
    if (t > 0) b = back[t * bins + b]!;
  }
  return path;
}
