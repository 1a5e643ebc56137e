import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CatalogueSchema, type CatalogueEntry } from '@orak/core';
import { loadDefaultCatalogue } from './defaultCatalogue';

// Songs the user imported live in one JSON file next to their other Orakgarak data; ORAK_HOME moves it
// (tests point it at a temp folder).

export function userCatalogueFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ORAK_CATALOGUE_FILE) return env.ORAK_CATALOGUE_FILE;
  const home = env.ORAK_HOME || join(homedir(), '.orakgarak');
  return join(home, 'catalogue.json');
}

export async function loadUserCatalogue(file = userCatalogueFile()): Promise<CatalogueEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = CatalogueSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`user catalogue ${file} is corrupt: ${parsed.error.issues[0]?.message}`);
  return parsed.data.songs;
}

/** Adds songs to the user catalogue (same id = replaced); written to a temp file and renamed, so never half-written. */
export async function addToUserCatalogue(
  songs: readonly CatalogueEntry[],
  file = userCatalogueFile(),
): Promise<number> {
  const byId = new Map((await loadUserCatalogue(file)).map((song) => [song.id, song]));
  for (const song of songs) byId.set(song.id, song);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ songs: [...byId.values()] }, null, 1)}\n`);
  await rename(temp, file);
  return byId.size;
}

/** The default catalogue with the user's songs on top (a user song replaces a default one with its id). */
export async function loadCatalogue(file = userCatalogueFile()): Promise<CatalogueEntry[]> {
  const byId = new Map((await loadDefaultCatalogue()).map((song) => [song.id, song]));
  for (const song of await loadUserCatalogue(file)) byId.set(song.id, song);
  return [...byId.values()];
}
