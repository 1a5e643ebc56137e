import type { z } from 'zod';
import type { CreateMultipartUploadRequestSchema } from '@orak/core';
import {
  AuthResponseSchema,
  CompleteMultipartUploadResponseSchema,
  CreateMultipartUploadResponseSchema,
  CreateUploadResponseSchema,
  ListPartsResponseSchema,
  PartUrlResponseSchema,
  ErrorBodySchema,
  UploadViewSchema,
  type AuthResponse,
  type CompleteMultipartUploadResponse,
  type CreateMultipartUploadResponse,
  type ListPartsResponse,
  type PartUrlResponse,
  type CreateUploadRequest,
  type CreateUploadResponse,
  type Credentials,
  type UploadView,
} from '@orak/core';
import { CloudApiError, CloudUnreachableError, isAbortError, statusOfErrorCode } from './cloudApiErrors';
import { readServerSentEvents } from './serverSentEvents';

// The desktop's client of the cloud api: every answer is checked against the shared contract before use.

export interface CloudApiClient {
  readonly baseUrl: string;
  register(credentials: Credentials): Promise<AuthResponse>;
  login(credentials: Credentials): Promise<AuthResponse>;
  /** Round trip of GET /healthz in ms. */
  health(): Promise<number>;
  // Every call takes an optional signal: aborting it (pause, cancel, quit) stops the request at once.
  createUpload(
    token: string,
    request: CreateUploadRequest,
    signal?: AbortSignal,
  ): Promise<CreateUploadResponse>;
  /** Multipart: the api plans the parts; each part's PUT is signed just before it is sent. */
  createMultipartUpload(
    token: string,
    request: z.input<typeof CreateMultipartUploadRequestSchema>,
    signal?: AbortSignal,
  ): Promise<CreateMultipartUploadResponse>;
  presignPart(
    token: string,
    uploadId: string,
    partNumber: number,
    signal?: AbortSignal,
  ): Promise<PartUrlResponse>;
  /** What storage already holds, so an interrupted upload resumes from the first missing part. */
  listParts(token: string, uploadId: string, signal?: AbortSignal): Promise<ListPartsResponse>;
  completeMultipartUpload(
    token: string,
    uploadId: string,
    signal?: AbortSignal,
  ): Promise<CompleteMultipartUploadResponse>;
  getUpload(token: string, uploadId: string, signal?: AbortSignal): Promise<UploadView>;
  deleteUpload(token: string, uploadId: string, signal?: AbortSignal): Promise<void>;
  /** The upload's view now and after every change (server-sent events) until terminal or `signal` aborts. */
  followUpload(token: string, uploadId: string, signal: AbortSignal): AsyncGenerator<UploadView>;
}

export interface CloudApiClientOptions {
  /** Per-request limit for ordinary calls (not the event stream). */
  timeoutMs?: number;
}

