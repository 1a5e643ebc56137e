import type { Recommendation, VoiceProfile } from '../contracts/analysis';
import { midiToName } from '../music/pitchNames';
import { fitReason } from './fitReason';
import { shareAtOrBelow, type RecommendIndex } from './recommendIndex';
import { fitScore, KEY_SHIFTS, type ShiftedSong } from './shiftFit';
import { TopNSelection } from './topNSelection';

export interface RecommendOptions {
  top: number;
  /** Keep songs in any of these languages (ISO 639-1). */
  languages?: readonly string[];
  /** Keep songs carrying every one of these tags. */
  tags?: readonly string[];
  minDifficulty?: number;
  maxDifficulty?: number;
  /** 0: popularity only breaks ties between equal (rounded) fits; 1: the most popular song gains 20 points. */
  popularityWeight?: number;
}

/** Songs that pass the filters, or null when no filter is set (everything passes). */
function filterMask(index: RecommendIndex, options: RecommendOptions): Uint8Array | null {
  const languages = options.languages?.length ? new Set(options.languages.map((l) => l.toLowerCase())) : null;
  const tags = options.tags?.length ? options.tags.map((t) => t.toLowerCase()) : null;
  const minDifficulty = options.minDifficulty ?? 1;
  const maxDifficulty = options.maxDifficulty ?? 5;
  if (!languages && !tags && minDifficulty <= 1 && maxDifficulty >= 5) return null;
  const mask = new Uint8Array(index.songs.length);
  index.songs.forEach((song, i) => {
    const difficulty = index.difficulty[i]!;
    if (difficulty < minDifficulty || difficulty > maxDifficulty) return;
    if (languages && !languages.has(song.language)) return;
    if (tags && !tags.every((tag) => song.tags.includes(tag))) return;
    mask[i] = 1;
  });
  return mask;
}

/** Fills `out` with song i moved by `shift`, as seen by `singer`. */
function shiftSong(index: RecommendIndex, i: number, shift: number, singer: VoiceProfile, out: ShiftedSong): void {
  out.lowest = index.lowest[i]! + shift;
  out.highest = index.highest[i]! + shift;
  out.meanMidi = index.meanMidi[i]! + shift;
  out.shareAbove = 1 - shareAtOrBelow(index, i, singer.comfortableHigh - shift);
  out.shareBelow = shareAtOrBelow(index, i, singer.comfortableLow - shift - 1);
}

/**
 * Ranks the catalogue for one singer, or for a group (a song and shift that fit everyone, scored by the
 * worst fit). For each song every shift -6..+6 is tried and the best kept; O(songs x 13 x singers).
 */
export function recommend(
  index: RecommendIndex,
  singers: VoiceProfile | readonly VoiceProfile[],
  options: RecommendOptions,
): Recommendation[] {
  const group = Array.isArray(singers) ? (singers as readonly VoiceProfile[]) : [singers as VoiceProfile];
  if (group.length === 0) throw new RangeError('recommend needs at least one singer');
  const top = Math.max(0, Math.floor(options.top));
  const mask = filterMask(index, options);
  const popularityPoints = 20 * (options.popularityWeight ?? 0);
  const selection = new TopNSelection(top);
  const bestShift = new Int8Array(index.songs.length);
  const bestFit = new Float32Array(index.songs.length);
  const scratch: ShiftedSong = { lowest: 0, highest: 0, meanMidi: 0, shareAbove: 0, shareBelow: 0 };

  for (let i = 0; i < index.songs.length; i++) {
    if (mask && mask[i] === 0) continue;
    let songBestFit = -1;
    let songBestShift = 0;
    for (const shift of KEY_SHIFTS) {
      let worst = 101;
      for (const singer of group) {
        shiftSong(index, i, shift, singer, scratch);
        const fit = fitScore(scratch, singer, shift);
        if (fit < worst) worst = fit;
      }
      if (worst > songBestFit) {
        songBestFit = worst;
        songBestShift = shift;
      }
    }
    bestShift[i] = songBestShift;
    bestFit[i] = songBestFit;
    const popularity = index.popularity[i]!;
    // Fits are compared rounded, as shown, so popularity decides between songs that look equally good.
    selection.offer(i, Math.round(songBestFit) + popularityPoints * popularity + 0.5 * popularity);
  }

  return selection.sortedItems().map((i) => {
    const song = index.songs[i]!;
    const shift = bestShift[i]!;
    return {
      songId: song.id,
      title: song.title,
      artist: song.artist,
      keyShift: shift,
      fit: Math.round(bestFit[i]!),
      reason: reasonFor(index, i, shift, group),
      songRange: {
        lowest: { midi: song.range.lowest, note: midiToName(song.range.lowest) },
        highest: { midi: song.range.highest, note: midiToName(song.range.highest) },
      },
    };
  });
}

/** The reason speaks about the singer the song fits worst (the only singer outside group mode). */
function reasonFor(index: RecommendIndex, i: number, shift: number, group: readonly VoiceProfile[]): string {
  let worstSinger = 0;
  let worstFit = Infinity;
  const scratch: ShiftedSong = { lowest: 0, highest: 0, meanMidi: 0, shareAbove: 0, shareBelow: 0 };
  group.forEach((singer, s) => {
    shiftSong(index, i, shift, singer, scratch);
    const fit = fitScore(scratch, singer, shift);
    if (fit < worstFit) {
      worstFit = fit;
      worstSinger = s;
    }
  });
  const singer = group[worstSinger]!;
  shiftSong(index, i, shift, singer, scratch);
  if (group.length === 1) return fitReason(scratch, singer, shift);
  return fitReason(scratch, singer, shift, `singer ${worstSinger + 1}'s`);
}
