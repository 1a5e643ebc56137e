import { randomUUID } from 'node:crypto';
import {
  MAX_PART_URL_TTL_SEC,
  type AbortMultipartUploadResponse,
  type CompleteMultipartUploadRequest,
  type CompleteMultipartUploadResponse,
  type CreateMultipartUploadRequest,
  type CreateMultipartUploadResponse,
  type ListPartsResponse,
  type PartUrlResponse,
} from '@orak/core';
import {
  MultipartCompletionError,
  type MultipartStore,
  type NewUpload,
  type ObjectStore,
  type StoredPartInfo,
  type UploadCleanupRepository,
  type UploadRecord,
  type UploadRepository,
} from '@orak/cloud-common';
import { ApiError, notFound } from '../http/apiError';
import { uploadObjectKey } from './objectKeys';
import { planParts } from './partPlan';
import type { RecordingOwnership } from './recordingOwnership';
import { recordingGoneAsNotFound } from './recordingRace';

// Multipart uploads of large takes: the api starts one and signs each part's PUT just before the client sends
// it (bound to upload id, part number and exact length); it lists what storage holds so an interrupted upload
// resumes, then completes (checking the total against the declaration) or aborts. No audio byte passes here.

export interface MultipartUploadServiceOptions {
  /**
   * How long an unfinished upload stays resumable after the api last heard of it (start or a part URL): past
   * that (plus the reconciler's grace) it ends EXPIRED and its stored parts are dropped.
   */
  resumeWindowSec: number;
  /** How long each part URL lives (capped at MAX_PART_URL_TTL_SEC). */
  partUrlTtlSec: number;
  now?: () => Date;
}

type OpenMultipart = UploadRecord & { multipart: NonNullable<UploadRecord['multipart']> };

export class MultipartUploadService {
  private readonly now: () => Date;
  private readonly resumeWindowSec: number;
  private readonly partTtlSec: number;

  constructor(
    private readonly uploads: UploadRepository,
    private readonly cleanup: Pick<UploadCleanupRepository, 'markPartsDropped'>,
    private readonly multipart: MultipartStore,
    private readonly objects: ObjectStore,
    private readonly recordings: RecordingOwnership,
    options: MultipartUploadServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.resumeWindowSec = Math.max(1, Math.floor(options.resumeWindowSec));
    this.partTtlSec = Math.min(Math.max(1, Math.floor(options.partUrlTtlSec)), MAX_PART_URL_TTL_SEC);
  }

  async create(
    userId: string,
    request: CreateMultipartUploadRequest,
    traceId?: string,
  ): Promise<CreateMultipartUploadResponse> {
    await this.recordings.require(userId, request.recordingId);
    const uploadId = randomUUID();
    const key = uploadObjectKey(userId, uploadId, request.fileName);
    const s3UploadId = await this.multipart.start(key, request.contentType, traceId);
    const upload = await this.record(key, s3UploadId, {
      id: uploadId,
      userId,
      bucket: this.multipart.bucket,
      objectKey: key,
      fileName: request.fileName,
      contentType: request.contentType,
      sizeBytes: request.sizeBytes,
      urlExpiresAt: new Date(this.now().getTime() + this.resumeWindowSec * 1000),
      multipart: { s3UploadId, partSizeBytes: request.partSizeBytes },
      ...(request.recordingId ? { recordingId: request.recordingId } : {}),
      ...(traceId ? { traceId } : {}),
    });
    return {
      uploadId,
      state: upload.state,
      partSizeBytes: request.partSizeBytes,
      parts: planParts(request.sizeBytes, request.partSizeBytes),
    };
  }

  async presignPart(userId: string, uploadId: string, partNumber: number): Promise<PartUrlResponse> {
    const upload = await this.open(userId, uploadId);
    const planned = planParts(upload.sizeBytes, upload.multipart.partSizeBytes);
    const part = planned[partNumber - 1];
    if (!part) {
      throw new ApiError(400, 'invalid_request', `this upload has parts 1..${planned.length}`, [
        { path: 'partNumber', message: `must be at most ${planned.length}` },
      ]);
    }
    const now = this.now();
    const signed = await this.multipart.presignPart(
      upload.objectKey,
      upload.multipart.s3UploadId,
      partNumber,
      part.sizeBytes,
      this.partTtlSec,
      now,
    );
    // Each part URL keeps the upload resumable for another window (never less than the URL itself lives).
    const resumableUntil = new Date(now.getTime() + this.resumeWindowSec * 1000);
    await this.uploads.extendUrlExpiry(
      upload.id,
      resumableUntil > signed.expiresAt ? resumableUntil : signed.expiresAt,
    );
    return {
      uploadId,
      partNumber,
      sizeBytes: part.sizeBytes,
      request: {
        method: 'PUT',
        url: signed.url,
        headers: signed.headers,
        expiresAt: signed.expiresAt.toISOString(),
      },
    };
  }

  async listParts(userId: string, uploadId: string): Promise<ListPartsResponse> {
    const upload = await this.open(userId, uploadId);
    const stored = await this.storedParts(upload);
    const planned = planParts(upload.sizeBytes, upload.multipart.partSizeBytes);
    const good = new Set(
      stored
        .filter((part) => planned[part.partNumber - 1]?.sizeBytes === part.sizeBytes)
        .map((part) => part.partNumber),
    );
    return {
      uploadId,
      state: upload.state,
      partSizeBytes: upload.multipart.partSizeBytes,
      parts: stored,
      missing: planned.filter((part) => !good.has(part.partNumber)).map((part) => part.partNumber),
    };
  }

