import type { CatalogueEntry } from '../catalogue/catalogueEntry';
import { histogramEntries } from '../catalogue/pitchHistogram';
import { buildSongBuckets, type SongBuckets } from './songBuckets';

/** Window widths (semitones) for which the best share of a song inside one window is precomputed. */
export const MAX_WINDOW = 25;

/**
 * The catalogue laid out for fast queries: per song its range, the duration-weighted mean note and a
 * cumulative histogram over its own range, so "what share of the song lies in [a, b] after a shift" is
 * two array reads; the most of a song that any window of w semitones can hold, which bounds the best
 * fit a song can reach so most songs are skipped without trying a shift; buckets of alike songs that a
 * query bounds as a whole; and filter codes.
 */
export interface RecommendIndex {
  /** The catalogue, most popular first: good candidates fill the top-N early and raise the bar for the rest, and every array below is read front to back. */
  readonly songs: readonly CatalogueEntry[];
  readonly lowest: Int16Array;
  readonly highest: Int16Array;
  readonly meanMidi: Float64Array;
  readonly popularity: Float64Array;
  readonly difficulty: Uint8Array;
  /** Start of each song's slice in `cumulative`; the slice has highest - lowest + 1 values. */
  readonly cumulativeOffset: Int32Array;
  /** cumulative[offset + k] = share of sung time on notes <= lowest + k (the last value is 1). */
  readonly cumulative: Float64Array;
  /** windowShare[(w - 1) * songs + i] = the largest share of song i inside any w consecutive semitones. */
  readonly windowShare: Float32Array;
  /** Language of each song as a code into `languages`. */
  readonly languageCode: Uint16Array;
  readonly languages: readonly string[];
  /** Bit k of tagBits[i] is set when song i carries tags[k] (the 32 most common tags get bits). */
  readonly tagBits: Uint32Array;
  readonly tags: readonly string[];
  readonly buckets: SongBuckets;
}

export function buildRecommendIndex(catalogue: readonly CatalogueEntry[]): RecommendIndex {
  const songs = [...catalogue].sort((a, b) => b.popularity - a.popularity);
  const count = songs.length;
  const lowest = new Int16Array(count);
  const highest = new Int16Array(count);
  const meanMidi = new Float64Array(count);
  const popularity = new Float64Array(count);
  const difficulty = new Uint8Array(count);
  const cumulativeOffset = new Int32Array(count);
  const windowShare = new Float32Array(count * MAX_WINDOW);
  const languageCode = new Uint16Array(count);
  const languageIds = new Map<string, number>();
  let totalLength = 0;
  for (const song of songs) totalLength += song.range.highest - song.range.lowest + 1;
  const cumulative = new Float64Array(totalLength);

  let offset = 0;
  songs.forEach((song, i) => {
    const low = song.range.lowest;
    const length = song.range.highest - low + 1;
    lowest[i] = low;
    highest[i] = song.range.highest;
    popularity[i] = song.popularity;
    difficulty[i] = song.difficulty;
    cumulativeOffset[i] = offset;
    if (!languageIds.has(song.language)) languageIds.set(song.language, languageIds.size);
    languageCode[i] = languageIds.get(song.language)!;
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
    for (let w = 1; w <= MAX_WINDOW; w++) {
      let best = 0;
      if (w >= length) best = 1;
      else {
        for (let start = 0; start + w <= length; start++) {
          const share =
            cumulative[offset + start + w - 1]! - (start > 0 ? cumulative[offset + start - 1]! : 0);
          if (share > best) best = share;
        }
      }
      // Rounded up as stored, so the bound it gives never falls below a song's real best fit.
      windowShare[(w - 1) * count + i] = Math.min(1, best + 1e-6);
    }
    offset += length;
  });
  const tagCounts = new Map<string, number>();
  for (const song of songs) for (const tag of song.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const tags = [...tagCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 32)
    .map(([tag]) => tag);
  const tagBit = new Map(tags.map((tag, bit) => [tag, 1 << bit]));
  const tagBits = new Uint32Array(count);
  songs.forEach((song, i) => {
    for (const tag of song.tags) tagBits[i]! |= tagBit.get(tag) ?? 0;
  });
  return {
    songs,
    lowest,
    highest,
    meanMidi,
    popularity,
    difficulty,
    cumulativeOffset,
    cumulative,
    windowShare,
    languageCode,
    languages: [...languageIds.keys()],
    tagBits,
    tags,
    buckets: buildSongBuckets({
      lowest,
      highest,
      meanMidi,
      popularity,
      cumulativeOffset,
      cumulative,
      windowShare,
    }),
  };
}

/** Share of song i's sung time on notes <= midi (in the original key). */
export function shareAtOrBelow(index: RecommendIndex, i: number, midi: number): number {
  const low = index.lowest[i]!;
  if (midi < low) return 0;
  if (midi >= index.highest[i]!) return 1;
  return index.cumulative[index.cumulativeOffset[i]! + midi - low]!;
}
