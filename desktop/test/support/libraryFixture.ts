import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_LIBRARY_VERSION, type LibraryData } from '../../src/main/library/librarySchema';
import { LIBRARY_FILE } from '../../src/main/library/libraryService';

// A large, varied library written straight to disk: albums, Korean and English titles, notes, tags, ranges.

export const FIXTURE_WORDS = [
  'ballad',
  'rock',
  'trot',
  'idol',
  'indie',
  'ost',
  'duet',
  'live',
  '발라드',
  '트로트',
];

export function largeLibrary(takeCount: number, albumCount = 40): LibraryData {
  const stampOf = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
  return {
    schemaVersion: CURRENT_LIBRARY_VERSION,
    albums: Array.from({ length: albumCount }, (_, i) => ({
      id: `album-${i}`,
      name: `Album ${i}`,
      position: i,
      createdAt: stampOf(i),
      updatedAt: stampOf(i),
    })),
    takes: Array.from({ length: takeCount }, (_, i) => ({
      id: `take-${String(i).padStart(5, '0')}`,
      albumId: i % 5 === 0 ? null : `album-${i % albumCount}`,
      title: `${FIXTURE_WORDS[i % FIXTURE_WORDS.length]} song ${i}`,
      fileName: `take-${i}.wav`,
      sampleRate: 48_000,
      channels: 1,
      durationSec: 30 + (i % 240),
      sizeBytes: 2_880_044,
      recordedAt: stampOf(i),
      notes: i % 7 === 0 ? 'breathy on the chorus, try -2 keys' : '',
      tags: i % 3 === 0 ? ['practice'] : [],
      range: { lowMidi: 48 + (i % 5), highMidi: 67 + (i % 7) },
      analysis: null,
      cloud: null,
      updatedAt: stampOf(i),
    })),
  };
}

export async function writeLibraryFixture(libraryDir: string, data: LibraryData): Promise<void> {
  await mkdir(libraryDir, { recursive: true });
  await writeFile(join(libraryDir, LIBRARY_FILE), JSON.stringify(data));
}
