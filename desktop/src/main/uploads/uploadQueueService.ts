import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  DEFAULT_PART_BYTES,
  isTerminalUploadState,
  type PlannedPart,
  type PresignedRequest,
  type TakeAnalysis,
  type TakeCloud,
  type UploadBlocker,
  type UploadItemView,
  type UploadPhase,
  type UploadQueueSnapshot,
  type UploadView,
} from '@orak/core';
import type { AccountService, CloudSession } from '../cloud/accountService';
import { CloudApiError, CloudUnreachableError } from '../cloud/cloudApiErrors';
import type { LibraryService } from '../library/libraryService';
import { LibraryError } from '../library/libraryService';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './uploadBackoff';
import { checkUploadable, UploadRefusedError } from './uploadFileCheck';
import { openUploadQueueFile, type QueuedUpload } from './uploadQueueFile';
import { putFile, PutNetworkError, type PutResult } from './presignedPut';

// The upload queue: sends library takes to the cloud one at a time, then follows each one's analysis to the
// end and writes what it learns into the take. Every change of phase is on disk before it matters.

export interface UploadQueueOptions {
  /** The folder holding the queue file (the app's data folder). */
  dir: string;
  library: () => LibraryService;
  account: AccountService;
  now?: () => Date;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  /** Upload bandwidth cap in bytes per second; unlimited when absent. */
  bytesPerSecond?: number;
  /** Polling interval when the event stream is not available. */
  pollMs?: number;
  /** Follow with server-sent events first (default); false polls from the start. */
  followWithEvents?: boolean;
  /** A presigned request with less than this left is replaced before sending. */
  resignMarginMs?: number;
  /** Files larger than this go up in parts (resumable); smaller ones in one PUT. */
  multipartAboveBytes?: number;
  partSizeBytes?: number;
  log?: (line: string) => void;
}

export interface UploadQueueService {
  list(): Promise<UploadQueueSnapshot>;
  /** Refuses (UploadRefusedError) a file over the limit or not audio, before anything is sent. */
  enqueue(takeId: string): Promise<UploadItemView>;
  pause(id: string): Promise<UploadItemView>;
  resume(id: string): Promise<UploadItemView>;
  retry(id: string): Promise<UploadItemView>;
  cancel(id: string): Promise<UploadItemView>;
  remove(id: string): Promise<void>;
  /** Stops sending and following; what was in flight is picked up again by the next instance. */
  close(): Promise<void>;
}

const FINISHED: ReadonlySet<UploadPhase> = new Set(['completed', 'failed', 'cancelled']);
const PAUSABLE: ReadonlySet<UploadPhase> = new Set(['queued', 'signing', 'sending', 'retrying']);

/** A server or network problem worth another try later. */
class TransientUploadError extends Error {}

