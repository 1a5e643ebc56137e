import {
  candidateOctaves,
  fitScore,
  histogramEntries,
  KEY_SHIFTS,
  type CatalogueEntry,
  type ShiftedSong,
  type VoiceProfile,
} from '../shared/core/src/index';

// The straightforward peer for bench/recommend.bench.ts: for every song and shift it walks the whole
// histogram object to get the comfortable shares and mean, scores with the same formula, then sorts
// every song. Same answers as recommend() for one singer, without the precomputed index or the heap.

export interface NaiveResult {
  songId: string;
  keyShift: number;
  fit: number;
}

export function recommendNaive(
  songs: readonly CatalogueEntry[],
  singer: VoiceProfile,
  top: number,
): NaiveResult[] {
  const scored = songs.map((song) => {
    let entries = histogramEntries(song.histogram);
    if (entries.length === 0) {
      entries = [];
      for (let m = song.range.lowest; m <= song.range.highest; m++) entries.push([m, 1]);
    }
    const total = entries.reduce((sum, [, seconds]) => sum + seconds, 0);
    const mean = entries.reduce((sum, [midi, seconds]) => sum + midi * seconds, 0) / total;
    let best = { fit: -1, shift: 0 };
    for (const shift of KEY_SHIFTS) {
      for (const octave of candidateOctaves(mean, singer)) {
        const offset = shift + 12 * octave;
        let above = 0;
        let below = 0;
        for (const [midi, seconds] of entries) {
          if (midi + offset > singer.comfortableHigh) above += seconds;
          if (midi + offset < singer.comfortableLow) below += seconds;
        }
        const shifted: ShiftedSong = {
          lowest: song.range.lowest + offset,
          highest: song.range.highest + offset,
          meanMidi: mean + offset,
          shareAbove: above / total,
          shareBelow: below / total,
        };
        const fit = fitScore(shifted, singer, shift, octave);
        if (fit > best.fit) best = { fit, shift };
      }
    }
    return { song, ...best, rank: Math.round(best.fit) + 0.5 * song.popularity };
  });
  scored.sort((a, b) => b.rank - a.rank);
  return scored.slice(0, top).map((s) => ({ songId: s.song.id, keyShift: s.shift, fit: Math.round(s.fit) }));
}
