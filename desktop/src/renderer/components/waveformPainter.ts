import type { WaveformLevel, WaveformPeaks } from '@orak/core';

// Draws a take's waveform from its peaks: one min-to-max bar per pixel column, played part in the accent colour.

export const WAVEFORM_COLOURS = { played: '#ff5e8a', unplayed: '#6b7190', axis: '#2f3446' } as const;

/** The coarsest level with at least one bucket per column, else the finest there is. */
export function pickLevel(peaks: WaveformPeaks, columns: number): WaveformLevel {
  return peaks.levels.find((level) => level.buckets >= columns) ?? peaks.levels.at(-1)!;
}

export function paintWaveform(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  peaks: WaveformPeaks,
  playedFraction: number,
  /** Pixels left blank on the left, so the time axis lines up with the pitch curve's under its note labels. */
  inset = 0,
): void {
  ctx.clearRect(0, 0, width, height);
  const columns = Math.max(1, Math.floor(width - inset));
  const level = pickLevel(peaks, columns);
  const middle = height / 2;
  ctx.fillStyle = WAVEFORM_COLOURS.axis;
  ctx.fillRect(inset, middle - 0.5, columns, 1);
  const playedColumns = Math.round(playedFraction * columns);
  for (let x = 0; x < columns; x++) {
    const from = Math.floor((x * level.buckets) / columns);
    const to = Math.max(from + 1, Math.floor(((x + 1) * level.buckets) / columns));
    let low = 0;
    let high = 0;
    for (let b = from; b < to && b < level.buckets; b++) {
      low = Math.min(low, level.min[b]!);
      high = Math.max(high, level.max[b]!);
    }
    const top = middle - high * middle * 0.95;
    const bottom = middle - low * middle * 0.95;
    ctx.fillStyle = x < playedColumns ? WAVEFORM_COLOURS.played : WAVEFORM_COLOURS.unplayed;
    ctx.fillRect(inset + x, top, 1, Math.max(1, bottom - top));
  }
}
