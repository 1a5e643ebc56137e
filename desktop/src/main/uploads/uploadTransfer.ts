import { join } from 'node:path';
import type { PlannedPart, PresignedRequest, UploadState } from '@orak/core';
import type { CloudSession } from '../cloud/accountService';
import { CloudApiError, CloudUnreachableError } from '../cloud/cloudApiErrors';
import { backoffDelayMs } from './uploadBackoff';
import { checkUploadable, UploadRefusedError, type UploadableFile } from './uploadFileCheck';
import { putFile, PutNetworkError, type PutResult } from './presignedPut';
import { UPLOAD_GONE, type QueueContext } from './uploadQueueContext';
import type { QueuedUpload } from './uploadQueueFile';

// Sending one item's bytes: a single presigned PUT, or parts each signed just in time. Every await is followed
// by a check of the transfer's signal, so a paused or cancelled transfer never writes into the item again.

/** 'blocked': no server or nobody signed in; the queue waits for the account to change. */
export type TransferOutcome = 'done' | 'blocked';

/** A server or network problem worth another try later. */
class TransientUploadError extends Error {}

export async function transfer(
  ctx: QueueContext,
  item: QueuedUpload,
  signal: AbortSignal,
  follow: (item: QueuedUpload) => void,
): Promise<TransferOutcome> {
  let session: CloudSession | null = null;
  try {
    const answer = await ctx.account.session();
    signal.throwIfAborted();
    if ('blocked' in answer) return 'blocked';
    session = answer;
    const path = join(ctx.library().takesDir, item.fileName);
    const file = await checkUploadable(path);
    signal.throwIfAborted();
    forgetOutdatedUpload(ctx, item, session, file);
    if (item.multipart) await sendParts(ctx, item, session, signal, path, item.multipart.partSizeBytes);
    else await sendWhole(ctx, item, session, signal, path);
    signal.throwIfAborted();
    ctx.unreachable = false;
    ctx.touch(item, {
      phase: 'processing',
      request: null,
      interrupted: false,
      attempts: 0,
      nextAttemptAt: null,
      error: null,
    });
    ctx.progress.delete(item.id);
    follow(item);
  } catch (error) {
    if (signal.aborted) return 'done'; // pause, cancel or close already decided the phase
    const message = error instanceof Error ? error.message : String(error);
    if (!session) {
      // The account could not even be read (a file or settings error): try again later, never stall the queue.
      retryLater(ctx, item, `the account could not be read: ${message}`);
    } else if (error instanceof CloudApiError && error.status === 401) {
      await ctx.account.tokenRefused(session.token);
      ctx.touch(item, { phase: 'queued' });
      return 'blocked';
    } else if (error instanceof CloudApiError && error.code === 'not_found') {
      ctx.touch(item, { phase: 'failed', request: null, error: UPLOAD_GONE });
    } else if (error instanceof CloudUnreachableError || error instanceof PutNetworkError) {
      ctx.unreachable = true;
      retryLater(ctx, item, message);
    } else if (error instanceof TransientUploadError || (error instanceof CloudApiError && error.transient)) {
      ctx.unreachable = false;
      retryLater(ctx, item, message);
    } else {
      ctx.touch(item, {
        phase: 'failed',
        error: error instanceof UploadRefusedError ? error.message : message,
      });
    }
  }
  return 'done';
}

function retryLater(ctx: QueueContext, item: QueuedUpload, message: string): void {
  const { policy, random, now } = ctx.settings;
  const attempts = item.attempts + 1;
  ctx.log(`upload ${item.id}: attempt ${attempts} failed (${message})`);
  if (attempts >= policy.maxAttempts) {
    ctx.touch(item, {
      phase: 'failed',
      attempts,
      nextAttemptAt: null,
      error: `${message} (gave up after ${attempts} tries)`,
    });
    return;
  }
  const delay = backoffDelayMs(attempts, policy, random);
  const at = now(); // one instant for both, so nextAttemptAt - updatedAt is exactly the wait
  ctx.touch(
    item,
    {
      phase: 'retrying',
      attempts,
      nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
      error: message,
    },
    at,
  );
}

/**
 * The file changed since its upload was planned: the declared size (or the parts already stored) no longer fit
 * it, so that upload could only end in size_mismatch. Drop it here and on the server; a new one is created.
 */
function forgetOutdatedUpload(
  ctx: QueueContext,
  item: QueuedUpload,
  session: CloudSession,
  file: UploadableFile,
): void {
  const changed =
    file.sizeBytes !== item.sizeBytes ||
    file.contentType !== item.contentType ||
    (item.fileMtimeMs !== null && file.mtimeMs !== item.fileMtimeMs);
  if (!changed) {
    if (item.fileMtimeMs === null) ctx.touch(item, { fileMtimeMs: file.mtimeMs });
    return;
  }
  const stale = item.uploadId !== null && item.serverUrl === session.serverUrl ? item.uploadId : null;
  ctx.log(`upload ${item.id}: the file changed since it was queued, starting a new upload`);
  ctx.touch(item, {
    sizeBytes: file.sizeBytes,
    contentType: file.contentType,
    fileMtimeMs: file.mtimeMs,
    uploadId: null,
    request: null,
    cloudState: null,
    history: [],
    interrupted: false,
  });
  ctx.progress.delete(item.id);
  if (stale) deleteQuietly(session, stale);
}

