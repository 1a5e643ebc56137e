import type { VoiceProfile } from '../contracts/analysis';
import { midiToName } from '../music/pitchNames';
import type { ShiftedSong } from './shiftFit';

/** A share of sung time above this is worth telling the singer about. */
const NOTABLE_SHARE = 0.2;

/** "-2", "original key", "+3, an octave down". */
export function shiftLabel(shift: number, octave = 0): string {
  const key = shift === 0 ? 'original key' : shift > 0 ? `+${shift}` : `${shift}`;
  if (octave === 0) return key;
  return `${key}, ${octave < 0 ? 'an octave down' : 'an octave up'}`;
}

function semitones(count: number): string {
  return count === 1 ? '1 semitone' : `${count} semitones`;
}

/** One line saying why a song at a shift fits (or where it does not): "-2: top note E4 sits under your F4". */
export function fitReason(
  song: ShiftedSong,
  singer: VoiceProfile,
  shift: number,
  octave = 0,
  who = 'your',
): string {
  const label = shiftLabel(shift, octave);
  const top = midiToName(song.highest);
  const bottom = midiToName(song.lowest);
  if (song.highest > singer.highest) {
    return `${label}: top note ${top} is ${semitones(song.highest - singer.highest)} above ${who} ${midiToName(singer.highest)}`;
  }
  if (song.lowest < singer.lowest) {
    return `${label}: low note ${bottom} is ${semitones(singer.lowest - song.lowest)} below ${who} ${midiToName(singer.lowest)}`;
  }
  if (song.shareAbove > NOTABLE_SHARE) {
    const percent = Math.round(song.shareAbove * 100);
    return `${label}: ${percent}% of the song sits above ${who} comfortable ${midiToName(singer.comfortableHigh)}`;
  }
  if (song.shareBelow > NOTABLE_SHARE) {
    const percent = Math.round(song.shareBelow * 100);
    return `${label}: ${percent}% of the song sits below ${who} comfortable ${midiToName(singer.comfortableLow)}`;
  }
  const comfortable = Math.round((1 - song.shareAbove - song.shareBelow) * 100);
  const headroomTop = singer.highest - song.highest;
  const headroomBottom = song.lowest - singer.lowest;
  let edge: string;
  if (headroomTop <= headroomBottom) {
    edge =
      headroomTop === 0
        ? `top note ${top} reaches ${who} highest`
        : `top note ${top} sits under ${who} ${midiToName(singer.highest)}`;
  } else {
    edge = `low note ${bottom} sits above ${who} ${midiToName(singer.lowest)}`;
  }
  return `${label}: ${edge}, ${comfortable}% in ${who} comfortable range`;
}
