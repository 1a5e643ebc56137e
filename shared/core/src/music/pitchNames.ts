// Pitches are stored as MIDI numbers (C4 = 60, A4 = 69 = 440 Hz); names are only for display and parsing.

const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
const KOREAN_NAMES = ['도', '도#', '레', '레#', '미', '파', '파#', '솔', '솔#', '라', '라#', '시'] as const;
const LETTER_OFFSETS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

export const A4_MIDI = 69;
export const A4_HZ = 440;

export function midiToHz(midi: number): number {
  return A4_HZ * 2 ** ((midi - A4_MIDI) / 12);
}

/** Fractional MIDI number of a frequency (69.5 = a quarter tone above A4). */
export function hzToMidi(hz: number): number {
  if (!(hz > 0)) throw new RangeError(`frequency must be positive, got ${hz}`);
  return A4_MIDI + 12 * Math.log2(hz / A4_HZ);
}

/** Scientific pitch name: 60 -> "C4", 69 -> "A4", 70 -> "A#4". */
export function midiToName(midi: number): string {
  const rounded = Math.round(midi);
  const pitchClass = ((rounded % 12) + 12) % 12;
  const octave = Math.floor(rounded / 12) - 1;
  return `${SHARP_NAMES[pitchClass]}${octave}`;
}

/**
 * Korean karaoke naming: octaves are counted from C3 = "1옥타브", so A4 = "2옥타브 라" and F5 = "3옥타브 파";
 * notes below C3 are "저음" (low) and count downwards.
 */
export function midiToKoreanName(midi: number): string {
  const rounded = Math.round(midi);
  const pitchClass = ((rounded % 12) + 12) % 12;
  const karaokeOctave = Math.floor(rounded / 12) - 3;
  const name = KOREAN_NAMES[pitchClass];
  if (karaokeOctave >= 1) return `${karaokeOctave}옥타브 ${name}`;
  return `저음 ${1 - karaokeOctave}옥타브 ${name}`;
}

/** Parses "A4", "C#3", "Bb2", "e5" into a MIDI number; throws a clear error on anything else. */
export function nameToMidi(name: string): number {
  const match = /^\s*([A-Ga-g])([#b♯♭]?)(-?\d)\s*$/.exec(name);
  if (!match) throw new RangeError(`not a note name: "${name}" (expected e.g. A4, C#3, Bb2)`);
  const [, letter, accidental, octave] = match as unknown as [string, string, string, string];
  const base = LETTER_OFFSETS[letter.toUpperCase()]!;
  const shift =
    accidental === '#' || accidental === '♯' ? 1 : accidental === 'b' || accidental === '♭' ? -1 : 0;
  return (Number(octave) + 1) * 12 + base + shift;
}

/** Signed distance in cents from the nearest equal-tempered note. */
export function centsOff(hz: number): number {
  const midi = hzToMidi(hz);
  return Math.round((midi - Math.round(midi)) * 100);
}
