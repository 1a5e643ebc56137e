import type { CorpusTake } from '../corpus/sungCorpus';
import { analyzeSamples, type AnalyzeOptions, DEFAULT_ANALYZE_OPTIONS } from '../analysis/analyzeTake';
import { scoreFrames, type FrameScores } from './pitchMetrics';

export interface TakeResult {
  id: string;
  condition: string;
  scores: FrameScores;
  /** Largest of the two range-end errors in semitones (null when the engine found no range). */
  rangeError: number | null;
  lowestError: number | null;
  highestError: number | null;
  voiceTypeCorrect: boolean;
  seconds: number;
  audioSec: number;
}

/** Runs the full engine on one synthetic take and scores it against the exact ground truth. */
export async function evaluateTake(
  take: CorpusTake,
  options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS,
): Promise<TakeResult> {
  const started = performance.now();
  const audioSec = take.samples.length / take.sampleRate;
  try {
    const result = await analyzeSamples(take.samples, take.sampleRate, take.id, options);
    const seconds = (performance.now() - started) / 1000;
    const lowestError = result.analysis.range.lowest.midi - take.truthRange.lowest;
    const highestError = result.analysis.range.highest.midi - take.truthRange.highest;
    return {
      id: take.id,
      condition: take.condition,
      scores: scoreFrames(take.truthHz, result.candidateHz, result.voiced),
      rangeError: Math.max(Math.abs(lowestError), Math.abs(highestError)),
      lowestError,
      highestError,
      voiceTypeCorrect: result.analysis.voiceType.label === take.voiceType,
      seconds,
      audioSec,
    };
  } catch {
    return {
      id: take.id,
      condition: take.condition,
      scores: scoreFrames(
        take.truthHz,
        new Float32Array(take.truthHz.length),
        new Uint8Array(take.truthHz.length),
      ),
      rangeError: null,
      lowestError: null,
      highestError: null,
      voiceTypeCorrect: false,
      seconds: (performance.now() - started) / 1000,
      audioSec,
    };
  }
}
