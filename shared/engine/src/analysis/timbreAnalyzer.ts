import { RealFft, type Timbre } from '@orak/core';

// Timbre over sung frames at 16 kHz: spectral centroid (brightness) and harmonics-to-noise ratio (energy on
// the harmonics of the tracked f0 against the energy between them), which also gives breathiness.

const SIZE = 1024;

export interface TimbreMeasures {
  brightnessHz: number;
  hnrDb: number;
  breathiness: number;
}

export function measureTimbre(
  samples: Float32Array,
  sampleRate: number,
  hz: Float32Array,
  voiced: Uint8Array,
  hopSec: number,
  maxFrames = 400,
): TimbreMeasures {
  const voicedFrames: number[] = [];
  for (let t = 0; t < voiced.length; t++) if (voiced[t]) voicedFrames.push(t);
  if (voicedFrames.length === 0) return { brightnessHz: 0, hnrDb: 0, breathiness: 1 };
  // An even sample of sung frames is enough for a take-level average and keeps long takes cheap.
  const stride = Math.max(1, Math.floor(voicedFrames.length / maxFrames));
  const fft = new RealFft(SIZE);
  const window = new Float64Array(SIZE);
  for (let i = 0; i < SIZE; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / SIZE);
  const re = new Float64Array(SIZE);
  const im = new Float64Array(SIZE);
  const binHz = sampleRate / SIZE;
  let centroidSum = 0;
  let weightSum = 0;
  let harmonicEnergy = 0;
  let noiseEnergy = 0;
  for (let v = 0; v < voicedFrames.length; v += stride) {
    const t = voicedFrames[v]!;
    const centre = Math.round(t * hopSec * sampleRate);
    for (let i = 0; i < SIZE; i++) {
      const s = centre - SIZE / 2 + i;
      re[i] = s >= 0 && s < samples.length ? samples[s]! * window[i]! : 0;
      im[i] = 0;
    }
    fft.transform(re, im);
    const f0 = hz[t]!;
    let num = 0;
    let den = 0;
    for (let k = 1; k < SIZE / 2; k++) {
      const f = k * binHz;
      const power = re[k]! * re[k]! + im[k]! * im[k]!;
      const magnitude = Math.sqrt(power);
      num += f * magnitude;
      den += magnitude;
      if (f < 60 || f > 5000) continue;
      // Within a quarter of f0 of a harmonic counts as harmonic energy; the rest as noise.
      const offset = Math.abs(f / f0 - Math.round(f / f0));
      if (Math.round(f / f0) >= 1 && offset < 0.25) harmonicEnergy += power;
      else noiseEnergy += power;
    }
    if (den > 0) {
      centroidSum += num;
      weightSum += den;
    }
  }
  const hnrDb = 10 * Math.log10((harmonicEnergy + 1e-12) / (noiseEnergy + 1e-12));
  // 25 dB and above reads as a clear voice, 0 dB and below as all breath.
  const breathiness = Math.max(0, Math.min(1, 1 - hnrDb / 25));
  return {
    brightnessHz: weightSum > 0 ? Math.round(centroidSum / weightSum) : 0,
    hnrDb: Math.round(hnrDb * 10) / 10,
    breathiness: Math.round(breathiness * 100) / 100,
  };
}

export function toTimbre(
  measures: TimbreMeasures,
  vibrato: { rateHz: number; extentCents: number } | null,
): Timbre {
  return {
    brightnessHz: measures.brightnessHz,
    hnrDb: measures.hnrDb,
    breathiness: measures.breathiness,
    vibratoRateHz: vibrato?.rateHz ?? null,
    vibratoExtentCents: vibrato?.extentCents ?? null,
  };
}
