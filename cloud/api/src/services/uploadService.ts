import { randomUUID } from 'node:crypto';
import {
  MAX_PRESIGN_TTL_SEC,
  isTerminalUploadState,
  type CreateUploadRequest,
  type CreateUploadResponse,
  type ListUploadsQuery,
  type ListUploadsResponse,
  type UploadView,
} from '@orak/core';
import type {
  MultipartStore,
  ObjectStore,
  UploadCleanupRepository,
  UploadRecord,
  UploadRepository,
} from '@orak/cloud-common';
import { notFound } from '../http/apiError';
import { recordingGoneAsNotFound } from './recordingRace';
import { uploadObjectKey } from './objectKeys';
import type { RecordingOwnership } from './recordingOwnership';

// Uploads: issue a presigned request bound to the owner's prefix and exact size; show state, history and results;
// delete a take with its object, history and results.

export interface UploadServiceOptions {
  presignTtlSec: number;
  now?: () => Date;
}

export class UploadService {
  private readonly now: () => Date;
  private readonly ttlSec: number;

  constructor(
    private readonly uploads: UploadRepository,
    private readonly cleanup: UploadCleanupRepository,
    private readonly objects: ObjectStore,
    private readonly multipart: MultipartStore,
    private readonly recordings: RecordingOwnership,
    options: UploadServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.ttlSec = Math.min(Math.max(1, Math.floor(options.presignTtlSec)), MAX_PRESIGN_TTL_SEC);
  }

  async create(
    userId: string,
    request: CreateUploadRequest,
    traceId?: string,
  ): Promise<CreateUploadResponse> {
    await this.recordings.require(userId, request.recordingId);
    const uploadId = randomUUID();
    const key = uploadObjectKey(userId, uploadId, request.fileName);
    const now = this.now();
    const presigned = await this.objects.presignPut(
      key,
      request.contentType,
      request.sizeBytes,
      this.ttlSec,
      now,
      traceId,
    );
    const upload = await recordingGoneAsNotFound(
      this.uploads.create({
        id: uploadId,
        userId,
        bucket: this.objects.bucket,
        objectKey: key,
        fileName: request.fileName,
        contentType: request.contentType,
        sizeBytes: request.sizeBytes,
        urlExpiresAt: presigned.expiresAt,
        ...(request.recordingId ? { recordingId: request.recordingId } : {}),
        ...(traceId ? { traceId } : {}),
      }),
    );
    return {
      uploadId,
      state: upload.state,
      request: {
        method: 'PUT',
        url: presigned.url,
        headers: presigned.headers,
        expiresAt: presigned.expiresAt.toISOString(),
      },
    };
  }

  async view(userId: string, uploadId: string): Promise<UploadView> {
    const upload = await this.uploads.findOwned(uploadId, userId);
    if (!upload) throw notFound('upload');
    const [history, result] = await Promise.all([
      this.uploads.history(uploadId),
      upload.state === 'COMPLETED' ? this.uploads.result(uploadId) : Promise.resolve(null),
    ]);
    return {
      ...summary(upload),
      history,
      analysis: result?.analysis ?? null,
      recommendations: result?.recommendations ?? null,
    };
  }

  /**
   * Yields the upload's view now and after every change, until it is terminal or `signal` aborts.
   * Polls the database: a change is a new version, so nothing is missed between two polls.
   */
  async *follow(
    userId: string,
    uploadId: string,
    signal: AbortSignal,
    pollMs = 250,
  ): AsyncGenerator<UploadView> {
    let seenVersion = -1;
    while (!signal.aborted) {
      const upload = await this.uploads.findOwned(uploadId, userId);
      if (!upload) throw notFound('upload');
      if (upload.version !== seenVersion) {
        seenVersion = upload.version;
        yield await this.view(userId, uploadId);
        if (isTerminalUploadState(upload.state)) return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  /**
   * Deletes the caller's upload: a multipart upload's stored parts first (while its S3 id is still known), then the
   * record with its history and results, leaving a tombstone, then the object. The tombstone outlives the
   * presigned URL: an object the URL re-creates later is removed by the bridge or the reconciler. A worker still
   * busy with it finds the record gone and stops. Another user's id reads as not found.
   */
  async remove(userId: string, uploadId: string): Promise<void> {
    const upload = await this.uploads.findOwned(uploadId, userId);
    if (!upload) throw notFound('upload');
    await this.dropParts(upload);
    const deleted = await this.cleanup.deleteOwned(upload.id, userId);
    if (!deleted) throw notFound('upload');
    await this.objects.delete(deleted.objectKey);
  }

  /**
   * Deletes a recording and every take of it in one transaction, then their parts and objects (the tombstones
   * cover a crash in between). False when the caller has no such recording.
   */
  async removeRecording(userId: string, recordingId: string): Promise<boolean> {
    const takes = await this.cleanup.deleteRecordingWithTakes(userId, recordingId);
    if (!takes) return false;
    for (const upload of takes) {
      await this.dropParts(upload);
      await this.objects.delete(upload.objectKey);
    }
    return true;
  }

  private async dropParts(upload: UploadRecord): Promise<void> {
    if (upload.multipart && upload.state === 'REQUESTED') {
      await this.multipart.abort(upload.objectKey, upload.multipart.s3UploadId);
    }
  }

  async list(userId: string, query: ListUploadsQuery): Promise<ListUploadsResponse> {
    const uploads = await this.uploads.listByUser(userId, query.limit, query.state);
    return { uploads: uploads.map(summary) };
  }
}

function summary(upload: UploadRecord) {
  return {
    uploadId: upload.id,
    state: upload.state,
    fileName: upload.fileName,
    contentType: upload.contentType,
    sizeBytes: upload.sizeBytes,
    createdAt: upload.createdAt.toISOString(),
    updatedAt: upload.updatedAt.toISOString(),
    failure:
      upload.failureStage && upload.failureReason
        ? { stage: upload.failureStage, reason: upload.failureReason }
        : null,
  };
}
