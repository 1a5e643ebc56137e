import type { F0Track } from '@orak/core';
import { decideVoicing, trackPredominantPitch, type PitchCandidates } from '@orak/engine';
import { yieldToEventLoop } from './eventLoopYield';
import type { MonoAudio } from './monoAudio';

// The take's sung pitch (the engine's tracker, 10 ms hop), tracked a few seconds at a time so the worker process
// answers IPC between windows; voicing is decided once over the whole take, as the engine's analysis does.

const WINDOW_SEC = 4;
/** Context either side of a window, so the tracker's path has settled by the frames kept. */
const MARGIN_SEC = 0.5;

export async function computePitchCurve(audio: MonoAudio): Promise<F0Track> {
  const { samples, sampleRate } = audio;
  const hz: number[] = [];
  const harmonicity: number[] = [];
  const energyDb: number[] = [];
  let hopSec = 0.01;
  const windowSamples = Math.round(WINDOW_SEC * sampleRate);
  const marginSamples = Math.round(MARGIN_SEC * sampleRate);
  for (let start = 0; start < samples.length; start += windowSamples) {
    const from = Math.max(0, start - marginSamples);
    const to = Math.min(samples.length, start + windowSamples + marginSamples);
    const part = trackPredominantPitch(samples.subarray(from, to), sampleRate);
    hopSec = part.hopSec;
    const skip = Math.round((start - from) / sampleRate / hopSec);
    const wantedEnd = Math.round(Math.min(samples.length, start + windowSamples) / sampleRate / hopSec);
    const keep = Math.max(0, Math.min(part.hz.length - skip, wantedEnd - hz.length));
    for (let t = skip; t < skip + keep; t++) {
      hz.push(part.hz[t]!);
      harmonicity.push(part.harmonicity[t]!);
      energyDb.push(part.energyDb[t]!);
    }
    await yieldToEventLoop();
  }
  const candidates: PitchCandidates = {
    hopSec,
    hz: Float32Array.from(hz),
    harmonicity: Float32Array.from(harmonicity),
    energyDb: Float32Array.from(energyDb),
  };
  const { voiced } = decideVoicing(candidates);
  return {
    hopSec,
    startSec: 0,
    hz: hz.map((value, t) => (voiced[t] ? Math.round(value * 10) / 10 : 0)),
  };
}
