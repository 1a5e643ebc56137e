import { fileURLToPath } from 'node:url';
import type { CatalogueEntry } from '@orak/core';
import { importCatalogueFiles } from './catalogueFileImporter';

// The public-domain songs that ship with Orakgarak, imported from their UltraStar files on first use.

export const DEFAULT_SONGS_DIR = fileURLToPath(new URL('../../catalogue/songs', import.meta.url));

let cached: Promise<CatalogueEntry[]> | null = null;

/** Fails loudly if a shipped file does not import: that is a bug in the shipped data, not user input. */
export function loadDefaultCatalogue(): Promise<CatalogueEntry[]> {
  cached ??= importCatalogueFiles([DEFAULT_SONGS_DIR]).then((report) => {
    if (report.problems.length > 0) {
      const first = report.problems[0]!;
      throw new Error(`default catalogue: ${first.file}: ${first.reason}`);
    }
    // Source paths relative to the songs folder, so entries do not depend on where the repo lives.
    return report.songs.map((song) => ({
      ...song,
      source: { ...song.source, file: song.source.file.slice(DEFAULT_SONGS_DIR.length + 1) },
    }));
  });
  return cached;
}
