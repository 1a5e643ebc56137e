// RBJ-cookbook biquads: the corpus uses them for the phone band, and the tracker for resampling guards.

export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export function lowpass(cutoffHz: number, sampleRate: number, q = Math.SQRT1_2): BiquadCoefficients {
  const w = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  return {
    b0: (1 - cos) / 2 / a0,
    b1: (1 - cos) / a0,
    b2: (1 - cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  };
}

export function highpass(cutoffHz: number, sampleRate: number, q = Math.SQRT1_2): BiquadCoefficients {
  const w = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  return {
    b0: (1 + cos) / 2 / a0,
    b1: -(1 + cos) / a0,
    b2: (1 + cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  };
}

/** Butterworth Q values for an order-2n cascade (e.g. 4 sections = 8th order). */
export function butterworthQs(sections: number): number[] {
  const order = sections * 2;
  return Array.from(
    { length: sections },
    (_, k) => 1 / (2 * Math.cos((Math.PI * (2 * k + 1)) / (2 * order))),
  );
}

export function applyBiquad(input: Float32Array, c: BiquadCoefficients): Float32Array {
  const output = new Float32Array(input.length);
  // Coefficients in locals: the loop runs for every sample of a take and property loads cost more than the maths.
  const { b0, b1, b2, a1, a2 } = c;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i]!;
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    output[i] = y;
  }
  return output;
}

export function applyCascade(input: Float32Array, sections: BiquadCoefficients[]): Float32Array {
  return sections.reduce((signal, section) => applyBiquad(signal, section), input);
}
