import type { Recommendation, VoiceProfile } from '../contracts/analysis';
import { midiToName } from '../music/pitchNames';
import { best, bestShiftFor } from './bestShift';
import { bucketFitBound, bucketQuickBound } from './bucketFitBound';
import { BucketQueue } from './bucketQueue';
import { queryScratch } from './queryScratch';
import { compileFilter, passesFilter, type FilterOptions } from './catalogueFilter';
import { englishReason } from './fitReason';
import { fitReasonParts } from './fitReasonParts';
import type { RecommendIndex } from './recommendIndex';
import { candidateOctaves, fitScore, shiftSong, type ShiftedSong } from './shiftFit';
import { singerBounds } from './singerBounds';
import { songFitBound } from './songFitBound';
import { TopNSelection } from './topNSelection';

export interface RecommendOptions extends FilterOptions {
  top: number;
  /** 0: popularity only breaks ties between equal (rounded) fits; 1: the most popular song gains 20 points. */
  popularityWeight?: number;
}

const scratch: ShiftedSong = { lowest: 0, highest: 0, meanMidi: 0, shareAbove: 0, shareBelow: 0 };

/** Guards comparisons of bounds computed in another order of operations than the scores they bound. */
const EPSILON = 1e-9;

/** Points a song of this popularity adds to its rounded fit; fits are compared rounded, as shown, so popularity decides between songs that look equally good. */
function popularityBonus(popularityPoints: number, popularity: number): number {
  return popularityPoints * popularity + 0.5 * popularity;
}

/**
 * Ranks the catalogue for one singer, or for a group (a key shift that fits everyone, each singing in
 * their own octave, scored by the worst fit). Every shift -6..+6 is tried per song and the best kept,
 * with ties going to the more popular song. Exact, not a heuristic: buckets of alike songs are bounded
 * (quickly, then per shared shift for the whole group) and visited best first, stopping where no
 * bucket left can enter the top N; inside a bucket a song is skipped when its own bound cannot enter,
 * and tried only at the shifts whose bucket bound still can.
 */
export function recommend(
  index: RecommendIndex,
  singers: VoiceProfile | readonly VoiceProfile[],
  options: RecommendOptions,
): Recommendation[] {
  const group: readonly VoiceProfile[] = Array.isArray(singers) ? singers : [singers as VoiceProfile];
  if (group.length === 0) throw new RangeError('recommend needs at least one singer');
  const weight = options.popularityWeight ?? 0;
  // Pruning relies on a more popular song never getting fewer points.
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError('popularityWeight must be >= 0');
  const bounds = group.map(singerBounds);
  const top = Math.max(0, Math.floor(options.top));
  if (top === 0) return [];
  const filter = compileFilter(index, options);
  const popularityPoints = 20 * weight;
  const selection = new TopNSelection(top);
  const chosenShift = new Map<number, { shift: number; fit: number }>();
  const buckets = index.buckets;
  // Every bucket enters the queue keyed by its quick bound; the exact per-shift bound is worked out
  // only when it reaches the top, so only buckets that could still enter the top N pay for it. A
  // parent on top with its exact bound opens into its children, keyed by no more than that bound.
  const { keys, heap, exact, roundedBound, shiftBound, parentOf } = queryScratch(buckets.count);
  const queue = new BucketQueue(keys, heap);
  const enqueue = (n: number, ceiling: number): void => {
    const bonus = popularityBonus(popularityPoints, buckets.topPopularity[n]!);
    const quick = Math.round(bucketQuickBound(buckets, n, bounds));
    keys[n] = (quick < ceiling ? quick : ceiling) + bonus + EPSILON;
    exact[n] = 0;
    queue.push(n);
  };
  for (let p = 0; p < buckets.parents; p++) enqueue(p, 100);

  while (!queue.empty) {
    const n = queue.top;
    // The queue is keyed by upper bounds: once the top cannot enter, nothing below it can.
    if (keys[n]! < selection.threshold) break;
    if (exact[n] === 0) {
      exact[n] = 1;
      const bonus = popularityBonus(popularityPoints, buckets.topPopularity[n]!);
      // A shift whose bound cannot lift even the bucket's most popular song into the top N is settled.
      const target = selection.threshold - bonus - 0.5 - EPSILON;
      const capAt = n < buckets.parents ? -1 : parentOf[n]! * 13;
      roundedBound[n] = Math.round(bucketFitBound(buckets, n, bounds, shiftBound, n * 13, target, capAt));
      const key = roundedBound[n]! + bonus + EPSILON;
      if (key < keys[n]!) queue.lowerTop(key);
      continue;
    }
    queue.pop();
    if (n < buckets.parents) {
      for (let c = buckets.firstChild[n]!; c < buckets.firstChild[n + 1]!; c++) {
        parentOf[c] = n;
        enqueue(c, roundedBound[n]!);
      }
    } else visitBucket(n);
  }

  function visitBucket(b: number): void {
    const bucketBound = roundedBound[b]!;
    const end = buckets.end[b]!;
    for (let m = buckets.start[b]!; m < end; m++) {
      const i = buckets.members[m]!;
      const bonus = popularityBonus(popularityPoints, index.popularity[i]!);
      // Members come most popular first, so once one cannot enter, none after it can.
      if (selection.refuses(i, bucketBound + bonus + EPSILON)) return;
      if (filter && !passesFilter(index, filter, i)) continue;
      // The group's fit is its worst singer's: one singer whose bound is too low rules the song out.
      let hopeless = false;
      for (let s = 0; s < bounds.length && !hopeless; s++) {
        const bound = songFitBound(index, i, bounds[s]!);
        hopeless = selection.refuses(i, (bound > 0 ? Math.round(bound + EPSILON) : 0) + bonus);
      }
      if (hopeless) continue;
      bestShiftFor(index, i, bounds, selection.threshold - bonus - 0.5 - EPSILON, shiftBound, b * 13);
      if (best.fit < 0) continue;
      if (selection.offer(i, Math.round(best.fit) + bonus))
        chosenShift.set(i, { shift: best.shift, fit: best.fit });
    }
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
  const reasonParts = fitReasonParts(
    scratch,
    singer,
    shift,
    worst.octave,
    group.length === 1 ? undefined : worst.singer + 1,
  );
  const recommendation: Recommendation = {
    songId: song.id,
    title: song.title,
    artist: song.artist,
    keyShift: shift,
    fit: Math.round(fit),
    reason: englishReason(reasonParts),
    reasonParts,
    songRange: {
      lowest: { midi: song.range.lowest, note: midiToName(song.range.lowest) },
      highest: { midi: song.range.highest, note: midiToName(song.range.highest) },
    },
  };
  if (group.length === 1 && worst.octave !== 0) recommendation.octave = worst.octave;
  return recommendation;
}
