import type { SungNote } from './noteSegmenter';

// Range (extremes held long enough to count) and tessitura (where the sung time concentrates).

export interface VocalRange {
  lowest: number;
  highest: number;
  /** Tessitura: the central share of sung time, by note. */
  comfortableLow: number;
  comfortableHigh: number;
  /** Seconds sung per MIDI note. */
  histogram: Map<number, number>;
}

export interface RangeOptions {
  /** A note counts towards the range only if held at least this long. */
  minHoldSec: number;
  /** Share of sung time inside the tessitura (0.8 = drop 10% at each end). */
  tessituraShare: number;
}

export const DEFAULT_RANGE_OPTIONS: RangeOptions = { minHoldSec: 0.25, tessituraShare: 0.8 };

export function durationHistogram(notes: readonly SungNote[]): Map<number, number> {
  const histogram = new Map<number, number>();
  for (const note of notes) histogram.set(note.midi, (histogram.get(note.midi) ?? 0) + note.durSec);
  return histogram;
}

/** Returns null when no note was held long enough to define a range. */
export function estimateRange(
  notes: readonly SungNote[],
  options: RangeOptions = DEFAULT_RANGE_OPTIONS,
): VocalRange | null {
  const held = notes.filter((n) => n.durSec >= options.minHoldSec);
  if (held.length === 0) return null;
  const histogram = durationHistogram(notes);
  const keys = [...histogram.keys()].sort((a, b) => a - b);
  const total = keys.reduce((s, k) => s + histogram.get(k)!, 0);
  const tail = ((1 - options.tessituraShare) / 2) * total;
  let comfortableLow = keys[0]!;
  let comfortableHigh = keys[keys.length - 1]!;
  let cumulative = 0;
  for (const k of keys) {
    cumulative += histogram.get(k)!;
    if (cumulative > tail) {
      comfortableLow = k;
      break;
    }
  }
  cumulative = 0;
  for (const k of [...keys].reverse()) {
    cumulative += histogram.get(k)!;
    if (cumulative > tail) {
      comfortableHigh = k;
      break;
    }
  }
  const lowest = Math.min(...held.map((n) => n.midi));
  const highest = Math.max(...held.map((n) => n.midi));
  return {
    lowest,
    highest,
    comfortableLow: Math.max(lowest, Math.min(comfortableLow, comfortableHigh)),
    comfortableHigh: Math.min(highest, Math.max(comfortableLow, comfortableHigh)),
    histogram,
  };
}
