import { CENTRE_TOLERANCE, FIT_WEIGHTS } from './shiftFit';
import type { SingerBounds } from './singerBounds';
import type { SongBuckets } from './songBuckets';
import { placementCost } from './songFitBound';

/** Added to every bound so that rounding in a different order of operations never puts a song above it. */
const SLACK = 1e-6;

// Module constants: read per placement, tens of thousands of times per query.
const ABOVE = FIT_WEIGHTS.shareAboveComfort;
const BELOW = FIT_WEIGHTS.shareBelowComfort;
const OVER_TOP = FIT_WEIGHTS.semitoneOverTop;
const UNDER_BOTTOM = FIT_WEIGHTS.semitoneUnderBottom;
const OFF_CENTRE = FIT_WEIGHTS.offCentre;
const PER_SHIFT = FIT_WEIGHTS.perShiftSemitone;
const PER_OCTAVE = FIT_WEIGHTS.perOctave;

/** The current singer's best fit per shift -6..+6 (reused, never reallocated). */
const singerByShift = new Float64Array(13);

/** The least |x - target| over x in [from, to]; Infinity when the interval is empty. */
function nearestDistance(from: number, to: number, target: number): number {
  if (from > to) return Infinity;
  return target < from ? from - target : target > to ? target - to : 0;
}

/**
 * A quick bound on the group fit of bucket b's songs, a few operations per singer: each singer's own
 * best (the most of a member the comfortable window can hold, the span beyond the range, the nearest
 * placement of the means), the worst of those. Looser than bucketFitBound because each singer may pick
 * their own shift; it orders buckets so that only promising ones pay for the exact per-shift bound.
 */
export function bucketQuickBound(buckets: SongBuckets, b: number, singers: readonly SingerBounds[]): number {
  const span = buckets.highest[b]! - buckets.lowest[b]!;
  let worst = 100;
  for (let s = 0; s < singers.length; s++) {
    const singer = singers[s]!;
    const inside =
      singer.comfortWidth > buckets.windowShare.length / buckets.count
        ? 1
        : buckets.windowShare[(singer.comfortWidth - 1) * buckets.count + b]!;
    const excess = span - singer.rangeWidth;
    // Distances centre - mean over the bucket's means, and the octaves candidateOctaves() allows on them.
    const from = singer.centre - buckets.meanMax[b]!;
    const to = singer.centre - buckets.meanMin[b]!;
    const placement = Math.min(
      placementCost(nearestDistance(Math.max(from, -9), Math.min(to, 9), 0), 0),
      placementCost(nearestDistance(Math.max(from, 6), to, 12), 1),
      placementCost(nearestDistance(from, Math.min(to, -6), -12), -1),
    );
    const fit =
      100 -
      Math.min(ABOVE, BELOW) * (1 - inside) -
      (excess > 0 ? Math.min(OVER_TOP, UNDER_BOTTOM) * excess : 0) -
      placement;
    if (fit < worst) worst = fit;
  }
  return worst <= 0 ? SLACK : worst + SLACK;
}

/**
 * The best group fit any song of bucket b can reach, and in perShift[at + shift + 6] the best at each
 * shift (songs are only tried at shifts whose bound can still enter the top N). Shifts whose bound
 * falls to `target` are left unfinished (their value stays an upper bound); capAt >= 0 starts from the
 * parent's per-shift bounds there, which hold for any part of it. For each shared shift, the worst singer's best
 * octave, each placement scored with the bucket's exact range terms, the nearest its means get to the
 * singer's centre and the least share outside the comfortable range any of its songs has. Exact where
 * the songs agree and optimistic where they differ, so it never falls below a member's real fit.
 */
export function bucketFitBound(
  buckets: SongBuckets,
  b: number,
  singers: readonly SingerBounds[],
  perShift: Float64Array,
  at: number,
  target: number,
  capAt: number,
): number {
  const low = buckets.lowest[b]!;
  const high = buckets.highest[b]!;
  const meanMin = buckets.meanMin[b]!;
  const meanMax = buckets.meanMax[b]!;
  const base = buckets.envelopeOffset[b]! - low;
  const most = buckets.cumulativeMax;
  const least = buckets.cumulativeMin;
  if (capAt < 0) perShift.fill(100, at, at + 13);
  else perShift.copyWithin(at, capAt, capAt + 13);
  for (let s = 0; s < singers.length; s++) {
    // Shifts already at or below the target are settled: no later singer can raise them.
    let open = 0;
    for (let k = 0; k < 13; k++) if (perShift[at + k]! > target) open++;
    if (open === 0) break;
    const singer = singers[s]!;
    singerByShift.fill(0);
    // The octaves candidateOctaves() allows for some mean in [meanMin, meanMax].
    const farthest = singer.centre - meanMin;
    const nearest = singer.centre - meanMax;
    const fromOctave = nearest <= -6 ? -1 : nearest <= 9 && farthest >= -9 ? 0 : 1;
    const toOctave = farthest >= 6 ? 1 : nearest <= 9 && farthest >= -9 ? 0 : -1;
    for (let octave = fromOctave; octave <= toOctave; octave++) {
      const octaveCost = PER_OCTAVE * (octave < 0 ? -octave : octave);
      for (let shift = -6; shift <= 6; shift++) {
        if (perShift[at + shift + 6]! <= target) continue;
        const offset = shift + 12 * octave;
        let fit = 100 - octaveCost - PER_SHIFT * (shift < 0 ? -shift : shift);
        const overTop = high + offset - singer.highest;
        if (overTop > 0) fit -= OVER_TOP * overTop;
        const underBottom = singer.lowest - low - offset;
        if (underBottom > 0) fit -= UNDER_BOTTOM * underBottom;
        const above = meanMin + offset - singer.centre - CENTRE_TOLERANCE;
        const below = singer.centre - (meanMax + offset) - CENTRE_TOLERANCE;
        if (above > 0) fit -= OFF_CENTRE * above;
        else if (below > 0) fit -= OFF_CENTRE * below;
        const atOrBelowHigh = singer.comfortableHigh - offset;
        if (atOrBelowHigh < low) fit -= ABOVE;
        else if (atOrBelowHigh < high) fit -= ABOVE * (1 - most[base + atOrBelowHigh]!);
        const belowLow = singer.comfortableLow - offset - 1;
        if (belowLow >= high) fit -= BELOW;
        else if (belowLow >= low) fit -= BELOW * least[base + belowLow]!;
        if (fit > singerByShift[shift + 6]!) singerByShift[shift + 6] = fit;
      }
    }
    for (let k = 0; k < 13; k++)
      if (singerByShift[k]! < perShift[at + k]!) perShift[at + k] = singerByShift[k]!;
  }
  let best = 0;
  for (let k = 0; k < 13; k++) {
    const bound = perShift[at + k]! + SLACK;
    perShift[at + k] = bound;
    if (bound > best) best = bound;
  }
  return best >= 100 ? 100 : best;
}
