import { describe, expect, it } from 'vitest';
import { hzToMidi, midiToHz } from '../src/music/pitchNames';
import { McleodPitchDetector } from '../src/pitch/mcleodPitchDetector';
import { NoteStabilizer } from '../src/pitch/noteStabilizer';
import { LivePitchTracker, type LivePitchReport } from '../src/pitch/livePitchTracker';
import { concatAudio, sawtoothTone, sineTone, sungVowel, whiteNoise } from '../src/pitch/syntheticVoice';

const SR = 44_100;

function detectMiddle(signal: Float32Array, windowSize = 2048) {
  const detector = new McleodPitchDetector({ sampleRate: SR, windowSize });
  const start = Math.floor(signal.length / 2);
  return detector.detect(signal.subarray(start, start + windowSize));
}

function centsBetween(a: number, b: number): number {
  return 1200 * Math.log2(a / b);
}

function track(signal: Float32Array): LivePitchReport[] {
  const tracker = new LivePitchTracker({ sampleRate: SR });
  const reports: LivePitchReport[] = [];
  // Feed in render quanta, exactly as the AudioWorklet does.
  for (let i = 0; i < signal.length; i += 128)
    tracker.push(signal.subarray(i, i + 128), (r) => reports.push(r));
  return reports;
}

describe('McLeod pitch detector', () => {
  it.each([82.41, 110, 220, 440, 659.26, 1046.5])('finds a %f Hz sine within 3 cents', (hz) => {
    const estimate = detectMiddle(sineTone(hz, 0.5, SR));
    expect(estimate).not.toBeNull();
    expect(Math.abs(centsBetween(estimate!.hz, hz))).toBeLessThan(3);
    expect(estimate!.clarity).toBeGreaterThan(0.95);
  });

  it.each([98, 196, 247, 523.25])(
    'finds the fundamental of a %f Hz sawtooth (all harmonics), not a harmonic',
    (hz) => {
      const estimate = detectMiddle(sawtoothTone(hz, 0.5, SR));
      expect(Math.abs(centsBetween(estimate!.hz, hz))).toBeLessThan(5);
    },
  );

  it.each([110, 220, 330, 392])('finds a %f Hz sung vowel whose formants boost upper harmonics', (hz) => {
    const estimate = detectMiddle(sungVowel({ f0Hz: hz, seconds: 0.5, sampleRate: SR }));
    expect(Math.abs(centsBetween(estimate!.hz, hz))).toBeLessThan(5);
  });

  it.each([110, 220, 300])('hears the missing fundamental of %f Hz (harmonics 2, 3, 4... only)', (hz) => {
    const signal = sungVowel({ f0Hz: hz, seconds: 0.5, sampleRate: SR, missingFundamental: true });
    const estimate = detectMiddle(signal);
    expect(Math.abs(centsBetween(estimate!.hz, hz))).toBeLessThan(5);
  });

  it('finds nothing periodic in white noise or silence', () => {
    const noise = detectMiddle(whiteNoise(0.5, SR, 0.3));
    expect(noise === null || noise.clarity < 0.5).toBe(true);
    expect(detectMiddle(new Float32Array(SR / 2))).toBeNull();
  });

  it('still finds a 220 Hz vowel under noise at +10 dB SNR', () => {
    const voice = sungVowel({ f0Hz: 220, seconds: 0.5, sampleRate: SR, amplitude: 0.3 });
    const noise = whiteNoise(0.5, SR, 0.3 * 10 ** (-10 / 20) * Math.sqrt(3) * 0.5, 7);
    const mixed = voice.map((x, i) => x + noise[i]!);
    const estimate = detectMiddle(mixed);
    expect(Math.abs(centsBetween(estimate!.hz, 220))).toBeLessThan(10);
  });
});

