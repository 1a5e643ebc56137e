// Decoded audio mixed to one channel: what the peaks and the pitch curve are computed from.

export interface MonoAudio {
  sampleRate: number;
  samples: Float32Array;
}
