import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../decode/wavWriter';
import type { PeerTrack } from './pitchyPeer';

// Optional second peer: Debian's aubiopitch (YIN-FFT, C) on the same samples, when aubio-tools is installed.

export function aubioAvailable(): boolean {
  try {
    execFileSync('aubiopitch', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function aubioTrack(
  samples: Float32Array,
  sampleRate: number,
  scratchWav: string,
  hopSec = 0.01,
): PeerTrack {
  writeFileSync(scratchWav, encodeWav(samples, sampleRate));
  const hop = Math.round(hopSec * sampleRate);
  const output = execFileSync(
    'aubiopitch',
    [
      '-i',
      scratchWav,
      '-p',
      'yinfft',
      '-H',
      String(hop),
      '-B',
      '2048',
      '-s',
      '-70',
      '-u',
      'Hz',
      '-r',
      String(sampleRate),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const frames = Math.floor(samples.length / hop);
  const hz = new Float32Array(frames);
  const voiced = new Uint8Array(frames);
  for (const line of output.split('\n')) {
    const [time, value] = line.trim().split(/\s+/).map(Number);
    if (time === undefined || value === undefined || Number.isNaN(time)) continue;
    // aubio's stamps run half a 2048-sample window late (measured: best alignment at -6.4 frames).
    const t = Math.round(time / hopSec - 1024 / hop);
    if (t >= 0 && t < frames && value >= 70 && value <= 1200) {
      hz[t] = value;
      voiced[t] = 1;
    }
  }
  return { hz, voiced };
}
