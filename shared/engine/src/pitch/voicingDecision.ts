import { addHarmonicLevelFrames } from './harmonicLevelVoicing';
import { pitchFluctuation } from './pitchFluctuation';
import type { PitchCandidates } from './salienceTracker';

// Voicing from salience contrast: a frame is sung when the predominant pitch explains most of its
// spectral peak energy and the frame is not far below the take's singing level; short blips are dropped.

export interface VoicingOptions {
  minHarmonicity: number;
  /** dB under the take's loud level (90th-percentile frame energy) below which nothing counts as sung. */
  levelRangeDb: number;
  minRunFrames: number;
  maxGapFrames: number;
  /** The level split applies when the quieter class sits within this many dB of the loud level. */
  backgroundWithinDb: number;
  /** Under a background, frames up to this many dB below the split still count if the pitch wavers like a voice. */
  rescueDb: number;
  /** Pitch fluctuation (mean |second difference|, cents) a rescued frame needs: accompaniment holds still. */
  rescueFluctuationCents: number;
  /** Rescue only when singing stands this far (dB, class means) above the background: at 0 dB the backing wavers through it. */
  rescueMinSeparationDb: number;
}

export const DEFAULT_VOICING: VoicingOptions = {
  minHarmonicity: 0.5,
  levelRangeDb: 25,
  minRunFrames: 6,
  maxGapFrames: 3,
  backgroundWithinDb: 20,
  rescueDb: 3,
  rescueFluctuationCents: 1.5,
  rescueMinSeparationDb: 6.5,
};

function percentile(values: Float32Array, p: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Two-class split of frame levels (Otsu on a 0.5 dB histogram): the threshold and both class means. */
function otsuSplit(levels: Float32Array): { threshold: number; lowMean: number; highMean: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of levels) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const bins = Math.max(1, Math.ceil((max - min) / 0.5));
  const counts = new Float64Array(bins + 1);
  for (const v of levels) counts[Math.floor((v - min) / 0.5)]!++;
  const total = levels.length;
  let sumAll = 0;
  for (let b = 0; b <= bins; b++) sumAll += b * counts[b]!;
  let weightLow = 0;
  let sumLow = 0;
  let best = -1;
  let threshold = min;
  let lowMean = min;
  let highMean = max;
  for (let b = 0; b <= bins; b++) {
    weightLow += counts[b]!;
    sumLow += b * counts[b]!;
    const weightHigh = total - weightLow;
    if (weightLow === 0 || weightHigh === 0) continue;
    const meanLow = sumLow / weightLow;
    const meanHigh = (sumAll - sumLow) / weightHigh;
    const between = weightLow * weightHigh * (meanLow - meanHigh) ** 2;
    if (between > best) {
      best = between;
      threshold = min + (b + 1) * 0.5;
      lowMean = min + meanLow * 0.5;
      highMean = min + meanHigh * 0.5;
    }
  }
  return { threshold, lowMean, highMean };
}

/** Optional per-frame voice-activity probability (e.g. Silero) vetoes frames it is sure are not voice. */
export interface VoicingDecision {
  /** 1 = sung, per frame. */
  voiced: Uint8Array;
  /** True when the take never falls quiet (backing track or heavy noise under the voice). */
  backgroundPresent: boolean;
  /** Frame level (dB) under which nothing counted as sung. */
  gate: number;
}

/**
 * A take that never falls quiet has a backing track (or heavy noise) under it: frame levels split in two
 * (Otsu) and the quieter group sits close to the loud frames.
 */
export function levelSplit(
  energyDb: Float32Array,
  options: Pick<VoicingOptions, 'backgroundWithinDb'> = DEFAULT_VOICING,
): { backgroundPresent: boolean; split: ReturnType<typeof otsuSplit>; loud: number } {
  const loud = percentile(energyDb, 0.9);
  const split = otsuSplit(energyDb);
  return { backgroundPresent: split.lowMean > loud - options.backgroundWithinDb, split, loud };
}

export function decideVoicing(
  candidates: PitchCandidates,
  options: VoicingOptions = DEFAULT_VOICING,
  activity: Float32Array | null = null,
): VoicingDecision {
  const frames = candidates.hz.length;
  const { backgroundPresent, split, loud } = levelSplit(candidates.energyDb, options);
  let gate = loud - options.levelRangeDb;
  if (backgroundPresent) gate = Math.max(gate, split.threshold);
  const voiced = new Uint8Array(frames);
  for (let t = 0; t < frames; t++) {
    const active = activity === null || activity[t]! >= 0.05;
    voiced[t] =
      active && candidates.harmonicity[t]! >= options.minHarmonicity && candidates.energyDb[t]! >= gate
        ? 1
        : 0;
  }
  // Quiet sung frames fall under the split; a wavering pitch tells them from the steady backing.
  if (backgroundPresent && split.highMean - split.lowMean >= options.rescueMinSeparationDb) {
    const fluctuation = pitchFluctuation(candidates.hz);
    for (let t = 0; t < frames; t++) {
      if (voiced[t] || (activity !== null && activity[t]! < 0.05)) continue;
      if (
        candidates.harmonicity[t]! >= options.minHarmonicity &&
        candidates.energyDb[t]! >= gate - options.rescueDb &&
        fluctuation[t]! >= options.rescueFluctuationCents
      )
        voiced[t] = 1;
    }
  }
  // Under a backing the voice rarely owns half the frame: judge quieter frames by its own harmonic level.
  if (backgroundPresent) addHarmonicLevelFrames(candidates, voiced, gate);
  // Bridge short gaps, then drop short runs.
  for (let t = 0; t < frames;) {
    if (voiced[t]) {
      t++;
      continue;
    }
    let end = t;
    while (end < frames && !voiced[end]) end++;
    if (t > 0 && end < frames && end - t <= options.maxGapFrames) voiced.fill(1, t, end);
    t = end;
  }
  for (let t = 0; t < frames;) {
    if (!voiced[t]) {
      t++;
      continue;
    }
    let end = t;
    while (end < frames && voiced[end]) end++;
    if (end - t < options.minRunFrames) voiced.fill(0, t, end);
    t = end;
  }
  return { voiced, backgroundPresent, gate };
}
