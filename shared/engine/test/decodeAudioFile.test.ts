import { open, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hzToMidi } from '@orak/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../src/decode/decodeAudioFile';
import { DecodeError, type DecodeErrorReason } from '../src/decode/decodeError';
import { encodeWav } from '../src/decode/wavWriter';
import { trackPredominantPitch } from '../src/pitch/salienceTracker';
import { heldNote } from './support/knownMelody';
import { makeTempDir } from './support/tempDir';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
let dir = '';
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

async function expectReason(path: string, reason: DecodeErrorReason): Promise<DecodeError> {
  const error = await decodeAudioFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecodeError);
  const decodeError = error as DecodeError;
  expect(decodeError.reason).toBe(reason);
  expect(decodeError.message).toContain(path.split('/').pop()!);
  return decodeError;
}

function medianMidi(samples: Float32Array, sampleRate: number): number {
  const track = trackPredominantPitch(samples, sampleRate);
  const values = Array.from(track.hz.subarray(30, track.hz.length - 30)).sort((a, b) => a - b);
  return hzToMidi(values[Math.floor(values.length / 2)]!);
}

describe('decodeAudioFile', () => {
  it('decodes a 44.1 kHz stereo WAV to 16 kHz mono, keeping the source rate and the pitch', async () => {
    const take = heldNote(57, 2, 44100).samples;
    const stereo = new Float32Array(take.length * 2);
    take.forEach((v, i) => {
      stereo[2 * i] = v;
      stereo[2 * i + 1] = v;
    });
    const path = join(dir, 'stereo.wav');
    await writeFile(path, encodeWav(stereo, 44100, 2));
    const decoded = await decodeAudioFile(path);
    expect(decoded.sourceSampleRate).toBe(44100);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.durationSec).toBeCloseTo(2, 2);
    expect(Math.abs(medianMidi(decoded.samples, decoded.sampleRate) - 57)).toBeLessThan(0.3);
  });

  it.each([
    ['a3-48k-mono.flac', 48000],
    ['a3-44k-stereo.ogg', 44100],
    ['a3-44k-stereo.mp3', 44100],
  ])('decodes %s and the sung A3 survives', async (name, rate) => {
    const decoded = await decodeAudioFile(join(fixtures, name));
    expect(decoded.sourceSampleRate).toBe(rate);
    expect(decoded.durationSec).toBeGreaterThan(1.9);
    expect(Math.abs(medianMidi(decoded.samples, decoded.sampleRate) - 57)).toBeLessThan(0.3);
  });

  it('refuses a file that is not audio', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'these are lyrics, not a recording\n');
    await expectReason(path, 'not-audio');
  });

  it('refuses an empty file', async () => {
    const path = join(dir, 'empty.wav');
    await writeFile(path, new Uint8Array(0));
    await expectReason(path, 'empty');
  });

  it('refuses a missing file', async () => {
    await expectReason(join(dir, 'nowhere.wav'), 'not-found');
  });

  it('refuses a WAV cut short of its declared data', async () => {
    const bytes = encodeWav(heldNote(57, 2, 16000).samples, 16000);
    const path = join(dir, 'cut.wav');
    await writeFile(path, bytes.subarray(0, bytes.length / 2));
    await expectReason(path, 'truncated');
  });

  it.each(['a3-48k-mono.flac', 'a3-44k-stereo.ogg'])('refuses a truncated %s', async (name) => {
    const bytes = await readFile(join(fixtures, name));
    const path = join(dir, `cut-${name}`);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectReason(path, 'truncated');
  });

  it('refuses a silent take', async () => {
    const path = join(dir, 'silent.wav');
    await writeFile(path, encodeWav(new Float32Array(16000 * 3), 16000));
    await expectReason(path, 'silent');
  });

  it('refuses a take shorter than one second', async () => {
    const path = join(dir, 'short.wav');
    await writeFile(path, encodeWav(heldNote(57, 0.6, 16000).samples, 16000));
    const error = await expectReason(path, 'too-short');
    expect(error.message).toMatch(/0\.60 s/);
  });

  it('refuses a take longer than 15 minutes before decoding it', async () => {
    const path = join(dir, 'long.wav');
    await writeFile(path, encodeWav(new Float32Array(8000 * 901), 8000));
    await expectReason(path, 'too-long');
  });

  it('refuses a file over 100 MB without reading it', async () => {
    const path = join(dir, 'huge.wav');
    const handle = await open(path, 'w');
    await handle.write(encodeWav(new Float32Array(16), 16000));
    await handle.truncate(101 * 1024 * 1024);
    await handle.close();
    await expectReason(path, 'too-large');
  });
});
