import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  S3ServiceException,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { TRACE_METADATA_KEY } from '@orak/core';
import { stripEtagQuotes, type PresignedPut } from './objectStore';

// S3 multipart uploads for large takes: start, sign one part's PUT, list stored parts, complete, abort.

export interface StoredPartInfo {
  partNumber: number;
  sizeBytes: number;
  etag: string;
}

/** Why storage refused to complete: unknown parts, a wrong total, or the multipart upload is gone. */
export class MultipartCompletionError extends Error {
  constructor(
    readonly reason: 'invalid_part' | 'size_mismatch' | 'no_such_upload' | 'object_exists',
    message: string,
  ) {
    super(message);
    this.name = 'MultipartCompletionError';
  }
}

function s3ErrorName(error: unknown): string | null {
  return error instanceof S3ServiceException ? error.name : null;
}

export class MultipartStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /** Starts a multipart upload; the content type and trace id are fixed here, not by whoever sends the parts. */
  async start(key: string, contentType: string, traceId?: string): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ...(traceId ? { Metadata: { [TRACE_METADATA_KEY]: traceId } } : {}),
      }),
    );
    if (!out.UploadId) throw new Error('CreateMultipartUpload answered without an UploadId');
    return out.UploadId;
  }

  /** A PUT for one part whose signature covers the upload id, the part number and the exact Content-Length. */
  async presignPart(
    key: string,
    s3UploadId: string,
    partNumber: number,
    sizeBytes: number,
    ttlSec: number,
    now = new Date(),
  ): Promise<PresignedPut> {
    const command = new UploadPartCommand({
      Bucket: this.bucket,
      Key: key,
      UploadId: s3UploadId,
      PartNumber: partNumber,
      ContentLength: sizeBytes,
    });
    const signed = ['content-length'];
    const url = await getSignedUrl(this.client, command, {
      expiresIn: ttlSec,
      signingDate: now,
      signableHeaders: new Set(signed),
      unhoistableHeaders: new Set(signed),
    });
    return {
      url,
      headers: { 'content-length': String(sizeBytes) },
      expiresAt: new Date(now.getTime() + ttlSec * 1000),
    };
  }

  /** Every part storage holds, in part-number order; null when the multipart upload no longer exists. */
  async listParts(key: string, s3UploadId: string): Promise<StoredPartInfo[] | null> {
    const parts: StoredPartInfo[] = [];
    let marker: string | undefined;
    try {
      for (;;) {
        const out = await this.client.send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: s3UploadId,
            ...(marker ? { PartNumberMarker: marker } : {}),
          }),
        );
        for (const part of out.Parts ?? []) {
          if (part.PartNumber === undefined) continue;
          parts.push({
            partNumber: part.PartNumber,
            sizeBytes: part.Size ?? 0,
            etag: stripEtagQuotes(part.ETag) ?? '',
          });
        }
        if (!out.IsTruncated || !out.NextPartNumberMarker) break;
        marker = out.NextPartNumberMarker;
      }
    } catch (error) {
      if (s3ErrorName(error) === 'NoSuchUpload') return null;
      throw error;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  /**
   * Joins the parts into the object. Storage checks the total against `sizeBytes` too, and If-None-Match keeps
   * a second completion from overwriting an object the pipeline may already be reading.
   */
  async complete(
    key: string,
    s3UploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
    sizeBytes: number,
  ): Promise<{ etag: string | null }> {
    try {
      const out = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: s3UploadId,
          MpuObjectSize: sizeBytes,
          IfNoneMatch: '*',
          MultipartUpload: {
            Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: `"${part.etag}"` })),
          },
        }),
      );
      return { etag: stripEtagQuotes(out.ETag) };
    } catch (error) {
      const name = s3ErrorName(error);
      const message = error instanceof Error ? error.message : String(error);
      if (name === 'InvalidPart' || name === 'InvalidPartOrder' || name === 'EntityTooSmall') {
        throw new MultipartCompletionError('invalid_part', message);
      }
      if (name === 'InvalidRequest' && /object-size/i.test(message)) {
        throw new MultipartCompletionError('size_mismatch', message);
      }
      if (name === 'NoSuchUpload') throw new MultipartCompletionError('no_such_upload', message);
      if (name === 'PreconditionFailed') throw new MultipartCompletionError('object_exists', message);
      throw error;
    }
  }

  /** Drops the stored parts; an upload that is already gone counts as aborted. */
  async abort(key: string, s3UploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: s3UploadId }),
      );
    } catch (error) {
      if (s3ErrorName(error) === 'NoSuchUpload') return;
      throw error;
    }
  }
}
