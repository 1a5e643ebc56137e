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
import { decideVoicing, levelSplit } from '../pitch/voicingDecision';
import {
  computeSalience,
  followPredominantPath,
  harmonicShares,
  type PitchCandidates,
  type SalienceFrames,
} from '../pitch/salienceTracker';
import { VoicePickerModel } from '../pitch/voicePicker/voicePickerModel';
import { decodeSungStates, toSungPath, type SungPath } from '../pitch/voicePicker/voicePickerPath';
import { AnalysisError } from './analysisError';
import { sungFramesAreHarmonic } from './sungHarmonicity';
import { withoutFadingNotes } from './noteFading';
import { windowedTessitura } from './tessituraWindows';
import { measureTimbre, toTimbre } from './timbreAnalyzer';

export interface AnalyzeOptions {
  /**
   * With the rule path ('voicePicker: off', or 'backing' on a take without backing): 'silero' vetoes frames
   * the Silero VAD model is sure hold no voice; 'off' uses salience alone.
   */
  vad: 'silero' | 'off';
  /**
   * Who says which salience peak is the singer's: the learned voice picker 'always' (the default), only
   * when a 'backing' track is heard, or never ('off': the rule path and voicing rules).
   */
  voicePicker?: 'backing' | 'always' | 'off';
  runtime: ModelRuntimeConfig;
  /** Defaults to the process-wide semaphore sized by `runtime.permits`. */
  semaphore?: Semaphore;
  /** Receives notes such as an execution-provider fallback (never written to stdout). */
  warn?: (message: string) => void;
  /** Told as each stage starts, for progress reports (the desktop's local analysis shows them). */
  onStage?: (stage: 'pitch' | 'analysis') => void;
  /** The singer's own word on their voice: splits voice types that share a pitch range (countertenor, contralto). */
  singerVoice?: 'male' | 'female' | null;
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

/** A loaded model shared by every analysis on the same runtime settings; its fallback note goes to `warn`. */
async function sharedModel<M extends { fallbackMessage: string | null }>(
  cache: Map<string, Promise<M>>,
  load: (runtime: ModelRuntimeConfig) => Promise<M>,
  options: AnalyzeOptions,
): Promise<{ model: M; semaphore: Semaphore }> {
  const key = `${options.runtime.executionProvider}/${options.runtime.intraOpThreads}`;
  if (!cache.has(key)) cache.set(key, load(options.runtime));
  const model = await cache.get(key)!;
  if (model.fallbackMessage) options.warn?.(model.fallbackMessage);
  return { model, semaphore: options.semaphore ?? modelSemaphore(options.runtime.permits) };
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
  const { model: vad, semaphore } = await sharedModel(vadCache, (r) => SileroVad.load(r), options);
  const activity = await vad.detect(samples, semaphore);
  const perFrame = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    const w = Math.min(activity.probabilities.length - 1, Math.floor((t * hopSec) / activity.windowSec));
    perFrame[t] = w >= 0 ? activity.probabilities[w]! : 1;
  }
  return perFrame;
}

const pickerCache = new Map<string, Promise<VoicePickerModel>>();

async function pickSungPath(stage: SalienceFrames, options: AnalyzeOptions): Promise<SungPath> {
  const { model: picker, semaphore } = await sharedModel(
    pickerCache,
    (r) => VoicePickerModel.load(r),
    options,
  );
  const posteriors = await picker.posteriors(stage.salience, semaphore);
  return toSungPath(decodeSungStates(posteriors), posteriors, stage.salience);
}

interface SungFrames {
  candidates: PitchCandidates;
  voiced: Uint8Array;
  /** Sung pitch per frame (0 = not sung). */
  hz: Float32Array;
  backgroundPresent: boolean;
}

/** Which frames are sung, at what pitch: the learned voice picker, or the rule path and voicing rules. */
async function sungFrames(
  samples: Float32Array,
  sampleRate: number,
  options: AnalyzeOptions,
): Promise<SungFrames> {
  const stage = computeSalience(samples, sampleRate);
  const { backgroundPresent } = levelSplit(stage.energyDb);
  const picker = options.voicePicker ?? 'always';
  if (picker === 'always' || (picker === 'backing' && backgroundPresent)) {
    options.onStage?.('analysis');
    const path = await pickSungPath(stage, options);
    const candidates: PitchCandidates = {
      hopSec: stage.hopSec,
      hz: path.candidateHz,
      harmonicity: harmonicShares(stage, path.candidateHz),
      energyDb: stage.energyDb,
    };
    return { candidates, voiced: path.voiced, hz: path.hz, backgroundPresent };
  }
  const candidates = followPredominantPath(stage);
  options.onStage?.('analysis');
  const activity = await voiceActivity(samples, sampleRate, candidates.hz.length, candidates.hopSec, options);
  const { voiced } = decideVoicing(candidates, undefined, activity);
  const hz = Float32Array.from(candidates.hz, (value, t) => (voiced[t] ? value : 0));
  return { candidates, voiced, hz, backgroundPresent };
}

/** Analyses mono samples (16 kHz preferred); `file` only names the take in errors. */
export async function analyzeSamples(
  samples: Float32Array,
  sampleRate: number,
  file: string,
  options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS,
): Promise<TakeAnalysis> {
  options.onStage?.('pitch');
  const { candidates, voiced, hz, backgroundPresent } = await sungFrames(samples, sampleRate, options);
  const frames = candidates.hz.length;
  const hopSec = candidates.hopSec;

  // Hiss can look sung to the voice picker: a take whose sung frames are not harmonic holds no singing.
  const notes = sungFramesAreHarmonic(voiced, candidates.harmonicity) ? segmentNotes(hz, hopSec) : [];
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
  const voiceType = classifyVoiceType(comfortable, options.singerVoice ?? null);
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
