import { describe, expect, it } from 'vitest';
import {
  buildRecommendIndex,
  englishReason,
  fitReason,
  fitReasonParts,
  FitReasonPartsSchema,
  recommend,
  voiceProfileFromRange,
  type ShiftedSong,
  type VoiceProfile,
} from '../../src/index';
import { evenSong } from './testSongs';

// The reason's parts carry what the English line says, so a Korean screen can say the same thing.

const BARITONE: VoiceProfile = { lowest: 43, highest: 65, comfortableLow: 48, comfortableHigh: 62 };
const FITTING: ShiftedSong = { lowest: 55, highest: 64, meanMidi: 59, shareAbove: 0, shareBelow: 0 };

describe('fitReasonParts', () => {
  it('holds the limiting note, its side and the comfortable share the English line names', () => {
    const cases: { song: ShiftedSong; shift: number; octave?: number; parts: object; english: string }[] = [
      {
        song: FITTING,
        shift: -2,
        parts: { kind: 'fits', side: 'high', songMidi: 64, singerMidi: 65, comfortablePercent: 100 },
        english: '-2: top note E4 sits under your F4, 100% in your comfortable range',
      },
      {
        song: { ...FITTING, highest: 65, shareAbove: 0.1 },
        shift: -1,
        octave: -1,
        parts: { kind: 'fits', side: 'high', songMidi: 65, singerMidi: 65, comfortablePercent: 90 },
        english: '-1, an octave down: top note F4 reaches your highest, 90% in your comfortable range',
      },
      {
        song: { ...FITTING, lowest: 44, highest: 60, shareBelow: 0.15 },
        shift: 3,
        parts: { kind: 'fits', side: 'low', songMidi: 44, singerMidi: 43, comfortablePercent: 85 },
        english: '+3: low note G#2 sits above your G2, 85% in your comfortable range',
      },
      {
        // The low edge at the singer's lowest, with room on top: it reaches, it does not "sit above" itself.
        song: { ...FITTING, lowest: 43, highest: 60 },
        shift: -4,
        parts: { kind: 'fits', side: 'low', songMidi: 43, singerMidi: 43, comfortablePercent: 100 },
        english: '-4: low note G2 reaches your lowest, 100% in your comfortable range',
      },
      {
        song: { ...FITTING, shareAbove: 0.4 },
        shift: 3,
        parts: { kind: 'outside-comfort', side: 'high', percent: 40, singerMidi: 62 },
        english: '+3: 40% of the song sits above your comfortable D4',
      },
      {
        song: { ...FITTING, highest: 67 },
        shift: 0,
        parts: { kind: 'beyond-range', side: 'high', songMidi: 67, singerMidi: 65 },
        english: 'original key: top note G4 is 2 semitones above your F4',
      },
      {
        song: { ...FITTING, lowest: 42 },
        shift: 6,
        parts: { kind: 'beyond-range', side: 'low', songMidi: 42, singerMidi: 43 },
        english: '+6: low note F#2 is 1 semitone below your G2',
      },
    ];
    for (const c of cases) {
      const parts = fitReasonParts(c.song, BARITONE, c.shift, c.octave ?? 0);
      expect(FitReasonPartsSchema.parse(parts)).toEqual(parts);
      expect(parts).toEqual({ keyShift: c.shift, octave: c.octave ?? 0, verdict: c.parts });
      expect(englishReason(parts)).toBe(c.english);
      expect(fitReason(c.song, BARITONE, c.shift, c.octave ?? 0)).toBe(c.english);
    }
  });

  it('comes with every recommendation and renders to its reason, naming the singer in group mode', () => {
    const index = buildRecommendIndex([
      evenSong('d-octave', 62, 74),
      evenSong('low-hymn', 40, 52),
      evenSong('soprano-line', 67, 84),
    ]);
    const alone = recommend(index, voiceProfileFromRange(57, 69), { top: 3 });
    const group = recommend(index, [voiceProfileFromRange(43, 64), voiceProfileFromRange(60, 81)], {
      top: 3,
    });
    expect(alone.length).toBe(3);
    expect(group.length).toBe(3);
    for (const result of [...alone, ...group]) {
      const parts = FitReasonPartsSchema.parse(result.reasonParts);
      expect(englishReason(parts)).toBe(result.reason);
      expect(parts.keyShift).toBe(result.keyShift);
    }
    for (const result of alone) {
      expect(result.reasonParts!.singer).toBeUndefined();
      expect(result.reasonParts!.octave).toBe(result.octave ?? 0);
    }
    expect(group.every((r) => r.reasonParts!.singer === 1 || r.reasonParts!.singer === 2)).toBe(true);
    expect(group.some((r) => /singer [12]'s/.test(r.reason))).toBe(true);
  });
});
