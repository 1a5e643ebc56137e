import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CreateMultipartUploadRequestSchema,
  CreateUploadRequestSchema,
  DEFAULT_PART_BYTES,
  MAX_UPLOAD_BYTES,
  MIN_PART_BYTES,
  UploadPartParamsSchema,
} from '@orak/core';
import { planParts } from '../src/services/partPlan';

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

describe('multipart contracts', () => {
  const start = { ...valid, sizeBytes: 20_000_000 };

  it('defaults the part size to 8 MiB and keeps it within S3 limits', () => {
    expect(CreateMultipartUploadRequestSchema.parse(start).partSizeBytes).toBe(DEFAULT_PART_BYTES);
    expect(
      CreateMultipartUploadRequestSchema.safeParse({ ...start, partSizeBytes: MIN_PART_BYTES - 1 }).success,
    ).toBe(false);
    expect(CreateMultipartUploadRequestSchema.safeParse({ ...start, fileName: '../x.wav' }).success).toBe(
      false,
    );
  });

  it.each(['0', '-1', '1e3', '01', '1.5', '10001', 'abc', ''])('refuses part number %j', (partNumber) => {
    expect(UploadPartParamsSchema.safeParse({ id: randomUUID(), partNumber }).success).toBe(false);
  });

  it('reads a plain part number', () => {
    expect(UploadPartParamsSchema.parse({ id: randomUUID(), partNumber: '10000' }).partNumber).toBe(10_000);
  });
});

describe('planParts', () => {
  it('splits a size into full parts and a shorter last one that add up exactly', () => {
    expect(planParts(20, 8)).toEqual([
      { partNumber: 1, sizeBytes: 8 },
      { partNumber: 2, sizeBytes: 8 },
      { partNumber: 3, sizeBytes: 4 },
    ]);
    expect(planParts(16, 8).map((p) => p.sizeBytes)).toEqual([8, 8]);
    expect(planParts(5, 8)).toEqual([{ partNumber: 1, sizeBytes: 5 }]);
    const big = planParts(MAX_UPLOAD_BYTES, MIN_PART_BYTES);
    expect(big).toHaveLength(20);
    expect(big.reduce((sum, p) => sum + p.sizeBytes, 0)).toBe(MAX_UPLOAD_BYTES);
  });
});
