import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { TRACE_METADATA_KEY } from '@orak/core';

// The only code that talks to S3: presigning, inspecting, reading and deleting objects of one bucket.

export interface S3Settings {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
}

export interface PresignedPut {
  url: string;
  /** Must be sent exactly: they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface ObjectInfo {
  sizeBytes: number;
  etag: string | null;
  contentType: string | null;
}

/** One page of a listing: keys with their last change, and where the next page starts (null at the end). */
export interface ObjectPage {
  objects: { key: string; lastModified: Date }[];
  next: string | null;
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Checksums the SDK adds by default would become extra signed parameters the uploading client cannot know.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function stripEtagQuotes(etag: string | undefined | null): string | null {
  if (!etag) return null;
  return etag.replace(/^"+|"+$/g, '');
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey')
  );
}

export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /**
   * A PUT whose signature covers the exact Content-Length and Content-Type, and If-None-Match: * so the request
   * can create the object once and never overwrite it (a replayed request is refused).
   */
  async presignPut(
    key: string,
    contentType: string,
    sizeBytes: number,
    ttlSec: number,
    now = new Date(),
    traceId?: string,
  ): Promise<PresignedPut> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: contentType,
      ContentLength: sizeBytes,
      IfNoneMatch: '*',
      ...(traceId ? { Metadata: { [TRACE_METADATA_KEY]: traceId } } : {}),
    });
    // The trace id is signed in as a header too: the object carries it, and a client cannot change it.
    const traceHeader = `x-amz-meta-${TRACE_METADATA_KEY}`;
    const signed = ['content-length', 'content-type', 'if-none-match', ...(traceId ? [traceHeader] : [])];
    const url = await getSignedUrl(this.client, command, {
      expiresIn: ttlSec,
      signingDate: now,
      signableHeaders: new Set(signed),
      unhoistableHeaders: new Set(signed),
    });
    return {
      url,
      headers: {
        'content-type': contentType,
        'content-length': String(sizeBytes),
        'if-none-match': '*',
        ...(traceId ? { [traceHeader]: traceId } : {}),
      },
      expiresAt: new Date(now.getTime() + ttlSec * 1000),
    };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        sizeBytes: out.ContentLength ?? 0,
        etag: stripEtagQuotes(out.ETag),
        contentType: out.ContentType ?? null,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Reads the whole object (the analyzer caps sizes at 100 MB before calling this). */
  async read(key: string, range?: { start: number; end: number }): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** One page of the keys under `prefix`, from `token` (a previous page's `next`). */
  async list(prefix: string, limit: number, token?: string): Promise<ObjectPage> {
    const out = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix,
        MaxKeys: limit,
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    return {
      // An entry without a date cannot be judged old enough to remove: it is left out.
      objects: (out.Contents ?? []).flatMap((item) =>
        item.Key && item.LastModified ? [{ key: item.Key, lastModified: item.LastModified }] : [],
      ),
      next: out.IsTruncated && out.NextContinuationToken ? out.NextContinuationToken : null,
    };
  }
}
