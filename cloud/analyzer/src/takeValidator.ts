import { MAX_UPLOAD_BYTES, sniffAudioContainer } from '@orak/core';
import type { ObjectStore, UploadRecord } from '@orak/cloud-common';
import { TakeRejectedError } from './analysisPort';

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
  const sniff = sniffAudioContainer(head, { totalBytes: info.sizeBytes });
  if (sniff.container === 'unknown') throw new TakeRejectedError('validate', `not audio: ${sniff.reason}`);
  if (sniff.truncatedBy) throw new TakeRejectedError('validate', `truncated: ${sniff.truncatedBy}`);
  if (sniff.container === 'wav') {
    if (!sniff.wav) throw new TakeRejectedError('validate', 'not audio: WAV header without fmt/data chunks');
    const durationSec = sniff.wav.dataBytes / sniff.wav.byteRate;
    if (durationSec < limits.minDurationSec || durationSec > limits.maxDurationSec) {
      throw new TakeRejectedError(
        'validate',
        `duration ${durationSec.toFixed(2)} s outside ${limits.minDurationSec}..${limits.maxDurationSec} s`,
      );
    }
  }
}
