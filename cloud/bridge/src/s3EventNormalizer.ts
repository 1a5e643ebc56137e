import { z } from 'zod';
import type { ObjectCreated } from '@orak/core';

// Turns any S3 notification we accept into ObjectCreated events: the AWS S3 record shape (also what versitygw
// sends, over Kafka or webhook), the EventBridge "Object Created" shape, and either wrapped in an SNS envelope.

const RecordSchema = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().nullish(),
      sequencer: z.string().nullish(),
    }),
  }),
});
const RecordsSchema = z.object({ Records: z.array(z.unknown()) });

const EventBridgeSchema = z.object({
  'detail-type': z.string(),
  source: z.string(),
  time: z.string().optional(),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      etag: z.string().nullish(),
      sequencer: z.string().nullish(),
    }),
  }),
});

const SnsEnvelopeSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

export interface NormalizeResult {
  /** Which shape the notification had: the AWS S3 record shape or an EventBridge event. */
  shape: 'records' | 'eventbridge' | 'test';
  events: ObjectCreated[];
  /** Notifications that were understood but are not object-created (test events, deletions). */
  ignored: number;
}

export class UnrecognizedNotificationError extends Error {
  constructor(detail: string) {
    super(`unrecognized S3 notification: ${detail}`);
    this.name = 'UnrecognizedNotificationError';
  }
}

/** S3 URL-encodes keys with '+' for spaces; our own keys never contain '+' or '%', so decoding is unambiguous. */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export function cleanEtag(etag: string | null | undefined): string | null {
  return etag ? etag.replace(/^"+|"+$/g, '') : null;
}

/** Sequencers are hex of varying length: compare them after left-padding to a common length. */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padStart(width, '0');
  const right = b.toUpperCase().padStart(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

export function normalizeS3Notification(payload: unknown, depth = 0): NormalizeResult {
  const sns = SnsEnvelopeSchema.safeParse(payload);
  if (sns.success && depth === 0) {
    let inner: unknown;
    try {
      inner = JSON.parse(sns.data.Message);
    } catch {
      throw new UnrecognizedNotificationError('SNS message is not JSON');
    }
    return normalizeS3Notification(inner, depth + 1);
  }

  const records = RecordsSchema.safeParse(payload);
  if (records.success) {
    const result: NormalizeResult = { shape: 'records', events: [], ignored: 0 };
    for (const raw of records.data.Records) {
      const record = RecordSchema.safeParse(raw);
      if (!record.success) throw new UnrecognizedNotificationError('record without s3.bucket/s3.object');
      // AWS writes "ObjectCreated:Put"; some servers prefix "s3:".
      if (!/^(s3:)?ObjectCreated:/.test(record.data.eventName)) {
        result.ignored++;
        continue;
      }
      const { bucket, object } = record.data.s3;
      result.events.push({
        bucket: bucket.name,
        key: decodeS3Key(object.key),
        sizeBytes: object.size ?? 0,
        etag: cleanEtag(object.eTag),
        sequencer: object.sequencer || null,
        eventTime: record.data.eventTime ?? new Date().toISOString(),
      });
    }
    return result;
  }

  const bridge = EventBridgeSchema.safeParse(payload);
  if (bridge.success) {
    if (bridge.data.source !== 'aws.s3' || bridge.data['detail-type'] !== 'Object Created') {
      return { shape: 'eventbridge', events: [], ignored: 1 };
    }
    const { bucket, object } = bridge.data.detail;
    return {
      shape: 'eventbridge',
      events: [
        {
          bucket: bucket.name,
          key: decodeS3Key(object.key),
          sizeBytes: object.size ?? 0,
          etag: cleanEtag(object.etag),
          sequencer: object.sequencer || null,
          eventTime: bridge.data.time ?? new Date().toISOString(),
        },
      ],
      ignored: 0,
    };
  }

  // The test event S3 (and versitygw) send when notifications are configured.
  if (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { Event?: unknown }).Event === 's3:TestEvent'
  ) {
    return { shape: 'test', events: [], ignored: 1 };
  }
  throw new UnrecognizedNotificationError('neither S3 records nor an EventBridge event');
}
