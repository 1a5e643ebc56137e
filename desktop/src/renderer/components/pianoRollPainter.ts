import { midiToName } from '@orak/core';
import type { GuideView } from '../audio/guideScore';
import type { PitchTrail } from '../audio/pitchTrail';

// Draws the scrolling pitch trail over a piano roll; the view glides to follow where the singer is.

const BLACK_KEYS = new Set([1, 3, 6, 8, 10]);
/** In tune (within 10 cents), close (25), off. */
const TRAIL_COLOURS = ['#4ade80', '#facc15', '#fb923c'] as const;
const KEYBOARD_WIDTH = 58;
const RIGHT_MARGIN = 28;
const LOWEST_VIEW = 24;
const HIGHEST_VIEW = 96;
/** With a guide, "now" sits this far across the roll so the coming notes show ahead of the singer. */
const GUIDE_NOW_AT = 0.7;

export interface PianoRollOptions {
  /** Semitones visible top to bottom. */
  span: number;
  /** Seconds of history across the roll. */
  seconds: number;
}

export class PianoRollPainter {
  private center = 57;
  private following = false;
  private background: HTMLCanvasElement | null = null;
  private backgroundKey = '';
  private readonly options: PianoRollOptions;

  constructor(options: Partial<PianoRollOptions> = {}) {
    this.options = { span: 24, seconds: 6, ...options };
  }

  get lowestVisible(): number {
    return this.center - this.options.span / 2;
  }

  paint(
    ctx: CanvasRenderingContext2D,
    width: number,
    height: number,
    trail: PitchTrail,
    note: number | null,
    guide: GuideView | null = null,
  ): void {
    const { span, seconds } = this.options;
    const now = trail.latestTime;
    const target = trail.medianMidiSince(now - 2) ?? (guide ? guideMedian(guide, now) : null);
    if (target !== null) {
      // Follow the singer once they leave the middle semitone; glide there, then hold still.
      const gap = target - this.center;
      if (Math.abs(gap) > 1) this.following = true;
      if (this.following) {
        this.center += gap * 0.08;
        if (Math.abs(gap) < 0.05) this.following = false;
      }
    }
    this.center = Math.max(LOWEST_VIEW + span / 2, Math.min(HIGHEST_VIEW - span / 2, this.center));
    const low = this.center - span / 2;
    const rowHeight = height / span;
    const y = (midi: number) => height - (midi - low) * rowHeight;

    // The grid and keyboard change only when the view moves or the note changes: blit them from a cache.
    const ratio = ctx.getTransform().a;
    const key = `${width}x${height}@${ratio}:${low.toFixed(4)}:${note}`;
    if (key !== this.backgroundKey || !this.background) {
      this.background ??= document.createElement('canvas');
      this.background.width = Math.round(width * ratio);
      this.background.height = Math.round(height * ratio);
      const bctx = this.background.getContext('2d')!;
      bctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      this.paintBackground(bctx, width, height, low, note);
      this.backgroundKey = key;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.background, 0, 0);
    ctx.restore();

    const plotWidth = width - KEYBOARD_WIDTH - RIGHT_MARGIN;
    const nowAt = guide ? GUIDE_NOW_AT : 1;
    const x = (time: number) => KEYBOARD_WIDTH + plotWidth * (nowAt - ((now - time) / seconds) * nowAt);
    if (guide) this.paintGuide(ctx, guide, now, seconds, nowAt, x, y, rowHeight, width);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    // One path per accuracy colour, stroked once each: a thousand separate strokes per frame cost too much.
    const paths = [new Path2D(), new Path2D(), new Path2D()];
    // NaN marks "no previous point": the line breaks there.
    let previousTime = Number.NaN;
    let previousMidi = Number.NaN;
    trail.forEachSince(now - seconds, (time, midi, cents) => {
      // A gap longer than a few reports is a pause: do not join across it.
      if (!Number.isNaN(midi) && !Number.isNaN(previousMidi) && time - previousTime < 0.05) {
        const off = Math.abs(cents);
        const path = paths[off <= 10 ? 0 : off <= 25 ? 1 : 2]!;
        path.moveTo(x(previousTime), y(previousMidi));
        path.lineTo(x(time), y(midi));
      }
      previousTime = time;
      previousMidi = midi;
    });
    TRAIL_COLOURS.forEach((colour, i) => {
      ctx.strokeStyle = colour;
      ctx.stroke(paths[i]!);
    });
    if (!Number.isNaN(previousMidi) && now - previousTime < 0.05) {
      ctx.fillStyle = '#ffffff';
      ctx.beginPath();
      ctx.arc(x(previousTime), y(previousMidi), 5, 0, Math.PI * 2);
      ctx.fill();
    }
  }

