import { describe, expect, it } from 'vitest';
import { parseMidiFile, parseMidiMelody, rankMelodyParts, songFromMelody } from '../../src/index';
import { melody, metaText, note, tempo, writeSmf } from './smfWriter';

const TUNE = [60, 62, 64, 65, 67, 65, 64, 62, 60, 64, 67, 72];

describe('parseMidiFile', () => {
  it('times notes through the tempo map', () => {
    // 480 ticks per quarter; 120 BPM for the first quarter, then 60 BPM.
    const bytes = writeSmf(0, 480, [
      {
        events: [tempo(0, 500_000), tempo(480, 1_000_000), ...note(0, 60, 0, 480), ...note(0, 62, 480, 480)],
      },
    ]);
    const file = parseMidiFile(bytes);
    expect(file.notes.map((n) => [n.midi, n.startSec, n.durationSec])).toEqual([
      [60, 0, 0.5],
      [62, 0.5, 1],
    ]);
  });

  it('reports truncated and non-MIDI files', () => {
    const bytes = writeSmf(0, 480, [{ events: melody(0, TUNE, 240) }]);
    expect(() => parseMidiFile(bytes.subarray(0, bytes.length - 20))).toThrow(/truncated/);
    expect(() => parseMidiFile(new TextEncoder().encode('#TITLE:not midi at all'))).toThrow(
      /not a MIDI file/,
    );
  });
});

describe('parseMidiMelody', () => {
  it('picks the monophonic part in singing range over chords, bass and drums', () => {
    const chords = [0, 960, 1920].flatMap((t) => [
      ...note(1, 48, t, 960),
      ...note(1, 52, t, 960),
      ...note(1, 55, t, 960),
    ]);
    const bass = melody(2, [36, 31, 36, 31, 36, 31, 36, 31, 36, 31, 36, 31], 240);
    const drums = melody(
      9,
      Array.from({ length: 40 }, () => 38),
      120,
    );
    const bytes = writeSmf(1, 480, [
      { events: [metaText(0, 0x03, 'My Song'), tempo(0, 500_000)] },
      { events: [metaText(0, 0x03, 'Piano'), ...chords] },
      { events: [metaText(0, 0x03, 'Bass'), ...bass] },
      { events: [metaText(0, 0x03, 'Drums'), ...drums] },
      { events: [metaText(0, 0x03, 'Flute'), ...melody(3, TUNE, 240)] },
    ]);
    const parsed = parseMidiMelody(bytes);
    expect(parsed.metadata.title).toBe('My Song');
    expect(parsed.notes.map((n) => n.midi)).toEqual(TUNE);
    const ranked = rankMelodyParts(parseMidiFile(bytes));
    expect(ranked[0]!.trackName).toBe('Flute');
    expect(ranked.some((part) => part.channel === 9)).toBe(false);
  });

  it('in a .kar file follows the part whose onsets carry the lyric syllables', () => {
    const lyricsTrack = TUNE.map((_, i) => metaText(i * 240, 0x01, i === 0 ? '/la' : 'la'));
    // A decoy: a long, single-line part in range whose notes fall between the syllables.
    const decoy = melody(
      4,
      [...TUNE, ...TUNE].map((m) => m + 2),
      120,
      60,
    );
    const bytes = writeSmf(1, 480, [
      {
        events: [
          metaText(0, 0x01, '@KMIDI KARAOKE FILE'),
          metaText(0, 0x01, '@TKaraoke Tune'),
          metaText(0, 0x01, '@TSome Singer'),
          tempo(0, 500_000),
        ],
      },
      { events: [metaText(0, 0x03, 'Words'), ...lyricsTrack] },
      { events: [metaText(0, 0x03, 'Strings'), ...decoy] },
      { events: [metaText(0, 0x03, 'Melody'), ...melody(5, TUNE, 240)] },
    ]);
    const parsed = parseMidiMelody(bytes);
    expect(parsed.metadata).toMatchObject({ title: 'Karaoke Tune', artist: 'Some Singer' });
    expect(parsed.notes.map((n) => n.midi)).toEqual(TUNE);
    const song = songFromMelody(parsed, { file: 'x.kar', format: 'kar', fallbackTitle: 'x' });
    expect(song.range).toEqual({ lowest: 60, highest: 72 });
    expect(song.source.format).toBe('kar');
  });

  it('keeps the top note of chords in the chosen part (skyline)', () => {
    const events = [...melody(0, TUNE, 240), ...note(0, 55, 0, 240), ...note(0, 57, 480, 240)];
    const bytes = writeSmf(0, 480, [{ events }]);
    expect(parseMidiMelody(bytes).notes.map((n) => n.midi)).toEqual(TUNE);
  });

  it('fails with a reason when only drums play', () => {
    const bytes = writeSmf(0, 480, [
      {
        events: melody(
          9,
          Array.from({ length: 20 }, () => 42),
          120,
        ),
      },
    ]);
    expect(() => parseMidiMelody(bytes)).toThrow(/no melody track/);
  });
});