describe('note stabilizer', () => {
  it('ignores short octave-up and octave-down glitches on an established note', () => {
    const stabilizer = new NoteStabilizer();
    const notes: (number | null)[] = [];
    const raw = [
      ...Array<number>(20).fill(57.02),
      69.0,
      69.0,
      69.0, // three hops an octave up: a tracker error
      ...Array<number>(5).fill(56.98),
      45.0,
      45.0, // two hops an octave down
      ...Array<number>(5).fill(57.01),
    ];
    for (const value of raw) notes.push(stabilizer.update(value).note);
    expect(notes.every((note) => note === 57)).toBe(true);
  });

  it('follows a real octave leap once it persists', () => {
    const stabilizer = new NoteStabilizer();
    for (let i = 0; i < 20; i++) stabilizer.update(57);
    let hopsToFollow = 0;
    for (let i = 0; i < 30; i++) {
      hopsToFollow++;
      if (stabilizer.update(69).note === 69) break;
    }
    expect(hopsToFollow).toBeLessThanOrEqual(10);
  });

  it('does not flicker between neighbours on a pitch sitting on a boundary', () => {
    const stabilizer = new NoteStabilizer();
    const notes = new Set<number | null>();
    // A held note wobbling around the A3/A#3 boundary (57.5) by +-15 cents.
    for (let i = 0; i < 200; i++) notes.add(stabilizer.update(57.5 + 0.15 * Math.sin(i / 3)).note);
    expect(notes.size).toBe(1);
  });

  it('keeps the note through a dropout shorter than the release, then releases it and starts fresh', () => {
    const stabilizer = new NoteStabilizer();
    for (let i = 0; i < 20; i++) stabilizer.update(57);
    for (let i = 0; i < 9; i++) expect(stabilizer.update(null)).toEqual({ midi: null, note: 57 });
    expect(stabilizer.update(57).note).toBe(57);
    for (let i = 0; i < 9; i++) stabilizer.update(null);
    expect(stabilizer.update(null)).toEqual({ midi: null, note: null });
    expect(stabilizer.update(69).note).toBe(69);
  });
});

describe('live pitch tracker', () => {
  it('keeps showing a held note through a 20 ms dropout, while the trail pitch (midi) has a gap', () => {
    const signal = sungVowel({ f0Hz: 220, seconds: 2, sampleRate: SR, vibratoCents: 20 });
    signal.fill(0, Math.round(1.0 * SR), Math.round(1.02 * SR));
    const reports = track(signal).filter((r) => r.frame > 0.2 * SR);
    expect(reports.some((r) => r.midi === null)).toBe(true);
    expect(new Set(reports.map((r) => r.note))).toEqual(new Set([57]));
    expect(reports.every((r) => r.cents !== null && Math.abs(r.cents) <= 50)).toBe(true);
  });

  it('holds a sung A3 with vibrato steady: one note, no octave flicker, cents near 0', () => {
    const signal = sungVowel({ f0Hz: 220, seconds: 2, sampleRate: SR, vibratoCents: 30, vibratoHz: 5.5 });
    const reports = track(signal).filter((r) => r.frame > 0.1 * SR);
    const notes = new Set(reports.map((r) => r.note));
    expect(notes).toEqual(new Set([57]));
    const cents = reports.map((r) => r.cents!);
    expect(Math.max(...cents.map(Math.abs))).toBeLessThanOrEqual(35);
    const mean = reports.reduce((sum, r) => sum + r.midi!, 0) / reports.length;
    expect(Math.abs(mean - hzToMidi(220))).toBeLessThan(0.05);
  });

  it('holds a low sawtooth E2 (82 Hz) without octave errors', () => {
    const reports = track(sawtoothTone(82.41, 1.5, SR)).filter((r) => r.frame > 0.1 * SR);
    expect(new Set(reports.map((r) => r.note))).toEqual(new Set([40]));
  });

  it('reports more than 50 times a second of audio', () => {
    const reports = track(new Float32Array(SR));
    expect(reports.length).toBeGreaterThanOrEqual(50);
    expect(reports.length).toBe(Math.floor(SR / 256));
  });

  it('reports silence as unvoiced at the level floor', () => {
    const reports = track(new Float32Array(SR / 4));
    expect(reports.every((r) => !r.voiced && r.note === null && r.rmsDb === -100)).toBe(true);
  });

  it('measures level in dBFS: a 0.5-amplitude sine is -9 dB RMS and -6 dB peak', () => {
    const reports = track(sineTone(440, 0.5, SR, 0.5)).slice(10);
    for (const r of reports) {
      expect(r.rmsDb).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 0);
      expect(r.peakDb).toBeCloseTo(20 * Math.log10(0.5), 0);
    }
  });

  it('follows a scale sung note by note (C4 D4 E4 F4 G4)', () => {
    const midis = [60, 62, 64, 65, 67];
    const signal = concatAudio(
      ...midis.map((m) => sungVowel({ f0Hz: midiToHz(m), seconds: 0.3, sampleRate: SR, vibratoCents: 15 })),
    );
    const reports = track(signal);
    midis.forEach((m, i) => {
      // The middle of each note's span shows that note.
      const middle = reports.filter((r) => Math.abs(r.frame / SR - (i * 0.3 + 0.15)) < 0.05);
      expect(middle.length).toBeGreaterThan(5);
      expect(middle.every((r) => r.note === m)).toBe(true);
    });
  });
});