  /** The song's notes as bars under the trail: dim once passed, bright when current or coming. */
  private paintGuide(
    ctx: CanvasRenderingContext2D,
    guide: GuideView,
    now: number,
    seconds: number,
    nowAt: number,
    x: (time: number) => number,
    y: (midi: number) => number,
    rowHeight: number,
    width: number,
  ): void {
    const from = now - seconds;
    const to = now + (seconds * (1 - nowAt)) / nowAt;
    for (const note of guide.notes) {
      const start = guide.startTime + note.startSec;
      const end = start + note.durationSec;
      if (end < from || start > to) continue;
      const current = start <= now && now < end;
      ctx.fillStyle = current
        ? 'rgba(96, 165, 250, 0.75)'
        : end <= now
          ? 'rgba(96, 165, 250, 0.25)'
          : 'rgba(96, 165, 250, 0.5)';
      const left = Math.max(KEYBOARD_WIDTH, x(start));
      const right = Math.min(width - RIGHT_MARGIN, x(end));
      if (right > left) ctx.fillRect(left, y(note.midi + 0.4), right - left, rowHeight * 0.8);
    }
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x(now), 0);
    ctx.lineTo(x(now), 10_000);
    ctx.stroke();
  }

  private paintBackground(
    ctx: CanvasRenderingContext2D,
    width: number,
    height: number,
    low: number,
    note: number | null,
  ): void {
    const span = this.options.span;
    const rowHeight = height / span;
    const y = (midi: number) => height - (midi - low) * rowHeight;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = '#141722';
    ctx.fillRect(0, 0, width, height);

    const lowestRow = Math.floor(low) - 1;
    const highestRow = Math.ceil(low + span) + 1;
    for (let m = lowestRow; m <= highestRow; m++) {
      const top = y(m + 0.5);
      const pitchClass = ((m % 12) + 12) % 12;
      if (BLACK_KEYS.has(pitchClass)) {
        ctx.fillStyle = '#10121b';
        ctx.fillRect(KEYBOARD_WIDTH, top, width - KEYBOARD_WIDTH, rowHeight);
      }
      if (m === note) {
        ctx.fillStyle = 'rgba(255, 94, 138, 0.16)';
        ctx.fillRect(KEYBOARD_WIDTH, top, width - KEYBOARD_WIDTH, rowHeight);
      }
      if (pitchClass === 0) {
        ctx.strokeStyle = '#3a4058';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(KEYBOARD_WIDTH, y(m - 0.5));
        ctx.lineTo(width, y(m - 0.5));
        ctx.stroke();
      }
    }
    this.paintKeyboard(ctx, height, lowestRow, highestRow, y, rowHeight, note);
  }

  /** A vertical piano: white keys full width with seams, black keys shorter on top, the sung key lit. */
  private paintKeyboard(
    ctx: CanvasRenderingContext2D,
    height: number,
    first: number,
    last: number,
    y: (midi: number) => number,
    rowHeight: number,
    note: number | null,
  ): void {
    ctx.fillStyle = '#d9dce6';
    ctx.fillRect(0, 0, KEYBOARD_WIDTH, height);
    ctx.strokeStyle = '#8c90a0';
    ctx.lineWidth = 1;
    for (let m = first; m <= last; m++) {
      const pitchClass = ((m % 12) + 12) % 12;
      if (BLACK_KEYS.has(pitchClass)) continue;
      // White-key seams: at the E/F and B/C boundaries, and through the middle of each black key.
      const seam =
        pitchClass === 4 || pitchClass === 11 ? y(m + 0.5) : BLACK_KEYS.has(pitchClass + 1) ? y(m + 1) : null;
      if (m === note) {
        ctx.fillStyle = '#ff5e8a';
        const lowerSeam = pitchClass === 5 || pitchClass === 0 ? y(m - 0.5) : y(m - 1);
        const upperSeam = seam ?? y(m + 0.5);
        ctx.fillRect(0, upperSeam, KEYBOARD_WIDTH, lowerSeam - upperSeam);
      }
      if (seam !== null) {
        ctx.beginPath();
        ctx.moveTo(0, seam);
        ctx.lineTo(KEYBOARD_WIDTH, seam);
        ctx.stroke();
      }
    }
    for (let m = first; m <= last; m++) {
      const pitchClass = ((m % 12) + 12) % 12;
      if (!BLACK_KEYS.has(pitchClass)) continue;
      ctx.fillStyle = m === note ? '#ff5e8a' : '#1f2230';
      ctx.fillRect(0, y(m + 0.5), KEYBOARD_WIDTH * 0.6, rowHeight);
    }
    ctx.fillStyle = '#4b5068';
    ctx.font = `${Math.min(11, rowHeight)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    for (let m = first; m <= last; m++) {
      if (((m % 12) + 12) % 12 === 0) ctx.fillText(midiToName(m), KEYBOARD_WIDTH - 24, y(m));
    }
  }
}

/** Median pitch of the guide's notes around now: where to look while the singer is silent. */
function guideMedian(guide: GuideView, now: number): number | null {
  const near = guide.notes
    .filter((n) => Math.abs(guide.startTime + n.startSec - now) < 4)
    .map((n) => n.midi)
    .sort((a, b) => a - b);
  return near.length > 0 ? near[near.length >> 1]! : null;
}
