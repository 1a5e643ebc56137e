import { CatalogueImportError, type MelodyNote, type ParsedMelody } from './melody';
import { parseMidiFile, type MidiFile, type MidiNote } from './midiFileParser';
import { normalizeLanguage } from './songMetadataFields';

// Finds the sung melody in a MIDI or .kar file: in .kar, the part whose notes start where the lyric
// syllables do; otherwise the most monophonic part in singing range, preferring tracks named like a
// melody. General MIDI channel 10 (index 9) is drums and never a melody.

const DRUM_CHANNEL = 9;
const SINGING_RANGE = { low: 40, high: 84 } as const;
const MIN_MELODY_NOTES = 8;
/** A lyric syllable and a note onset this close (seconds) belong together. */
const ONSET_TOLERANCE_SEC = 0.08;
const MELODY_TRACK_NAME = /melod|vocal|voice|lead|sing|lyric|chant|gesang|멜로디|보컬/i;

export interface MelodyPart {
  track: number;
  channel: number;
  trackName: string;
  notes: MidiNote[];
  /** Share of notes that do not overlap the next one. */
  monophony: number;
  /** Share of notes inside a singable register. */
  inSingingRange: number;
  /** Share of lyric syllables that start on a note of this part (0 when the file has no lyrics). */
  lyricAlignment: number;
  score: number;
}

interface Syllable {
  timeSec: number;
}

function lyricSyllables(file: MidiFile): Syllable[] {
  const lyrics = file.texts.filter((event) => event.type === 0x05 && event.text.trim() !== '');
  // Soft-karaoke (.kar) puts syllables in text events; lines starting with "@" are headers.
  const karText = file.texts.filter(
    (event) => event.type === 0x01 && event.text.trim() !== '' && !event.text.startsWith('@'),
  );
  return (lyrics.length >= karText.length ? lyrics : karText).map((event) => ({ timeSec: event.timeSec }));
}

function hasOnsetNear(sortedStarts: readonly number[], time: number): boolean {
  let low = 0;
  let high = sortedStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sortedStarts[mid]! < time - ONSET_TOLERANCE_SEC) low = mid + 1;
    else high = mid;
  }
  return low < sortedStarts.length && sortedStarts[low]! <= time + ONSET_TOLERANCE_SEC;
}

/** Every candidate part (track x channel) with its scores, best first. */
export function rankMelodyParts(file: MidiFile): MelodyPart[] {
  const trackNames = new Map<number, string>();
  for (const event of file.texts) {
    if (event.type === 0x03 && !trackNames.has(event.track)) trackNames.set(event.track, event.text.trim());
  }
  const groups = new Map<string, MidiNote[]>();
  for (const note of file.notes) {
    if (note.channel === DRUM_CHANNEL) continue;
    const key = `${note.track}:${note.channel}`;
    const group = groups.get(key) ?? [];
    group.push(note);
    groups.set(key, group);
  }
  const syllables = lyricSyllables(file);
  const parts: MelodyPart[] = [];
  for (const notes of groups.values()) {
    const { track, channel } = notes[0]!;
    let overlapping = 0;
    for (let i = 0; i + 1 < notes.length; i++) {
      const note = notes[i]!;
      if (notes[i + 1]!.startSec < note.startSec + note.durationSec - 0.03) overlapping++;
    }
    const monophony = 1 - overlapping / notes.length;
    const inSingingRange =
      notes.filter((note) => note.midi >= SINGING_RANGE.low && note.midi <= SINGING_RANGE.high).length /
      notes.length;
    const starts = notes.map((note) => note.startSec);
    const lyricAlignment =
      syllables.length >= MIN_MELODY_NOTES
        ? syllables.filter((syllable) => hasOnsetNear(starts, syllable.timeSec)).length / syllables.length
        : 0;
    const trackName = trackNames.get(track) ?? '';
    const nameBonus = MELODY_TRACK_NAME.test(trackName) ? 1.5 : 1;
    // Lyrics decide when present; otherwise a long, single-line part in a singable register wins.
    const score =
      lyricAlignment * 1000 + Math.log2(1 + notes.length) * monophony ** 2 * inSingingRange * nameBonus;
    parts.push({ track, channel, trackName, notes, monophony, inSingingRange, lyricAlignment, score });
  }
  return parts.sort((a, b) => b.score - a.score);
}

/** One line of notes: for chords keep the top note, and cut a note short where the next one starts. */
export function skyline(notes: readonly MidiNote[]): MelodyNote[] {
  const sorted = [...notes].sort((a, b) => a.startSec - b.startSec || b.midi - a.midi);
  const line: MelodyNote[] = [];
  for (const note of sorted) {
    const previous = line[line.length - 1];
    if (previous && note.startSec - previous.startSec < 0.01) continue;
    if (previous && previous.startSec + previous.durationSec > note.startSec) {
      previous.durationSec = note.startSec - previous.startSec;
    }
    line.push({ midi: note.midi, startSec: note.startSec, durationSec: note.durationSec });
  }
  return line;
}

/** @T lines of a .kar file: the first is the title, the second usually the artist. */
function karaokeHeaders(file: MidiFile): { titles: string[]; language?: string } {
  const titles: string[] = [];
  let language: string | undefined;
  for (const event of file.texts) {
    if (event.text.startsWith('@T')) titles.push(event.text.slice(2).trim());
    if (event.text.startsWith('@L')) language = event.text.slice(2).trim();
  }
  return { titles: titles.filter((title) => title !== ''), language };
}

export function parseMidiMelody(bytes: Uint8Array): ParsedMelody {
  const file = parseMidiFile(bytes);
  const best = rankMelodyParts(file).find((part) => part.notes.length >= MIN_MELODY_NOTES);
  if (!best)
    throw new CatalogueImportError(`no melody track (no part with ${MIN_MELODY_NOTES}+ notes outside drums)`);
  const metadata: ParsedMelody['metadata'] = {};
  const headers = karaokeHeaders(file);
  if (headers.titles[0]) metadata.title = headers.titles[0];
  if (headers.titles[1]) metadata.artist = headers.titles[1];
  if (headers.language) metadata.language = normalizeLanguage(headers.language);
  if (!metadata.title) {
    // The first track's name is, by convention, the song's.
    const name = file.texts.find((event) => event.type === 0x03 && event.track === 0)?.text.trim();
    if (name) metadata.title = name;
  }
  return { metadata, notes: skyline(best.notes) };
}
