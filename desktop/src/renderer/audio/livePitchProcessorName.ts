// The name both sides of the worklet boundary agree on (its own module: importing the worklet would run it).
export const LIVE_PITCH_PROCESSOR = 'orak-live-pitch';
