import type { CatalogueEntry } from '../catalogue/catalogueEntry';
import { histogramEntries } from '../catalogue/pitchHistogram';

/**
 * The catalogue laid out for fast queries: per song its range, the duration-weighted mean note and a
 * cumulative histogram over its own range, so "what share of the song lies in [a, b] after a shift" is
 * two array reads.
 */
export interface RecommendIndex {
  readonly songs: readonly CatalogueEntry[];
  readonly lowest: Int16Array;
  readonly highest: Int16Array;
  readonly meanMidi: Float32Array;
  readonly popularity: Float32Array;
  readonly difficulty: Uint8Array;
  /** Start of each song's slice in `cumulative`; the slice has highest - lowest + 1 values. */
  readonly cumulativeOffset: Int32Array;
  /** cumulative[offset + k] = share of sung time on notes <= lowest + k (the last value is 1). */
  readonly cumulative: Float32Array;
}

export function buildRecommendIndex(songs: readonly CatalogueEntry[]): RecommendIndex {
  const count = songs.length;
  const lowest = new Int16Array(count);
  const highest = new Int16Array(count);
  const meanMidi = new Float32Array(count);
  const popularity = new Float32Array(count);
  const difficulty = new Uint8Array(count);
  const cumulativeOffset = new Int32Array(count);
  let totalLength = 0;
  for (const song of songs) totalLength += song.range.highest - song.range.lowest + 1;
  const cumulative = new Float32Array(totalLength);

  let offset = 0;
  songs.forEach((song, i) => {
    const low = song.range.lowest;
    const length = song.range.highest - low + 1;
    lowest[i] = low;
    highest[i] = song.range.highest;
    popularity[i] = song.popularity;
    difficulty[i] = song.difficulty;
    cumulativeOffset[i] = offset;
    const weights = new Float64Array(length);
    const entries = histogramEntries(song.histogram);
    // A declared range has no melody behind it: assume the song spreads evenly over it.
    if (entries.length === 0) weights.fill(1);
    for (const [midi, seconds] of entries) {
      const k = Math.min(length - 1, Math.max(0, midi - low));
      weights[k]! += seconds;
    }
    let total = 0;
    let weightedSum = 0;
    for (let k = 0; k < length; k++) {
      total += weights[k]!;
      weightedSum += weights[k]! * (low + k);
    }
    let running = 0;
    for (let k = 0; k < length; k++) {
      running += weights[k]!;
      cumulative[offset + k] = running / total;
    }
    cumulative[offset + length - 1] = 1;
    meanMidi[i] = weightedSum / total;
    offset += length;
  });
  return { songs, lowest, highest, meanMidi, popularity, difficulty, cumulativeOffset, cumulative };
}

/** Share of song i's sung time on notes <= midi (in the original key). */
export function shareAtOrBelow(index: RecommendIndex, i: number, midi: number): number {
  const low = index.lowest[i]!;
  if (midi < low) return 0;
  if (midi >= index.highest[i]!) return 1;
  return index.cumulative[index.cumulativeOffset[i]! + midi - low]!;
}
