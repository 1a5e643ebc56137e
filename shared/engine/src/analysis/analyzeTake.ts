import {
  classifyVoiceType,
  DEFAULT_RANGE_OPTIONS,
  estimateRange,
  estimateVibrato,
  midiToHz,
  midiToName,
  segmentNotes,
  type Analysis,
  type F0Track,
  type NoteRef,
  type SungNote,
  type TessituraWindow,
} from '@orak/core';
import {
  decodeAudioFile,
  type DecodedTake,
  type DecodeLimits,
  DEFAULT_DECODE_LIMITS,
} from '../decode/decodeAudioFile';
import { DEFAULT_MODEL_RUNTIME, modelSemaphore, type ModelRuntimeConfig } from '../models/modelRuntime';
import type { Semaphore } from '../models/modelSemaphore';
import { SileroVad } from '../models/sileroVad';
import { decideVoicing } from '../pitch/voicingDecision';
import { trackPredominantPitch } from '../pitch/salienceTracker';
import { AnalysisError } from './analysisError';
import { withoutFadingNotes } from './noteFading';
import { windowedTessitura } from './tessituraWindows';
import { measureTimbre, toTimbre } from './timbreAnalyzer';

export interface AnalyzeOptions {
  /** 'silero' vetoes frames the Silero VAD model is sure hold no voice; 'off' uses salience alone. */
  vad: 'silero' | 'off';
  runtime: ModelRuntimeConfig;
  /** Defaults to the process-wide semaphore sized by `runtime.permits`. */
  semaphore?: Semaphore;
  /** Receives notes such as an execution-provider fallback (never written to stdout). */
  warn?: (message: string) => void;
  /** Told as each stage starts, for progress reports (the desktop's local analysis shows them). */
  onStage?: (stage: 'pitch' | 'analysis') => void;
  /** Seconds of the take where the singer sang comfortably (a range test's steps): the tessitura comes from these. */
  tessituraWindows?: readonly TessituraWindow[];
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = { vad: 'off', runtime: DEFAULT_MODEL_RUNTIME };

export interface TakeAnalysis {
  analysis: Analysis;
  f0: F0Track;
  notes: SungNote[];
  /** Per-frame voicing decision (1 = sung). */
  voiced: Uint8Array;
  /** Per-frame predominant pitch whether voiced or not (for evaluation). */
  candidateHz: Float32Array;
}

function noteRef(midi: number): NoteRef {
  return { midi, note: midiToName(midi), hz: Math.round(midiToHz(midi) * 10) / 10 };
}

const vadCache = new Map<string, Promise<SileroVad>>();

async function voiceActivity(
  samples: Float32Array,
  sampleRate: number,
  frames: number,
  hopSec: number,
  options: AnalyzeOptions,
): Promise<Float32Array | null> {
  if (options.vad === 'off' || sampleRate !== 16000) return null;
  const key = `${options.runtime.executionProvider}/${options.runtime.intraOpThreads}`;
  if (!vadCache.has(key)) vadCache.set(key, SileroVad.load(options.runtime));
  const vad = await vadCache.get(key)!;
  if (vad.fallbackMessage) options.warn?.(vad.fallbackMessage);
  const semaphore = options.semaphore ?? modelSemaphore(options.runtime.permits);
  const activity = await vad.detect(samples, semaphore);
  const perFrame = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    const w = Math.min(activity.probabilities.length - 1, Math.floor((t * hopSec) / activity.windowSec));
    perFrame[t] = w >= 0 ? activity.probabilities[w]! : 1;
  }
  return perFrame;
}

