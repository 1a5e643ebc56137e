import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  CatalogueImportError,
  parseCatalogueCsv,
  parseMidiMelody,
  parseUltraStar,
  songFromMelody,
  type CatalogueEntry,
} from '@orak/core';

// Reads song files and folders from disk and turns each into catalogue entries; a bad file becomes a
// problem line in the report and the rest still import.

export interface ImportProblem {
  file: string;
  reason: string;
}

export interface ImportReport {
  songs: CatalogueEntry[];
  problems: ImportProblem[];
}

const IMPORTABLE_EXTENSIONS = new Set(['.txt', '.mid', '.midi', '.kar', '.csv']);

function titleFromFileName(file: string): string {
  return basename(file, extname(file)).replace(/[_]+/g, ' ').trim();
}

/**
 * Parses one file's bytes by its extension. A file that cannot become songs throws CatalogueImportError
 * with a one-line reason; a CSV's bad rows come back as problems while its good rows import.
 */
export function importSongFile(file: string, bytes: Uint8Array): ImportReport {
  const extension = extname(file).toLowerCase();
  const fallbackTitle = titleFromFileName(file);
  switch (extension) {
    case '.txt':
      return {
        songs: [songFromMelody(parseUltraStar(bytes), { file, format: 'ultrastar', fallbackTitle })],
        problems: [],
      };
    case '.mid':
    case '.midi':
    case '.kar': {
      const format = extension === '.kar' ? 'kar' : 'midi';
      return {
        songs: [songFromMelody(parseMidiMelody(bytes), { file, format, fallbackTitle })],
        problems: [],
      };
    }
    case '.csv': {
      const { songs, problems } = parseCatalogueCsv(bytes, file);
      return {
        songs,
        problems: problems.map((problem) => ({ file: `${file}:${problem.line}`, reason: problem.reason })),
      };
    }
    default:
      throw new CatalogueImportError(`unsupported file type "${extension || '(none)'}"`);
  }
}

async function collectFiles(path: string, problems: ImportProblem[]): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    problems.push({ file: path, reason: 'no such file or folder' });
    return [];
  }
  if (info.isFile()) return [path];
  if (!info.isDirectory()) {
    problems.push({ file: path, reason: 'not a file or folder' });
    return [];
  }
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await collectFiles(child, problems)));
    // Inside folders, skip what is plainly not a song (cover images, audio) instead of reporting it.
    else if (IMPORTABLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(child);
  }
  return files;
}

/** Imports files and folders (recursively); every bad file is reported with its reason. */
export async function importCatalogueFiles(paths: readonly string[]): Promise<ImportReport> {
  const problems: ImportProblem[] = [];
  const songs: CatalogueEntry[] = [];
  for (const path of paths) {
    for (const file of await collectFiles(path, problems)) {
      try {
        const report = importSongFile(file, new Uint8Array(await readFile(file)));
        songs.push(...report.songs);
        problems.push(...report.problems);
      } catch (error) {
        const reason = error instanceof CatalogueImportError ? error.message : `unreadable: ${String(error)}`;
        problems.push({ file, reason });
      }
    }
  }
  return { songs, problems };
}
