import { MAX_UPLOAD_BYTES } from '@orak/core';
import type { ObjectStore, UploadRecord } from '@orak/cloud-common';
import { TakeRejectedError } from './analysisPort';
import { readWavInfo, sniffAudioContainer } from './audioSniffer';

// Validates the stored object before any model runs: it exists, has the declared size, and is really audio.

export interface ValidationLimits {
  maxBytes: number;
  minDurationSec: number;
  maxDurationSec: number;
}

export const DEFAULT_VALIDATION_LIMITS: ValidationLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  minDurationSec: 1,
  maxDurationSec: 20 * 60,
};

const HEAD_BYTES = 64 * 1024;

export async function validateTake(
  objects: ObjectStore,
  upload: UploadRecord,
  limits: ValidationLimits = DEFAULT_VALIDATION_LIMITS,
): Promise<void> {
  const info = await objects.head(upload.objectKey);
  if (!info) throw new TakeRejectedError('validate', 'object not found in storage');
  if (info.sizeBytes > limits.maxBytes) {
    throw new TakeRejectedError(
      'validate',
      `object is ${info.sizeBytes} bytes, over the ${limits.maxBytes} byte limit`,
    );
  }
  if (info.sizeBytes !== upload.sizeBytes) {
    throw new TakeRejectedError(
      'validate',
      `object is ${info.sizeBytes} bytes, ${upload.sizeBytes} were declared`,
    );
  }
  const head = await objects.read(upload.objectKey, {
    start: 0,
    end: Math.min(HEAD_BYTES, info.sizeBytes) - 1,
  });
  if (!head) throw new TakeRejectedError('validate', 'object not found in storage');
  const container = sniffAudioContainer(head);
  if (!container) throw new TakeRejectedError('validate', 'not audio: no known audio container signature');
  if (container === 'wav') {
    const wav = readWavInfo(head, info.sizeBytes);
    if (!wav) throw new TakeRejectedError('validate', 'not audio: WAV header without fmt/data chunks');
    if (wav.durationSec < limits.minDurationSec || wav.durationSec > limits.maxDurationSec) {
      throw new TakeRejectedError(
        'validate',
        `duration ${wav.durationSec.toFixed(2)} s outside ${limits.minDurationSec}..${limits.maxDurationSec} s`,
      );
    }
  }
}
