import type { DesktopBridgeHandlers, uploadBridgeMethods } from '@orak/core';
import type { UploadQueueService } from '../uploads/uploadQueueService';

// The upload queue's bridge methods; the renderer polls `uploads.list` for progress.

export function createUploadHandlers(
  uploads: UploadQueueService,
): Pick<DesktopBridgeHandlers, keyof typeof uploadBridgeMethods> {
  return {
    'uploads.list': () => uploads.list(),
    'uploads.enqueue': ({ takeId }) => uploads.enqueue(takeId),
    'uploads.pause': ({ id }) => uploads.pause(id),
    'uploads.resume': ({ id }) => uploads.resume(id),
    'uploads.retry': ({ id }) => uploads.retry(id),
    'uploads.cancel': ({ id }) => uploads.cancel(id),
    'uploads.remove': async ({ id }) => {
      await uploads.remove(id);
      return {};
    },
  };
}
