import { open } from 'node:fs/promises';
import { MAX_UPLOAD_BYTES, type AUDIO_CONTENT_TYPES } from '@orak/core';

export type AudioContentType = (typeof AUDIO_CONTENT_TYPES)[number];

// Decides before a single byte is sent whether a take's file may go to the cloud: its size, and its content.

export type RefusalReason = 'too-large' | 'not-audio' | 'empty' | 'missing';

export class UploadRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefusedError';
  }
}

export interface UploadableFile {
  sizeBytes: number;
  contentType: AudioContentType;
}

/** Sniffs the container from the first bytes: the file name could say anything. */
export function sniffAudioType(head: Uint8Array): AudioContentType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0) return 'audio/mpeg';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'audio/webm';
  return null;
}

export async function checkUploadable(path: string): Promise<UploadableFile> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UploadRefusedError('missing', 'the take has no audio file on disk');
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_UPLOAD_BYTES)
      throw new UploadRefusedError(
        'too-large',
        `the file is ${(size / 1024 / 1024).toFixed(1)} MB; the cloud takes at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      );
    if (size === 0) throw new UploadRefusedError('empty', 'the file is empty');
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const contentType = sniffAudioType(head.subarray(0, bytesRead));
    if (!contentType)
      throw new UploadRefusedError('not-audio', 'the file is not audio the cloud can analyse');
    return { sizeBytes: size, contentType };
  } finally {
    await handle.close();
  }
}
