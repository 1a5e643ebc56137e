import { hzToMidi } from '../music/pitchNames';

// Sustained-note segmentation from a frame pitch track: vibrato is smoothed away, then runs that stay
// on one semitone become notes.

export interface SungNote {
  /** Nearest MIDI note of the run's median pitch. */
  midi: number;
  /** Median pitch of the run as a fractional MIDI number (intonation kept). */
  meanMidi: number;
  startSec: number;
  durSec: number;
  /** Standard deviation of the raw pitch inside the note, in cents (vibrato and wobble). */
  wobbleCents: number;
}

export interface SegmentOptions {
  /** Shortest run kept as a note, in seconds. */
  minNoteSec: number;
  /** Moving-average length that removes vibrato, in seconds (one period at ~5.5 Hz). */
  smoothingSec: number;
  /** A run ends when the smoothed pitch strays this far (semitones) from the run's note. */
  tolerance: number;
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = {
  minNoteSec: 0.1,
  smoothingSec: 0.18,
  tolerance: 0.6,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `hz` is one value per hop (0 = unvoiced). */
export function segmentNotes(
  hz: ArrayLike<number>,
  hopSec: number,
  options: SegmentOptions = DEFAULT_SEGMENT_OPTIONS,
): SungNote[] {
  const frames = hz.length;
  const midi = new Float64Array(frames);
  for (let t = 0; t < frames; t++) midi[t] = hz[t]! > 0 ? hzToMidi(hz[t]!) : NaN;
  // Vibrato-free pitch: a centred moving average over voiced neighbours only.
  const half = Math.max(1, Math.round(options.smoothingSec / hopSec / 2));
  const smooth = new Float64Array(frames).fill(NaN);
  for (let t = 0; t < frames; t++) {
    if (Number.isNaN(midi[t]!)) continue;
    let sum = 0;
    let count = 0;
    for (let u = Math.max(0, t - half); u <= Math.min(frames - 1, t + half); u++) {
      if (!Number.isNaN(midi[u]!) && Math.abs(midi[u]! - midi[t]!) < 2) {
        sum += midi[u]!;
        count++;
      }
    }
    smooth[t] = sum / count;
  }

  const notes: SungNote[] = [];
  let start = -1;
  let current = 0;
  const close = (end: number): void => {
    if (start < 0) return;
    const durSec = (end - start) * hopSec;
    if (durSec >= options.minNoteSec) {
      const raw = Array.from(midi.subarray(start, end));
      const centre = median(raw);
      const variance = raw.reduce((s, m) => s + (m - centre) ** 2, 0) / raw.length;
      notes.push({
        midi: Math.round(centre),
        meanMidi: centre,
        startSec: start * hopSec,
        durSec,
        wobbleCents: Math.sqrt(variance) * 100,
      });
    }
    start = -1;
  };
  for (let t = 0; t < frames; t++) {
    const value = smooth[t]!;
    if (Number.isNaN(value)) {
      close(t);
      continue;
    }
    if (start >= 0 && Math.abs(value - current) <= options.tolerance) continue;
    close(t);
    start = t;
    current = Math.round(value);
  }
  close(frames);
  return notes;
}
