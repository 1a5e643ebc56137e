import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import {
  buildRecommendIndex,
  parseMidiMelody,
  parseUltraStar,
  recommend,
  type CatalogueEntry,
  type CatalogueFacets,
  type MelodyNote,
  type Recommendation,
  type RecommendFilters,
  type RecommendIndex,
  type SongGuide,
  type VoiceProfile,
} from '@orak/core';
import { DEFAULT_SONGS_DIR, loadCatalogue, loadDefaultCatalogue } from '@orak/engine';

// The songs the desktop recommends from: the shipped catalogue plus the singer's imports, indexed once.

export interface SongCatalogue {
  recommend(profile: VoiceProfile, top: number, filters?: RecommendFilters): Promise<Recommendation[]>;
  facets(): Promise<CatalogueFacets>;
  /** The song's melody moved by the key shift (and octave): the Sing screen's guide. */
  guide(songId: string, keyShift: number, octave?: number): Promise<SongGuide>;
}

export interface SongCatalogueOptions {
  /** The singer's imported songs (a JSON catalogue file); null = the shipped songs only. */
  userCatalogueFile: string | null;
}

interface LoadedCatalogue {
  songs: CatalogueEntry[];
  byId: Map<string, CatalogueEntry>;
  index: RecommendIndex;
}

export function createSongCatalogue(options: SongCatalogueOptions): SongCatalogue {
  let loaded: Promise<LoadedCatalogue> | null = null;
  const load = () => {
    if (loaded) return loaded;
    const loading = (
      options.userCatalogueFile === null ? loadDefaultCatalogue() : loadCatalogue(options.userCatalogueFile)
    ).then((songs) => ({
      songs,
      byId: new Map(songs.map((song) => [song.id, song])),
      index: buildRecommendIndex(songs),
    }));
    // A failed load is not kept: the singer can fix the file and the next call reads it again.
    loading.catch(() => {
      if (loaded === loading) loaded = null;
    });
    loaded = loading;
    return loading;
  };

  return {
    async recommend(profile, top, filters = {}) {
      return recommend((await load()).index, profile, { top, ...filters });
    },
    async facets() {
      const { songs } = await load();
      const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
      return {
        songCount: songs.length,
        languages: sorted(songs.map((song) => song.language)),
        tags: sorted(songs.flatMap((song) => song.tags)),
      };
    },
    async guide(songId, keyShift, octave = 0) {
      const song = (await load()).byId.get(songId);
      if (!song) throw new Error(`no song ${songId} in the catalogue`);
      // The catalogue's range already includes the import's octave fix; the melody file does not.
      const transposeSemitones = keyShift + 12 * octave;
      const melody = await melodyNotes(song);
      return {
        songId: song.id,
        title: song.title,
        artist: song.artist,
        transposeSemitones,
        notes:
          melody?.map((note) => ({
            midi: Math.max(0, Math.min(127, note.midi + song.octaveShift + transposeSemitones)),
            startSec: note.startSec,
            durationSec: note.durationSec,
          })) ?? null,
      };
    },
  };
}

/** The sung notes of a song with a melody file; null when its range was typed in or the file is gone. */
async function melodyNotes(song: CatalogueEntry): Promise<MelodyNote[] | null> {
  if (song.rangeProvenance !== 'notes' || song.source.format === 'csv') return null;
  const file = isAbsolute(song.source.file) ? song.source.file : join(DEFAULT_SONGS_DIR, song.source.file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    return null;
  }
  const melody = song.source.format === 'ultrastar' ? parseUltraStar(bytes) : parseMidiMelody(bytes);
  return melody.notes.filter((note) => note.durationSec > 0);
}
