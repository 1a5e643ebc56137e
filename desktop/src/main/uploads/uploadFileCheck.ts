import { open } from 'node:fs/promises';
import {
  MAX_UPLOAD_BYTES,
  sniffAudioContainer,
  type AUDIO_CONTENT_TYPES,
  type AudioContainer,
} from '@orak/core';

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
  /** When the file last changed: a multipart upload planned before that no longer fits it. */
  mtimeMs: number;
}

/** What each container the shared sniffer recognises is declared as to the api. */
const CONTENT_TYPE: Record<AudioContainer, AudioContentType> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};

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
    const { size, mtimeMs } = await handle.stat();
    if (size > MAX_UPLOAD_BYTES)
      throw new UploadRefusedError(
        'too-large',
        `the file is ${(size / 1024 / 1024).toFixed(1)} MB; the cloud takes at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      );
    if (size === 0) throw new UploadRefusedError('empty', 'the file is empty');
    // The same sniffer as the cloud's analyzer, so what is refused here would have been refused there.
    const head = new Uint8Array(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sniff = sniffAudioContainer(head.subarray(0, bytesRead), { totalBytes: size });
    if (sniff.container === 'unknown')
      throw new UploadRefusedError(
        'not-audio',
        `the file is not audio the cloud can analyse: ${sniff.reason}`,
      );
    return { sizeBytes: size, contentType: CONTENT_TYPE[sniff.container], mtimeMs };
  } finally {
    await handle.close();
  }
}
