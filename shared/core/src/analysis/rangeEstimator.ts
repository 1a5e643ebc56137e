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
  /** More than this many semitones between well-sung notes splits the histogram into separate bodies. */
  bodyGapSemitones: number;
  /** A semitone is well sung when it holds at least this share of the take's sung time. */
  denseShare: number;
  /** A body with less than this share of the main body's time is a stray (backing, reverb tail) and ignored. */
  strayShare: number;
  /** A smaller group this far (semitones) from its neighbours may be a harmonic echo of the main body. */
  echoGapSemitones: number;
  /** Held notes more than this many semitones outside the body need `farHoldSec` to count. */
  nearReachSemitones: number;
  /** Hold a note far outside the body needs: a backing tone the tracker grabbed is brief, a sung top note is held. */
  farHoldSec: number;
  /** Also drop a small group standing apart below the body whose main note is an octave under a body note: under
   * a backing track the tracker can lock onto the voice's sub-octave, which the bass line fills in. */
  subOctaveEchoes: boolean;
}

/** Intervals of the 3rd, 4th and 5th harmonics: where a tracker that skips the fundamental lands. */
const HARMONIC_INTERVALS = [19, 24, 28];

export const DEFAULT_RANGE_OPTIONS: RangeOptions = {
  minHoldSec: 0.25,
  tessituraShare: 0.8,
  bodyGapSemitones: 12,
  denseShare: 0.015,
  strayShare: 0.25,
  echoGapSemitones: 5,
  nearReachSemitones: 2,
  farHoldSec: 0.45,
  subOctaveEchoes: false,
};

export function durationHistogram(notes: readonly SungNote[]): Map<number, number> {
  const histogram = new Map<number, number>();
  for (const note of notes) histogram.set(note.midi, (histogram.get(note.midi) ?? 0) + note.durSec);
  return histogram;
}

/**
 * The span of the duration-weighted histogram's main body: well-sung semitones grouped wherever they lie
 * within `bodyGapSemitones` of each other, keeping every group with at least `strayShare` of the largest
 * group's time. Held notes outside it (plus the gap's reach) are isolated outliers, not the singer's range;
 * `echoes` are semitones that only mirror the body's notes at harmonic intervals (a skipped fundamental).
 */
export function histogramBody(
  histogram: ReadonlyMap<number, number>,
  options: RangeOptions = DEFAULT_RANGE_OPTIONS,
): { low: number; high: number; echoes: number[] } | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  const dense = [...histogram.keys()]
    .filter((k) => histogram.get(k)! >= options.denseShare * total)
    .sort((a, b) => a - b);
  if (dense.length === 0) return null;
  // Harmonic echoes: a small group standing apart, every note a 12th/15th/17th over a note of the main group
  // sung at least as long (a skipped fundamental borrows its root's frames; a glide's passing note has few).
  const fine = groupKeys(dense, histogram, options.echoGapSemitones);
  const main = fine.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const echoes = fine
    .filter(
      (g) =>
        g !== main &&
        g.seconds < options.strayShare * main.seconds &&
        (g.keys.every((k) =>
          HARMONIC_INTERVALS.some(
            (i) => main.keys.includes(k - i) && histogram.get(k - i)! >= histogram.get(k)!,
          ),
        ) ||
          (options.subOctaveEchoes && g.high < main.low && main.keys.includes(heaviest(g, histogram) + 12))),
    )
    .flatMap((g) => g.keys);
  const groups = groupKeys(
    dense.filter((k) => !echoes.includes(k)),
    histogram,
    options.bodyGapSemitones,
  );
  const largest = Math.max(...groups.map((g) => g.seconds));
  const kept = groups.filter((g) => g.seconds >= options.strayShare * largest);
  return { low: kept[0]!.low, high: kept[kept.length - 1]!.high, echoes };
}

interface KeyGroup {
  low: number;
  high: number;
  seconds: number;
  keys: number[];
}

/** The semitone of a group sung longest. */
function heaviest(group: KeyGroup, histogram: ReadonlyMap<number, number>): number {
  return group.keys.reduce((a, b) => (histogram.get(b)! > histogram.get(a)! ? b : a));
}

/** Sorted semitones split wherever two neighbours lie more than `gap` apart. */
function groupKeys(sorted: number[], histogram: ReadonlyMap<number, number>, gap: number): KeyGroup[] {
  const groups: KeyGroup[] = [];
  for (const k of sorted) {
    const last = groups[groups.length - 1];
    if (last && k - last.high <= gap) {
      last.high = k;
      last.seconds += histogram.get(k)!;
      last.keys.push(k);
    } else groups.push({ low: k, high: k, seconds: histogram.get(k)!, keys: [k] });
  }
  return groups;
}

/** A note that sits a 12th/15th/17th over a note sung at least four times as long is a skipped fundamental. */
function isHarmonicEcho(midi: number, histogram: ReadonlyMap<number, number>): boolean {
  const seconds = histogram.get(midi) ?? 0;
  return HARMONIC_INTERVALS.some((i) => (histogram.get(midi - i) ?? 0) >= 4 * seconds);
}

/** Returns null when no note was held long enough to define a range. */
export function estimateRange(
  notes: readonly SungNote[],
  options: RangeOptions = DEFAULT_RANGE_OPTIONS,
): VocalRange | null {
  const allHeld = notes.filter((n) => n.durSec >= options.minHoldSec);
  if (allHeld.length === 0) return null;
  const histogram = durationHistogram(notes);
  // A held note still counts when a gap's reach from the body: a leap to a top note is singing.
  const body = histogramBody(histogram, options);
  const reach = options.bodyGapSemitones - 1;
  const inBody = body
    ? allHeld.filter((n) => {
        if (body.echoes.includes(n.midi)) return false;
        const outside = Math.max(body.low - n.midi, n.midi - body.high, 0);
        if (outside <= options.nearReachSemitones) return true;
        return outside <= reach && n.durSec >= options.farHoldSec && !isHarmonicEcho(n.midi, histogram);
      })
    : allHeld;
  const held = inBody.length > 0 ? inBody : allHeld;
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
