import type { DesktopBridgeHandlers, takeMediaBridgeMethods } from '@orak/core';
import type { LibraryHost } from '../library/libraryHost';
import { TakeMediaError } from '../media/takeMediaError';
import { createTakeMediaService, type TakeMediaService } from '../media/takeMediaService';

// A take's waveform, pitch curve and audio for the Library; a missing or unreadable file is an answer, not a failure.

export function createTakeMediaHandlers(
  host: LibraryHost,
  media: TakeMediaService = createTakeMediaService(() => host.require()),
): Pick<DesktopBridgeHandlers, keyof typeof takeMediaBridgeMethods> {
  return {
    'takeMedia.peaks': ({ takeId }) =>
      answer(async () => ({ status: 'ready' as const, peaks: await media.peaks(takeId) })),
    'takeMedia.pitch': ({ takeId }) =>
      answer(async () => ({ status: 'ready' as const, pitch: await media.pitch(takeId) })),
    'takeMedia.audioChunk': ({ takeId, offset, length }) =>
      answer(() => media.audioChunk(takeId, offset, length)),
  };
}

async function answer<T>(work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TakeMediaError) return error.toProblem();
    throw error;
  }
}
