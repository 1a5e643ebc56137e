import { CatalogueImportError } from './melody';

// Parsing of the metadata fields every format shares (language, tags, popularity, difficulty).

const LANGUAGE_CODES: Record<string, string> = {
  english: 'en',
  korean: 'ko',
  한국어: 'ko',
  japanese: 'ja',
  chinese: 'zh',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  spanish: 'es',
  español: 'es',
  italian: 'it',
  russian: 'ru',
  portuguese: 'pt',
  dutch: 'nl',
  swedish: 'sv',
  norwegian: 'no',
  finnish: 'fi',
  polish: 'pl',
  latin: 'la',
  hebrew: 'he',
  welsh: 'cy',
  irish: 'ga',
  scots: 'sco',
};

/** "English" / "en" / "EN" -> "en"; unknown names are kept lower-cased. */
export function normalizeLanguage(value: string): string {
  const key = value.trim().toLowerCase();
  if (key === '') return 'und';
  return LANGUAGE_CODES[key] ?? key;
}

/** Tags separated by commas, semicolons or pipes, lower-cased and de-duplicated. */
export function parseTags(value: string): string[] {
  const tags = value
    .split(/[,;|]/)
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

/** Popularity is 0..1, or a play count / percentage that is squashed into 0..1. */
export function parsePopularity(value: string): number {
  const percent = value.includes('%');
  const number = Number(value.trim().replace('%', '').replace(',', '.'));
  if (!Number.isFinite(number) || number < 0) throw new CatalogueImportError(`bad popularity "${value}"`);
  if (percent) return Math.min(1, number / 100);
  if (number <= 1) return number;
  // A count: log scale, so 10 plays ~0.25 and 10,000 plays ~1.
  return Math.min(1, Math.log10(number + 1) / 4);
}

export function parseDifficulty(value: string): number {
  const number = Number(value.trim());
  if (!Number.isInteger(number) || number < 1 || number > 5) {
    throw new CatalogueImportError(`bad difficulty "${value}" (expected 1..5)`);
  }
  return number;
}
