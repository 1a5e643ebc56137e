import { describe, expect, it } from 'vitest';
import {
  estimateDelay,
  fft,
  makeClickTrain,
  summariseRuns,
  type DelayEstimate,
} from '../src/renderer/audio/latencyEstimate';

// The calibration maths on synthetic round trips with a known delay: attenuated, noisy, with an echo.

const SR = 48_000;

/** Deterministic noise, so a failure reproduces. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** What a mic would hear: the train `delay` samples late (fractional by linear interpolation), scaled, noisy, echoed. */
function roundTrip(
  train: Float32Array,
  delay: number,
  options: { gain?: number; noise?: number; echo?: { delay: number; gain: number }; seed?: number } = {},
): Float32Array {
  const out = new Float32Array(train.length + Math.ceil(delay) + 24_000);
  const add = (shift: number, gain: number) => {
    const whole = Math.floor(shift);
    const frac = shift - whole;
    for (let i = 0; i < train.length; i++) {
      out[i + whole] = out[i + whole]! + gain * (1 - frac) * train[i]!;
      if (i + whole + 1 < out.length) out[i + whole + 1] = out[i + whole + 1]! + gain * frac * train[i]!;
    }
  };
  add(delay, options.gain ?? 0.2);
  if (options.echo) add(delay + options.echo.delay, options.echo.gain);
  const rand = noise(options.seed ?? 1);
  if (options.noise) for (let i = 0; i < out.length; i++) out[i] = out[i]! + options.noise * 2 * rand();
  return out;
}

describe('estimateDelay', () => {
  const train = makeClickTrain({ sampleRate: SR });

  it('finds known delays to within a twentieth of a millisecond', () => {
    for (const ms of [0, 3.5, 12, 47.25, 180, 420]) {
      const delay = (ms / 1000) * SR;
      const found = estimateDelay(train, roundTrip(train, delay), SR);
      expect(found.delayMs).toBeCloseTo(ms, 1);
      expect(Math.abs(found.delayMs - ms)).toBeLessThan(0.05);
      expect(found.clarity).toBeGreaterThan(3);
    }
  });

  it('resolves a fraction of a sample', () => {
    const found = estimateDelay(train, roundTrip(train, 1000.5), SR);
    expect(Math.abs(found.lagSamples - 1000.5)).toBeLessThan(0.25);
  });

  it('holds up under noise as loud as the clicks and a strong room echo', () => {
    const ms = 63;
    const recorded = roundTrip(train, (ms / 1000) * SR, {
      gain: 0.1,
      noise: 0.2,
      echo: { delay: 0.011 * SR, gain: 0.06 },
      seed: 7,
    });
    const found = estimateDelay(train, recorded, SR);
    expect(Math.abs(found.delayMs - ms)).toBeLessThan(0.1);
    expect(found.clarity).toBeGreaterThan(1.5);
  });

  it('reports a low clarity when the clicks never came back (muted output, fake mic)', () => {
    const rand = noise(3);
    const silence = Float32Array.from({ length: train.length + 24_000 }, () => 0.05 * rand());
    expect(estimateDelay(train, silence, SR).clarity).toBeLessThan(1.5);
  });

  it('ignores a delay beyond the search window', () => {
    const found = estimateDelay(train, roundTrip(train, 0.7 * SR), SR, 0.5);
    expect(found.delayMs).toBeLessThanOrEqual(500);
    expect(found.clarity).toBeLessThan(1.5);
  });
});

describe('summariseRuns', () => {
  const run = (delayMs: number, clarity = 5): DelayEstimate => ({
    delayMs,
    lagSamples: (delayMs * SR) / 1000,
    clarity,
  });

  it('takes the median and spread of the clear runs only', () => {
    expect(summariseRuns([run(20), run(22), run(21), run(400, 1.1), run(23)])).toEqual({
      medianMs: 21.5,
      spreadMs: 3,
      accepted: 4,
      rejected: 1,
    });
    expect(summariseRuns([run(30), run(10), run(20)])?.medianMs).toBe(20);
  });

  it('gives no answer when too few runs were clear', () => {
    expect(summariseRuns([run(20), run(30, 1)])).toBeNull();
  });
});

describe('fft', () => {
  it('round-trips a signal and puts a pure tone in its bin', () => {
    const n = 64;
    const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n));
    const im = new Float64Array(n);
    const original = Float64Array.from(re);
    fft(re, im, false);
    expect(Math.hypot(re[5]!, im[5]!)).toBeCloseTo(n / 2, 6);
    expect(Math.hypot(re[6]!, im[6]!)).toBeCloseTo(0, 6);
    fft(re, im, true);
    re.forEach((value, i) => expect(value).toBeCloseTo(original[i]!, 9));
  });
});
