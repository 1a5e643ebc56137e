import type { RecommendIndex } from './recommendIndex';
import { CENTRE_TOLERANCE, FIT_WEIGHTS } from './shiftFit';
import type { SingerBounds } from './singerBounds';

/** Where bestShiftFor leaves its answer for one song (no allocation per song). */
export const best = { fit: -1, shift: 0 };

/**
 * Tries every shift (and each singer's candidate octaves) for song i and leaves the best in `best`.
 * The arithmetic is fitScore's and candidateOctaves', written out over typed arrays because it runs up
 * to 13 x singers x 2 times per song (a test checks it agrees with fitScore). `floor`: fits at or below
 * it cannot enter the top N, so a placement whose memory-free part already falls to it is not finished,
 * and neither is a shift whose bound for the song's bucket, shiftBound[at + shift + 6], falls to it.
 */
export function bestShiftFor(
  index: RecommendIndex,
  i: number,
  singers: readonly SingerBounds[],
  floor: number,
  shiftBound: Float64Array,
  at: number,
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
    if (shiftBound[at + shift + 6]! <= target) continue;
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
