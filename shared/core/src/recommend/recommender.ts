import type { Recommendation, VoiceProfile } from '../contracts/analysis';
import { midiToName } from '../music/pitchNames';
import { fitReason } from './fitReason';
import { MAX_WINDOW, MEAN_BINS_PER_SEMITONE, type RecommendIndex } from './recommendIndex';
import {
  candidateOctaves,
  CENTRE_TOLERANCE,
  FIT_WEIGHTS,
  fitScore,
  shiftSong,
  type ShiftedSong,
} from './shiftFit';
import { TopNSelection } from './topNSelection';

export interface RecommendOptions {
  top: number;
  /** Keep songs in any of these languages (ISO 639-1). */
  languages?: readonly string[];
  /** Keep songs carrying every one of these tags. */
  tags?: readonly string[];
  minDifficulty?: number;
  maxDifficulty?: number;
  /** 0: popularity only breaks ties between equal (rounded) fits; 1: the most popular song gains 20 points. */
  popularityWeight?: number;
}

/** Songs that pass the filters, or null when no filter is set (everything passes). */
function filterMask(index: RecommendIndex, options: RecommendOptions): Uint8Array | null {
  const languages = options.languages?.length ? options.languages.map((l) => l.toLowerCase()) : null;
  const tags = options.tags?.length ? options.tags.map((t) => t.toLowerCase()) : null;
  const minDifficulty = options.minDifficulty ?? 1;
  const maxDifficulty = options.maxDifficulty ?? 5;
  if (!languages && !tags && minDifficulty <= 1 && maxDifficulty >= 5) return null;
  const languageAllowed = new Uint8Array(index.languages.length);
  index.languages.forEach((language, code) => {
    languageAllowed[code] = !languages || languages.includes(language) ? 1 : 0;
  });
  // Common tags are checked as bits; rarer ones (beyond the 32 with bits) against the song itself.
  let requiredBits = 0;
  const rareTags: string[] = [];
  for (const tag of tags ?? []) {
    const bit = index.tags.indexOf(tag);
    if (bit >= 0) requiredBits |= 1 << bit;
    else rareTags.push(tag);
  }
  const mask = new Uint8Array(index.songs.length);
  for (let i = 0; i < mask.length; i++) {
    const difficulty = index.difficulty[i]!;
    if (difficulty < minDifficulty || difficulty > maxDifficulty) continue;
    if (languageAllowed[index.languageCode[i]!] === 0) continue;
    if ((index.tagBits[i]! & requiredBits) !== requiredBits) continue;
    if (rareTags.length > 0 && !rareTags.every((tag) => index.songs[i]!.tags.includes(tag))) continue;
    mask[i] = 1;
  }
  return mask;
}

/** What the inner loop needs about a singer, computed once per query. */
interface SingerBounds {
  lowest: number;
  highest: number;
  comfortableLow: number;
  comfortableHigh: number;
  centre: number;
  rangeWidth: number;
  comfortWidth: number;
}

function singerBounds(singer: VoiceProfile): SingerBounds {
  return {
    ...singer,
    centre: (singer.comfortableLow + singer.comfortableHigh) / 2,
    rangeWidth: singer.highest - singer.lowest,
    comfortWidth: singer.comfortableHigh - singer.comfortableLow + 1,
  };
}

/** The least a placement can cost in centring, shift and octave points when the ideal shift is `ideal`. */
function placementCost(ideal: number, octave: number): number {
  // Shift towards the ideal until the mean is within tolerance (centring costs more per semitone than
  // shifting), but no further than the karaoke limit of 6.
  const away = Math.abs(ideal);
  const centring =
    away <= CENTRE_TOLERANCE
      ? 0
      : away <= 6 + CENTRE_TOLERANCE
        ? FIT_WEIGHTS.perShiftSemitone * (away - CENTRE_TOLERANCE)
        : FIT_WEIGHTS.perShiftSemitone * 6 + FIT_WEIGHTS.offCentre * (away - 6 - CENTRE_TOLERANCE);
  return centring + FIT_WEIGHTS.perOctave * Math.abs(octave);
}

/**
 * The best fit song i can possibly reach with this singer, from precomputed facts: the most of it any
 * window as wide as the comfortable range can hold, by how much its span exceeds the range, and how far
 * its mean sits from the singer's centre. Each term is a lower bound of its own penalty, so the sum is.
 */
