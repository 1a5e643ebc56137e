import { describe, expect, it } from 'vitest';
import { recommendNaive } from '../../../../bench/recommendNaive';
import {
  buildRecommendIndex,
  recommend,
  type CatalogueEntry,
  type RecommendOptions,
  type VoiceProfile,
} from '../../src/index';

// The pruned, bucketed recommender must return exactly what the naive definition returns: same songs
// in the same order, same shift, same rounded fit, for single singers and groups, with filters and
// popularity weight. Catalogues are random but seeded, and carry the awkward cases on purpose:
// popularity ties (many zeros), declared ranges, one-note songs, gaps in histograms, tags beyond 32.

function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function catalogue(random: () => number, count: number): CatalogueEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const span = random() < 0.05 ? 0 : Math.floor(random() * 27);
    const lowest = 42 + Math.floor(random() * 36);
    const declared = random() < 0.05;
    const histogram: Record<string, number> = {};
    if (!declared) {
      const peak = lowest + random() * span;
      for (let m = lowest; m <= lowest + span; m++) {
        const ends = m === lowest || m === lowest + span;
        if (ends || random() < 0.75) histogram[m] = 0.05 + random() * 4 * (1 / (1 + Math.abs(m - peak)));
      }
    }
    return {
      id: `s${i}`,
      title: `Song ${i}`,
      artist: 'Test',
      language: ['ko', 'en', 'ja'][Math.floor(random() * 3)]!,
      tags: [`t${Math.floor(random() * 40)}`, random() < 0.5 ? 'ballad' : 'dance'],
      difficulty: 1 + Math.floor(random() * 5),
      popularity: random() < 0.3 ? 0 : Math.round(random() * 20) / 20,
      histogram,
      range: { lowest, highest: lowest + span },
      rangeProvenance: declared ? 'declared' : 'notes',
      octaveShift: 0,
      source: { file: `s${i}.txt`, format: 'ultrastar' },
    };
  });
}

function singer(random: () => number): VoiceProfile {
  const lowest = 36 + Math.floor(random() * 30);
  const highest = lowest + 8 + Math.floor(random() * 20);
  return {
    lowest,
    highest,
    comfortableLow: lowest + 1 + Math.floor(random() * 4),
    comfortableHigh: highest - 1 - Math.floor(random() * 4),
  };
}

function options(random: () => number): RecommendOptions {
  const chosen: RecommendOptions = {
    top: 1 + Math.floor(random() * 25),
    popularityWeight: [0, 0, 0.25, 1, 3][Math.floor(random() * 5)]!,
  };
  const filter = random();
  if (filter < 0.2) chosen.languages = ['KO', 'ja'];
  else if (filter < 0.35) chosen.tags = ['ballad'];
  else if (filter < 0.45) chosen.tags = [`t${Math.floor(random() * 40)}`];
  else if (filter < 0.6) Object.assign(chosen, { minDifficulty: 2, maxDifficulty: 4, languages: ['en'] });
  return chosen;
}

describe('recommend agrees with the naive definition', () => {
  for (const seed of [1, 2, 3]) {
    const random = generator(seed * 7919);
    const songs = catalogue(random, 1500);
    const index = buildRecommendIndex(songs);
    for (const size of [1, 2, 3, 4, 5]) {
      it(`catalogue ${seed}, ${size} singer(s), 6 random queries`, () => {
        for (let query = 0; query < 6; query++) {
          const group = Array.from({ length: size }, () => singer(random));
          const chosen = options(random);
          const fast = recommend(index, size === 1 ? group[0]! : group, chosen).map((r) => ({
            songId: r.songId,
            keyShift: r.keyShift,
            fit: r.fit,
          }));
          const naive = recommendNaive(songs, group, chosen);
          expect(fast, JSON.stringify({ group, chosen })).toEqual(naive);
        }
      });
    }
  }

  it('a long list (the whole catalogue) agrees too, ties included', () => {
    const random = generator(424242);
    const songs = catalogue(random, 400);
    const group = [singer(random), singer(random), singer(random)];
    const chosen = { top: 400 };
    expect(
      recommend(buildRecommendIndex(songs), group, chosen).map((r) => ({
        songId: r.songId,
        keyShift: r.keyShift,
        fit: r.fit,
      })),
    ).toEqual(recommendNaive(songs, group, chosen));
  });

  it('an empty catalogue recommends nothing, and a small index after a large one still agrees', () => {
    const random = generator(99);
    expect(recommend(buildRecommendIndex([]), singer(random), { top: 5 })).toEqual([]);
    // Query arrays are kept between queries and sized for the largest index seen so far.
    const songs = catalogue(random, 30);
    const group = [singer(random), singer(random)];
    const fast = recommend(buildRecommendIndex(songs), group, { top: 30 });
    expect(fast.map(({ songId, keyShift, fit }) => ({ songId, keyShift, fit }))).toEqual(
      recommendNaive(songs, group, { top: 30 }),
    );
  });

  it('refuses a negative popularity weight, which pruning cannot bound', () => {
    const index = buildRecommendIndex(catalogue(generator(5), 10));
    expect(() => recommend(index, singer(generator(6)), { top: 3, popularityWeight: -1 })).toThrow(
      RangeError,
    );
  });
});
