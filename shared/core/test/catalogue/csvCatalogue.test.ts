import { describe, expect, it } from 'vitest';
import { CatalogueEntrySchema, parseCatalogueCsv, parseCsvRows } from '../../src/index';

describe('parseCatalogueCsv', () => {
  it('imports good rows with declared ranges and reports bad rows by line', () => {
    const csv = [
      'title,artist,lowest,highest,popularity,tags,language',
      'Song A,Band,G2,E4,0.8,ballad;rock,English',
      '"Song, with comma",Solo,48,67,1200,"pop|dance",ko',
      'Broken,Band,Q9,E4,0.5,,',
      'Upside,Band,E4,G2,0.5,,',
      ',No Title,C3,C4,0.5,,',
      'Bad Pop,Band,C3,C4,lots,,',
    ].join('\n');
    const { songs, problems } = parseCatalogueCsv(csv, 'songs.csv');
    expect(songs.map((s) => s.title)).toEqual(['Song A', 'Song, with comma']);
    expect(songs[0]).toMatchObject({
      range: { lowest: 43, highest: 64 },
      rangeProvenance: 'declared',
      tags: ['ballad', 'rock'],
      language: 'en',
      popularity: 0.8,
      histogram: {},
      source: { file: 'songs.csv', format: 'csv' },
    });
    expect(songs[1]!.tags).toEqual(['pop', 'dance']);
    expect(songs[1]!.popularity).toBeGreaterThan(0.7);
    expect(songs[1]!.popularity).toBeLessThanOrEqual(1);
    for (const song of songs) CatalogueEntrySchema.parse(song);
    expect(problems).toEqual([
      { line: 4, reason: expect.stringMatching(/bad lowest "Q9"/) },
      { line: 5, reason: expect.stringMatching(/above highest/) },
      { line: 6, reason: 'empty title' },
      { line: 7, reason: expect.stringMatching(/bad popularity/) },
    ]);
  });

  it('reads popularity as 0..1, a percentage or a play count', () => {
    const csv =
      'title,artist,lowest,highest,popularity\nA,X,C3,C4,0.25\nB,X,C3,C4,40%\nC,X,C3,C4,9999\nD,X,C3,C4,\n';
    expect(parseCatalogueCsv(csv, 'p.csv').songs.map((s) => s.popularity)).toEqual([0.25, 0.4, 1, 0]);
  });

  it('rejects a file without the required columns', () => {
    expect(() => parseCatalogueCsv('name,singer\nx,y\n', 'x.csv')).toThrow(/title, artist, lowest, highest/);
  });

  it('parses quoted fields with doubled quotes and line breaks', () => {
    expect(parseCsvRows('a,"b ""q""\nc",d\r\ne,f\n').map((r) => r.fields)).toEqual([
      ['a', 'b "q"\nc', 'd'],
      ['e', 'f'],
    ]);
  });
});