/** Removes an upload on the server without waiting or failing: it is only ever left-over. */
function deleteQuietly(session: CloudSession, uploadId: string): void {
  void session.client.deleteUpload(session.token, uploadId).catch(() => undefined);
}

/**
 * Waits for `pending` unless `signal` aborts first; a value that arrives after the abort goes to `abandon`.
 * For requests that create something on the server: only their answer says what to delete.
 */
function unlessAborted<T>(pending: Promise<T>, signal: AbortSignal, abandon: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(signal.reason);
      pending.then(abandon, () => undefined);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(error);
      },
    );
  });
}

/**
 * Asks the api for a new upload and makes it the item's: removes the one it replaces and points the take at it.
 * An upload created after the transfer was stopped is deleted rather than left attached to nothing.
 */
async function replaceUpload<T extends { uploadId: string; state: UploadState }>(
  ctx: QueueContext,
  item: QueuedUpload,
  session: CloudSession,
  signal: AbortSignal,
  create: () => Promise<T>,
  fields: (created: T) => Partial<QueuedUpload>,
): Promise<T> {
  signal.throwIfAborted();
  ctx.touch(item, { phase: 'signing' });
  const created = await unlessAborted(create(), signal, (late) => deleteQuietly(session, late.uploadId));
  ctx.unreachable = false;
  const previous = item.uploadId !== null && item.serverUrl === session.serverUrl ? item.uploadId : null;
  ctx.touch(item, {
    ...fields(created),
    uploadId: created.uploadId,
    serverUrl: session.serverUrl,
    cloudState: created.state,
    history: [],
    interrupted: false,
  });
  // The old upload never received all its bytes: remove it rather than leave it to be rejected or expire.
  if (previous) deleteQuietly(session, previous);
  await ctx.writeTake(item.takeId, {
    cloud: { uploadId: created.uploadId, state: created.state, updatedAt: ctx.stamp(), reason: null },
  });
  signal.throwIfAborted();
  return created;
}

/**
 * A presigned PUT for the whole file. Replacing one that expired (or was refused) counts as a re-sign; one
 * whose PUT was cut off is replaced too, because the storage server may keep the truncated body under its key.
 */
function sign(
  ctx: QueueContext,
  item: QueuedUpload,
  session: CloudSession,
  signal: AbortSignal,
  why: 'new' | 'expired' | 'interrupted',
): Promise<unknown> {
  const replacing = item.uploadId !== null && item.serverUrl === session.serverUrl;
  return replaceUpload(
    ctx,
    item,
    session,
    signal,
    // Not aborted mid-request: the api may create the upload anyway, and only its answer names it.
    () =>
      session.client.createUpload(session.token, {
        fileName: uploadFileName(item.fileName),
        contentType: item.contentType,
        sizeBytes: item.sizeBytes,
      }),
    (created) => ({
      request: created.request,
      resigns: item.resigns + (replacing && why === 'expired' ? 1 : 0),
    }),
  );
}

async function sendWhole(
  ctx: QueueContext,
  item: QueuedUpload,
  session: CloudSession,
  signal: AbortSignal,
  path: string,
): Promise<void> {
  const expiresSoon = (request: PresignedRequest) =>
    Date.parse(request.expiresAt) - ctx.settings.now().getTime() < ctx.settings.resignMarginMs;
  let refusals = 0;
  for (;;) {
    if (!item.request || item.serverUrl !== session.serverUrl || item.interrupted)
      await sign(ctx, item, session, signal, item.interrupted ? 'interrupted' : 'new');
    else if (expiresSoon(item.request)) await sign(ctx, item, session, signal, 'expired');
    signal.throwIfAborted();
    // Until the PUT answers, a restart cannot know what the server kept: it will sign a new upload.
    ctx.touch(item, { phase: 'sending', interrupted: true });
    ctx.progress.set(item.id, 0);
    const request = item.request!;
    let result: PutResult;
    try {
      result = await putFile({
        request,
        path,
        sizeBytes: item.sizeBytes,
        signal,
        onProgress: (sent) => ctx.progress.set(item.id, sent),
        ...(ctx.settings.bytesPerSecond ? { bytesPerSecond: ctx.settings.bytesPerSecond } : {}),
      });
    } catch (error) {
      // Storage may drop the connection on an expired signature instead of answering 403.
      if (!(error instanceof PutNetworkError) || Date.parse(request.expiresAt) > ctx.settings.now().getTime())
        throw error;
      if (++refusals > 3) throw error;
      ctx.log(
        `upload ${item.id}: the connection dropped on an expired request (${error.message}), re-signing`,
      );
      await sign(ctx, item, session, signal, 'expired');
      continue;
    }
    signal.throwIfAborted();
    if (result.status >= 200 && result.status < 300) return;
    // 403: the signature no longer holds (expired, or the clock moved on): ask for a fresh request.
    if (result.status === 403 && ++refusals <= 3) {
      ctx.log(
        `upload ${item.id}: storage refused the presigned request (${s3Code(result.body)}), re-signing`,
      );
      await sign(ctx, item, session, signal, 'expired');
      continue;
    }
    // 412: something already sits under the key (a cut-off earlier PUT): start over under a new one.
    if (result.status === 412 && ++refusals <= 3) {
      await sign(ctx, item, session, signal, 'interrupted');
      continue;
    }
    throw storageError(result, `storage answered HTTP ${result.status} (${s3Code(result.body)})`);
  }
}

