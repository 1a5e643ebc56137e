import { MAX_UPLOAD_BYTES } from '@orak/core';
import { encodeWavData, WAV_HEADER_BYTES, wavBytesPerSample, type WavSampleFormat } from '@orak/engine';

// Takes are stored as 24-bit PCM WAV, written as they are sung: lossless for any real microphone converter
// (none resolves past 24 bits), a quarter smaller than float so 100 MB (the upload and analysis cap) holds
// ~12 minutes at 48 kHz mono instead of ~9, and crash-safe because each chunk is final the moment it is written.

export const TAKE_WAV_FORMAT: WavSampleFormat = 'pcm24';

/** The largest take file: the cloud's upload limit, which is also the local analysis limit. */
export const MAX_TAKE_BYTES = MAX_UPLOAD_BYTES;

export { WAV_HEADER_BYTES };

export function frameBytes(format: WavSampleFormat, channels: number): number {
  return wavBytesPerSample(format) * channels;
}

/** Frames that fit in a take file of at most maxBytes. */
export function maxTakeFrames(format: WavSampleFormat, channels: number, maxBytes = MAX_TAKE_BYTES): number {
  return Math.floor((maxBytes - WAV_HEADER_BYTES) / frameBytes(format, channels));
}

export function encodeTakeSamples(samples: Float32Array, format: WavSampleFormat): Buffer {
  const bytes = encodeWavData(samples, format);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
