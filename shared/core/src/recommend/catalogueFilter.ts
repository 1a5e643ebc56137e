import type { RecommendIndex } from './recommendIndex';

/** The filters of one query, compiled once so that a song is checked in a few array reads. */
export interface CatalogueFilter {
  readonly languageAllowed: Uint8Array;
  readonly requiredBits: number;
  /** Required tags beyond the 32 that get bits, checked against the song itself. */
  readonly rareTags: readonly string[];
  readonly minDifficulty: number;
  readonly maxDifficulty: number;
}

export interface FilterOptions {
  /** Keep songs in any of these languages (ISO 639-1). */
  languages?: readonly string[];
  /** Keep songs carrying every one of these tags. */
  tags?: readonly string[];
  minDifficulty?: number;
  maxDifficulty?: number;
}

/** The compiled filter, or null when no filter is set (everything passes). */
export function compileFilter(index: RecommendIndex, options: FilterOptions): CatalogueFilter | null {
  const languages = options.languages?.length ? options.languages.map((l) => l.toLowerCase()) : null;
  const tags = options.tags?.length ? options.tags.map((t) => t.toLowerCase()) : null;
  const minDifficulty = options.minDifficulty ?? 1;
  const maxDifficulty = options.maxDifficulty ?? 5;
  if (!languages && !tags && minDifficulty <= 1 && maxDifficulty >= 5) return null;
  const languageAllowed = new Uint8Array(index.languages.length);
  index.languages.forEach((language, code) => {
    languageAllowed[code] = !languages || languages.includes(language) ? 1 : 0;
  });
  let requiredBits = 0;
  const rareTags: string[] = [];
  for (const tag of tags ?? []) {
    const bit = index.tags.indexOf(tag);
    if (bit >= 0) requiredBits |= 1 << bit;
    else rareTags.push(tag);
  }
  return { languageAllowed, requiredBits, rareTags, minDifficulty, maxDifficulty };
}

/** Checked only for the songs a query visits, which pruning keeps to a few thousand. */
export function passesFilter(index: RecommendIndex, filter: CatalogueFilter, i: number): boolean {
  const difficulty = index.difficulty[i]!;
  if (difficulty < filter.minDifficulty || difficulty > filter.maxDifficulty) return false;
  if (filter.languageAllowed[index.languageCode[i]!] === 0) return false;
  if ((index.tagBits[i]! & filter.requiredBits) !== filter.requiredBits) return false;
  return filter.rareTags.length === 0 || filter.rareTags.every((tag) => index.songs[i]!.tags.includes(tag));
}
