import { nameToMidi } from '../music/pitchNames';
import { songId, type CatalogueEntry } from './catalogueEntry';
import { CatalogueImportError } from './melody';
import { normalizeLanguage, parseDifficulty, parsePopularity, parseTags } from './songMetadataFields';
import { decodeText } from './textDecoding';

// CSV catalogues: one song per row with a typed-in range (title, artist, lowest, highest, popularity,
// tags; optional language, difficulty, id). Ranges are "declared": there is no melody behind them.

const REQUIRED_COLUMNS = ['title', 'artist', 'lowest', 'highest'] as const;

export interface CsvRowProblem {
  line: number;
  reason: string;
}

export interface CsvCatalogue {
  songs: CatalogueEntry[];
  problems: CsvRowProblem[];
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += char;
  }
  if (quoted) throw new CatalogueImportError(`line ${rowLine}: unterminated quoted field`);
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
  return rows;
}

/** "G2", "Bb3" or a MIDI number. */
function parseNote(value: string, column: string): number {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const midi = Number(trimmed);
    if (midi > 127) throw new CatalogueImportError(`${column} ${midi} is not a MIDI note (0..127)`);
    return midi;
  }
  try {
    const midi = nameToMidi(trimmed);
    if (midi < 0 || midi > 127) throw new RangeError();
    return midi;
  } catch {
    throw new CatalogueImportError(`bad ${column} "${value}" (expected a note like G2 or a MIDI number)`);
  }
}

export function parseCatalogueCsv(content: string | Uint8Array, file: string): CsvCatalogue {
  const rows = parseCsvRows(decodeText(content));
  const header = rows.shift();
  if (!header) throw new CatalogueImportError('empty CSV file');
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new CatalogueImportError(`CSV header lacks column(s): ${missing.join(', ')}`);

  const songs: CatalogueEntry[] = [];
  const problems: CsvRowProblem[] = [];
  for (const row of rows) {
    const cell = (name: string): string => {
      const index = columns.indexOf(name);
      return index < 0 ? '' : (row.fields[index] ?? '').trim();
    };
    try {
      const title = cell('title');
      const artist = cell('artist');
      if (!title) throw new CatalogueImportError('empty title');
      if (!artist) throw new CatalogueImportError('empty artist');
      const lowest = parseNote(cell('lowest'), 'lowest');
      const highest = parseNote(cell('highest'), 'highest');
      if (lowest > highest)
        throw new CatalogueImportError(`lowest ${cell('lowest')} is above highest ${cell('highest')}`);
      songs.push({
        id: cell('id') || songId(artist, title),
        title,
        artist,
        language: cell('language') ? normalizeLanguage(cell('language')) : 'und',
        tags: parseTags(cell('tags')),
        difficulty: cell('difficulty') ? parseDifficulty(cell('difficulty')) : highest - lowest > 13 ? 3 : 2,
        popularity: cell('popularity') ? parsePopularity(cell('popularity')) : 0,
        histogram: {},
        range: { lowest, highest },
        rangeProvenance: 'declared',
        octaveShift: 0,
        source: { file, format: 'csv' },
      });
    } catch (error) {
      if (!(error instanceof CatalogueImportError)) throw error;
      problems.push({ line: row.line, reason: error.message });
    }
  }
  return { songs, problems };
}