function fitUpperBound(index: RecommendIndex, i: number, singer: SingerBounds): number {
  const inside =
    singer.comfortWidth > MAX_WINDOW
      ? 1
      : index.windowShare[(singer.comfortWidth - 1) * index.songs.length + i]!;
  const excess = index.highest[i]! - index.lowest[i]! - singer.rangeWidth;
  const distance = singer.centre - index.meanMidi[i]!;
  const nearest = distance >= 18 ? 1 : distance <= -18 ? -1 : Math.round(distance / 12);
  // The octaves candidateOctaves() allows: the written one unless hopelessly far, and the nearest.
  const writtenAllowed = nearest === 0 || Math.abs(distance) <= 9;
  const placement = Math.min(
    writtenAllowed ? placementCost(distance, 0) : Infinity,
    nearest !== 0 ? placementCost(distance - 12 * nearest, nearest) : Infinity,
  );
  return (
    100 -
    Math.min(FIT_WEIGHTS.shareAboveComfort, FIT_WEIGHTS.shareBelowComfort) * (1 - inside) -
    (excess > 0 ? Math.min(FIT_WEIGHTS.semitoneOverTop, FIT_WEIGHTS.semitoneUnderBottom) * excess : 0) -
    placement
  );
}

/**
 * A cap on any song's fit for this group: every song pays at least its worst singer's placement cost
 * (centring, shift, octave), which depends only on the song's mean; so the cap is 100 less the least
 * such cost over the places where the catalogue has song means. Costs use any octave (a relaxation,
 * so the cap stays a true bound) and are taken at bin centres less what the bin width can hide.
 */
function catalogueFitCap(index: RecommendIndex, singers: readonly SingerBounds[]): number {
  const slack = (FIT_WEIGHTS.offCentre * 0.5) / MEAN_BINS_PER_SEMITONE;
  let least = Infinity;
  for (let bin = 0; bin < index.meanBins.length; bin++) {
    if (index.meanBins[bin] === 0) continue;
    const mean = (bin + 0.5) / MEAN_BINS_PER_SEMITONE;
    let worst = 0;
    for (const singer of singers) {
      const distance = singer.centre - mean;
      const cost = Math.min(
        placementCost(distance + 12, -1),
        placementCost(distance, 0),
        placementCost(distance - 12, 1),
      );
      if (cost > worst) worst = cost;
    }
    if (worst < least) least = worst;
  }
  return least === Infinity ? 0 : 100 - Math.max(0, least - slack);
}

/** Where the fast path leaves its answer for one song (no allocation per song). */
const best = { fit: -1, shift: 0 };
const scratch: ShiftedSong = { lowest: 0, highest: 0, meanMidi: 0, shareAbove: 0, shareBelow: 0 };

/**
 * Tries every shift (and each singer's candidate octaves) for song i and leaves the best in `best`.
 * The arithmetic is fitScore's and candidateOctaves', written out over typed arrays because it runs up
 * to 13 x singers x 2 times per song (a test checks it agrees with fitScore). `floor`: fits at or below
 * it cannot enter the top N, so a placement whose memory-free part already falls to it is not finished.
 */
function bestShiftFor(
  index: RecommendIndex,
  i: number,
  singers: readonly SingerBounds[],
  floor: number,
): void {
  const low = index.lowest[i]!;
  const high = index.highest[i]!;
  const mean = index.meanMidi[i]!;
  const base = index.cumulativeOffset[i]! - low;
  const cumulative = index.cumulative;
  best.fit = -1;
  best.shift = 0;
  for (let shift = -6; shift <= 6; shift++) {
    const target = best.fit > floor ? best.fit : floor;
    const shiftCost = FIT_WEIGHTS.perShiftSemitone * (shift < 0 ? -shift : shift);
    let worst = 101;
    for (let s = 0; s < singers.length && worst > target; s++) {
      const singer = singers[s]!;
      const distance = singer.centre - mean;
      const nearest = distance >= 18 ? 1 : distance <= -18 ? -1 : Math.round(distance / 12);
      // Octaves to try: the written one unless hopelessly far, and the nearest when it differs.
      const firstOctave = nearest !== 0 && Math.abs(distance) > 9 ? nearest : 0;
      let singerBest = -1;
      for (let pass = 0; pass < 2; pass++) {
        const octave = pass === 0 ? firstOctave : nearest;
        if (pass === 1 && octave === firstOctave) break;
        const offset = shift + 12 * octave;
        const overTop = high + offset - singer.highest;
        const underBottom = singer.lowest - low - offset;
        const offCentre = Math.abs(mean + offset - singer.centre) - CENTRE_TOLERANCE;
        const unclamped =
          100 -
          (overTop > 0 ? FIT_WEIGHTS.semitoneOverTop * overTop : 0) -
          (underBottom > 0 ? FIT_WEIGHTS.semitoneUnderBottom * underBottom : 0) -
          (offCentre > 0 ? FIT_WEIGHTS.offCentre * offCentre : 0) -
          shiftCost -
          FIT_WEIGHTS.perOctave * (octave < 0 ? -octave : octave);
        const withoutShares = unclamped < 0 ? 0 : unclamped;
        if (withoutShares <= target || withoutShares <= singerBest) continue;
        const atOrBelowHigh = singer.comfortableHigh - offset;
        const belowLow = singer.comfortableLow - offset - 1;
        const shareAbove =
          atOrBelowHigh < low ? 1 : atOrBelowHigh >= high ? 0 : 1 - cumulative[base + atOrBelowHigh]!;
        const shareBelow = belowLow < low ? 0 : belowLow >= high ? 1 : cumulative[base + belowLow]!;
        let fit =
          withoutShares -
          FIT_WEIGHTS.shareAboveComfort * shareAbove -
          FIT_WEIGHTS.shareBelowComfort * shareBelow;
        fit = fit > 100 ? 100 : fit < 0 ? 0 : fit;
        if (fit > singerBest) singerBest = fit;
      }
      if (singerBest < worst) worst = singerBest;
    }
    if (worst > best.fit && worst <= 100) {
      best.fit = worst;
      best.shift = shift;
    }
  }
}

