import { hzToMidi, midiToName, type F0Track } from '@orak/core';

// Draws a take's pitch curve over a piano-roll note grid, with the sung range as a band behind it.

const BLACK_KEYS = new Set([1, 3, 6, 8, 10]);
export const LABEL_WIDTH = 40;
const MIN_SPAN = 14;
/** A frame-to-frame move wider than this is a jump between notes (10 ms apart), drawn as a gap. */
const LEAP_SEMITONES = 1.5;

export interface MidiSpan {
  low: number;
  high: number;
}

/** The notes to show: the voiced curve and the band, a little room either side, at least MIN_SPAN semitones. */
export function pitchView(pitch: F0Track, band: MidiSpan | null): MidiSpan {
  let low = Infinity;
  let high = -Infinity;
  for (const hz of pitch.hz) {
    if (hz <= 0) continue;
    const midi = hzToMidi(hz);
    low = Math.min(low, midi);
    high = Math.max(high, midi);
  }
  if (band) {
    low = Math.min(low, band.low);
    high = Math.max(high, band.high);
  }
  if (!Number.isFinite(low)) return { low: 48, high: 72 };
  low = Math.floor(low) - 2;
  high = Math.ceil(high) + 2;
  const missing = MIN_SPAN - (high - low);
  if (missing > 0) {
    low -= Math.floor(missing / 2);
    high += Math.ceil(missing / 2);
  }
  return { low, high };
}

/** The range the singer actually held: the 2nd to 98th percentile of the voiced curve, to whole notes. */
export function sungSpan(pitch: F0Track): MidiSpan | null {
  const midis = pitch.hz.filter((hz) => hz > 0).map(hzToMidi);
  if (midis.length < 25) return null;
  midis.sort((a, b) => a - b);
  const at = (q: number) => midis[Math.min(midis.length - 1, Math.floor(q * midis.length))]!;
  return { low: Math.round(at(0.02)), high: Math.round(at(0.98)) };
}

export function paintPitchCurve(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  pitch: F0Track,
  durationSec: number,
  view: MidiSpan,
  band: MidiSpan | null,
): void {
  ctx.clearRect(0, 0, width, height);
  const rows = view.high - view.low + 1;
  const rowHeight = height / rows;
  const rowTop = (midi: number) => height - (midi - view.low + 1) * rowHeight;
  const plotWidth = width - LABEL_WIDTH;

  for (let midi = view.low; midi <= view.high; midi++) {
    ctx.fillStyle = BLACK_KEYS.has(((midi % 12) + 12) % 12) ? '#161922' : '#1d2130';
    ctx.fillRect(LABEL_WIDTH, rowTop(midi), plotWidth, rowHeight);
    ctx.fillStyle = midi % 12 === 0 ? '#3a4058' : '#262a3a';
    ctx.fillRect(LABEL_WIDTH, rowTop(midi) + rowHeight - 1, plotWidth, 1);
  }
  if (band) {
    const top = rowTop(band.high);
    const bottom = rowTop(band.low) + rowHeight;
    ctx.fillStyle = 'rgba(255, 94, 138, 0.12)';
    ctx.fillRect(LABEL_WIDTH, top, plotWidth, bottom - top);
    ctx.fillStyle = 'rgba(255, 94, 138, 0.55)';
    ctx.fillRect(LABEL_WIDTH, top, plotWidth, 1);
    ctx.fillRect(LABEL_WIDTH, bottom - 1, plotWidth, 1);
  }

  // Labels: every natural note where rows are tall enough to read, else only the Cs and the band's edges.
  ctx.font = `${Math.min(11, Math.max(9, rowHeight - 2))}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (let midi = view.low; midi <= view.high; midi++) {
    const pitchClass = ((midi % 12) + 12) % 12;
    const edge = band !== null && (midi === band.low || midi === band.high);
    const readable = rowHeight >= 11 ? !BLACK_KEYS.has(pitchClass) : pitchClass === 0;
    if (!readable && !edge) continue;
    ctx.fillStyle = edge ? '#ff8fb0' : pitchClass === 0 ? '#c9cde0' : '#7d849c';
    ctx.fillText(midiToName(midi), 4, rowTop(midi) + rowHeight / 2);
  }

  // The curve, broken wherever the take is unvoiced or leaps (a new note, not a slide into it).
  const x = (t: number) => LABEL_WIDTH + ((pitch.startSec + t * pitch.hopSec) / durationSec) * plotWidth;
  const y = (hz: number) => height - (hzToMidi(hz) - view.low + 0.5) * rowHeight;
  ctx.strokeStyle = '#4ade80';
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  let previous = 0;
  pitch.hz.forEach((hz, t) => {
    const joined = previous > 0 && hz > 0 && Math.abs(hzToMidi(hz) - hzToMidi(previous)) < LEAP_SEMITONES;
    if (joined) ctx.lineTo(x(t), y(hz));
    else if (hz > 0) ctx.moveTo(x(t), y(hz));
    previous = hz;
  });
  ctx.stroke();
}
