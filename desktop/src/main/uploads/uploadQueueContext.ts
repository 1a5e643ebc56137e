import type { TakeAnalysis, TakeCloud, UploadItemView } from '@orak/core';
import { DEFAULT_PART_BYTES } from '@orak/core';
import type { AccountService } from '../cloud/accountService';
import type { LibraryService } from '../library/libraryService';
import { LibraryError } from '../library/libraryService';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './uploadBackoff';
import type { QueuedUpload, UploadQueueFile } from './uploadQueueFile';

// What the queue's parts share: the items, their progress, the settings, and the writes every part makes.

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

export interface QueueSettings {
  now: () => Date;
  random: () => number;
  policy: BackoffPolicy;
  pollMs: number;
  followWithEvents: boolean;
  resignMarginMs: number;
  multipartAboveBytes: number;
  partSizeBytes: number;
  bytesPerSecond: number | null;
}

export interface QueueContext {
  readonly settings: QueueSettings;
  readonly account: AccountService;
  readonly library: () => LibraryService;
  readonly items: QueuedUpload[];
  /** Bytes sent per item id, in memory only. */
  readonly progress: Map<string, number>;
  /** The server did not answer last time: shown while items wait out a backoff. */
  unreachable: boolean;
  stamp(): string;
  /** Changes an item and saves the queue; `at` (default now) becomes its updatedAt. */
  touch(item: QueuedUpload, patch: Partial<QueuedUpload>, at?: Date): void;
  /** Saves the queue as it is (after an item was added or removed). */
  save(): void;
  /** Writes into the take in the library; a take deleted meanwhile is no reason to fail the upload. */
  writeTake(takeId: string, patch: { cloud: TakeCloud | null; analysis?: TakeAnalysis }): Promise<void>;
  log(line: string): void;
  /** Resolves once every save asked for so far is on disk (or was logged as failed). */
  saved(): Promise<void>;
}

export function createQueueContext(
  options: UploadQueueOptions,
  file: UploadQueueFile,
  items: QueuedUpload[],
): QueueContext {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  let lastSave: Promise<void> = Promise.resolve();
  const stamp = () => now().toISOString();
  const save = () => {
    lastSave = file
      .save(() => items)
      .catch((error: unknown) => log(`upload queue not saved: ${String(error)}`));
  };
  return {
    settings: {
      now,
      random: options.random ?? Math.random,
      policy: { ...DEFAULT_BACKOFF, ...options.backoff },
      pollMs: options.pollMs ?? 1000,
      followWithEvents: options.followWithEvents ?? true,
      resignMarginMs: options.resignMarginMs ?? 15_000,
      multipartAboveBytes: options.multipartAboveBytes ?? DEFAULT_PART_BYTES,
      partSizeBytes: options.partSizeBytes ?? DEFAULT_PART_BYTES,
      bytesPerSecond: options.bytesPerSecond ?? null,
    },
    account: options.account,
    library: options.library,
    items,
    progress: new Map(),
    unreachable: false,
    stamp,
    touch(item, patch, at = now()) {
      Object.assign(item, patch, { updatedAt: at.toISOString() });
      save();
    },
    save,
    async writeTake(takeId, patch) {
      try {
        await options.library().updateTake(takeId, patch);
      } catch (error) {
        if (error instanceof LibraryError && error.code === 'not-found') return;
        log(`take ${takeId} not updated: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    log,
    saved: () => lastSave,
  };
}

/** What the renderer sees of an item. */
export function viewOf(item: QueuedUpload, progress: ReadonlyMap<string, number>): UploadItemView {
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

/** The server no longer has the upload (deleted there, or expired and swept): sending or following it is over. */
export const UPLOAD_GONE = 'the upload is no longer on the server (deleted or expired); retry sends it again';
