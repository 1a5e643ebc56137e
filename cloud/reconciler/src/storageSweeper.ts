import { MAX_PRESIGN_TTL_SEC } from '@orak/core';
import type {
  Logger,
  MultipartStore,
  ObjectStore,
  ReconcilerMetrics,
  UploadCleanupRepository,
} from '@orak/cloud-common';
import type { ReconcileReport } from './reconcileReport';

// Storage that no upload record accounts for: the stored parts of EXPIRED multipart uploads, objects that a
// deleted upload's presigned URL re-created, and any other object under the users' prefix with no record.

export interface SweepOptions {
  /** Only keys under this prefix are listed (every take lives under users/<user id>/). */
  orphanPrefix: string;
  /** An object with no record is removed only once it is this old: no URL that could have made it still works. */
  orphanAfterSec: number;
  batchSize: number;
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = {
  orphanPrefix: 'users/',
  orphanAfterSec: MAX_PRESIGN_TTL_SEC + 60,
  batchSize: 200,
};

export interface SweeperDeps {
  cleanup: UploadCleanupRepository;
  objects: ObjectStore;
  parts: Pick<MultipartStore, 'abort'>;
  log: Logger;
  metrics?: ReconcilerMetrics;
}

export class StorageSweeper {
  /** Where the next listing page starts: each pass lists one page, so a large bucket costs little per pass. */
  private listFrom: string | undefined;

  constructor(
    private readonly deps: SweeperDeps,
    private readonly options: SweepOptions,
  ) {}

  async sweep(now: Date, report: ReconcileReport): Promise<void> {
    await this.dropExpiredParts(report);
    await this.removeTombstoned(now, report);
    await this.removeUnrecorded(now, report);
  }

  /** EXPIRED multipart uploads whose parts an earlier abort may have left (it failed, or predates the marker). */
  private async dropExpiredParts(report: ReconcileReport): Promise<void> {
    const { cleanup, parts } = this.deps;
    for (const upload of await cleanup.listPartsPending(this.options.batchSize)) {
      await guarded(report, this.deps.log, { uploadId: upload.id, stage: 'drop-parts' }, async () => {
        await parts.abort(upload.objectKey, upload.multipart!.s3UploadId);
        await cleanup.markPartsDropped(upload.id);
        report.partsDropped++;
        this.deps.metrics?.actions.inc({ action: 'parts_dropped', state: 'EXPIRED' });
      });
    }
  }

  /** Deleted uploads whose URL has expired: remove whatever the URL made meanwhile, then forget the key. */
  private async removeTombstoned(now: Date, report: ReconcileReport): Promise<void> {
    const { cleanup, objects } = this.deps;
    const tombstones = await cleanup.listExpiredTombstones(now, this.options.batchSize);
    for (const tombstone of tombstones) {
      if (tombstone.bucket !== objects.bucket) continue;
      const context = { uploadId: tombstone.uploadId, stage: 'remove-deleted' };
      await guarded(report, this.deps.log, context, async () => {
        if (await objects.head(tombstone.objectKey)) {
          await objects.delete(tombstone.objectKey);
          report.orphansRemoved++;
          this.deps.metrics?.actions.inc({ action: 'orphan_removed', state: 'DELETED' });
        }
        await cleanup.forgetTombstone(tombstone.uploadId);
      });
    }
  }

  /** One page of the listing: objects old enough with no upload record are orphans whatever made them. */
  private async removeUnrecorded(now: Date, report: ReconcileReport): Promise<void> {
    const { cleanup, objects } = this.deps;
    const context = { uploadId: null, stage: 'list-orphans' };
    await guarded(report, this.deps.log, context, async () => {
      const page = await objects.list(this.options.orphanPrefix, this.options.batchSize, this.listFrom);
      this.listFrom = page.next ?? undefined;
      const cutoff = now.getTime() - this.options.orphanAfterSec * 1000;
      const old = page.objects.filter((object) => object.lastModified.getTime() < cutoff);
      if (old.length === 0) return;
      const recorded = await cleanup.keysWithRecords(
        objects.bucket,
        old.map((object) => object.key),
      );
      for (const { key } of old.filter((object) => !recorded.has(object.key))) {
        await guarded(report, this.deps.log, { uploadId: null, key, stage: 'remove-orphan' }, async () => {
          await objects.delete(key);
          report.orphansRemoved++;
          this.deps.metrics?.actions.inc({ action: 'orphan_removed', state: 'NONE' });
        });
      }
    });
  }
}

/** Runs one item's work; a failure is recorded in the report with its stage and reason, and the pass goes on. */
export async function guarded(
  report: ReconcileReport,
  log: Logger,
  context: { uploadId: string | null; key?: string; stage: string },
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report.errors.push({ ...context, reason });
    log.warn({ ...context, err: error }, 'reconcile step failed: going on with the rest');
  }
}
