import { describe, expect, it } from 'vitest';
import { englishReason, type FitReasonParts } from '@orak/core';
import { fitReasonText } from '../src/renderer/components/fitReasonText';
import { reasonMessages } from '../src/renderer/i18n/messages/reasonMessages';

// A song's reason said from its parts: the English catalogue says exactly what the engine's line says, the
// Korean one says it in karaoke terms, with notes named as the settings choose.

const CASES: FitReasonParts[] = [
  {
    keyShift: -1,
    octave: -1,
    verdict: { kind: 'fits', side: 'high', songMidi: 64, singerMidi: 64, comfortablePercent: 100 },
  },
  {
    keyShift: -2,
    octave: 0,
    verdict: { kind: 'fits', side: 'high', songMidi: 64, singerMidi: 65, comfortablePercent: 92 },
  },
  {
    keyShift: 3,
    octave: 0,
    verdict: { kind: 'fits', side: 'low', songMidi: 44, singerMidi: 43, comfortablePercent: 85 },
  },
  {
    keyShift: 0,
    octave: 1,
    verdict: { kind: 'fits', side: 'low', songMidi: 43, singerMidi: 43, comfortablePercent: 70 },
  },
  { keyShift: 2, octave: 0, verdict: { kind: 'outside-comfort', side: 'high', percent: 40, singerMidi: 62 } },
  { keyShift: -6, octave: 0, verdict: { kind: 'outside-comfort', side: 'low', percent: 25, singerMidi: 48 } },
  {
    keyShift: 0,
    octave: 0,
    singer: 2,
    verdict: { kind: 'beyond-range', side: 'high', songMidi: 67, singerMidi: 65 },
  },
  { keyShift: 6, octave: 0, verdict: { kind: 'beyond-range', side: 'low', songMidi: 42, singerMidi: 43 } },
];

describe('fitReasonText', () => {
  it('in English with scientific names is the engine reason, word for word', () => {
    for (const parts of CASES)
      expect(fitReasonText(parts, reasonMessages.en, 'scientific')).toBe(englishReason(parts));
  });

  it('in Korean says the key as 키, the octave in words, and names notes by the setting', () => {
    const [reaches, under, , , above, , group, below] = CASES as [FitReasonParts, ...FitReasonParts[]];
    expect(fitReasonText(reaches, reasonMessages.ko, 'scientific')).toBe(
      '키 -1 · 한 옥타브 아래: 최고음 E4, 내 최고음에 딱 맞음, 100%가 내 편한 음역 안',
    );
    expect(fitReasonText(under!, reasonMessages.ko, 'korean')).toBe(
      '키 -2: 최고음 2옥타브 미, 내 최고음 2옥타브 파보다 낮음, 92%가 내 편한 음역 안',
    );
    expect(fitReasonText(above!, reasonMessages.ko, 'both')).toBe(
      '키 +2: 노래의 40%가 내 편한 최고음 D4(2옥타브 레)보다 높음',
    );
    expect(fitReasonText(group!, reasonMessages.ko, 'scientific')).toBe(
      '원래 키: 최고음 G4, 2번 가수의 최고음 F4보다 2반음 높음',
    );
    expect(fitReasonText(below!, reasonMessages.ko, 'korean')).toBe(
      '키 +6: 최저음 저음 1옥타브 파#, 내 최저음 저음 1옥타브 솔보다 1반음 낮음',
    );
    for (const parts of CASES) {
      const korean = fitReasonText(parts, reasonMessages.ko, 'korean');
      expect(korean).toMatch(/[\uac00-\ud7a3]/);
      expect(korean).not.toMatch(/\b(top|low|note|your|comfortable|octave)\b/);
    }
  });
});