export async function openUploadQueue(options: UploadQueueOptions): Promise<UploadQueueService> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const pollMs = options.pollMs ?? 1000;
  const resignMarginMs = options.resignMarginMs ?? 15_000;
  const multipartAboveBytes = options.multipartAboveBytes ?? DEFAULT_PART_BYTES;
  const partSizeBytes = options.partSizeBytes ?? DEFAULT_PART_BYTES;
  const log = options.log ?? (() => undefined);
  const { account } = options;
  const file = openUploadQueueFile(options.dir);
  const items: QueuedUpload[] = await file.load();
  const progress = new Map<string, number>();
  const followers = new Map<string, AbortController>();
  let active: { id: string; controller: AbortController; done: Promise<void> } | null = null;
  let unreachable = false;
  let wakeTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let lastSave: Promise<void> = Promise.resolve();

  const stamp = () => now().toISOString();
  const persist = () => {
    lastSave = file
      .save(() => items)
      .catch((error: unknown) => log(`upload queue not saved: ${String(error)}`));
  };
  const touch = (item: QueuedUpload, patch: Partial<QueuedUpload>) => {
    Object.assign(item, patch, { updatedAt: stamp() });
    persist();
  };
  const find = (id: string) => {
    const item = items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`no upload ${id} in the queue`);
    return item;
  };

  function view(item: QueuedUpload): UploadItemView {
    const landed =
      item.phase === 'processing' ||
      item.phase === 'completed' ||
      (item.cloudState !== null && item.cloudState !== 'REQUESTED');
    return {
      id: item.id,
      takeId: item.takeId,
      title: item.title,
      fileName: item.fileName,
      sizeBytes: item.sizeBytes,
      phase: item.phase,
      bytesSent: landed ? item.sizeBytes : Math.min(item.sizeBytes, progress.get(item.id) ?? 0),
      uploadId: item.uploadId,
      cloudState: item.cloudState,
      history: item.history,
      attempts: item.attempts,
      nextAttemptAt: item.nextAttemptAt,
      resigns: item.resigns,
      error: item.error,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    };
  }

  /** Writes into the take in the library; a take deleted meanwhile is no reason to fail the upload. */
  async function writeTake(takeId: string, patch: { cloud: TakeCloud | null; analysis?: TakeAnalysis }) {
    try {
      await options.library().updateTake(takeId, patch);
    } catch (error) {
      if (error instanceof LibraryError && error.code === 'not-found') return;
      log(`take ${takeId} not updated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function scheduleWake(): void {
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    const due = items
      .filter((item) => item.phase === 'retrying' && item.nextAttemptAt)
      .map((item) => Date.parse(item.nextAttemptAt!));
    if (closed || due.length === 0) return;
    wakeTimer = setTimeout(pump, Math.max(0, Math.min(...due) - now().getTime()));
  }

  /** Starts the next transfer when none is running. */
  function pump(): void {
    scheduleWake();
    if (closed || active) return;
    const nowMs = now().getTime();
    const next = items.find(
      (item) =>
        item.phase === 'queued' ||
        (item.phase === 'retrying' && item.nextAttemptAt !== null && Date.parse(item.nextAttemptAt) <= nowMs),
    );
    if (!next) return;
    const controller = new AbortController();
    const done = transfer(next, controller.signal).then((outcome) => {
      if (active?.id === next.id) active = null;
      if (outcome !== 'blocked') pump();
    });
    active = { id: next.id, controller, done };
  }

  function retryLater(item: QueuedUpload, message: string): void {
    const attempts = item.attempts + 1;
    log(`upload ${item.id}: attempt ${attempts} failed (${message})`);
    if (attempts >= policy.maxAttempts) {
      touch(item, {
        phase: 'failed',
        attempts,
        nextAttemptAt: null,
        error: `${message} (gave up after ${attempts} tries)`,
      });
      return;
    }
    const delay = backoffDelayMs(attempts, policy, random);
    touch(item, {
      phase: 'retrying',
      attempts,
      nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
      error: message,
    });
  }

  const expiresSoon = (request: PresignedRequest) =>
    Date.parse(request.expiresAt) - now().getTime() < resignMarginMs;

  /**
   * Asks the api for a presigned request. Replacing one that expired (or was refused) counts as a re-sign; one
   * whose PUT was cut off is replaced too, because the storage server may keep the truncated body under its key.
   */
  async function sign(
    item: QueuedUpload,
    session: CloudSession,
    signal: AbortSignal,
    why: 'new' | 'expired' | 'interrupted',
  ): Promise<void> {
    signal.throwIfAborted();
    touch(item, { phase: 'signing' });
    const created = await session.client.createUpload(session.token, {
      fileName: uploadFileName(item.fileName),
      contentType: item.contentType,
      sizeBytes: item.sizeBytes,
    });
    unreachable = false;
    const previous = item.uploadId !== null && item.serverUrl === session.serverUrl ? item.uploadId : null;
    touch(item, {
      uploadId: created.uploadId,
      request: created.request,
      serverUrl: session.serverUrl,
      cloudState: created.state,
      history: [],
      resigns: item.resigns + (previous && why === 'expired' ? 1 : 0),
      interrupted: false,
    });
    // The old upload never received all its bytes: remove it rather than leave it to be rejected or expire.
    if (previous) void session.client.deleteUpload(session.token, previous).catch(() => undefined);
    await writeTake(item.takeId, {
      cloud: { uploadId: created.uploadId, state: created.state, updatedAt: stamp(), reason: null },
    });
  }

  /**
   * Sends a file in parts: asks storage what it already holds (after a pause or a restart), signs each
   * missing part just before sending it, then completes. A part cut off mid-way is simply sent again.
   */
  async function sendParts(
    item: QueuedUpload,
    session: CloudSession,
    signal: AbortSignal,
    path: string,
    wantedPartSize: number,
  ): Promise<void> {
    let plan: { partSize: number; missing: PlannedPart[] } | null = null;
    if (item.uploadId && item.serverUrl === session.serverUrl) {
      try {
        const listed = await session.client.listParts(session.token, item.uploadId);
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
      signal.throwIfAborted();
      touch(item, { phase: 'signing' });
      const created = await session.client.createMultipartUpload(session.token, {
        fileName: uploadFileName(item.fileName),
        contentType: item.contentType,
        sizeBytes: item.sizeBytes,
        partSizeBytes: wantedPartSize,
      });
      unreachable = false;
      const previous = item.uploadId !== null && item.serverUrl === session.serverUrl ? item.uploadId : null;
      touch(item, {
        uploadId: created.uploadId,
        serverUrl: session.serverUrl,
        request: null,
        cloudState: created.state,
        history: [],
      });
      if (previous) void session.client.deleteUpload(session.token, previous).catch(() => undefined);
      await writeTake(item.takeId, {
        cloud: { uploadId: created.uploadId, state: created.state, updatedAt: stamp(), reason: null },
      });
      plan = { partSize: created.partSizeBytes, missing: created.parts };
    }
    let stored = item.sizeBytes - plan.missing.reduce((sum, part) => sum + part.sizeBytes, 0);
    progress.set(item.id, stored);
    for (const part of plan.missing) {
      let refusals = 0;
      for (;;) {
        signal.throwIfAborted();
        const signed = await session.client.presignPart(session.token, item.uploadId!, part.partNumber);
        signal.throwIfAborted();
        if (item.phase !== 'sending') touch(item, { phase: 'sending' });
        const base = stored;
        const result = await putFile({
          request: signed.request,
          path,
          offset: (part.partNumber - 1) * plan.partSize,
          sizeBytes: part.sizeBytes,
          signal,
          onProgress: (sent) => progress.set(item.id, base + sent),
          ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}),
        });
        if (result.status >= 200 && result.status < 300) {
          stored += part.sizeBytes;
          break;
        }
        // The part's URL expired or was refused: sign that part again.
        if (result.status === 403 && ++refusals <= 3) {
          log(
            `upload ${item.id}: storage refused part ${part.partNumber} (${s3Code(result.body)}), re-signing`,
          );
          touch(item, { resigns: item.resigns + 1 });
          continue;
        }
        const message = `storage answered HTTP ${result.status} for part ${part.partNumber} (${s3Code(result.body)})`;
        if (result.status >= 500 || result.status === 429) throw new TransientUploadError(message);
        throw new Error(message);
      }
    }
    signal.throwIfAborted();
    await session.client.completeMultipartUpload(session.token, item.uploadId!);
  }

  async function transfer(item: QueuedUpload, signal: AbortSignal): Promise<'done' | 'blocked'> {
    const session = await account.session();
    if (signal.aborted) return 'done';
    if ('blocked' in session) return 'blocked';
    try {
      const path = join(options.library().takesDir, item.fileName);
      const file = await checkUploadable(path);
      // The file changed since it was queued: its length is part of the signature, so sign again.
      if (file.sizeBytes !== item.sizeBytes || file.contentType !== item.contentType)
        touch(item, { sizeBytes: file.sizeBytes, contentType: file.contentType, request: null });
      if (item.multipart) await sendParts(item, session, signal, path, item.multipart.partSizeBytes);
      let refusals = 0;
      while (!item.multipart) {
        if (!item.request || item.serverUrl !== session.serverUrl || item.interrupted)
          await sign(item, session, signal, item.interrupted ? 'interrupted' : 'new');
        else if (expiresSoon(item.request)) await sign(item, session, signal, 'expired');
        signal.throwIfAborted();
        // Until the PUT answers, a restart cannot know what the server kept: it will sign a new upload.
        touch(item, { phase: 'sending', interrupted: true });
        progress.set(item.id, 0);
        const request = item.request!;
        let result: PutResult;
        try {
          result = await putFile({
            request,
            path,
            sizeBytes: item.sizeBytes,
            signal,
            onProgress: (sent) => progress.set(item.id, sent),
            ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}),
          });
        } catch (error) {
          // Storage may drop the connection on an expired signature instead of answering 403.
          if (!(error instanceof PutNetworkError) || Date.parse(request.expiresAt) > now().getTime())
            throw error;
          if (++refusals > 3) throw error;
          log(
            `upload ${item.id}: the connection dropped on an expired request (${error.message}), re-signing`,
          );
          await sign(item, session, signal, 'expired');
          continue;
        }
        if (result.status >= 200 && result.status < 300) break;
        // 403: the signature no longer holds (expired, or the clock moved on): ask for a fresh request.
        if (result.status === 403 && ++refusals <= 3) {
          log(
            `upload ${item.id}: storage refused the presigned request (${s3Code(result.body)}), re-signing`,
          );
          await sign(item, session, signal, 'expired');
          continue;
        }
        // 412: something already sits under the key (a cut-off earlier PUT): start over under a new one.
        if (result.status === 412 && ++refusals <= 3) {
          await sign(item, session, signal, 'interrupted');
          continue;
        }
        const message = `storage answered HTTP ${result.status} (${s3Code(result.body)})`;
        if (result.status >= 500 || result.status === 429) throw new TransientUploadError(message);
        throw new Error(message);
      }
      unreachable = false;
      signal.throwIfAborted();
      touch(item, {
        phase: 'processing',
        request: null,
        interrupted: false,
        attempts: 0,
        nextAttemptAt: null,
        error: null,
      });
      progress.delete(item.id);
      follow(item);
    } catch (error) {
      if (signal.aborted) return 'done'; // pause, cancel or close already decided the phase
      if (error instanceof CloudApiError && error.status === 401) {
        await account.tokenRefused(session.token);
        touch(item, { phase: 'queued' });
        return 'blocked';
      }
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof CloudUnreachableError || error instanceof PutNetworkError) {
        unreachable = true;
        retryLater(item, message);
      } else if (
        error instanceof TransientUploadError ||
        (error instanceof CloudApiError && error.transient)
      ) {
        unreachable = false;
        retryLater(item, message);
      } else {
        touch(item, {
          phase: 'failed',
          error: error instanceof UploadRefusedError ? error.message : message,
        });
      }
    }
    return 'done';
  }

  /** Follows the upload's cloud state to a terminal one: the event stream first, polling when that fails. */
  function follow(item: QueuedUpload): void {
    followers.get(item.id)?.abort();
    const controller = new AbortController();
    followers.set(item.id, controller);
    const { signal } = controller;
    void (async () => {
      let useEvents = options.followWithEvents ?? true;
      let failures = 0;
      while (!signal.aborted && item.phase === 'processing' && item.uploadId) {
        const session = await account.session();
        if ('blocked' in session) {
          await sleep(pollMs, signal);
          continue;
        }
        try {
          if (useEvents) {
            for await (const update of session.client.followUpload(session.token, item.uploadId, signal)) {
              failures = 0;
              if (await apply(item, update, signal)) return;
            }
            useEvents = false; // the stream ended early: poll from here on
          } else {
            const update = await session.client.getUpload(session.token, item.uploadId);
            failures = 0;
            if (await apply(item, update, signal)) return;
            await sleep(pollMs, signal);
          }
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof CloudApiError && error.status === 401) {
            await account.tokenRefused(session.token);
            continue;
          }
          if (error instanceof CloudApiError && error.status === 404) {
            touch(item, { phase: 'failed', error: 'the upload is no longer on the server' });
            return;
          }
          log(
            `upload ${item.id}: following failed (${error instanceof Error ? error.message : String(error)}), polling`,
          );
          useEvents = false;
          failures++;
          await sleep(
            Math.max(pollMs, backoffDelayMs(failures, { ...policy, maxMs: 30_000 }, random)),
            signal,
          );
        }
      }
    })().finally(() => {
      if (followers.get(item.id) === controller) followers.delete(item.id);
    });
  }

  /** Takes in one view of the upload; true once it is terminal. */
  async function apply(item: QueuedUpload, update: UploadView, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted || update.uploadId !== item.uploadId) return true;
    const terminal = isTerminalUploadState(update.state);
    if (update.state === item.cloudState && update.history.length === item.history.length) return terminal;
    const reason = update.failure ? `${update.failure.stage}: ${update.failure.reason}` : null;
    const cloud: TakeCloud = {
      uploadId: update.uploadId,
      state: update.state,
      updatedAt: update.updatedAt,
      reason,
    };
    // The take first, then the queue: whoever sees COMPLETED in the queue finds the analysis in the library.
    if (update.state === 'COMPLETED' && update.analysis) {
      await writeTake(item.takeId, {
        cloud,
        analysis: {
          source: 'cloud',
          analyzedAt: update.updatedAt,
          result: update.analysis,
          recommendations: update.recommendations ?? [],
        },
      });
    } else {
      await writeTake(item.takeId, { cloud });
    }
    if (signal.aborted) return true;
    const phase: UploadPhase = !terminal
      ? 'processing'
      : update.state === 'COMPLETED'
        ? 'completed'
        : 'failed';
    touch(item, {
      cloudState: update.state,
      history: update.history,
      phase,
      error:
        terminal && update.state !== 'COMPLETED' ? (reason ?? `the cloud ended it ${update.state}`) : null,
    });
    return terminal;
  }

  function stopWork(item: QueuedUpload): void {
    if (active?.id === item.id) {
      active.controller.abort(new Error('stopped'));
      active = null;
    }
    followers.get(item.id)?.abort();
    followers.delete(item.id);
    // Parts already stored stay stored; a single PUT starts again from nothing.
    if (!item.multipart) progress.delete(item.id);
  }

  // What was in flight when the last instance stopped starts again: sends restart, follows resume.
  for (const item of items) {
    if (item.phase === 'signing' || item.phase === 'sending') item.phase = 'queued';
  }
  for (const item of items) if (item.phase === 'processing') follow(item);
  const unsubscribe = account.onChange(() => pump());
  pump();

  return {
    async list() {
      const session = await account.session();
      const blocker: UploadBlocker | null =
        'blocked' in session
          ? session.blocked
          : unreachable && items.some((item) => item.phase === 'retrying')
            ? 'unreachable'
            : null;
      return { items: items.map(view), blocked: blocker };
    },
    async enqueue(takeId) {
      const take = options.library().getTake(takeId);
      if (!take) throw new Error(`no take ${takeId} in the library`);
      const existing = items.find((item) => item.takeId === takeId && !FINISHED.has(item.phase));
      if (existing) return view(existing);
      const file = await checkUploadable(join(options.library().takesDir, take.fileName));
      const item: QueuedUpload = {
        id: randomUUID(),
        takeId,
        title: take.title,
        fileName: take.fileName,
        sizeBytes: file.sizeBytes,
        contentType: file.contentType,
        phase: 'queued',
        serverUrl: null,
        uploadId: null,
        request: null,
        cloudState: null,
        history: [],
        attempts: 0,
        nextAttemptAt: null,
        resigns: 0,
        multipart: file.sizeBytes > multipartAboveBytes ? { partSizeBytes } : null,
        interrupted: false,
        error: null,
        createdAt: stamp(),
        updatedAt: stamp(),
      };
      items.push(item);
      persist();
      pump();
      return view(item);
    },
    async pause(id) {
      const item = find(id);
      if (!PAUSABLE.has(item.phase)) throw new Error(`an upload that is ${item.phase} cannot be paused`);
      stopWork(item);
      touch(item, { phase: 'paused', nextAttemptAt: null });
      pump();
      return view(item);
    },
    async resume(id) {
      const item = find(id);
      if (item.phase !== 'paused') throw new Error(`an upload that is ${item.phase} cannot be resumed`);
      touch(item, { phase: 'queued', attempts: 0, error: null });
      pump();
      return view(item);
    },
    async retry(id) {
      const item = find(id);
      if (item.phase === 'retrying') {
        touch(item, { phase: 'queued', nextAttemptAt: null });
      } else if (item.phase === 'failed' || item.phase === 'cancelled') {
        // Start over as a new upload: the old one ended (or never got its bytes).
        touch(item, {
          phase: 'queued',
          uploadId: null,
          request: null,
          cloudState: null,
          history: [],
          attempts: 0,
          nextAttemptAt: null,
          resigns: 0,
          interrupted: false,
          error: null,
        });
      } else {
        throw new Error(`an upload that is ${item.phase} cannot be retried`);
      }
      pump();
      return view(item);
    },
    async cancel(id) {
      const item = find(id);
      if (FINISHED.has(item.phase)) throw new Error(`an upload that is ${item.phase} cannot be cancelled`);
      stopWork(item);
      touch(item, { phase: 'cancelled', nextAttemptAt: null, request: null });
      pump();
      if (item.uploadId && !(item.cloudState && isTerminalUploadState(item.cloudState))) {
        const session = await account.session();
        if (!('blocked' in session) && item.serverUrl === session.serverUrl) {
          await session.client.deleteUpload(session.token, item.uploadId).catch(() => undefined);
        }
        const take = options.library().getTake(item.takeId);
        if (take?.cloud?.uploadId === item.uploadId) await writeTake(item.takeId, { cloud: null });
      }
      return view(item);
    },
    async remove(id) {
      const item = find(id);
      if (!FINISHED.has(item.phase))
        throw new Error(`cancel the upload before removing it (it is ${item.phase})`);
      items.splice(items.indexOf(item), 1);
      persist();
    },
    async close() {
      closed = true;
      unsubscribe();
      if (wakeTimer) clearTimeout(wakeTimer);
      const running = active;
      running?.controller.abort(new Error('closed'));
      for (const controller of followers.values()) controller.abort();
      followers.clear();
      await running?.done;
      await lastSave;
    },
  };
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
