// Level and waveform extremes of one captured block, for the meters: measured on the page, never on the audio.

export interface BlockLevel {
  rmsDb: number;
  peakDb: number;
  min: number;
  max: number;
}

const toDb = (value: number) => (value > 0 ? Math.max(-100, 20 * Math.log10(value)) : -100);

export function measureBlock(samples: Float32Array): BlockLevel {
  let sum = 0;
  let min = 0;
  let max = 0;
  for (const value of samples) {
    sum += value * value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const rms = samples.length > 0 ? Math.sqrt(sum / samples.length) : 0;
  return { rmsDb: toDb(rms), peakDb: toDb(Math.max(-min, max)), min, max };
}
