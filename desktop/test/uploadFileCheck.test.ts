import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '@orak/core';
import { checkUploadable, UploadRefusedError } from '../src/main/uploads/uploadFileCheck';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../src/main/uploads/uploadBackoff';
import { encodeWavPcm16 } from './support/wavFile';

// What may go to the cloud is decided from the file on disk, before a byte is sent.

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'orak-upload-check-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('what checkUploadable declares, sniffed by the shared sniffer (the analyzer uses the same one)', () => {
  const typeOf = async (head: Uint8Array) => {
    await writeFile(join(dir, 'take.bin'), head);
    return checkUploadable(join(dir, 'take.bin')).then(
      (file) => file.contentType,
      (error: unknown) => (error instanceof UploadRefusedError ? error.reason : String(error)),
    );
  };

  it('recognises the containers the cloud analyses by their first bytes, whatever the name says', async () => {
    expect(await typeOf(bytes('RIFF', 36, 0, 0, 0, 'WAVE'))).toBe('audio/wav');
    expect(await typeOf(bytes('fLaC', 0, 0, 0, 34))).toBe('audio/flac');
    expect(await typeOf(bytes('OggS', 0, 2, 0, 0, 0, 0))).toBe('audio/ogg');
    expect(
      await typeOf(bytes('ID3', 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64, ...new Array(400).fill(0))),
    ).toBe('audio/mpeg');
  });

  it('refuses what only looks like audio, and the containers the analyzer cannot read', async () => {
    expect(await typeOf(bytes('RIFF', 0, 0, 0, 0, 'AVI '))).toBe('not-audio');
    expect(await typeOf(bytes('%PDF-1.7'))).toBe('not-audio');
    expect(await typeOf(bytes(0, 0, 0, 0x20, 'ftypM4A '))).toBe('not-audio');
    expect(await typeOf(bytes(0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0))).toBe('not-audio');
  });

  it("says why in the analyzer's words", async () => {
    await writeFile(join(dir, 'video.wav'), bytes('RIFF', 0, 0, 0, 0, 'AVI '));
    await expect(checkUploadable(join(dir, 'video.wav'))).rejects.toThrow(/not WAVE audio/);
  });
});

describe('checkUploadable', () => {
  it('passes a real WAV with its size', async () => {
    const wav = encodeWavPcm16(new Float32Array(16_000), 16_000);
    await writeFile(join(dir, 'take.wav'), wav);
    expect(await checkUploadable(join(dir, 'take.wav'))).toEqual({
      sizeBytes: wav.length,
      contentType: 'audio/wav',
      mtimeMs: expect.any(Number),
    });
  });

  it('refuses a file one byte over 100 MB, and takes one of exactly 100 MB', async () => {
    const path = join(dir, 'big.wav');
    await writeFile(path, bytes('RIFF', 0, 0, 0, 0, 'WAVE'));
    await truncate(path, MAX_UPLOAD_BYTES + 1);
    await expect(checkUploadable(path)).rejects.toMatchObject({ reason: 'too-large' });
    await truncate(path, MAX_UPLOAD_BYTES);
    expect((await checkUploadable(path)).sizeBytes).toBe(MAX_UPLOAD_BYTES);
  });

  it('refuses text, an empty file and a missing one, each with its reason', async () => {
    await writeFile(join(dir, 'lyrics.wav'), 'la la la');
    await writeFile(join(dir, 'empty.wav'), '');
    const reasonOf = (name: string) =>
      checkUploadable(join(dir, name)).then(
        () => 'accepted',
        (error: unknown) => (error instanceof UploadRefusedError ? error.reason : String(error)),
      );
    expect(await reasonOf('lyrics.wav')).toBe('not-audio');
    expect(await reasonOf('empty.wav')).toBe('empty');
    expect(await reasonOf('gone.wav')).toBe('missing');
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, jitter only ever shortening it', () => {
    const none = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(attempt, none))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
    expect(backoffDelayMs(3, DEFAULT_BACKOFF, () => 0)).toBe(4000);
    expect(backoffDelayMs(3, DEFAULT_BACKOFF, () => 1)).toBe(3000);
  });
});
