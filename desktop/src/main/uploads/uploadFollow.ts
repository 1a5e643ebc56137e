import { isTerminalUploadState, type TakeCloud, type UploadPhase, type UploadView } from '@orak/core';
import { CloudApiError } from '../cloud/cloudApiErrors';
import { backoffDelayMs } from './uploadBackoff';
import { UPLOAD_GONE, type QueueContext } from './uploadQueueContext';
import type { QueuedUpload } from './uploadQueueFile';

// Following an upload's cloud state once its bytes landed: the event stream first, polling when that fails,
// each change written into the take (analysis included) and then into the queue.

export interface Followers {
  /** Follows the item's upload to a terminal state (or until stopped). */
  follow(item: QueuedUpload): void;
  stop(itemId: string): void;
  stopAll(): void;
}

export function createFollowers(ctx: QueueContext): Followers {
  const running = new Map<string, AbortController>();

  function follow(item: QueuedUpload): void {
    running.get(item.id)?.abort();
    const controller = new AbortController();
    running.set(item.id, controller);
    const { signal } = controller;
    const { pollMs, policy, random } = ctx.settings;
    void (async () => {
      let useEvents = ctx.settings.followWithEvents;
      let failures = 0;
      while (!signal.aborted && item.phase === 'processing' && item.uploadId) {
        const session = await ctx.account.session().catch(() => null);
        if (signal.aborted) return;
        if (!session || 'blocked' in session) {
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
            const update = await session.client.getUpload(session.token, item.uploadId, signal);
            failures = 0;
            if (await apply(item, update, signal)) return;
            await sleep(pollMs, signal);
          }
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof CloudApiError && error.status === 401) {
            await ctx.account.tokenRefused(session.token);
            continue;
          }
          // Deleted on the server (the stream says so in its error event, a poll with 404): nothing to follow.
          if (error instanceof CloudApiError && error.code === 'not_found') {
            await gone(item);
            return;
          }
          ctx.log(
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
      if (running.get(item.id) === controller) running.delete(item.id);
    });
  }

  /** Marks the item failed for good and unhooks the take from an upload that no longer exists. */
  async function gone(item: QueuedUpload): Promise<void> {
    const uploadId = item.uploadId;
    ctx.touch(item, { phase: 'failed', error: UPLOAD_GONE });
    if (uploadId && ctx.library().getTake(item.takeId)?.cloud?.uploadId === uploadId)
      await ctx.writeTake(item.takeId, { cloud: null });
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
      await ctx.writeTake(item.takeId, {
        cloud,
        analysis: {
          source: 'cloud',
          analyzedAt: update.updatedAt,
          result: update.analysis,
          recommendations: update.recommendations ?? [],
        },
      });
    } else {
      await ctx.writeTake(item.takeId, { cloud });
    }
    if (signal.aborted) return true;
    const phase: UploadPhase = !terminal
      ? 'processing'
      : update.state === 'COMPLETED'
        ? 'completed'
        : 'failed';
    ctx.touch(item, {
      cloudState: update.state,
      history: update.history,
      phase,
      error:
        terminal && update.state !== 'COMPLETED' ? (reason ?? `the cloud ended it ${update.state}`) : null,
    });
    return terminal;
  }

  return {
    follow,
    stop(itemId) {
      running.get(itemId)?.abort();
      running.delete(itemId);
    },
    stopAll() {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
