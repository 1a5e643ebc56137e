import { VOICE_TYPE_RANGES, type VoiceTypeLabel } from '@orak/core';
import { SeededRandom } from '../dsp/seededRandom';
import { generateMelody, scoreRange, type Melody } from './melodyGenerator';
import { applyCondition, CONDITIONS, type RecordingCondition } from './recordingConditions';
import { synthesiseSinging } from './singingSynth';

export interface CorpusTake {
  id: string;
  voiceType: VoiceTypeLabel;
  condition: RecordingCondition;
  melody: Melody;
  samples: Float32Array;
  sampleRate: number;
  truthHz: Float32Array;
  hopSec: number;
  truthRange: { lowest: number; highest: number };
}

export interface CorpusOptions {
  takesPerVoice: number;
  durationSec: number;
  conditions: readonly RecordingCondition[];
  seed: number;
  sampleRate: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
  takesPerVoice: 2,
  durationSec: 12,
  conditions: CONDITIONS,
  seed: 2026,
  sampleRate: 16000,
};

/** Yields every (voice type x take x condition) with exact ground truth; the same seed gives the same corpus. */
export function* generateCorpus(options: Partial<CorpusOptions> = {}): Generator<CorpusTake> {
  const o = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  for (const [voiceIndex, voice] of VOICE_TYPE_RANGES.entries()) {
    for (let take = 0; take < o.takesPerVoice; take++) {
      const seed = o.seed * 1000 + voiceIndex * 100 + take;
      const melody = generateMelody(voice.label, new SeededRandom(seed), o.durationSec);
      const sung = synthesiseSinging(melody, new SeededRandom(seed + 7), o.sampleRate);
      for (const condition of o.conditions) {
        yield {
          id: `${voice.label}-${take}-${condition}`,
          voiceType: voice.label,
          condition,
          melody,
          samples: applyCondition(
            sung.samples,
            condition,
            o.sampleRate,
            melody.tonic,
            new SeededRandom(seed + 13),
          ),
          sampleRate: o.sampleRate,
          truthHz: sung.truthHz,
          hopSec: sung.hopSec,
          truthRange: scoreRange(melody),
        };
      }
    }
  }
}
