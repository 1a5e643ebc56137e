import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitAbcTunes } from './abcTune';
import { abcTuneToUltraStar, type UltraStarFile } from './abcToUltraStar';
import { DEFAULT_SONGS_DIR } from './defaultCatalogue';

// Regenerates shared/engine/catalogue/songs/*.txt from the hand-entered ABC melodies in
// shared/engine/catalogue/abc/. Run: npx tsx shared/engine/src/catalogue/buildDefaultSongs.ts

export const DEFAULT_ABC_DIR = fileURLToPath(new URL('../../catalogue/abc', import.meta.url));

export async function renderDefaultSongs(abcDir = DEFAULT_ABC_DIR): Promise<UltraStarFile[]> {
  const files: UltraStarFile[] = [];
  const seen = new Set<string>();
  for (const name of (await readdir(abcDir)).filter((n) => n.endsWith('.abc')).sort()) {
    for (const tune of splitAbcTunes(await readFile(join(abcDir, name), 'utf8'))) {
      let file: UltraStarFile;
      try {
        file = abcTuneToUltraStar(tune);
      } catch (error) {
        throw new Error(`${name}: ${tune.split('\n').find((l) => l.startsWith('T:'))}: ${String(error)}`);
      }
      if (seen.has(file.fileName)) throw new Error(`${name}: duplicate song ${file.fileName}`);
      seen.add(file.fileName);
      files.push(file);
    }
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await renderDefaultSongs();
  await rm(DEFAULT_SONGS_DIR, { recursive: true, force: true });
  await mkdir(DEFAULT_SONGS_DIR, { recursive: true });
  for (const file of files) await writeFile(join(DEFAULT_SONGS_DIR, file.fileName), file.text);
  console.log(`wrote ${files.length} songs to ${DEFAULT_SONGS_DIR}`);
}
