// Turns raw per-hop pitch estimates into a steady note: median smoothing, hysteresis and an octave-jump guard.

export interface NoteStabilizerOptions {
  /** Raw estimates in the running median (odd). */
  medianSize?: number;
  /** How far past the half-semitone boundary the pitch must go before the shown note changes. */
  hysteresisSemitones?: number;
  /** Hops a jump of an octave (or a twelfth, or two octaves) must persist before it is believed. */
  octaveConfirmHops?: number;
  /** A note held this many hops is "established"; only then does the octave guard apply. */
  establishedHops?: number;
  /** Unvoiced hops after which the note is released and history cleared. */
  releaseHops?: number;
}

export interface StabilizedPitch {
  /** Smoothed fractional MIDI pitch, or null when unvoiced. */
  midi: number | null;
  /** The note shown to the singer, or null when there is none. */
  note: number | null;
}

/** Intervals that pitch trackers typically confuse with the fundamental: octave, twelfth, two octaves. */
const HARMONIC_INTERVALS = [12, 19, 24];

export class NoteStabilizer {
  private readonly medianSize: number;
  private readonly hysteresis: number;
  private readonly octaveConfirmHops: number;
  private readonly establishedHops: number;
  private readonly releaseHops: number;
  private readonly history: number[] = [];
  private readonly sorted: number[] = [];
  private note: number | null = null;
  private heldHops = 0;
  private lastAccepted: number | null = null;
  private candidate: number | null = null;
  private candidateHops = 0;
  private unvoicedHops = 0;

  constructor(options: NoteStabilizerOptions = {}) {
    this.medianSize = options.medianSize ?? 5;
    this.hysteresis = options.hysteresisSemitones ?? 0.2;
    this.octaveConfirmHops = options.octaveConfirmHops ?? 6;
    this.establishedHops = options.establishedHops ?? 8;
    this.releaseHops = options.releaseHops ?? 10;
  }

  reset(): void {
    this.history.length = 0;
    this.note = null;
    this.heldHops = 0;
    this.lastAccepted = null;
    this.candidate = null;
    this.candidateHops = 0;
    this.unvoicedHops = 0;
  }

  /** Feeds one hop's raw estimate (fractional MIDI, or null when unvoiced). */
  update(rawMidi: number | null): StabilizedPitch {
    if (rawMidi === null) {
      this.unvoicedHops++;
      if (this.unvoicedHops >= this.releaseHops) this.reset();
      // A dropout shorter than the release (a click, a breath) keeps the note shown: the readout must not blink.
      return { midi: null, note: this.note };
    }
    this.unvoicedHops = 0;
    this.history.push(rawMidi);
    if (this.history.length > this.medianSize) this.history.shift();
    const smoothed = this.median();

    if (this.note === null) {
      this.accept(Math.round(smoothed), smoothed);
      return { midi: smoothed, note: this.note };
    }
    const distance = smoothed - this.note;
    if (Math.abs(distance) <= 0.5 + this.hysteresis) {
      this.candidate = null;
      this.heldHops++;
      this.lastAccepted = smoothed;
      return { midi: smoothed, note: this.note };
    }

    const proposed = Math.round(smoothed);
    const jump = Math.abs(proposed - this.note);
    const looksHarmonic = HARMONIC_INTERVALS.some((interval) => Math.abs(jump - interval) <= 1);
    if (!looksHarmonic || this.heldHops < this.establishedHops) {
      this.accept(proposed, smoothed);
      return { midi: smoothed, note: this.note };
    }
    // An established note jumping by a harmonic interval is usually a tracker error: wait for proof.
    if (this.candidate !== null && Math.abs(this.candidate - proposed) <= 1) this.candidateHops++;
    else {
      this.candidate = proposed;
      this.candidateHops = 1;
    }
    if (this.candidateHops >= this.octaveConfirmHops) {
      this.history.length = 0;
      this.history.push(smoothed);
      this.accept(proposed, smoothed);
      return { midi: smoothed, note: this.note };
    }
    return { midi: this.lastAccepted, note: this.note };
  }

  private accept(note: number, smoothed: number): void {
    this.note = note;
    this.heldHops = 1;
    this.lastAccepted = smoothed;
    this.candidate = null;
    this.candidateHops = 0;
  }

  private median(): number {
    const sorted = this.sorted;
    sorted.length = 0;
    for (const value of this.history) sorted.push(value);
    sorted.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
