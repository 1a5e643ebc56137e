import { describe, expect, it } from 'vitest';
import type { MultipartStore, ObjectStore, UploadRecord, UploadRepository } from '@orak/cloud-common';
import { MultipartUploadService } from '../src/services/multipartUploadService';
import type { RecordingOwnership } from '../src/services/recordingOwnership';

// No S3 multipart upload is left without a record that can end it: a failed insert aborts it, and an abort that
// storage refuses leaves the upload open (REQUESTED) to be aborted again, never EXPIRED with its parts kept.

const open: UploadRecord = {
  id: '6f1c2f52-0000-4000-8000-000000000001',
  userId: 'user',
  bucket: 'b',
  objectKey: 'users/user/u/long.wav',
  fileName: 'long.wav',
  contentType: 'audio/wav',
  sizeBytes: 20 * 1024 * 1024,
  state: 'REQUESTED',
  version: 1,
  failureStage: null,
  failureReason: null,
  urlExpiresAt: new Date(),
  objectEtag: null,
  objectSize: null,
  redrives: 0,
  traceId: null,
  multipart: { s3UploadId: 's3-1', partSizeBytes: 8 * 1024 * 1024 },
  recordingId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};

function service(fakes: { createFails?: boolean; abortFails?: boolean }) {
  const calls: string[] = [];
  const uploads = {
    create: async () => {
      calls.push('insert');
      if (fakes.createFails) throw new Error('connection terminated');
      return open;
    },
    findOwned: async () => open,
    transition: async () => {
      calls.push('transition');
      return { applied: true, upload: { ...open, state: 'EXPIRED' } };
    },
  } as unknown as UploadRepository;
  const multipart = {
    bucket: 'b',
    start: async () => (calls.push('start'), 's3-1'),
    abort: async (_key: string, id: string) => {
      calls.push(`abort ${id}`);
      if (fakes.abortFails) throw new Error('storage unavailable');
    },
  } as unknown as MultipartStore;
  const objects = { delete: async () => void calls.push('delete object') } as unknown as ObjectStore;
  const cleanup = { markPartsDropped: async () => void calls.push('parts dropped') };
  const recordings = { require: async () => undefined } as unknown as RecordingOwnership;
  const svc = new MultipartUploadService(uploads, cleanup, multipart, objects, recordings, {
    resumeWindowSec: 3600,
    partUrlTtlSec: 300,
  });
  return { svc, calls };
}

const request = {
  fileName: 'long.wav',
  contentType: 'audio/wav' as const,
  sizeBytes: 20 * 1024 * 1024,
  partSizeBytes: 8 * 1024 * 1024,
};

describe('multipart uploads leave no orphaned parts', () => {
  it('aborts the S3 multipart upload when its record cannot be stored', async () => {
    const { svc, calls } = service({ createFails: true });
    await expect(svc.create('user', request)).rejects.toThrow('connection terminated');
    expect(calls).toEqual(['start', 'insert', 'abort s3-1']);
  });

  it('drops the parts before recording EXPIRED, and marks them dropped', async () => {
    const { svc, calls } = service({});
    await svc.abort('user', open.id);
    expect(calls).toEqual(['abort s3-1', 'transition', 'parts dropped', 'delete object']);
  });

  it('leaves the upload open when storage refuses the abort', async () => {
    const { svc, calls } = service({ abortFails: true });
    await expect(svc.abort('user', open.id)).rejects.toThrow('storage unavailable');
    expect(calls).toEqual(['abort s3-1']);
  });
});
