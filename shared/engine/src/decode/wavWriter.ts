// WAV encoding: 16-bit PCM for the corpus, tests and benchmarks; 24-bit PCM and 32-bit float for the desktop's takes.

export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

export const WAV_HEADER_BYTES = 44;

const BYTES_PER_SAMPLE: Record<WavSampleFormat, number> = { pcm16: 2, pcm24: 3, float32: 4 };

export function wavBytesPerSample(format: WavSampleFormat): number {
  return BYTES_PER_SAMPLE[format];
}

/** The canonical 44-byte header for `dataBytes` of interleaved samples. */
export function wavHeader(
  format: WavSampleFormat,
  sampleRate: number,
  channels: number,
  dataBytes: number,
): Uint8Array {
  const bytes = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i++) bytes[offset + i] = value.charCodeAt(i);
  };
  const sampleBytes = BYTES_PER_SAMPLE[format];
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'float32' ? 3 : 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * sampleBytes, true);
  view.setUint16(32, channels * sampleBytes, true);
  view.setUint16(34, 8 * sampleBytes, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

/** Interleaved samples as little-endian WAV data; integer formats clip to full scale, non-finite reads as 0. */
export function encodeWavData(samples: Float32Array, format: WavSampleFormat): Uint8Array {
  const sampleBytes = BYTES_PER_SAMPLE[format];
  const bytes = new Uint8Array(samples.length * sampleBytes);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    if (format === 'float32') {
      view.setFloat32(4 * i, value, true);
      continue;
    }
    const clipped = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
    if (format === 'pcm16') {
      view.setInt16(2 * i, Math.round(clipped * 32767), true);
    } else {
      const int = Math.round(clipped * 8388607);
      bytes[3 * i] = int & 0xff;
      bytes[3 * i + 1] = (int >> 8) & 0xff;
      bytes[3 * i + 2] = (int >> 16) & 0xff;
    }
  }
  return bytes;
}

export function encodeWav(
  samples: Float32Array,
  sampleRate: number,
  channels = 1,
  format: WavSampleFormat = 'pcm16',
): Uint8Array {
  const frames = Math.floor(samples.length / channels);
  const data = encodeWavData(samples.subarray(0, frames * channels), format);
  const bytes = new Uint8Array(WAV_HEADER_BYTES + data.length);
  bytes.set(wavHeader(format, sampleRate, channels, data.length), 0);
  bytes.set(data, WAV_HEADER_BYTES);
  return bytes;
}
