import type { WaveformLevel, WaveformPeaks } from '@orak/core';
import { yieldToEventLoop, SLICE_SAMPLES } from './eventLoopYield';
import type { MonoAudio } from './monoAudio';

// Min/max per bucket at a few resolutions: enough for a list thumbnail, the detail panel and a zoomed view.

export const PEAK_LEVELS = [256, 1024, 4096] as const;

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Bucket b spans samples [floor(b*N/B), floor((b+1)*N/B)); a take shorter than B samples gets one bucket per sample. */
async function level(samples: Float32Array, wanted: number): Promise<WaveformLevel> {
  const total = samples.length;
  const buckets = Math.max(1, Math.min(wanted, total));
  const min = new Array<number>(buckets).fill(0);
  const max = new Array<number>(buckets).fill(0);
  let done = 0;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * total) / buckets);
    const end = Math.floor(((b + 1) * total) / buckets);
    let low = Infinity;
    let high = -Infinity;
    for (let i = start; i < end; i++) {
      const value = samples[i]!;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    min[b] = end > start ? round(low) : 0;
    max[b] = end > start ? round(high) : 0;
    done += end - start;
    if (done >= SLICE_SAMPLES) {
      done = 0;
      await yieldToEventLoop();
    }
  }
  return { buckets, min, max };
}

export async function computeWaveformPeaks(
  audio: MonoAudio,
  levels: readonly number[] = PEAK_LEVELS,
): Promise<WaveformPeaks> {
  const computed: WaveformLevel[] = [];
  for (const wanted of levels) computed.push(await level(audio.samples, wanted));
  return {
    durationSec: audio.samples.length / audio.sampleRate,
    sampleRate: audio.sampleRate,
    levels: computed,
  };
}