export function createCloudApiClient(baseUrl: string, options: CloudApiClientOptions = {}): CloudApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(
    path: string,
    init: {
      method: string;
      token?: string;
      json?: unknown;
      signal?: AbortSignal;
      accept?: string;
      /** An event stream runs until the caller aborts it: no per-request time limit. */
      stream?: boolean;
    },
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: init.accept ?? 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${root}${path}`, {
        method: init.method,
        // The api never redirects: a 3xx is answered as an error, never followed (with the token) to another host.
        redirect: 'manual',
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        signal: init.stream
          ? init.signal
          : init.signal
            ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
            : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      // Only the method and path go into the message: never a header, so never the token.
      const reason = isAbortError(error) ? `no answer in ${timeoutMs} ms` : describeCause(error);
      throw new CloudUnreachableError(`${init.method} ${path}: ${reason}`);
    }
  }

  async function expect<S extends z.ZodType>(
    response: Response,
    schema: S,
    what: string,
  ): Promise<z.output<S>> {
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: reported below */
    }
    if (!response.ok) {
      const error = ErrorBodySchema.safeParse(body);
      if (error.success)
        throw new CloudApiError(
          response.status,
          error.data.error.code,
          `${what}: ${error.data.error.message}`,
        );
      throw new CloudApiError(response.status, 'bad_response', `${what}: HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CloudApiError(response.status, 'bad_response', `${what}: answer does not match the contract`);
    return parsed.data;
  }

  return {
    baseUrl: root,
    async register(credentials) {
      const response = await send('/v1/auth/register', { method: 'POST', json: credentials });
      return expect(response, AuthResponseSchema, 'sign up');
    },
    async login(credentials) {
      const response = await send('/v1/auth/login', { method: 'POST', json: credentials });
      return expect(response, AuthResponseSchema, 'log in');
    },
    async health() {
      const started = performance.now();
      const response = await send('/healthz', { method: 'GET' });
      await response.arrayBuffer();
      if (!response.ok)
        throw new CloudApiError(response.status, 'bad_response', `health: HTTP ${response.status}`);
      return performance.now() - started;
    },
    async createUpload(token, request, signal) {
      const response = await send('/v1/uploads', { method: 'POST', token, json: request, signal });
      return expect(response, CreateUploadResponseSchema, 'create upload');
    },
    async createMultipartUpload(token, request, signal) {
      const response = await send('/v1/uploads/multipart', { method: 'POST', token, json: request, signal });
      return expect(response, CreateMultipartUploadResponseSchema, 'create multipart upload');
    },
    async presignPart(token, uploadId, partNumber, signal) {
      const path = `/v1/uploads/${encodeURIComponent(uploadId)}/parts/${partNumber}/url`;
      const response = await send(path, { method: 'POST', token, json: {}, signal });
      return expect(response, PartUrlResponseSchema, 'sign part');
    },
    async listParts(token, uploadId, signal) {
      const response = await send(`/v1/uploads/${encodeURIComponent(uploadId)}/parts`, {
        method: 'GET',
        token,
        signal,
      });
      return expect(response, ListPartsResponseSchema, 'list parts');
    },
    async completeMultipartUpload(token, uploadId, signal) {
      const path = `/v1/uploads/${encodeURIComponent(uploadId)}/complete`;
      const response = await send(path, { method: 'POST', token, json: {}, signal });
      return expect(response, CompleteMultipartUploadResponseSchema, 'complete upload');
    },
    async getUpload(token, uploadId, signal) {
      const path = `/v1/uploads/${encodeURIComponent(uploadId)}`;
      const response = await send(path, { method: 'GET', token, signal });
      return expect(response, UploadViewSchema, 'upload');
    },
    async deleteUpload(token, uploadId, signal) {
      const path = `/v1/uploads/${encodeURIComponent(uploadId)}`;
      const response = await send(path, { method: 'DELETE', token, signal });
      if (response.status === 204 || response.status === 404) return void (await response.arrayBuffer());
      await expect(response, UploadViewSchema, 'delete upload');
    },
    async *followUpload(token, uploadId, signal) {
      const response = await send(`/v1/uploads/${encodeURIComponent(uploadId)}/events`, {
        method: 'GET',
        token,
        signal,
        accept: 'text/event-stream',
        stream: true,
      });
      if (!response.ok || !response.body) {
        await expect(response, UploadViewSchema, 'follow upload');
        throw new CloudApiError(response.status, 'bad_response', 'follow upload: no event stream');
      }
      for await (const event of readServerSentEvents(response.body)) {
        if (event.event === 'error') throw streamError(event.data);
        if (event.event !== 'state') continue;
        const view = UploadViewSchema.safeParse(safeJson(event.data));
        if (!view.success)
          throw new CloudApiError(200, 'bad_response', 'follow upload: an event does not match the contract');
        yield view.data;
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The api ends a stream with an error event carrying the usual error body: keep its code (not_found...). */
function streamError(data: string): CloudApiError {
  const body = ErrorBodySchema.safeParse(safeJson(data));
  if (!body.success) return new CloudApiError(502, 'bad_response', 'follow upload: the stream failed');
  const { code, message } = body.data.error;
  return new CloudApiError(statusOfErrorCode(code), code, `follow upload: ${message}`);
}

/** fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeCause(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
