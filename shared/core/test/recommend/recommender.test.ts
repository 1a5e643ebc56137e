import { describe, expect, it } from 'vitest';
import {
  buildRecommendIndex,
  candidateOctaves,
  fitReason,
  fitScore,
  KEY_SHIFTS,
  shiftSong,
  recommend,
  RecommendationSchema,
  TopNSelection,
  voiceProfileFromRange,
  type VoiceProfile,
} from '../../src/index';
import { evenSong, song } from './testSongs';

const ALTO: VoiceProfile = { lowest: 57, highest: 69, comfortableLow: 59, comfortableHigh: 67 }; // A3..A4

describe('recommend', () => {
  it('picks the one shift that puts a song inside the singer range, with a reason', () => {
    // D4..D5 is an octave wide; the singer has exactly an octave, A3..A4: only -5 fits.
    const index = buildRecommendIndex([evenSong('d-octave', 62, 74)]);
    const [result] = recommend(index, ALTO, { top: 5 });
    expect(RecommendationSchema.parse(result)).toBeTruthy();
    expect(result!.keyShift).toBe(-5);
    expect(result!.octave).toBeUndefined();
    expect(result!.reason).toMatch(/^-5: /);
    expect(result!.songRange).toEqual({
      lowest: { midi: 62, note: 'D4' },
      highest: { midi: 74, note: 'D5' },
    });
    expect(result!.fit).toBeGreaterThan(70);
    expect(result!.fit).toBeLessThanOrEqual(100);
  });

  it('prefers the original key when it already fits', () => {
    const index = buildRecommendIndex([evenSong('fits', 60, 66)]);
    const [result] = recommend(index, ALTO, { top: 1 });
    expect(result!.keyShift).toBe(0);
    expect(result!.reason).toMatch(/^original key: /);
    expect(result!.fit).toBeGreaterThanOrEqual(98);
  });

  it('puts the tessitura, not just the extremes, in the comfortable range', () => {
    // Same extremes, but one song lives at its top and one at its bottom: they need different shifts.
    const high = song('lives-high', { 60: 0.5, 66: 6, 67: 6, 68: 6, 69: 0.5 });
    const low = song('lives-low', { 60: 0.5, 61: 6, 62: 6, 63: 6, 69: 0.5 });
    const wide: VoiceProfile = { lowest: 50, highest: 76, comfortableLow: 58, comfortableHigh: 64 };
    const results = recommend(buildRecommendIndex([high, low]), wide, { top: 2 });
    const shiftOf = (id: string) => results.find((r) => r.songId === id)!.keyShift;
    expect(shiftOf('lives-high')).toBeLessThan(shiftOf('lives-low'));
    expect(shiftOf('lives-high')).toBeLessThanOrEqual(-3);
  });

  it('lets a baritone sing a song written in treble an octave down', () => {
    const baritone = voiceProfileFromRange(43, 64); // G2..E4
    const [result] = recommend(buildRecommendIndex([evenSong('treble', 60, 69)]), baritone, { top: 1 });
    expect(result!.octave).toBe(-1);
    expect(result!.reason).toContain('an octave down');
    expect(result!.fit).toBeGreaterThan(85);
  });

  it('says which extreme is out of reach when no shift fits', () => {
    const narrow: VoiceProfile = { lowest: 60, highest: 64, comfortableLow: 61, comfortableHigh: 63 };
    const [result] = recommend(buildRecommendIndex([evenSong('wide', 55, 76)]), narrow, { top: 1 });
    expect(result!.reason).toMatch(
      /(top note \S+ is \d+ semitones above your E4|low note \S+ is \d+ semitones below your C4)/,
    );
    expect(result!.fit).toBeLessThan(30);
  });

  it('ranks by fit, breaks ties by popularity and can weight popularity', () => {
    const songs = [
      evenSong('fits-obscure', 60, 66, { popularity: 0.1 }),
      evenSong('fits-popular', 60, 66, { popularity: 0.2 }),
      evenSong('worse-but-famous', 57, 69, { popularity: 1 }),
    ];
    const index = buildRecommendIndex(songs);
    expect(recommend(index, ALTO, { top: 3 }).map((r) => r.songId)).toEqual([
      'fits-popular',
      'fits-obscure',
      'worse-but-famous',
    ]);
    const plain = recommend(index, ALTO, { top: 3 });
    expect(plain[2]!.fit).toBeLessThan(plain[1]!.fit);
    const weighted = recommend(index, ALTO, { top: 3, popularityWeight: 2 });
    expect(weighted[0]!.songId).toBe('worse-but-famous');
    expect(weighted[0]!.fit).toBe(plain[2]!.fit);
  });

  it('filters by language, tags (all given) and difficulty', () => {
    const songs = [
      evenSong('ko-folk', 60, 66, { language: 'ko', tags: ['folk', 'korean'], difficulty: 2 }),
      evenSong('en-hymn', 60, 66, { language: 'en', tags: ['hymn'], difficulty: 1 }),
      evenSong('en-folk-hard', 60, 66, { language: 'en', tags: ['folk'], difficulty: 5 }),
    ];
    const index = buildRecommendIndex(songs);
    const ids = (options: Parameters<typeof recommend>[2]) =>
      recommend(index, ALTO, options)
        .map((r) => r.songId)
        .sort();
    expect(ids({ top: 10, languages: ['ko'] })).toEqual(['ko-folk']);
    expect(ids({ top: 10, tags: ['folk'] })).toEqual(['en-folk-hard', 'ko-folk']);
    expect(ids({ top: 10, tags: ['folk', 'korean'] })).toEqual(['ko-folk']);
    expect(ids({ top: 10, maxDifficulty: 2 })).toEqual(['en-hymn', 'ko-folk']);
    expect(ids({ top: 10, minDifficulty: 3, languages: ['en'] })).toEqual(['en-folk-hard']);
    expect(ids({ top: 10, languages: ['ja'] })).toEqual([]);
  });

  it('group mode finds one shift for everyone, scored by the worst fit', () => {
    const baritone = voiceProfileFromRange(43, 64);
    const soprano = voiceProfileFromRange(60, 81);
    const index = buildRecommendIndex([evenSong('shared', 60, 69), evenSong('too-wide', 48, 77)]);
    const group = recommend(index, [baritone, soprano], { top: 2 });
    expect(group[0]!.songId).toBe('shared');
    const singles = [baritone, soprano].map((singer) =>
      recommend(index, singer, { top: 2 }).find((r) => r.songId === 'shared')!,
    );
    expect(group[0]!.fit).toBeLessThanOrEqual(Math.min(...singles.map((r) => r.fit)));
    expect(group[0]!.fit).toBeGreaterThan(80);
    expect(group[0]!.octave).toBeUndefined();
    const tooWide = group.find((r) => r.songId === 'too-wide')!;
    expect(tooWide.reason).toMatch(/singer \d's/);
    expect(tooWide.fit).toBeLessThan(group[0]!.fit);
  });

  it('a group of identical singers ranks like one singer', () => {
    const index = buildRecommendIndex([evenSong('a', 60, 66), evenSong('b', 55, 70), evenSong('c', 62, 74)]);
    const one = recommend(index, ALTO, { top: 3 });
    const two = recommend(index, [ALTO, ALTO], { top: 3 });
    expect(two.map((r) => [r.songId, r.keyShift, r.fit])).toEqual(
      one.map((r) => [r.songId, r.keyShift, r.fit]),
    );
  });

  it('treats a declared range (no histogram) as spread over the range', () => {
    const declared = evenSong('declared', 62, 74, { histogram: {}, rangeProvenance: 'declared' });
    const [result] = recommend(buildRecommendIndex([declared]), ALTO, { top: 1 });
    expect(result!.keyShift).toBe(-5);
  });
});

describe('recommend against brute force', () => {
  let seed = 99;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const songs = Array.from({ length: 300 }, (_, i) => {
    const lowest = 45 + Math.floor(random() * 30);
    const seconds: Record<number, number> = {};
    for (let m = lowest; m <= lowest + 5 + Math.floor(random() * 18); m++)
      if (random() < 0.8 || m === lowest) seconds[m] = random() * 5;
    return song(`s${i}`, seconds, { popularity: random(), tags: [`t${i % 40}`, i % 2 ? 'odd' : 'even'] });
  });
  const index = buildRecommendIndex(songs);

  /** Straight from the definition: best shift of the worst singer's best octave, via fitScore. */
  function bruteForce(singers: VoiceProfile[]) {
    return index.songs.map((entry, i) => {
      let best = { fit: -1, shift: 0 };
      for (const shift of KEY_SHIFTS) {
        const worst = Math.min(
          ...singers.map((singer) =>
            Math.max(
              ...candidateOctaves(index.meanMidi[i]!, singer).map((octave) =>
                fitScore(
                  shiftSong(index, i, shift + 12 * octave, singer, {
                    lowest: 0,
                    highest: 0,
                    meanMidi: 0,
                    shareAbove: 0,
                    shareBelow: 0,
                  }),
                  singer,
                  shift,
                  octave,
                ),
              ),
            ),
          ),
        );
        if (worst > best.fit) best = { fit: worst, shift };
      }
      return {
        songId: entry.id,
        keyShift: best.shift,
        fit: Math.round(best.fit),
        rank: Math.round(best.fit) + 0.5 * entry.popularity,
      };
    });
  }

  for (const singers of [
    [voiceProfileFromRange(40, 55)],
    [voiceProfileFromRange(55, 79)],
    [ALTO, voiceProfileFromRange(43, 62)],
  ]) {
    it(`agrees for ${singers.length} singer(s), every song and the top 10`, () => {
      const expected = bruteForce(singers);
      const all = recommend(index, singers, { top: songs.length });
      const byId = new Map(all.map((r) => [r.songId, r]));
      for (const want of expected)
        expect([want.songId, byId.get(want.songId)!.keyShift, byId.get(want.songId)!.fit]).toEqual([
          want.songId,
          want.keyShift,
          want.fit,
        ]);
      const top = recommend(index, singers, { top: 10 }).map((r) => r.songId);
      expect(top).toEqual(
        [...expected]
          .sort((a, b) => b.rank - a.rank)
          .slice(0, 10)
          .map((r) => r.songId),
      );
    });
  }

  it('filters on tags beyond the 32 that get bits', () => {
    const results = recommend(index, ALTO, { top: 300, tags: ['t39', 'odd'] });
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.songId).sort()).toEqual(
      songs
        .filter((s) => s.tags.includes('t39') && s.tags.includes('odd'))
        .map((s) => s.id)
        .sort(),
    );
  });
});

