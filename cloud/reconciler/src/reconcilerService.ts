import { TRACE_HEADER, UPLOAD_EVENTS_TOPIC, type UploadEvent, type UploadState } from '@orak/core';
import {
  NON_TERMINAL_STATES,
  STAGE_OF_STATE,
  type Logger,
  type ReconcilerMetrics,
  type MessageProducer,
  type UploadRecord,
  type UploadRepository,
} from '@orak/cloud-common';
import { emptyReport, type ReconcileReport } from './reconcileReport';
import {
  DEFAULT_SWEEP_OPTIONS,
  StorageSweeper,
  guarded,
  type SweepOptions,
  type SweeperDeps,
} from './storageSweeper';

// Finds uploads stuck in a live state past their deadline and re-drives them (look at the object, re-enqueue)
// or, after too many re-drives, fails them with the stage and the reason; then sweeps storage no record accounts
// for. One upload's failure is recorded in the report and never stops the rest of the pass.

export type { ReconcileReport } from './reconcileReport';

export interface ReconcilerOptions extends SweepOptions {
  /** How long an upload may sit in a working state before it counts as stuck. */
  stuckAfterSec: number;
  /** ANALYZING runs models: it gets this much longer. */
  analyzingFactor: number;
  /** A REQUESTED upload is given this long past its URL's expiry for the upload to finish arriving. */
  expiryGraceSec: number;
  maxRedrives: number;
}

export const DEFAULT_RECONCILER_OPTIONS: ReconcilerOptions = {
  ...DEFAULT_SWEEP_OPTIONS,
  stuckAfterSec: 120,
  analyzingFactor: 5,
  expiryGraceSec: 60,
  maxRedrives: 3,
};

export interface ReconcilerDeps extends SweeperDeps {
  uploads: UploadRepository;
  producer: MessageProducer;
}

const WORKING_STATES = NON_TERMINAL_STATES.filter((state) => state !== 'REQUESTED');

export class ReconcilerService {
  private readonly uploads: UploadRepository;
  private readonly producer: MessageProducer;
  private readonly log: Logger;
  private readonly metrics: ReconcilerMetrics | undefined;
  private readonly sweeper: StorageSweeper;

  constructor(
    private readonly deps: ReconcilerDeps,
    private readonly options: ReconcilerOptions,
  ) {
    ({ uploads: this.uploads, producer: this.producer, log: this.log, metrics: this.metrics } = deps);
    this.sweeper = new StorageSweeper(deps, options);
  }

  async runOnce(now = new Date()): Promise<ReconcileReport> {
    const report = emptyReport();
    // Working states first: an upload that REQUESTED recovery moves to UPLOADED is not re-driven in the same pass.
    for (const state of WORKING_STATES) await this.reconcileWorking(state, now, report);
    await this.reconcileRequested(now, report);
    await this.sweeper.sweep(now, report);
    this.metrics?.lastRun.set(Date.now() / 1000);
    const { errors, ...counts } = report;
    for (const error of errors) this.metrics?.actions.inc({ action: 'error', state: error.stage });
    if (errors.length > 0 || Object.values(counts).some((n) => n > 0)) {
      this.log.info({ report }, 'reconcile pass');
    }
    return report;
  }

  /** REQUESTED past its URL's expiry: the object arrived and its event was lost, or it never will arrive. */
  private async reconcileRequested(now: Date, report: ReconcileReport): Promise<void> {
    const olderThan = new Date(now.getTime() - this.options.stuckAfterSec * 1000);
    const candidates = await this.uploads.findStale(['REQUESTED'], olderThan, this.options.batchSize);
    for (const upload of candidates) {
      await guarded(report, this.log, { uploadId: upload.id, stage: 'requested' }, () =>
        this.reconcileOneRequested(upload, now, report),
      );
    }
  }

