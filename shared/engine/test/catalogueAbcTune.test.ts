import { describe, expect, it } from 'vitest';
import { parseUltraStar } from '@orak/core';
import { keySignature, parseAbcTune, splitAbcTunes } from '../src/catalogue/abcTune';
import { abcTuneToUltraStar } from '../src/catalogue/abcToUltraStar';

const tune = (body: string, key = 'C', extra = '') =>
  `X:1\nT:Test\n${extra}M:4/4\nL:1/8\nQ:1/4=120\nK:${key}\n${body}\n`;

describe('parseAbcTune', () => {
  it('applies key signatures, modes and bar-scoped accidentals', () => {
    expect(keySignature('G')).toMatchObject({ F: 1, C: 0 });
    expect(keySignature('Bb')).toMatchObject({ B: -1, E: -1, A: 0 });
    expect(keySignature('Am')).toMatchObject({ F: 0, C: 0, G: 0 });
    expect(keySignature('Ddor')).toMatchObject({ F: 0, C: 0, B: 0 });
    expect(keySignature('Em')).toMatchObject({ F: 1, C: 0 });
    const { notes } = parseAbcTune(tune("F ^G G =F | G c C, g'", 'G'));
    expect(notes.map((n) => n.midi)).toEqual([66, 68, 68, 65, 67, 72, 48, 91]);
  });

  it('reads lengths, ties, broken rhythm, triplets and rests in quarter notes', () => {
    const { notes, quartersPerMinute } = parseAbcTune(tune('C2 D/ E3/2 F>G A<B (3cde z2 c2-c2'));
    expect(quartersPerMinute).toBe(120);
    expect(notes.map((n) => [n.midi, n.quarters])).toEqual([
      [60, 1],
      [62, 0.25],
      [64, 0.75],
      [65, 0.75],
      [67, 0.25],
      [69, 0.25],
      [71, 0.75],
      [72, 1 / 3],
      [74, 1 / 3],
      [76, 1 / 3],
      [null, 1],
      [72, 2],
    ]);
  });

  it('aligns w: lyrics, holding a syllable over "_" notes', () => {
    const { notes } = parseAbcTune(`${tune('C D E F')}w: A-ma_ zing\n`);
    expect(notes.map((n) => n.syllable)).toEqual(['A-', 'ma', '~', 'zing']);
  });

  it('rejects what it cannot read instead of guessing', () => {
    expect(() => parseAbcTune(tune('C [CEG] D'))).toThrow(/cannot read ABC/);
    expect(() => parseAbcTune('X:1\nT:No key\nC D E\n')).toThrow(/line before K:|missing K:/);
  });

  it('splits a file into tunes', () => {
    expect(splitAbcTunes(`% comment\n\n${tune('C')}\n${tune('D')}`)).toHaveLength(2);
  });
});

describe('abcTuneToUltraStar', () => {
  it('writes an UltraStar file that imports back to the same pitches and timing', () => {
    const file = abcTuneToUltraStar(
      tune(
        'C2 E2 G4 | z2 c2 G4',
        'C',
        'C:Some Composer (words Someone)\n%%language en\n%%tags hymn,test\n%%popularity 0.4\n',
      ),
    );
    expect(file.fileName).toBe('some-composer--test.txt');
    const melody = parseUltraStar(file.text);
    expect(melody.metadata).toMatchObject({
      title: 'Test',
      artist: 'Some Composer (words Someone)',
      language: 'en',
      popularity: 0.4,
      tags: ['hymn', 'test'],
    });
    expect(melody.notes.map((n) => n.midi)).toEqual([60, 64, 67, 72, 67]);
    // 120 quarters per minute: a quarter lasts 0.5 s, the half note 1 s, and the rest delays c by 0.5 s.
    expect(melody.notes.map((n) => n.startSec)).toEqual([0, 0.5, 1, 2.5, 3]);
  });
});
