import { createReadStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PresignedRequest } from '@orak/core';

// Streams a file from disk to a presigned PUT, counting bytes as they go; the file is never read whole.

export interface PutResult {
  status: number;
  /** The storage server's answer (an S3 error document on failure), cut short. */
  body: string;
}

export interface PutFileOptions {
  request: PresignedRequest;
  path: string;
  /** Where in the file the body starts (a multipart part); 0 for the whole file. */
  offset?: number;
  sizeBytes: number;
  signal: AbortSignal;
  onProgress: (bytesSent: number) => void;
  /** Caps the sending rate (bytes per second); unlimited when absent. */
  bytesPerSecond?: number;
}

export class PutNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PutNetworkError';
  }
}

export async function putFile(options: PutFileOptions): Promise<PutResult> {
  const { request, signal } = options;
  if (request.method !== 'PUT') throw new Error(`presigned ${request.method} is not supported, only PUT`);
  signal.throwIfAborted();
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const outgoing = send(url, {
    method: 'PUT',
    headers: { ...request.headers, 'content-length': String(options.sizeBytes) },
    signal,
  });
  // The answer's body is read from its first byte: an early refusal may tear the socket down right after.
  const answered = new Promise<{ response: IncomingMessage; body: Promise<string> }>((resolve, reject) => {
    outgoing.once('response', (response) => resolve({ response, body: readBody(response) }));
    outgoing.once('error', reject);
  });
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      sent += chunk.length;
      options.onProgress(sent);
      done(null, chunk);
    },
  });
  const pace = options.bytesPerSecond ? throttle(options.bytesPerSecond, signal) : new PassThrough();
  const start = options.offset ?? 0;
  const source = createReadStream(options.path, {
    highWaterMark: 64 * 1024,
    start,
    end: start + options.sizeBytes - 1,
  });
  try {
    // A storage server may answer (e.g. 403) before the body is through: the answer wins over a broken pipe.
    const [response] = await Promise.all([
      answered,
      pipeline(source, pace, counter, outgoing, { signal }).catch(async (error: unknown) => {
        if (signal.aborted) throw error;
        await answered; // an early answer explains the broken pipe
      }),
    ]);
    return { status: response.response.statusCode ?? 0, body: await response.body };
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    throw new PutNetworkError(error instanceof Error ? error.message : String(error));
  }
}

/** Collects up to 4000 characters; resolves with what came when the stream ends, closes or fails. */
function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.on('data', (chunk: Buffer) => {
      if (text.length < 4000) text += chunk.toString('utf8');
    });
    const done = () => resolve(text.slice(0, 4000));
    response.once('end', done);
    response.once('close', done);
    response.once('error', done);
  });
}

/** Passes chunks on no faster than `bytesPerSecond` (a bandwidth cap the singer or a test sets). */
function throttle(bytesPerSecond: number, signal: AbortSignal): Transform {
  const started = Date.now();
  let passed = 0;
  let waiting: NodeJS.Timeout | null = null;
  // One abort listener for the whole stream (not one per delayed chunk), removed when the stream ends.
  const stop = () => {
    if (waiting) clearTimeout(waiting);
    waiting = null;
  };
  signal.addEventListener('abort', stop, { once: true });
  const pace = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      passed += chunk.length;
      const due = started + (passed / bytesPerSecond) * 1000;
      const wait = Math.max(0, due - Date.now());
      if (wait === 0) return done(null, chunk);
      waiting = setTimeout(() => {
        waiting = null;
        done(null, chunk);
      }, wait);
    },
  });
  pace.once('close', () => {
    stop();
    signal.removeEventListener('abort', stop);
  });
  return pace;
}