describe('voiceProfileFromRange', () => {
  it('puts the comfortable band a fifth of the span inside each extreme', () => {
    expect(voiceProfileFromRange(43, 64)).toEqual({
      lowest: 43,
      highest: 64,
      comfortableLow: 47,
      comfortableHigh: 60,
    });
    expect(voiceProfileFromRange(60, 62)).toEqual({
      lowest: 60,
      highest: 62,
      comfortableLow: 60,
      comfortableHigh: 62,
    });
    expect(() => voiceProfileFromRange(64, 43)).toThrow(/above/);
  });

  it('asking for no songs returns none', () => {
    expect(recommend(buildRecommendIndex([evenSong('a', 60, 66)]), ALTO, { top: 0 })).toEqual([]);
  });
});

describe('fitReason', () => {
  it('names the shifted top note and the singer limit it sits under', () => {
    const singer: VoiceProfile = { lowest: 43, highest: 65, comfortableLow: 48, comfortableHigh: 62 };
    const shifted = { lowest: 55, highest: 64, meanMidi: 59, shareAbove: 0, shareBelow: 0 };
    expect(fitReason(shifted, singer, -2)).toBe(
      '-2: top note E4 sits under your F4, 100% in your comfortable range',
    );
    expect(fitReason({ ...shifted, shareAbove: 0.4 }, singer, 3)).toBe(
      '+3: 40% of the song sits above your comfortable D4',
    );
    expect(fitReason({ ...shifted, highest: 67 }, singer, 0)).toBe(
      'original key: top note G4 is 2 semitones above your F4',
    );
  });
});

describe('TopNSelection', () => {
  it('keeps the same best items a full sort would', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const scores = Array.from({ length: 5000 }, () => Math.round(random() * 1000) / 10);
    const selection = new TopNSelection(25);
    scores.forEach((score, i) => selection.offer(i, score));
    const expected = scores
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 25)
      .map((entry) => entry.score);
    expect(selection.sortedItems().map((i) => scores[i])).toEqual(expected);
  });

  it('keeps the same items whatever order they are offered in, ties going to the lower item', () => {
    // Ten distinct scores for 300 items: ties everywhere, as songs of equal popularity and fit.
    const scores = Array.from({ length: 300 }, (_, i) => (i * 7) % 10);
    const expected = scores
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 40)
      .map((entry) => entry.i);
    for (const order of [scores.map((_, i) => i), scores.map((_, i) => 299 - i)]) {
      const selection = new TopNSelection(40);
      for (const i of order) selection.offer(i, scores[i]!);
      expect(selection.sortedItems()).toEqual(expected);
    }
  });
});
