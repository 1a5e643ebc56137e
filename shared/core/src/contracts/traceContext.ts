import { z } from 'zod';

// One trace id follows an upload from the desktop through HTTP, S3 object metadata and Kafka headers.

/** HTTP request/response header and Kafka message header carrying the trace id. */
export const TRACE_HEADER = 'x-trace-id';
/** S3 user metadata key (sent as `x-amz-meta-trace-id`, signed into the presigned PUT). */
export const TRACE_METADATA_KEY = 'trace-id';

export const TraceIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a trace id is 32 lowercase hex digits');
export type TraceId = z.infer<typeof TraceIdSchema>;

/** A new random trace id (browser-safe: Web Crypto exists in browsers and in Node). */
export function newTraceId(): TraceId {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The trace id a caller sent, if well-formed; a fresh one otherwise (a malformed id is never propagated). */
export function acceptTraceId(candidate: string | undefined | null): TraceId {
  const parsed = TraceIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : newTraceId();
}
