import type { F0Track, WaveformPeaks } from '@orak/core';
import { DecodeError, decodeAudioFile, DEFAULT_DECODE_LIMITS, type DecodeLimits } from '@orak/engine';
import { computePitchCurve } from './pitchCurve';
import { computeWaveformPeaks } from './waveformPeaks';

// A take's peaks and pitch curve, computed in a worker process from the engine's decode (WAV, FLAC, MP3, OGG).

/** The analysis limits on size and length; a short or quiet take still has a waveform to show. */
const MEDIA_LIMITS: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, minSec: 0, silencePeak: 0 };

export async function computeTakeMedia(file: string): Promise<{ peaks: WaveformPeaks; pitch: F0Track }> {
  // At the file's own rate: the waveform shows what was recorded, not a resampled copy.
  const decoded = await decodeAudioFile(file, MEDIA_LIMITS, 'source');
  const audio = { samples: decoded.samples, sampleRate: decoded.sampleRate };
  const peaks = await computeWaveformPeaks(audio);
  const pitch = await computePitchCurve(audio);
  return { peaks, pitch };
}

/** Why the media could not be computed, in words without the path (the caller names the file). */
export function mediaFailure(error: unknown): { missing: boolean; detail: string } {
  if (error instanceof DecodeError) return { missing: error.reason === 'not-found', detail: error.detail };
  return { missing: false, detail: error instanceof Error ? error.message : String(error) };
}
