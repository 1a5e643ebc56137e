import { readFile, stat } from 'node:fs/promises';
import { OfflineAudioContext } from 'node-web-audio-api';
import { MAX_UPLOAD_BYTES, sniffAudioContainer } from '@orak/core';
import { DecodeError } from './decodeError';

export interface DecodeLimits {
  maxBytes: number;
  minSec: number;
  maxSec: number;
  /** Peak level (linear, full scale = 1) under which a take counts as silent. */
  silencePeak: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  // One size limit for the desktop, the cloud and the CLI: the upload contract's.
  maxBytes: MAX_UPLOAD_BYTES,
  minSec: 1,
  maxSec: 15 * 60,
  silencePeak: 10 ** (-60 / 20),
};

export interface DecodedTake {
  file: string;
  container: string;
  /** The file's own sample rate (as declared by its header, else the decoder's). */
  sourceSampleRate: number;
  /** Mono samples at `sampleRate` (the analysis rate). */
  samples: Float32Array;
  sampleRate: number;
  durationSec: number;
}

/** Analysis rate: 16 kHz keeps every harmonic the pitch tracker and timbre need and keeps decoding cheap. */
export const ANALYSIS_SAMPLE_RATE = 16000;

function mixDown(buffer: AudioBuffer): Float32Array {
  const channels = buffer.numberOfChannels;
  const mono = new Float32Array(buffer.length);
  for (let c = 0; c < channels; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < mono.length; i++) mono[i]! += data[i]! / channels;
  }
  return mono;
}

/** 'source' decodes at the rate the file's header declares (the analysis rate when it declares none). */
export type DecodeRate = number | 'source';

/** Checks and decodes bytes already in memory; `file` only names them in errors. */
export async function decodeAudioBytes(
  bytes: Uint8Array,
  file: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  rate: DecodeRate = ANALYSIS_SAMPLE_RATE,
): Promise<DecodedTake> {
  const name = file;
  if (bytes.length === 0) throw new DecodeError('empty', name, 'the file is empty');
  if (bytes.length > limits.maxBytes) {
    throw new DecodeError(
      'too-large',
      name,
      `the file is ${bytes.length} bytes, over the ${limits.maxBytes}-byte limit`,
    );
  }
  const sniff = sniffAudioContainer(bytes);
  if (sniff.container === 'unknown') {
    throw new DecodeError('not-audio', name, `not a WAV, FLAC, MP3 or OGG file: ${sniff.reason}`);
  }
  if (sniff.truncatedBy)
    throw new DecodeError('truncated', name, `the file is truncated: ${sniff.truncatedBy}`);
  if (sniff.declaredFrames !== null && sniff.sampleRate) {
    const declaredSec = sniff.declaredFrames / sniff.sampleRate;
    if (declaredSec > limits.maxSec) {
      throw new DecodeError(
        'too-long',
        name,
        `the take lasts ${declaredSec.toFixed(1)} s, over the ${limits.maxSec} s limit`,
      );
    }
  }

  const sampleRate = rate === 'source' ? (sniff.sampleRate ?? ANALYSIS_SAMPLE_RATE) : rate;
  let buffer: AudioBuffer;
  try {
    const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate });
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    buffer = await context.decodeAudioData(copy);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DecodeError(
      'undecodable',
      name,
      `the ${sniff.container.toUpperCase()} data cannot be decoded: ${detail}`,
    );
  }
  if (buffer.length === 0) throw new DecodeError('empty', name, 'the file holds no audio samples');

  const durationSec = buffer.length / buffer.sampleRate;
  // A FLAC whose STREAMINFO promises more samples than decoded lost its tail.
  if (sniff.container === 'flac' && sniff.declaredFrames !== null && sniff.sampleRate) {
    const declaredSec = sniff.declaredFrames / sniff.sampleRate;
    if (durationSec < declaredSec - 0.05) {
      throw new DecodeError(
        'truncated',
        name,
        `the file is truncated: ${durationSec.toFixed(2)} s of a declared ${declaredSec.toFixed(2)} s`,
      );
    }
  }
  if (durationSec < limits.minSec) {
    throw new DecodeError(
      'too-short',
      name,
      `the take lasts ${durationSec.toFixed(2)} s, under the ${limits.minSec} s minimum`,
    );
  }
  if (durationSec > limits.maxSec) {
    throw new DecodeError(
      'too-long',
      name,
      `the take lasts ${durationSec.toFixed(1)} s, over the ${limits.maxSec} s limit`,
    );
  }
  const samples = mixDown(buffer);
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  if (peak < limits.silencePeak) {
    throw new DecodeError(
      'silent',
      name,
      `the take is silent (peak ${(20 * Math.log10(peak || 1e-12)).toFixed(0)} dBFS)`,
    );
  }
  return {
    file: name,
    container: sniff.container,
    sourceSampleRate: sniff.sampleRate ?? buffer.sampleRate,
    samples,
    sampleRate: buffer.sampleRate,
    durationSec,
  };
}

/** Reads, sniffs and decodes one file; every refusal is a DecodeError naming the file and the reason. */
export async function decodeAudioFile(
  path: string,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
  rate: DecodeRate = ANALYSIS_SAMPLE_RATE,
): Promise<DecodedTake> {
  const name = path;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new DecodeError('not-found', name, 'the file does not exist or cannot be read');
  }
  if (size > limits.maxBytes) {
    throw new DecodeError(
      'too-large',
      name,
      `the file is ${size} bytes, over the ${limits.maxBytes}-byte limit`,
    );
  }
  const bytes = await readFile(path);
  return decodeAudioBytes(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    path,
    limits,
    rate,
  );
}
