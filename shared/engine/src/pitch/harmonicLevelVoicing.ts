import type { PitchCandidates } from './salienceTracker';

// Under a backing track the voice rarely owns half of a frame's peak energy; instead judge a frame by the
// level on the tracked pitch's own harmonics against the level the clearly sung frames around it hold.

export interface HarmonicLevelOptions {
  /** Frames each side over which the sung reference level is averaged. */
  windowFrames: number;
  /** A frame counts as sung when its harmonic level is within this many dB of the reference. */
  withinDb: number;
  /** Lowest harmonic share still considered (below it the path follows nothing in particular). */
  minHarmonicity: number;
  /** Fewest clearly sung frames the window needs before it gives a reference. */
  minReferenceFrames: number;
  /** dB under the level gate a frame may sit: a quiet sung note drops under the backing's level split. */
  gateReliefDb: number;
  /** Frames each side over which the local level slope is fitted. */
  slopeFrames: number;
  /** A frame whose harmonic level falls faster than this (dB/s) is a struck backing tone dying away. */
  minSlopeDbPerSec: number;
}

export const DEFAULT_HARMONIC_LEVEL: HarmonicLevelOptions = {
  windowFrames: 50,
  withinDb: 4,
  minHarmonicity: 0.3,
  minReferenceFrames: 20,
  gateReliefDb: 6,
  slopeFrames: 10,
  minSlopeDbPerSec: -8,
};

/** Level (dB) on the harmonics of the tracked pitch: frame energy times the share lying on them. */
export function harmonicLevelDb(candidates: PitchCandidates, t: number): number {
  return candidates.energyDb[t]! + 10 * Math.log10(candidates.harmonicity[t]! + 1e-6);
}

/**
 * Marks extra sung frames in `voiced` (in place): unvoiced frames with some harmonic share whose harmonic
 * level reaches the mean of the clearly sung frames near them and is not dying away. O(frames).
 */
export function addHarmonicLevelFrames(
  candidates: PitchCandidates,
  voiced: Uint8Array,
  gate: number,
  options: HarmonicLevelOptions = DEFAULT_HARMONIC_LEVEL,
): void {
  const frames = voiced.length;
  const levels = new Float64Array(frames);
  for (let t = 0; t < frames; t++) levels[t] = harmonicLevelDb(candidates, t);
  // Prefix sums: sung count and level (window means), level and time x level (centred slopes).
  const count = new Float64Array(frames + 1);
  const sungSum = new Float64Array(frames + 1);
  const sumY = new Float64Array(frames + 1);
  const sumTY = new Float64Array(frames + 1);
  for (let t = 0; t < frames; t++) {
    count[t + 1] = count[t]! + voiced[t]!;
    sungSum[t + 1] = sungSum[t]! + (voiced[t] ? levels[t]! : 0);
    sumY[t + 1] = sumY[t]! + levels[t]!;
    sumTY[t + 1] = sumTY[t]! + t * levels[t]!;
  }
  const w = options.windowFrames;
  const sw = options.slopeFrames;
  const sxx = (sw * (sw + 1) * (2 * sw + 1)) / 3;
  const floor = gate - options.gateReliefDb;
  for (let t = 0; t < frames; t++) {
    if (voiced[t] || candidates.harmonicity[t]! < options.minHarmonicity) continue;
    if (candidates.energyDb[t]! < floor) continue;
    const lo = Math.max(0, t - w);
    const hi = Math.min(frames, t + w + 1);
    const n = count[hi]! - count[lo]!;
    if (n < options.minReferenceFrames) continue;
    if (levels[t]! < (sungSum[hi]! - sungSum[lo]!) / n - options.withinDb) continue;
    if (t >= sw && t + sw < frames) {
      const sxy = sumTY[t + sw + 1]! - sumTY[t - sw]! - t * (sumY[t + sw + 1]! - sumY[t - sw]!);
      if (sxy / sxx / candidates.hopSec < options.minSlopeDbPerSec) continue;
    }
    voiced[t] = 1;
  }
}
