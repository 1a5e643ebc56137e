import type {
  CatalogueEntry,
  CatalogueSearchQuery,
  CatalogueSearchResponse,
  CatalogueSong,
} from '@orak/core';
import { ApiError } from '../http/apiError';

// Search over the catalogue the cloud recommends from: text, tag and language filters, most popular first,
// paginated by an opaque cursor that names the last song seen (so pages never repeat or skip a song).

/** Where the songs come from (the engine's default catalogue in the service, anything in tests). */
export type CatalogueSource = () => Promise<readonly CatalogueEntry[]>;

/** Lower-case, accents dropped: "Frère" matches "frere". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Position {
  popularity: number;
  id: string;
}

/** Most popular first, then by id: a total order, so a cursor is a position in it. */
function compare(a: Position, b: Position): number {
  if (a.popularity !== b.popularity) return b.popularity - a.popularity;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function encodeCursor(song: Position): string {
  return Buffer.from(JSON.stringify([song.popularity, song.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string'
    ) {
      return { popularity: value[0], id: value[1] };
    }
  } catch {
    // falls through to the 400 below
  }
  throw new ApiError(400, 'invalid_request', 'cursor is not one this api issued', [
    { path: 'cursor', message: 'not a cursor this api issued' },
  ]);
}

function summary(entry: CatalogueEntry): CatalogueSong {
  return {
    id: entry.id,
    title: entry.title,
    artist: entry.artist,
    language: entry.language,
    tags: entry.tags,
    difficulty: entry.difficulty,
    popularity: entry.popularity,
    range: { lowest: entry.range.lowest, highest: entry.range.highest },
  };
}

export class CatalogueService {
  private sorted: Promise<CatalogueEntry[]> | null = null;

  constructor(private readonly source: CatalogueSource) {}

  async search(query: CatalogueSearchQuery): Promise<CatalogueSearchResponse> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const text = query.q === undefined ? null : fold(query.q);
    const matches = (await this.songs()).filter(
      (song) =>
        (text === null || fold(`${song.title}\n${song.artist}`).includes(text)) &&
        (query.tag === undefined || song.tags.some((tag) => tag.toLowerCase() === query.tag)) &&
        (query.language === undefined || song.language.toLowerCase() === query.language),
    );
    const start = after === null ? 0 : matches.findIndex((song) => compare(song, after) > 0);
    const page = start < 0 ? [] : matches.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start >= 0 && start + query.limit < matches.length;
    return {
      songs: page.map(summary),
      total: matches.length,
      nextCursor: more && last ? encodeCursor(last) : null,
    };
  }

  private songs(): Promise<CatalogueEntry[]> {
    // Loaded on first use and kept: the shipped catalogue does not change while the process runs.
    this.sorted ??= this.source().then((songs) => [...songs].sort(compare));
    this.sorted.catch(() => (this.sorted = null));
    return this.sorted;
  }
}
