import { MAX_WINDOW, type RecommendIndex } from './recommendIndex';
import { CENTRE_TOLERANCE, FIT_WEIGHTS } from './shiftFit';
import type { SingerBounds } from './singerBounds';

/** The least a placement can cost in centring, shift and octave points when the ideal shift is `ideal`. */
export function placementCost(ideal: number, octave: number): number {
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
 * The best fit song i can possibly reach with this singer at any shift, from precomputed facts: the
 * most of it any window as wide as the comfortable range can hold, by how much its span exceeds the
 * range, and how far its mean sits from the singer's centre. Each term is a lower bound of its own
 * penalty, so the sum is.
 */
export function songFitBound(index: RecommendIndex, i: number, singer: SingerBounds): number {
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
