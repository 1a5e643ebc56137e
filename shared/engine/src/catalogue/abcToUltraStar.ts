import { songId } from '@orak/core';
import { parseAbcTune, type AbcTune } from './abcTune';

// Writes an ABC tune as an UltraStar .txt file, the format the shipped catalogue is imported from.

/** 12 UltraStar beats per quarter note divides evenly into eighths, sixteenths and triplets. */
const BEATS_PER_QUARTER = 12;
const C4_MIDI = 60;

/** Catalogue metadata carried as `%%name value` directives in the ABC source. */
const METADATA_HEADERS: [directive: string, header: string][] = [
  ['language', 'LANGUAGE'],
  ['tags', 'TAGS'],
  ['year', 'YEAR'],
  ['popularity', 'POPULARITY'],
  ['difficulty', 'DIFFICULTY'],
];

export interface UltraStarFile {
  fileName: string;
  text: string;
}

export function tuneId(tune: AbcTune): string {
  // Ids leave out the parenthesised credits ("Traditional (words Robert Burns)" -> "traditional").
  const artist = (tune.fields.get('C') ?? 'Traditional').replace(/\s*\([^)]*\)/g, '');
  const title = (tune.fields.get('T') ?? '').replace(/\s*\([^)]*\)/g, '');
  return tune.directives.get('id') ?? songId(artist, title);
}

export function abcTuneToUltraStar(abc: string): UltraStarFile {
  const tune = parseAbcTune(abc);
  const title = tune.fields.get('T');
  if (!title) throw new Error('tune without T: title');
  const id = tuneId(tune);
  // UltraStar's BPM is quartered: BPM = beats per minute / 4.
  const bpm = (tune.quartersPerMinute * BEATS_PER_QUARTER) / 4;
  const lines = [`#TITLE:${title}`, `#ARTIST:${tune.fields.get('C') ?? 'Traditional'}`, `#ID:${id}`];
  for (const [directive, header] of METADATA_HEADERS) {
    const value = tune.directives.get(directive);
    if (value) lines.push(`#${header}:${value}`);
  }
  if (tune.fields.get('O')) lines.push(`#COMMENT:Origin: ${tune.fields.get('O')}`);
  lines.push(`#KEY:${tune.fields.get('K')}`, `#BPM:${bpm}`, '#GAP:0');

  let beat = 0;
  let notesInLine = 0;
  let continuesWord = false;
  for (const note of tune.notes) {
    const length = Math.round(note.quarters * BEATS_PER_QUARTER);
    if (note.midi === null) {
      if (notesInLine > 0) lines.push(`- ${beat}`);
      notesInLine = 0;
      beat += length;
      continue;
    }
    const syllable = note.syllable ?? 'la';
    const text = syllable.endsWith('-') ? syllable.slice(0, -1) : syllable;
    const spacer = notesInLine === 0 || continuesWord || syllable === '~' ? '' : ' ';
    continuesWord = syllable.endsWith('-');
    // Leave a small breath between notes, as UltraStar files do, but never shorten a note to nothing.
    const sung = length > 3 ? length - 1 : length;
    lines.push(`: ${beat} ${sung} ${note.midi - C4_MIDI} ${spacer}${text}`);
    notesInLine++;
    beat += length;
    if (notesInLine >= 8 && note.quarters >= 1.5 && !continuesWord) {
      lines.push(`- ${beat}`);
      notesInLine = 0;
    }
  }
  if (lines[lines.length - 1]!.startsWith('-')) lines.pop();
  lines.push('E');
  return { fileName: `${id}.txt`, text: `${lines.join('\n')}\n` };
}
