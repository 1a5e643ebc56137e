import { describe, expect, it } from 'vitest';
import { binToHz, makeGrid } from '../src/pitch/harmonicSalience';
import type { SalienceMatrix } from '../src/pitch/salienceTracker';
import { BIN_POOL, TIME_POOL } from '../src/pitch/voicePicker/voicePickerFeatures';
import type { VoicePosteriors } from '../src/pitch/voicePicker/voicePickerModel';
import { decodeSungStates, toSungPath } from '../src/pitch/voicePicker/voicePickerPath';

const grid = makeGrid(78, 1100, 20);
const bins = Math.ceil(grid.bins / BIN_POOL);
const NONE = bins;

/** Posteriors where each frame puts `p` on its listed class, `q` on an optional second one, the rest evenly. */
function posteriors(classes: Array<number | [number, number]>, p = 0.8, q = 0.15): VoicePosteriors {
  const n = bins + 1;
  const logProb = new Float32Array(classes.length * n);
  classes.forEach((entry, t) => {
    const [first, second] = Array.isArray(entry) ? entry : [entry, undefined];
    const rest = second === undefined ? 1 - p : 1 - p - q;
    const others = second === undefined ? n - 1 : n - 2;
    logProb.fill(Math.log(rest / others), t * n, (t + 1) * n);
    logProb[t * n + first] = Math.log(p);
    if (second !== undefined) logProb[t * n + second] = Math.log(q);
  });
  return { frames: classes.length, bins, logProb };
}

const repeat = <T>(value: T, times: number): T[] => Array<T>(times).fill(value);

describe('decodeSungStates: the singer path through the voice picker posteriors', () => {
  it('follows a sung note, a rest and a second note, switching voicing at the right frames', () => {
    const states = decodeSungStates(posteriors([...repeat(50, 25), ...repeat(NONE, 15), ...repeat(80, 25)]));
    expect(Array.from(states)).toEqual([...repeat(50, 25), ...repeat(NONE, 15), ...repeat(80, 25)]);
  });

  it('ignores a short octave slip and a one-frame dropout inside a held note', () => {
    // Where the model slips it still gives the held note some weight, as a trained model does.
    const classes: Array<number | [number, number]> = repeat(65, 40);
    for (const t of [10, 11]) classes[t] = [35, 65];
    classes[25] = [NONE, 65];
    expect(Array.from(decodeSungStates(posteriors(classes, 0.6, 0.2)))).toEqual(repeat(65, 40));
  });

  it('follows a real leap of an octave that the model is sure of', () => {
    const classes = [...repeat(40, 20), ...repeat(70, 20)];
    expect(Array.from(decodeSungStates(posteriors(classes)))).toEqual(classes);
  });
});

describe('toSungPath: back to full resolution', () => {
  /** Salience with one peak per frame at `fineBin`, and its neighbours at half height. */
  function salience(fineBins: number[]): SalienceMatrix {
    const values = new Float32Array(fineBins.length * grid.bins);
    const frameMax = new Float32Array(fineBins.length);
    fineBins.forEach((b, t) => {
      values[t * grid.bins + b] = 1;
      values[t * grid.bins + b - 1] = 0.5;
      values[t * grid.bins + b + 1] = 0.5;
      frameMax[t] = 1;
    });
    return { grid, frames: fineBins.length, values, frameMax };
  }

  it('takes the exact pitch from the salience peak inside the chosen pooled bin', () => {
    const fine = [...repeat(101, 10), ...repeat(160, 10)];
    const matrix = salience(fine);
    const states = Int16Array.from([...repeat(50, 5), ...repeat(80, 5)]);
    const path = toSungPath(states, posteriors(Array.from(states)), matrix);
    expect(path.hz.length).toBe(20);
    expect(path.hz[3]).toBeCloseTo(binToHz(grid, 101), 3);
    expect(path.hz[15]).toBeCloseTo(binToHz(grid, 160), 3);
    expect(path.voiced.every((v) => v === 1)).toBe(true);
  });

  it('leaves frames without singing at 0 but keeps a best guess for evaluation', () => {
    const matrix = salience(repeat(120, 8));
    const classes = repeat<number | [number, number]>([NONE, 60], 8 / TIME_POOL);
    const path = toSungPath(Int16Array.from(repeat(NONE, 4)), posteriors(classes, 0.7, 0.2), matrix);
    expect(Array.from(path.voiced)).toEqual(repeat(0, 8));
    expect(Array.from(path.hz)).toEqual(repeat(0, 8));
    expect(path.candidateHz[0]).toBeCloseTo(binToHz(grid, 120), 3);
  });
});
