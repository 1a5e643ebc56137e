import { CatalogueImportError, type MelodyNote, type ParsedMelody } from './melody';
import { normalizeLanguage, parseDifficulty, parsePopularity, parseTags } from './songMetadataFields';
import { decodeText } from './textDecoding';

// UltraStar .txt: `#KEY:value` headers, then `: start length pitch text` note lines (pitch 0 = C4).

const SUNG_NOTE_TYPES = new Set([':', '*']);
/** Rap (R), golden rap (G) and freestyle (F) notes carry no pitch to sing. */
const UNPITCHED_NOTE_TYPES = new Set(['R', 'G', 'F']);
const C4_MIDI = 60;

function parseNumber(value: string): number {
  return Number(value.trim().replace(',', '.'));
}

export function parseUltraStar(content: string | Uint8Array): ParsedMelody {
  const lines = decodeText(content).split(/\r?\n/);
  const headers = new Map<string, string>();
  const rawNotes: { beat: number; length: number; pitch: number }[] = [];
  let relativeOffset = 0;
  let player: string | null = null;
  let sawNoteLine = false;

  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '') continue;
    const lineNo = index + 1;
    if (line.startsWith('#')) {
      if (sawNoteLine) continue;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      headers.set(line.slice(1, colon).trim().toUpperCase(), line.slice(colon + 1).trim());
      continue;
    }
    const type = line[0]!;
    if (type === 'E') break;
    sawNoteLine = true;
    // Duets: sing along with the first player only, so the two voices do not mix into one range.
    if (type === 'P') {
      player = line.slice(1).trim();
      continue;
    }
    if (player !== null && player !== '1') continue;
    const fields = line.slice(1).trim().split(/\s+/);
    if (type === '-') {
      const [first, second] = fields.map(Number);
      if (headers.get('RELATIVE')?.toLowerCase() === 'yes') relativeOffset += second ?? first ?? 0;
      continue;
    }
    if (UNPITCHED_NOTE_TYPES.has(type)) continue;
    if (!SUNG_NOTE_TYPES.has(type)) {
      if (!headers.has('TITLE')) throw new CatalogueImportError('not an UltraStar file (no #TITLE header)');
      throw new CatalogueImportError(`line ${lineNo}: unknown line "${line.slice(0, 40)}"`);
    }
    const [beat, length, pitch] = fields.slice(0, 3).map(Number);
    if (!Number.isInteger(beat) || !Number.isInteger(length) || !Number.isInteger(pitch)) {
      throw new CatalogueImportError(`line ${lineNo}: bad note line "${line}"`);
    }
    rawNotes.push({ beat: beat! + relativeOffset, length: length!, pitch: pitch! });
  }

  if (!headers.has('TITLE')) throw new CatalogueImportError('missing #TITLE header (not an UltraStar file?)');
  const bpm = parseNumber(headers.get('BPM') ?? '');
  if (!(bpm > 0)) throw new CatalogueImportError(`missing or bad #BPM header "${headers.get('BPM') ?? ''}"`);
  if (rawNotes.length === 0) throw new CatalogueImportError('no pitched notes');
  const gapSec = (parseNumber(headers.get('GAP') ?? '0') || 0) / 1000;
  // UltraStar BPM counts quarter beats: one beat lasts 60 / (4 * BPM) seconds.
  const beatSec = 60 / (4 * bpm);
  const notes: MelodyNote[] = rawNotes.map((note) => ({
    midi: C4_MIDI + note.pitch,
    startSec: gapSec + note.beat * beatSec,
    durationSec: Math.max(0, note.length) * beatSec,
  }));

  const metadata: ParsedMelody['metadata'] = {
    title: headers.get('TITLE'),
    artist: headers.get('ARTIST'),
  };
  const language = headers.get('LANGUAGE');
  if (language) metadata.language = normalizeLanguage(language.split(/[,;]/)[0]!);
  const tags = [...parseTags(headers.get('TAGS') ?? ''), ...parseTags(headers.get('GENRE') ?? '')];
  if (tags.length > 0) metadata.tags = [...new Set(tags)];
  const popularity = headers.get('POPULARITY');
  if (popularity) metadata.popularity = parsePopularity(popularity);
  const difficulty = headers.get('DIFFICULTY');
  if (difficulty) metadata.difficulty = parseDifficulty(difficulty);
  const id = headers.get('ID');
  if (id) metadata.id = id;
  return { metadata, notes };
}