/**
 * Ranks the catalogue for one singer, or for a group (a key shift that fits everyone, each singing in
 * their own octave, scored by the worst fit). Every shift -6..+6 is tried per song and the best kept;
 * O(songs x 13 x singers) at worst, with a partial top-N selection instead of a sort, and songs whose
 * best possible fit cannot enter the top N skipped before any shift is tried (exact, not a heuristic).
 */
export function recommend(
  index: RecommendIndex,
  singers: VoiceProfile | readonly VoiceProfile[],
  options: RecommendOptions,
): Recommendation[] {
  const group: readonly VoiceProfile[] = Array.isArray(singers) ? singers : [singers as VoiceProfile];
  if (group.length === 0) throw new RangeError('recommend needs at least one singer');
  const bounds = group.map(singerBounds);
  const top = Math.max(0, Math.floor(options.top));
  if (top === 0) return [];
  const mask = filterMask(index, options);
  const popularityPoints = 20 * (options.popularityWeight ?? 0);
  const selection = new TopNSelection(top);
  const chosenShift = new Map<number, { shift: number; fit: number }>();

  // No song can beat the cap, and songs come most popular first: once a song fitting as well as the
  // cap allows could not enter, nothing after it can.
  const cap = catalogueFitCap(index, bounds);
  const roundedCap = cap > 0 ? Math.round(cap) : 0;

  for (let i = 0; i < index.songs.length; i++) {
    if (mask && mask[i] === 0) continue;
    const popularity = index.popularity[i]!;
    // Fits are compared rounded, as shown, so popularity decides between songs that look equally good.
    const bonus = popularityPoints * popularity + 0.5 * popularity;
    if (roundedCap + bonus <= selection.threshold) break;
    // The group's fit is its worst singer's: one singer whose bound is too low rules the song out.
    const needed = selection.threshold - bonus;
    let hopeless = false;
    for (let s = 0; s < bounds.length && !hopeless; s++) {
      const bound = fitUpperBound(index, i, bounds[s]!);
      hopeless = (bound > 0 ? Math.round(bound) : 0) <= needed;
    }
    if (hopeless) continue;
    bestShiftFor(index, i, bounds, selection.threshold - bonus - 0.5);
    const score = Math.round(best.fit) + bonus;
    if (score <= selection.threshold) continue;
    selection.offer(i, score);
    chosenShift.set(i, { shift: best.shift, fit: best.fit });
  }

  return selection.sortedItems().map((i) => {
    const chosen = chosenShift.get(i)!;
    return describe(index, i, chosen.shift, chosen.fit, group);
  });
}

function describe(
  index: RecommendIndex,
  i: number,
  shift: number,
  fit: number,
  group: readonly VoiceProfile[],
): Recommendation {
  const song = index.songs[i]!;
  // The reason speaks about the singer the song fits worst (the only singer outside group mode).
  let worst = { singer: 0, fit: Infinity, octave: 0 };
  group.forEach((singer, s) => {
    let singerBest = { fit: -1, octave: 0 };
    for (const octave of candidateOctaves(index.meanMidi[i]!, singer)) {
      const octaveFit = fitScore(
        shiftSong(index, i, shift + 12 * octave, singer, scratch),
        singer,
        shift,
        octave,
      );
      if (octaveFit > singerBest.fit) singerBest = { fit: octaveFit, octave };
    }
    if (singerBest.fit < worst.fit) worst = { singer: s, ...singerBest };
  });
  const singer = group[worst.singer]!;
  shiftSong(index, i, shift + 12 * worst.octave, singer, scratch);
  const who = group.length === 1 ? 'your' : `singer ${worst.singer + 1}'s`;
  const recommendation: Recommendation = {
    songId: song.id,
    title: song.title,
    artist: song.artist,
    keyShift: shift,
    fit: Math.round(fit),
    reason: fitReason(scratch, singer, shift, worst.octave, who),
    songRange: {
      lowest: { midi: song.range.lowest, note: midiToName(song.range.lowest) },
      highest: { midi: song.range.highest, note: midiToName(song.range.highest) },
    },
  };
  if (group.length === 1 && worst.octave !== 0) recommendation.octave = worst.octave;
  return recommendation;
}
