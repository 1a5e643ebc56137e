import { describe, expect, it } from 'vitest';
import { CreateUploadRequestSchema, MAX_UPLOAD_BYTES } from '@orak/core';

const valid = { fileName: 'take.wav', contentType: 'audio/wav', sizeBytes: 1000 };

describe('CreateUploadRequest contract', () => {
  it('accepts an audio file within the size cap', () => {
    expect(CreateUploadRequestSchema.safeParse(valid).success).toBe(true);
    expect(CreateUploadRequestSchema.safeParse({ ...valid, sizeBytes: MAX_UPLOAD_BYTES }).success).toBe(true);
  });

  it.each([
    ['over 100 MB', { sizeBytes: MAX_UPLOAD_BYTES + 1 }],
    ['zero bytes', { sizeBytes: 0 }],
    ['fractional size', { sizeBytes: 10.5 }],
    ['size as a string', { sizeBytes: '1000' }],
    ['not audio', { contentType: 'application/x-msdownload' }],
    ['traversal', { fileName: '../../etc/passwd' }],
    ['a directory', { fileName: 'a/b.wav' }],
    ['a windows directory', { fileName: 'a\\b.wav' }],
    ['dot dot', { fileName: '..' }],
    ['control characters', { fileName: 'a\u0000.wav' }],
    ['empty name', { fileName: '' }],
  ])('refuses %s', (_label, change) => {
    expect(CreateUploadRequestSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
