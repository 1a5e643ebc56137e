import { describe, expect, it } from 'vitest';
import {
  CatalogueEntrySchema,
  CatalogueImportError,
  histogramQuantile,
  parseUltraStar,
  songFromMelody,
} from '../../src/index';

const source = { file: 'song.txt', format: 'ultrastar' as const, fallbackTitle: 'song' };

const SONG = `#TITLE:Test Song
#ARTIST:Test Artist
#LANGUAGE:English
#GENRE:Pop
#TAGS:ballad, duet
#BPM:300
#GAP:1000
: 0 4 0 la
* 4 4 2 la
R 8 4 30 rap
G 12 4 31 goldrap
F 16 4 -20 free
: 20 8 4 la
- 30
: 32 4 7 la
E
`;

describe('parseUltraStar', () => {
  it('reads headers and times notes with quartered BPM, skipping rap and freestyle notes', () => {
    const melody = parseUltraStar(SONG);
    expect(melody.metadata).toMatchObject({ title: 'Test Song', artist: 'Test Artist', language: 'en' });
    expect(melody.metadata.tags).toEqual(['ballad', 'duet', 'pop']);
    // 300 BPM: one beat = 60 / (4 * 300) = 0.05 s; GAP shifts everything by 1 s.
    expect(melody.notes.map((n) => n.midi)).toEqual([60, 62, 64, 67]);
    expect(melody.notes[1]!.startSec).toBeCloseTo(1.2);
    expect(melody.notes[2]!.durationSec).toBeCloseTo(0.4);
  });

  it('builds a duration-weighted histogram and a range from the notes', () => {
    const song = songFromMelody(parseUltraStar(SONG), source);
    expect(CatalogueEntrySchema.parse(song)).toBeTruthy();
    expect(song.range).toEqual({ lowest: 60, highest: 67 });
    expect(song.rangeProvenance).toBe('notes');
    expect(song.histogram).toEqual({ '60': 0.2, '62': 0.2, '64': 0.4, '67': 0.2 });
    expect(histogramQuantile(song.histogram, 0.5)).toBe(64);
    expect(song.id).toBe('test-artist--test-song');
  });

  it('moves a melody written an octave too low back into a singing register and records it', () => {
    const low = SONG.replace(': 0 4 0', ': 0 4 -24')
      .replace('* 4 4 2', '* 4 4 -22')
      .replace(': 20 8 4', ': 20 8 -20')
      .replace(': 32 4 7', ': 32 4 -17');
    const song = songFromMelody(parseUltraStar(low), source);
    expect(song.octaveShift).toBe(12);
    expect(song.range).toEqual({ lowest: 48, highest: 55 });
  });

  it('moves a melody written an octave too high down', () => {
    const high = SONG.replace(': 0 4 0', ': 0 4 24')
      .replace('* 4 4 2', '* 4 4 26')
      .replace(': 20 8 4', ': 20 8 28')
      .replace(': 32 4 7', ': 32 4 31');
    const song = songFromMelody(parseUltraStar(high), source);
    expect(song.octaveShift).toBe(-12);
    expect(song.range.highest).toBe(79);
  });

  it('leaves a plausible register alone', () => {
    expect(songFromMelody(parseUltraStar(SONG), source).octaveShift).toBe(0);
  });

  it('follows relative mode and sings only the first player of a duet', () => {
    const relative = `#TITLE:R\n#BPM:150\n#RELATIVE:yes\n: 0 4 0 a\n- 8 10\n: 0 4 5 b\nE\n`;
    const notes = parseUltraStar(relative).notes;
    expect(notes[1]!.startSec).toBeCloseTo(10 * 0.1);
    const duet = `#TITLE:D\n#BPM:150\nP1\n: 0 4 0 a\nP2\n: 0 4 12 b\nE\n`;
    expect(parseUltraStar(duet).notes.map((n) => n.midi)).toEqual([60]);
  });

  it('rejects files without a title, BPM or pitched notes with a reason', () => {
    expect(() => parseUltraStar('#BPM:100\n: 0 1 0 a\n')).toThrow(/#TITLE/);
    expect(() => parseUltraStar('#TITLE:x\n: 0 1 0 a\n')).toThrow(/#BPM/);
    expect(() => parseUltraStar('#TITLE:x\n#BPM:100\nR 0 1 0 a\nE\n')).toThrow(CatalogueImportError);
    expect(() => parseUltraStar('#TITLE:x\n#BPM:100\n: zero 1 0 a\n')).toThrow(/line 3/);
    expect(() => parseUltraStar(new Uint8Array([0x4d, 0x54, 0, 0]))).toThrow(/binary/);
  });

  it('reads Windows-1252 files', () => {
    const bytes = new TextEncoder().encode(SONG.replace('Test Song', 'Caf?'));
    bytes[bytes.indexOf(0x3f)] = 0xe9; // é in Windows-1252, invalid as UTF-8
    expect(parseUltraStar(bytes).metadata.title).toBe('Café');
  });
});