/** Analyses mono samples (16 kHz preferred); `file` only names the take in errors. */
export async function analyzeSamples(
  samples: Float32Array,
  sampleRate: number,
  file: string,
  options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS,
): Promise<TakeAnalysis> {
  options.onStage?.('pitch');
  const candidates = trackPredominantPitch(samples, sampleRate);
  options.onStage?.('analysis');
  const frames = candidates.hz.length;
  const hopSec = candidates.hopSec;
  const activity = await voiceActivity(samples, sampleRate, frames, hopSec, options);
  const { voiced, backgroundPresent } = decideVoicing(candidates, undefined, activity);
  const hz = new Float32Array(frames);
  for (let t = 0; t < frames; t++) hz[t] = voiced[t] ? candidates.hz[t]! : 0;

  const notes = segmentNotes(hz, hopSec);
  // Under a backing track, struck tones the tracker followed die away: they are not the singer's range.
  const range = estimateRange(withoutFadingNotes(notes, candidates, voiced, backgroundPresent), {
    ...DEFAULT_RANGE_OPTIONS,
    subOctaveEchoes: backgroundPresent,
  });
  if (!range) throw new AnalysisError('no-singing', file, 'no sung note was held for a quarter of a second');
  const windowed = options.tessituraWindows?.length
    ? windowedTessitura(notes, options.tessituraWindows, range)
    : null;
  const comfortable = windowed
    ? { ...range, comfortableLow: windowed.low, comfortableHigh: windowed.high }
    : range;
  const voiceType = classifyVoiceType(comfortable);
  const vibrato = estimateVibrato(hz, hopSec, notes);
  const timbre = toTimbre(measureTimbre(samples, sampleRate, hz, voiced, hopSec), vibrato);

  let voicedFrames = 0;
  let midiSum = 0;
  for (let t = 0; t < frames; t++) {
    if (!voiced[t]) continue;
    voicedFrames++;
    midiSum += 69 + 12 * Math.log2(hz[t]! / 440);
  }
  const sustained = notes.filter((n) => n.durSec >= 0.25);
  const wobble = sustained.map((n) => n.wobbleCents).sort((a, b) => a - b);
  const rounded = (counts: ReadonlyMap<number, number>) => {
    const out: Record<string, number> = {};
    for (const [midi, seconds] of [...counts.entries()].sort((a, b) => a[0] - b[0]))
      out[String(midi)] = Math.round(seconds * 100) / 100;
    return out;
  };

  const analysis: Analysis = {
    range: { lowest: noteRef(range.lowest), highest: noteRef(range.highest) },
    tessitura: { low: noteRef(comfortable.comfortableLow), high: noteRef(comfortable.comfortableHigh) },
    voiceType: { label: voiceType.label, confidence: Math.round(voiceType.confidence * 100) / 100 },
    timbre,
    stats: {
      voicedSec: Math.round(voicedFrames * hopSec * 100) / 100,
      voicedRatio: Math.round((voicedFrames / Math.max(1, frames)) * 1000) / 1000,
      sustainedNotes: sustained.length,
      meanMidi: voicedFrames > 0 ? Math.round((midiSum / voicedFrames) * 100) / 100 : null,
      pitchStabilityCents:
        wobble.length > 0 ? Math.round(wobble[Math.floor(wobble.length / 2)]! * 10) / 10 : null,
    },
    histogram: rounded(range.histogram),
  };
  if (windowed) analysis.tessituraHistogram = rounded(windowed.histogram);
  const f0: F0Track = { hopSec, startSec: 0, hz: Array.from(hz, (v) => Math.round(v * 10) / 10) };
  // Best pitch per frame for evaluation: the corrected track where sung, the raw path elsewhere.
  const candidateHz = Float32Array.from(candidates.hz, (value, t) => (voiced[t] ? hz[t]! : value));
  return { analysis, f0, notes, voiced, candidateHz };
}

export interface FileAnalysis extends TakeAnalysis {
  decoded: DecodedTake;
}

/** Decode then analyse; throws DecodeError or AnalysisError with a reason code on bad input. */
export async function analyzeFile(
  path: string,
  options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): Promise<FileAnalysis> {
  const decoded = await decodeAudioFile(path, limits);
  const result = await analyzeSamples(decoded.samples, decoded.sampleRate, decoded.file, options);
  return { ...result, decoded };
}
