import { describe, expect, it } from 'vitest';
import type { ObjectStore, TransitionOutcome, UploadRecord, UploadRepository } from '@orak/cloud-common';
import { UploadPipeline, type PipelineDeps } from '../src/uploadPipeline';
import { Semaphore } from '../src/semaphore';

// Rejecting a take removes its object, but only once REJECTED is really recorded: a delivery that lost the race
// to another (which completed the upload) must leave the live object alone.

const record = (state: UploadRecord['state']): UploadRecord => ({
  id: 'u1',
  userId: 'user',
  bucket: 'b',
  objectKey: 'users/user/u1/take.wav',
  fileName: 'take.wav',
  contentType: 'audio/wav',
  sizeBytes: 10,
  state,
  version: 1,
  failureStage: null,
  failureReason: null,
  urlExpiresAt: new Date(),
  objectEtag: null,
  objectSize: null,
  redrives: 0,
  traceId: null,
  multipart: null,
  recordingId: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

function pipeline(states: UploadRecord['state'][], applies: boolean) {
  const deleted: string[] = [];
  let reads = 0;
  const uploads = {
    findById: async () => record(states[Math.min(reads++, states.length - 1)]!),
    transition: async (): Promise<TransitionOutcome> =>
      applies ? { applied: true, upload: record('REJECTED') } : { applied: false, current: null },
  } as unknown as UploadRepository;
  const objects = { delete: async (key: string) => void deleted.push(key) } as unknown as ObjectStore;
  const deps: PipelineDeps = {
    uploads,
    objects,
    analyzer: { analyze: () => Promise.reject(new Error('unused')) },
    recommender: { recommend: async () => [] },
    semaphore: new Semaphore(1),
  };
  return { pipeline: new UploadPipeline(deps), deleted };
}

describe('UploadPipeline.fail', () => {
  it('keeps the object when another delivery moved the upload on first', async () => {
    const { pipeline: p, deleted } = pipeline(['VALIDATING', 'COMPLETED'], false);
    const outcome = await p.fail('u1', 'REJECTED', { stage: 'validate', reason: 'not audio' });
    expect(outcome?.state).toBe('COMPLETED');
    expect(deleted).toEqual([]);
  });

  it('removes the object once REJECTED is recorded', async () => {
    const { pipeline: p, deleted } = pipeline(['VALIDATING'], true);
    const outcome = await p.fail('u1', 'REJECTED', { stage: 'validate', reason: 'not audio' });
    expect(outcome?.state).toBe('REJECTED');
    expect(deleted).toEqual(['users/user/u1/take.wav']);
  });
});
