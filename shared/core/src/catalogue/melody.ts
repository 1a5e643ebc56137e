// A parsed melody, independent of the file format it came from.

export interface MelodyNote {
  /** MIDI number (C4 = 60). */
  midi: number;
  startSec: number;
  durationSec: number;
}

/** What a file says about the song, before defaults are filled in. */
export interface SongMetadata {
  title?: string;
  artist?: string;
  language?: string;
  tags?: string[];
  difficulty?: number;
  popularity?: number;
  id?: string;
}

export interface ParsedMelody {
  metadata: SongMetadata;
  notes: MelodyNote[];
}

/** A file (or a row of one) that cannot become a song; the message says why in one line. */
export class CatalogueImportError extends Error {
  override readonly name = 'CatalogueImportError';
}
