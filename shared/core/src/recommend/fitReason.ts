import type { VoiceProfile } from '../contracts/analysis';
import type { FitReasonParts } from '../contracts/fitReasonParts';
import { midiToName } from '../music/pitchNames';
import { fitReasonParts } from './fitReasonParts';
import type { ShiftedSong } from './shiftFit';

// The English one-line reason (the CLI's `reason`), rendered from the reason's parts.

/** "-2", "original key", "+3, an octave down". */
export function shiftLabel(shift: number, octave = 0): string {
  const key = shift === 0 ? 'original key' : shift > 0 ? `+${shift}` : `${shift}`;
  if (octave === 0) return key;
  return `${key}, ${octave < 0 ? 'an octave down' : 'an octave up'}`;
}

function semitones(count: number): string {
  return count === 1 ? '1 semitone' : `${count} semitones`;
}

/** "-2: top note E4 sits under your F4, 100% in your comfortable range"; `who` defaults from the parts. */
export function englishReason(
  parts: FitReasonParts,
  who = parts.singer === undefined ? 'your' : `singer ${parts.singer}'s`,
): string {
  const label = shiftLabel(parts.keyShift, parts.octave);
  const verdict = parts.verdict;
  switch (verdict.kind) {
    case 'beyond-range': {
      const song = midiToName(verdict.songMidi);
      const limit = midiToName(verdict.singerMidi);
      const distance = semitones(Math.abs(verdict.songMidi - verdict.singerMidi));
      return verdict.side === 'high'
        ? `${label}: top note ${song} is ${distance} above ${who} ${limit}`
        : `${label}: low note ${song} is ${distance} below ${who} ${limit}`;
    }
    case 'outside-comfort':
      return `${label}: ${verdict.percent}% of the song sits ${verdict.side === 'high' ? 'above' : 'below'} ${who} comfortable ${midiToName(verdict.singerMidi)}`;
    case 'fits': {
      const song = midiToName(verdict.songMidi);
      const limit = midiToName(verdict.singerMidi);
      const reaches = verdict.songMidi === verdict.singerMidi;
      const edge =
        verdict.side === 'low'
          ? reaches
            ? `low note ${song} reaches ${who} lowest`
            : `low note ${song} sits above ${who} ${limit}`
          : reaches
            ? `top note ${song} reaches ${who} highest`
            : `top note ${song} sits under ${who} ${limit}`;
      return `${label}: ${edge}, ${verdict.comfortablePercent}% in ${who} comfortable range`;
    }
  }
}

/** One line saying why a song at a shift fits (or where it does not): "-2: top note E4 sits under your F4". */
export function fitReason(
  song: ShiftedSong,
  singer: VoiceProfile,
  shift: number,
  octave = 0,
  who = 'your',
): string {
  return englishReason(fitReasonParts(song, singer, shift, octave), who);
}
