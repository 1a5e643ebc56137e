// The name both sides of the capture worklet agree on (its own module: importing the worklet would run it).
export const CAPTURE_PROCESSOR = 'orak-capture';

/** What the capture worklet posts: raw samples in order, then a marker once a flush has drained it. */
export type CaptureMessage = { type: 'chunk'; samples: Float32Array } | { type: 'flushed' };
