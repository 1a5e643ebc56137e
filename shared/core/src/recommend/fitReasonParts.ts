import type { VoiceProfile } from '../contracts/analysis';
import type { FitReasonParts, FitReasonVerdict } from '../contracts/fitReasonParts';
import type { ShiftedSong } from './shiftFit';

// Decides what a song's one-line reason says (its English wording lives in fitReason.ts): the first of
// out of range, mostly outside the comfortable range, or a fit with its tightest edge.

/** A share of sung time above this is worth telling the singer about. */
export const NOTABLE_SHARE = 0.2;

function verdictOf(song: ShiftedSong, singer: VoiceProfile): FitReasonVerdict {
  if (song.highest > singer.highest)
    return { kind: 'beyond-range', side: 'high', songMidi: song.highest, singerMidi: singer.highest };
  if (song.lowest < singer.lowest)
    return { kind: 'beyond-range', side: 'low', songMidi: song.lowest, singerMidi: singer.lowest };
  if (song.shareAbove > NOTABLE_SHARE) {
    const percent = Math.round(song.shareAbove * 100);
    return { kind: 'outside-comfort', side: 'high', percent, singerMidi: singer.comfortableHigh };
  }
  if (song.shareBelow > NOTABLE_SHARE) {
    const percent = Math.round(song.shareBelow * 100);
    return { kind: 'outside-comfort', side: 'low', percent, singerMidi: singer.comfortableLow };
  }
  const comfortablePercent = Math.round((1 - song.shareAbove - song.shareBelow) * 100);
  // The edge with less room left is the one the singer should know about (top wins a tie).
  return singer.highest - song.highest <= song.lowest - singer.lowest
    ? { kind: 'fits', side: 'high', songMidi: song.highest, singerMidi: singer.highest, comfortablePercent }
    : { kind: 'fits', side: 'low', songMidi: song.lowest, singerMidi: singer.lowest, comfortablePercent };
}

/** `singerNumber` (1-based) names the singer in group mode; leave it out for one singer. */
export function fitReasonParts(
  song: ShiftedSong,
  singer: VoiceProfile,
  shift: number,
  octave = 0,
  singerNumber?: number,
): FitReasonParts {
  const parts: FitReasonParts = { keyShift: shift, octave, verdict: verdictOf(song, singer) };
  if (singerNumber !== undefined) parts.singer = singerNumber;
  return parts;
}