  private async reconcileOneRequested(
    upload: UploadRecord,
    now: Date,
    report: ReconcileReport,
  ): Promise<void> {
    const info = await this.deps.objects.head(upload.objectKey);
    if (info) {
      // One transaction with the Kafka write: while Kafka is down nothing changes, and the next pass tries again.
      const applied = await this.uploads.atomically(async (db) => {
        const moved = await this.uploads.transition(
          upload.id,
          {
            from: 'REQUESTED',
            to: 'UPLOADED',
            actor: 'reconciler',
            detail: 'object found in storage; its object-created event never arrived',
            object: { etag: info.etag, sizeBytes: info.sizeBytes },
            expectedVersion: upload.version,
          },
          db,
        );
        if (moved.applied) await this.enqueue(upload, 'object found without an event');
        return moved.applied;
      });
      if (applied) {
        report.recovered++;
        this.metrics?.actions.inc({ action: 'redriven', state: 'REQUESTED' });
      }
      return;
    }
    if (upload.urlExpiresAt.getTime() + this.options.expiryGraceSec * 1000 > now.getTime()) return;
    // The parts go before the state says EXPIRED (aborting is idempotent): a failure here leaves the upload
    // REQUESTED, and the next pass tries again.
    if (upload.multipart) await this.deps.parts.abort(upload.objectKey, upload.multipart.s3UploadId);
    const expired = await this.uploads.transition(upload.id, {
      from: 'REQUESTED',
      to: 'EXPIRED',
      actor: 'reconciler',
      failure: { stage: 'upload', reason: 'the presigned request expired before anything was uploaded' },
      expectedVersion: upload.version,
    });
    if (expired.applied) {
      if (upload.multipart) await this.deps.cleanup.markPartsDropped(upload.id);
      report.expired++;
      this.metrics?.actions.inc({ action: 'expired', state: 'REQUESTED' });
    }
  }

  private async reconcileWorking(state: UploadState, now: Date, report: ReconcileReport): Promise<void> {
    const factor = state === 'ANALYZING' ? this.options.analyzingFactor : 1;
    const olderThan = new Date(now.getTime() - this.options.stuckAfterSec * factor * 1000);
    const stuck = await this.uploads.findStale([state], olderThan, this.options.batchSize);
    for (const upload of stuck) {
      await guarded(report, this.log, { uploadId: upload.id, stage: state }, () =>
        this.reconcileOneWorking(upload, state, report),
      );
    }
  }

  private async reconcileOneWorking(
    upload: UploadRecord,
    state: UploadState,
    report: ReconcileReport,
  ): Promise<void> {
    if (upload.redrives >= this.options.maxRedrives) {
      await this.giveUp(upload, report);
      return;
    }
    const reason = `stuck in ${state} since ${upload.updatedAt.toISOString()}: re-drive ${upload.redrives + 1}`;
    // Counted (compare-and-set: of two reconcilers racing, only one re-enqueues) in one transaction with the
    // Kafka write, so a re-drive that never reached Kafka is not counted towards giving up.
    const redriven = await this.uploads.atomically(async (db) => {
      const counted = await this.uploads.markRedriven(
        upload.id,
        { state, version: upload.version },
        reason,
        db,
      );
      if (counted) await this.enqueue(upload, reason);
      return counted;
    });
    if (redriven) {
      report.redriven++;
      this.metrics?.actions.inc({ action: 'redriven', state });
    }
  }

  private async giveUp(upload: UploadRecord, report: ReconcileReport): Promise<void> {
    const failed = await this.uploads.transition(upload.id, {
      from: upload.state,
      to: 'FAILED',
      actor: 'reconciler',
      failure: {
        stage: STAGE_OF_STATE[upload.state],
        reason: `stuck in ${upload.state} after ${upload.redrives} re-drives`,
      },
      expectedVersion: upload.version,
    });
    if (failed.applied) {
      report.failed++;
      this.metrics?.actions.inc({ action: 'failed', state: upload.state });
    }
  }

  private async enqueue(upload: UploadRecord, reason: string): Promise<void> {
    const uploadId = upload.id;
    const headers: Record<string, string> = upload.traceId ? { [TRACE_HEADER]: upload.traceId } : {};
    const event: UploadEvent = { type: 'redrive', uploadId, reason };
    await this.producer.send(UPLOAD_EVENTS_TOPIC, [{ key: uploadId, value: JSON.stringify(event), headers }]);
  }
}
