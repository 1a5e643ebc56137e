import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  isTerminalUploadState,
  type UploadBlocker,
  type UploadItemView,
  type UploadPhase,
  type UploadQueueSnapshot,
} from '@orak/core';
import { checkUploadable } from './uploadFileCheck';
import { createQueueContext, viewOf, type UploadQueueOptions } from './uploadQueueContext';
import { openUploadQueueFile, unsentFields, type QueuedUpload } from './uploadQueueFile';
import { createFollowers } from './uploadFollow';
import { transfer } from './uploadTransfer';

export type { UploadQueueOptions } from './uploadQueueContext';

// The upload queue: sends library takes to the cloud one at a time, then follows each one's analysis to the
// end and writes what it learns into the take. Every change of phase is on disk before it matters. This file
// holds the commands and the scheduling; uploadTransfer.ts sends, uploadFollow.ts follows.

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

/** The one transfer running; its controller is its identity (an item may be stopped and started again). */
interface ActiveTransfer {
  itemId: string;
  controller: AbortController;
  done: Promise<void>;
}

export async function openUploadQueue(options: UploadQueueOptions): Promise<UploadQueueService> {
  const file = openUploadQueueFile(options.dir);
  const ctx = createQueueContext(options, file, await file.load());
  const { items, progress, settings, account } = ctx;
  const followers = createFollowers(ctx);
  // Stays set until the transfer has unwound, even after it was told to stop: never two at a time.
  let active: ActiveTransfer | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const find = (id: string) => {
    const item = items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`no upload ${id} in the queue`);
    return item;
  };
  const view = (item: QueuedUpload) => viewOf(item, progress);

  function scheduleWake(): void {
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    const due = items
      .filter((item) => item.phase === 'retrying' && item.nextAttemptAt)
      .map((item) => Date.parse(item.nextAttemptAt!));
    if (closed || due.length === 0) return;
    wakeTimer = setTimeout(pump, Math.max(0, Math.min(...due) - settings.now().getTime()));
  }

  /** Starts the next transfer when none is running. */
  function pump(): void {
    scheduleWake();
    if (closed || active) return;
    const nowMs = settings.now().getTime();
    const next = items.find(
      (item) =>
        item.phase === 'queued' ||
        (item.phase === 'retrying' && item.nextAttemptAt !== null && Date.parse(item.nextAttemptAt) <= nowMs),
    );
    if (!next) return;
    const controller = new AbortController();
    const done = transfer(ctx, next, controller.signal, followers.follow).then(
      (outcome) => {
        if (active?.controller === controller) active = null;
        if (outcome !== 'blocked') pump();
      },
      (error: unknown) => {
        // transfer() settles its own errors; this only keeps an unforeseen one from freezing the queue.
        ctx.log(`upload ${next.id}: transfer ended unexpectedly (${String(error)})`);
        if (active?.controller === controller) active = null;
        pump();
      },
    );
    active = { itemId: next.id, controller, done };
  }

  /** Stops the item's transfer and following; resolves once its transfer (if any) has unwound. */
  function stopWork(item: QueuedUpload): Promise<void> {
    const running = active?.itemId === item.id ? active : null;
    running?.controller.abort(new Error('stopped'));
    followers.stop(item.id);
    // Parts already stored stay stored; a single PUT starts again from nothing.
    if (!item.multipart) progress.delete(item.id);
    return running?.done ?? Promise.resolve();
  }

  // What was in flight when the last instance stopped starts again: sends restart, follows resume.
  for (const item of items) {
    if (item.phase === 'signing' || item.phase === 'sending') item.phase = 'queued';
  }
  for (const item of items) if (item.phase === 'processing') followers.follow(item);
  const unsubscribe = account.onChange(() => pump());
  pump();

  return {
    async list() {
      const session = await account.session();
      const blocker: UploadBlocker | null =
        'blocked' in session
          ? session.blocked
          : ctx.unreachable && items.some((item) => item.phase === 'retrying')
            ? 'unreachable'
            : null;
      return { items: items.map(view), blocked: blocker };
    },
    async enqueue(takeId) {
      const take = ctx.library().getTake(takeId);
      if (!take) throw new Error(`no take ${takeId} in the library`);
      const existing = items.find((item) => item.takeId === takeId && !FINISHED.has(item.phase));
      if (existing) return view(existing);
      const checked = await checkUploadable(join(ctx.library().takesDir, take.fileName));
      const item: QueuedUpload = {
        ...unsentFields(),
        id: randomUUID(),
        takeId,
        title: take.title,
        fileName: take.fileName,
        sizeBytes: checked.sizeBytes,
        contentType: checked.contentType,
        fileMtimeMs: checked.mtimeMs,
        phase: 'queued',
        serverUrl: null,
        multipart:
          checked.sizeBytes > settings.multipartAboveBytes ? { partSizeBytes: settings.partSizeBytes } : null,
        createdAt: ctx.stamp(),
        updatedAt: ctx.stamp(),
      };
      items.push(item);
      ctx.save();
      pump();
      return view(item);
    },
    async pause(id) {
      const item = find(id);
      if (!PAUSABLE.has(item.phase)) throw new Error(`an upload that is ${item.phase} cannot be paused`);
      void stopWork(item);
      ctx.touch(item, { phase: 'paused', nextAttemptAt: null });
      pump();
      return view(item);
    },
    async resume(id) {
      const item = find(id);
      if (item.phase !== 'paused') throw new Error(`an upload that is ${item.phase} cannot be resumed`);
      ctx.touch(item, { phase: 'queued', attempts: 0, error: null });
      pump();
      return view(item);
    },
    async retry(id) {
      const item = find(id);
      if (item.phase === 'retrying') {
        ctx.touch(item, { phase: 'queued', nextAttemptAt: null });
      } else if (item.phase === 'failed' || item.phase === 'cancelled') {
        // Start over as a new upload: the old one ended (or never got its bytes).
        ctx.touch(item, { ...unsentFields(), phase: 'queued' });
      } else {
        throw new Error(`an upload that is ${item.phase} cannot be retried`);
      }
      pump();
      return view(item);
    },
    async cancel(id) {
      const item = find(id);
      if (FINISHED.has(item.phase)) throw new Error(`an upload that is ${item.phase} cannot be cancelled`);
      const unwound = stopWork(item);
      ctx.touch(item, { phase: 'cancelled', nextAttemptAt: null, request: null });
      // Whatever the stopped transfer attached before it noticed is in the item by now: clean that up too.
      await unwound;
      pump();
      if (item.uploadId && !(item.cloudState && isTerminalUploadState(item.cloudState))) {
        const session = await account.session().catch(() => null);
        if (session && !('blocked' in session) && item.serverUrl === session.serverUrl) {
          await session.client.deleteUpload(session.token, item.uploadId).catch(() => undefined);
        }
        const take = ctx.library().getTake(item.takeId);
        if (take?.cloud?.uploadId === item.uploadId) await ctx.writeTake(item.takeId, { cloud: null });
      }
      return view(item);
    },
    async remove(id) {
      const item = find(id);
      if (!FINISHED.has(item.phase))
        throw new Error(`cancel the upload before removing it (it is ${item.phase})`);
      items.splice(items.indexOf(item), 1);
      ctx.save();
    },
    async close() {
      closed = true;
      unsubscribe();
      if (wakeTimer) clearTimeout(wakeTimer);
      const running = active;
      running?.controller.abort(new Error('closed'));
      followers.stopAll();
      await running?.done;
      await ctx.saved();
    },
  };
}
