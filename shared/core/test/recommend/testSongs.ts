import type { CatalogueEntry } from '../../src/index';

/** A catalogue song from sung seconds per MIDI note; its range is the notes' extremes. */
export function song(
  id: string,
  seconds: Record<number, number>,
  extra: Partial<CatalogueEntry> = {},
): CatalogueEntry {
  const midis = Object.keys(seconds).map(Number);
  return {
    id,
    title: id,
    artist: 'Test',
    language: 'en',
    tags: [],
    difficulty: 2,
    popularity: 0.5,
    histogram: Object.fromEntries(Object.entries(seconds).map(([m, s]) => [m, s])),
    range: { lowest: Math.min(...midis), highest: Math.max(...midis) },
    rangeProvenance: 'notes',
    octaveShift: 0,
    source: { file: `${id}.txt`, format: 'ultrastar' },
    ...extra,
  };
}

/** Spread evenly over lowest..highest. */
export function evenSong(
  id: string,
  lowest: number,
  highest: number,
  extra: Partial<CatalogueEntry> = {},
): CatalogueEntry {
  const seconds: Record<number, number> = {};
  for (let m = lowest; m <= highest; m++) seconds[m] = 2;
  return song(id, seconds, extra);
}
