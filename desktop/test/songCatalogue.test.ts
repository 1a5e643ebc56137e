import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSongCatalogue } from '../src/main/analysis/songCatalogue';

// The desktop's catalogue: recommendations with filters, the facets the filters offer, and guide melodies.

const catalogue = createSongCatalogue({ userCatalogueFile: null });
const baritone = { lowest: 43, highest: 64, comfortableLow: 45, comfortableHigh: 60 };

describe('song catalogue', () => {
  it('recommends shipped songs with key shifts, and filters by language and difficulty', async () => {
    const all = await catalogue.recommend(baritone, 10);
    expect(all).toHaveLength(10);
    const facets = await catalogue.facets();
    expect(facets.languages).toContain('ko');
    const korean = await catalogue.recommend(baritone, 10, { languages: ['ko'], maxDifficulty: 2 });
    expect(korean.length).toBeGreaterThan(0);
    expect(korean.length).toBeLessThan(all.length + 1);
    expect(korean.map((r) => r.songId)).not.toEqual(all.slice(0, korean.length).map((r) => r.songId));
  });

  it('gives a song’s melody moved by the key shift and octave', async () => {
    const [song] = await catalogue.recommend(baritone, 1);
    const original = await catalogue.guide(song!.songId, 0);
    const moved = await catalogue.guide(song!.songId, 3, -1);
    expect(original.notes!.length).toBeGreaterThan(10);
    expect(moved.transposeSemitones).toBe(-9);
    expect(moved.notes!.map((n) => n.midi)).toEqual(original.notes!.map((n) => n.midi - 9));
    const lowest = Math.min(...original.notes!.map((n) => n.midi));
    expect(lowest).toBe(song!.songRange.lowest.midi);
  });

  it('refuses an unknown song', async () => {
    await expect(catalogue.guide('nobody--nothing', 0)).rejects.toThrow(/no song/);
  });
});

describe('song catalogue with a corrupt user file', () => {
  it('refuses while the file is corrupt and reads it again once it is fixed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orak-catalogue-'));
    try {
      const file = join(dir, 'catalogue.json');
      await writeFile(file, '{"songs": [');
      const user = createSongCatalogue({ userCatalogueFile: file });
      await expect(user.recommend(baritone, 3)).rejects.toThrow();
      await rm(file);
      expect(await user.recommend(baritone, 3)).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
