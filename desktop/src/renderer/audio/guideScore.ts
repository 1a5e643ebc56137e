import type { GuideNote, SongGuide } from '@orak/core';

// A song's melody laid on the live pitch clock, and the per-song score: the share of the time sung during
// the song's notes that was within 50 cents of the note (silence during a note is not counted against).

/** Seconds between pressing start and the song's first beat: time to see the first note coming. */
export const GUIDE_LEAD_IN_SEC = 3;
const IN_TUNE_CENTS = 50;
/** Longer gaps between reports are pauses, not singing. */
const MAX_STEP_SEC = 0.05;

export interface GuideView {
  notes: readonly GuideNote[];
  /** Trail time (seconds) at which the song starts. */
  startTime: number;
}

export class GuideScore {
  private startTime: number | null = null;
  private lastTime: number | null = null;
  private sungSec = 0;
  private inTuneSec = 0;
  private index = 0;

  constructor(readonly guide: SongGuide) {}

  get notes(): readonly GuideNote[] {
    return this.guide.notes ?? [];
  }

  get endSec(): number {
    const last = this.notes.at(-1);
    return last ? last.startSec + last.durationSec : 0;
  }

  /** Where the song sits on the trail clock, once the first report has set it. */
  view(): GuideView | null {
    return this.startTime === null ? null : { notes: this.notes, startTime: this.startTime };
  }

  /** Share of sung time in tune, 0..1; null until something was sung during a note. */
  get score(): number | null {
    return this.sungSec > 0 ? this.inTuneSec / this.sungSec : null;
  }

  get sungSeconds(): number {
    return this.sungSec;
  }

  /** One live report: `time` on the trail clock, `pitch` fractional MIDI or null when unvoiced. */
  observe(time: number, pitch: number | null): void {
    this.startTime ??= time + GUIDE_LEAD_IN_SEC;
    const step = this.lastTime === null ? 0 : time - this.lastTime;
    this.lastTime = time;
    if (pitch === null || step <= 0 || step > MAX_STEP_SEC) return;
    const note = this.noteAt(time - this.startTime);
    if (!note) return;
    this.sungSec += step;
    if (Math.abs(pitch - note.midi) * 100 <= IN_TUNE_CENTS) this.inTuneSec += step;
  }

  /** Reports come in time order, so the search walks forward from the last note found. */
  private noteAt(songSec: number): GuideNote | null {
    const notes = this.notes;
    while (
      this.index < notes.length &&
      notes[this.index]!.startSec + notes[this.index]!.durationSec <= songSec
    )
      this.index++;
    const note = notes[this.index];
    return note && note.startSec <= songSec ? note : null;
  }
}