  async complete(
    userId: string,
    uploadId: string,
    request: CompleteMultipartUploadRequest,
  ): Promise<CompleteMultipartUploadResponse> {
    const upload = await this.open(userId, uploadId);
    const stored = await this.storedParts(upload);
    const chosen = request.parts ? pickReported(stored, request.parts) : stored;
    checkAgainstPlan(upload, chosen);
    try {
      await this.multipart.complete(upload.objectKey, upload.multipart.s3UploadId, chosen, upload.sizeBytes);
    } catch (error) {
      if (!(error instanceof MultipartCompletionError)) throw error;
      if (error.reason === 'invalid_part') throw new ApiError(422, 'invalid_part', 'storage refused a part');
      if (error.reason === 'size_mismatch') {
        throw new ApiError(422, 'size_mismatch', `the parts do not add up to ${upload.sizeBytes} bytes`);
      }
      throw new ApiError(409, 'upload_not_open', 'the multipart upload was already completed or aborted');
    }
    const current = await this.uploads.findById(uploadId);
    return { uploadId, state: current?.state ?? upload.state, sizeBytes: upload.sizeBytes };
  }

  /**
   * Ends the upload EXPIRED ("never arrived"), drops the stored parts and any object a late completion made. The
   * parts go first (aborting is idempotent): if storage fails, the upload stays open and the abort can be retried.
   */
  async abort(userId: string, uploadId: string): Promise<AbortMultipartUploadResponse> {
    const upload = await this.open(userId, uploadId);
    await this.multipart.abort(upload.objectKey, upload.multipart.s3UploadId);
    const moved = await this.uploads.transition(upload.id, {
      from: 'REQUESTED',
      to: 'EXPIRED',
      actor: 'api',
      failure: { stage: 'upload', reason: 'multipart upload aborted by the client' },
      expectedVersion: upload.version,
    });
    if (!moved.applied) throw notOpen();
    await this.cleanup.markPartsDropped(upload.id);
    await this.objects.delete(upload.objectKey);
    return { uploadId, state: moved.upload.state };
  }

  /** Records the started upload; if that fails, the S3 multipart upload is aborted so no part can ever land. */
  private async record(key: string, s3UploadId: string, upload: NewUpload): Promise<UploadRecord> {
    try {
      return await recordingGoneAsNotFound(this.uploads.create(upload));
    } catch (error) {
      await this.multipart.abort(key, s3UploadId).catch(() => undefined);
      throw error;
    }
  }

  /** The caller's multipart upload, still waiting for its bytes; anything else is a clear 404 or 409. */
  private async open(userId: string, uploadId: string): Promise<OpenMultipart> {
    const upload = await this.uploads.findOwned(uploadId, userId);
    if (!upload) throw notFound('upload');
    if (!upload.multipart) {
      throw new ApiError(409, 'not_multipart', 'this upload takes a single presigned PUT, not parts');
    }
    if (upload.state !== 'REQUESTED') throw notOpen();
    return upload as OpenMultipart;
  }

  private async storedParts(upload: OpenMultipart): Promise<StoredPartInfo[]> {
    const stored = await this.multipart.listParts(upload.objectKey, upload.multipart.s3UploadId);
    if (!stored) throw notOpen();
    return stored;
  }
}

const notOpen = () =>
  new ApiError(
    409,
    'upload_not_open',
    'the upload is no longer waiting for its bytes (completed or aborted)',
  );

/** The parts the client reported, each matched to what storage holds by number and ETag. */
function pickReported(
  stored: readonly StoredPartInfo[],
  reported: readonly { partNumber: number; etag: string }[],
): StoredPartInfo[] {
  const byNumber = new Map(stored.map((part) => [part.partNumber, part]));
  const seen = new Set<number>();
  return reported.map(({ partNumber, etag }) => {
    if (seen.has(partNumber)) {
      throw new ApiError(400, 'invalid_request', `part ${partNumber} is listed twice`);
    }
    seen.add(partNumber);
    const part = byNumber.get(partNumber);
    if (!part || part.etag !== etag.replace(/^"+|"+$/g, '')) {
      throw new ApiError(422, 'invalid_part', `part ${partNumber} with that ETag is not in storage`);
    }
    return part;
  });
}

/** Every planned part present once with its planned length, so the object will be exactly as declared. */
function checkAgainstPlan(upload: OpenMultipart, chosen: readonly StoredPartInfo[]): void {
  const planned = planParts(upload.sizeBytes, upload.multipart.partSizeBytes);
  const total = chosen.reduce((sum, part) => sum + part.sizeBytes, 0);
  const byNumber = new Map(chosen.map((part) => [part.partNumber, part]));
  const missing = planned.filter((part) => byNumber.get(part.partNumber)?.sizeBytes !== part.sizeBytes);
  const extra = chosen.filter((part) => part.partNumber > planned.length);
  if (missing.length > 0 || extra.length > 0 || total !== upload.sizeBytes) {
    const issues = [
      ...missing.map((part) => ({
        path: `parts.${part.partNumber}`,
        message: `part ${part.partNumber} must be stored with ${part.sizeBytes} bytes`,
      })),
      ...extra.map((part) => ({
        path: `parts.${part.partNumber}`,
        message: `part ${part.partNumber} is beyond the ${planned.length} planned`,
      })),
    ];
    throw new ApiError(
      422,
      'size_mismatch',
      `the parts hold ${total} bytes; ${upload.sizeBytes} were declared`,
      issues,
    );
  }
}