/**
 * Sends a file in parts: asks storage what it already holds (after a pause or a restart), signs each
 * missing part just before sending it, then completes. A part cut off mid-way is simply sent again.
 */
async function sendParts(
  ctx: QueueContext,
  item: QueuedUpload,
  session: CloudSession,
  signal: AbortSignal,
  path: string,
  wantedPartSize: number,
): Promise<void> {
  let plan: { partSize: number; missing: PlannedPart[] } | null = null;
  if (item.uploadId && item.serverUrl === session.serverUrl) {
    try {
      const listed = await session.client.listParts(session.token, item.uploadId, signal);
      signal.throwIfAborted();
      const count = Math.ceil(item.sizeBytes / listed.partSizeBytes);
      const sizeOf = (n: number) =>
        n < count ? listed.partSizeBytes : item.sizeBytes - (count - 1) * listed.partSizeBytes;
      plan = {
        partSize: listed.partSizeBytes,
        missing: listed.missing.map((partNumber) => ({ partNumber, sizeBytes: sizeOf(partNumber) })),
      };
    } catch (error) {
      // Gone, expired or no longer open: start a new upload; anything else is for the caller to judge.
      if (!(error instanceof CloudApiError && (error.status === 404 || error.status === 409))) throw error;
    }
  }
  if (!plan) {
    const created = await replaceUpload(
      ctx,
      item,
      session,
      signal,
      () =>
        session.client.createMultipartUpload(session.token, {
          fileName: uploadFileName(item.fileName),
          contentType: item.contentType,
          sizeBytes: item.sizeBytes,
          partSizeBytes: wantedPartSize,
        }),
      () => ({ request: null }),
    );
    plan = { partSize: created.partSizeBytes, missing: created.parts };
  }
  const uploadId = item.uploadId!;
  let stored = item.sizeBytes - plan.missing.reduce((sum, part) => sum + part.sizeBytes, 0);
  ctx.progress.set(item.id, stored);
  for (const part of plan.missing) {
    let refusals = 0;
    for (;;) {
      const signed = await session.client.presignPart(session.token, uploadId, part.partNumber, signal);
      signal.throwIfAborted();
      if (item.phase !== 'sending') ctx.touch(item, { phase: 'sending' });
      const base = stored;
      const result = await putFile({
        request: signed.request,
        path,
        offset: (part.partNumber - 1) * plan.partSize,
        sizeBytes: part.sizeBytes,
        signal,
        onProgress: (sent) => ctx.progress.set(item.id, base + sent),
        ...(ctx.settings.bytesPerSecond ? { bytesPerSecond: ctx.settings.bytesPerSecond } : {}),
      });
      signal.throwIfAborted();
      if (result.status >= 200 && result.status < 300) {
        stored += part.sizeBytes;
        break;
      }
      // The part's URL expired or was refused: sign that part again.
      if (result.status === 403 && ++refusals <= 3) {
        ctx.log(
          `upload ${item.id}: storage refused part ${part.partNumber} (${s3Code(result.body)}), re-signing`,
        );
        ctx.touch(item, { resigns: item.resigns + 1 });
        continue;
      }
      throw storageError(
        result,
        `storage answered HTTP ${result.status} for part ${part.partNumber} (${s3Code(result.body)})`,
      );
    }
  }
  await session.client.completeMultipartUpload(session.token, uploadId, signal);
}

function storageError(result: PutResult, message: string): Error {
  return result.status >= 500 || result.status === 429
    ? new TransientUploadError(message)
    : new Error(message);
}

/** The api takes a plain file name; a take's file name already is one, this only makes sure. */
function uploadFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = fileName.replace(/[/\\\u0000-\u001f\u007f]/g, '_').replace(/\.\.+/g, '.');
  return plain.slice(-200) || 'take.wav';
}

/** The S3 error code in an error document (AccessDenied, RequestExpired...), or a short excerpt. */
function s3Code(body: string): string {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? (body.trim().slice(0, 80) || 'no body');
}
