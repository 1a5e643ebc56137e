import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogueSchema } from '@orak/core';
import { melody, metaText, writeSmf } from '../../core/test/catalogue/smfWriter';
import { importCatalogueFiles } from '../src/catalogue/catalogueFileImporter';
import { addToUserCatalogue, loadCatalogue, loadUserCatalogue } from '../src/catalogue/userCatalogueStore';

const ULTRASTAR = (title: string, pitches: number[]) =>
  [
    `#TITLE:${title}`,
    '#ARTIST:Tester',
    '#BPM:200',
    ...pitches.map((p, i) => `: ${i * 4} 3 ${p} la`),
    'E',
    '',
  ].join('\n');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-catalogue-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importCatalogueFiles', () => {
  it('imports every format from a folder tree and reports each bad file with its reason', async () => {
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'good.txt'), ULTRASTAR('Good Song', [0, 2, 4, 5, 7]));
    await writeFile(join(dir, 'nested', 'also-good.txt'), ULTRASTAR('Nested Song', [-5, 0, 4]));
    await writeFile(join(dir, 'no-bpm.txt'), '#TITLE:No BPM\n: 0 4 0 la\nE\n');
    await writeFile(join(dir, 'notes.txt'), 'just some notes about songs\n');
    await writeFile(
      join(dir, 'tune.mid'),
      writeSmf(0, 480, [
        { events: [metaText(0, 3, 'Midi Tune'), ...melody(0, [60, 62, 64, 65, 67, 69, 71, 72], 240)] },
      ]),
    );
    await writeFile(
      join(dir, 'broken.kar'),
      new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2]),
    );
    await writeFile(
      join(dir, 'list.csv'),
      'title,artist,lowest,highest,popularity,tags\nCsv Song,Band,A2,D4,0.4,rock\nBad Row,Band,A2,,0.4,\n',
    );
    await writeFile(join(dir, 'cover.jpg'), 'not a song, skipped silently inside folders');

    const report = await importCatalogueFiles([dir, join(dir, 'missing.txt')]);
    expect(report.songs.map((s) => s.title).sort()).toEqual([
      'Csv Song',
      'Good Song',
      'Midi Tune',
      'Nested Song',
    ]);
    const byTitle = Object.fromEntries(report.songs.map((s) => [s.title, s]));
    expect(byTitle['Good Song']!.range).toEqual({ lowest: 60, highest: 67 });
    expect(byTitle['Midi Tune']!.source.format).toBe('midi');
    expect(byTitle['Csv Song']!.rangeProvenance).toBe('declared');
    const problems = Object.fromEntries(
      report.problems.map((p) => [p.file.slice(dir.length + 1) || p.file, p.reason]),
    );
    expect(problems).toEqual({
      'no-bpm.txt': expect.stringMatching(/#BPM/),
      'notes.txt': expect.stringMatching(/#TITLE/),
      'broken.kar': expect.stringMatching(/truncated/),
      'list.csv:3': expect.stringMatching(/bad highest/),
      'missing.txt': 'no such file or folder',
    });
  });

  it('reports a named file of an unsupported type', async () => {
    await writeFile(join(dir, 'song.mp3'), 'ID3');
    const report = await importCatalogueFiles([join(dir, 'song.mp3')]);
    expect(report.songs).toEqual([]);
    expect(report.problems[0]!.reason).toMatch(/unsupported file type ".mp3"/);
  });
});

describe('user catalogue', () => {
  it('persists imports, replaces songs with the same id and merges with the default catalogue', async () => {
    const file = join(dir, 'home', 'catalogue.json');
    const first = await importCatalogueFiles([
      await writeAndReturn(join(dir, 'a.txt'), ULTRASTAR('Mine', [0, 4, 7])),
    ]);
    expect(await addToUserCatalogue(first.songs, file)).toBe(1);
    const again = await importCatalogueFiles([
      await writeAndReturn(join(dir, 'b.txt'), ULTRASTAR('Mine', [2, 5, 9])),
    ]);
    expect(await addToUserCatalogue(again.songs, file)).toBe(1);
    const stored = CatalogueSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(stored.songs[0]!.range).toEqual({ lowest: 62, highest: 69 });
    expect(await loadUserCatalogue(join(dir, 'nothing-here.json'))).toEqual([]);
    const merged = await loadCatalogue(file);
    expect(merged.some((s) => s.id === 'tester--mine')).toBe(true);
    expect(merged.length).toBeGreaterThanOrEqual(101);
  });

  it('refuses a corrupt catalogue file with a clear error', async () => {
    const file = join(dir, 'catalogue.json');
    await writeFile(file, JSON.stringify({ songs: [{ id: 'x' }] }));
    await expect(loadUserCatalogue(file)).rejects.toThrow(/corrupt/);
  });
});

async function writeAndReturn(path: string, text: string): Promise<string> {
  await writeFile(path, text);
  return path;
}
