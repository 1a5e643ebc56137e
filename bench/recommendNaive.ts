import {
  candidateOctaves,
  fitScore,
  histogramEntries,
  KEY_SHIFTS,
  type CatalogueEntry,
  type RecommendOptions,
  type ShiftedSong,
  type VoiceProfile,
} from '../shared/core/src/index';

// The straightforward peer for bench/recommend.bench.ts and the recommender's agreement test: for every
// song that passes the filters, every shift and every singer it walks the whole histogram to get the
// mean and the comfortable shares, scores with fitScore, keeps the worst singer's fit per shift and the
// best shift, then sorts every song. No index, no bounds, no heap: the definition written out.

export interface NaiveResult {
  songId: string;
  keyShift: number;
  fit: number;
}

function passes(song: CatalogueEntry, options: RecommendOptions): boolean {
  const languages = options.languages?.map((l) => l.toLowerCase()) ?? [];
  const tags = options.tags?.map((t) => t.toLowerCase()) ?? [];
  if (languages.length > 0 && !languages.includes(song.language)) return false;
  if (!tags.every((tag) => song.tags.includes(tag))) return false;
  return song.difficulty >= (options.minDifficulty ?? 1) && song.difficulty <= (options.maxDifficulty ?? 5);
}

/** Seconds per note, notes outside the range counted at its edge; a declared range is spread evenly. */
function notesOf(song: CatalogueEntry): [number, number][] {
  const { lowest, highest } = song.range;
  const seconds = new Map<number, number>();
  for (const [midi, time] of histogramEntries(song.histogram)) {
    const note = Math.min(highest, Math.max(lowest, midi));
    seconds.set(note, (seconds.get(note) ?? 0) + time);
  }
  if (seconds.size === 0) for (let m = lowest; m <= highest; m++) seconds.set(m, 1);
  return [...seconds.entries()].sort((a, b) => a[0] - b[0]);
}

function singerFit(
  song: CatalogueEntry,
  notes: [number, number][],
  mean: number,
  total: number,
  singer: VoiceProfile,
  shift: number,
): number {
  let best = -1;
  for (const octave of candidateOctaves(mean, singer)) {
    const offset = shift + 12 * octave;
    let above = 0;
    let below = 0;
    for (const [midi, seconds] of notes) {
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
    best = Math.max(best, fitScore(shifted, singer, shift, octave));
  }
  return best;
}

export function recommendNaive(
  songs: readonly CatalogueEntry[],
  singers: VoiceProfile | readonly VoiceProfile[],
  options: RecommendOptions,
): NaiveResult[] {
  const group: readonly VoiceProfile[] = Array.isArray(singers) ? singers : [singers as VoiceProfile];
  const popularityPoints = 20 * (options.popularityWeight ?? 0);
  const scored = songs
    .map((song, order) => ({ song, order }))
    .filter(({ song }) => passes(song, options))
    .map(({ song, order }) => {
      const notes = notesOf(song);
      const total = notes.reduce((sum, [, seconds]) => sum + seconds, 0);
      const mean = notes.reduce((sum, [midi, seconds]) => sum + seconds * midi, 0) / total;
      let best = { fit: -1, shift: 0 };
      for (const shift of KEY_SHIFTS) {
        const worst = Math.min(...group.map((singer) => singerFit(song, notes, mean, total, singer, shift)));
        if (worst > best.fit) best = { fit: worst, shift };
      }
      const bonus = popularityPoints * song.popularity + 0.5 * song.popularity;
      return { song, order, ...best, rank: Math.round(best.fit) + bonus };
    });
  // Equal ranks go to the more popular song, then to the one listed first.
  scored.sort((a, b) => b.rank - a.rank || b.song.popularity - a.song.popularity || a.order - b.order);
  return scored
    .slice(0, Math.max(0, Math.floor(options.top)))
    .map((s) => ({ songId: s.song.id, keyShift: s.shift, fit: Math.round(s.fit) }));
}
