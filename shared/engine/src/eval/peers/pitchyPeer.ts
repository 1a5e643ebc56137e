import { PitchDetector } from 'pitchy';

// The peer for benchmarks: pitchy's McLeod pitch method, frame by frame on the same 10 ms hop.

export interface PeerTrack {
  hz: Float32Array;
  voiced: Uint8Array;
}

/** 64 ms windows (two periods of E2) every 10 ms; voiced when McLeod's clarity reaches 0.9. */
export function pitchyTrack(samples: Float32Array, sampleRate: number, hopSec = 0.01): PeerTrack {
  const size = 2 ** Math.round(Math.log2(0.064 * sampleRate));
  const detector = PitchDetector.forFloat32Array(size);
  const hop = Math.round(hopSec * sampleRate);
  const frames = Math.floor(samples.length / hop);
  const hz = new Float32Array(frames);
  const voiced = new Uint8Array(frames);
  const window = new Float32Array(size);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - size / 2;
    for (let i = 0; i < size; i++) window[i] = samples[start + i] ?? 0;
    const [pitch, clarity] = detector.findPitch(window, sampleRate);
    hz[t] = pitch >= 70 && pitch <= 1200 ? pitch : 0;
    voiced[t] = hz[t]! > 0 && clarity >= 0.9 ? 1 : 0;
  }
  return { hz, voiced };
}
