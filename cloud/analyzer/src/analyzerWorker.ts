import { TRACE_HEADER, UPLOAD_RESULTS_TOPIC, UploadEventSchema, type UploadResultEvent } from '@orak/core';
import {
  STAGE_OF_STATE,
  currentTraceId,
  isTerminal,
  withTrace,
  type IncomingMessage,
  type Logger,
  type MessageContext,
  type MessageHandler,
  type MessageProducer,
  type AnalyzerMetrics,
  type UploadRepository,
} from '@orak/cloud-common';
import { TakeRejectedError } from './analysisPort';
import { deadLetterOf, sendDeadLetter } from './deadLetters';
import { DEFAULT_RETRY, RetriesExhaustedError, withRetries, type RetryPolicy } from './retryPolicy';
import type { UploadPipeline } from './uploadPipeline';

// One upload-events message: run the pipeline to a terminal state, retrying transient errors with backoff;
// rejected takes end REJECTED, exhausted retries go to the dead-letter topic and end FAILED.
// The handler resolves only once the outcome is durable, and only then is the offset committed.

const HEARTBEAT_MS = 3_000;
const MAX_STEPS = 16;

export interface WorkerOptions {
  retry?: RetryPolicy;
  log: Logger;
  metrics?: AnalyzerMetrics;
}

export class AnalyzerWorker {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly pipeline: UploadPipeline,
    private readonly uploads: UploadRepository,
    private readonly producer: MessageProducer,
    private readonly options: WorkerOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  handler(): MessageHandler {
    // Every log line of this message's work carries the upload's trace id from the Kafka header.
    return (message, context) => {
      const traceId = message.headers[TRACE_HEADER];
      return traceId
        ? withTrace(traceId, () => this.handle(message, context))
        : this.handle(message, context);
    };
  }

  async handle(message: IncomingMessage, context: MessageContext): Promise<void> {
    const { log } = this.options;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value);
    } catch {
      parsed = undefined;
    }
    const event = UploadEventSchema.safeParse(parsed);
    if (!event.success) {
      // A poison message: no retry can make it valid. Park it with the reason and move on.
      await sendDeadLetter(
        this.producer,
        deadLetterOf(message, {
          uploadId: message.key ?? 'unknown',
          stage: 'intake',
          error: 'message does not match the upload-events contract',
          attempts: 1,
        }),
      );
      log.warn(
        { offset: message.offset, partition: message.partition },
        'malformed upload event dead-lettered',
      );
      return;
    }
    const uploadId = event.data.uploadId;
    const started = performance.now();
    const heartbeat = setInterval(() => void context.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      const before = await this.uploads.findById(uploadId);
      if (!before) {
        log.warn({ uploadId }, 'event for an unknown upload: skipped');
        return;
      }
      if (isTerminal(before.state)) return;
      await this.runWithRetries(uploadId, message, context);
      const outcome = await this.publishResult(uploadId);
      if (outcome) this.options.metrics?.jobs.inc({ outcome });
      const seconds = (performance.now() - started) / 1000;
      this.options.metrics?.jobDuration.observe(seconds);
      this.options.log.info({ uploadId, outcome, seconds: Number(seconds.toFixed(3)) }, 'upload processed');
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runWithRetries(
    uploadId: string,
    message: IncomingMessage,
    context: MessageContext,
  ): Promise<void> {
    const { log } = this.options;
    try {
      await withRetries(
        async () => {
          for (let steps = 0; steps < MAX_STEPS; steps++) {
            const { outcome } = await this.pipeline.step(uploadId);
            if (outcome !== 'progressed') return;
            await context.heartbeat().catch(() => undefined);
          }
          throw new Error(`no terminal state after ${MAX_STEPS} steps`);
        },
        {
          policy: this.retry,
          isPermanent: (error) => error instanceof TakeRejectedError,
          onRetry: async (attempt, error, delayMs) => {
            log.warn({ uploadId, attempt, delayMs, err: error }, 'transient failure, retrying');
            const current = await this.uploads.findById(uploadId).catch(() => null);
            this.options.metrics?.retries.inc({ stage: current ? STAGE_OF_STATE[current.state] : 'analyze' });
            this.options.metrics?.jobs.inc({ outcome: 'retried' });
            await context.heartbeat().catch(() => undefined);
          },
        },
      );
    } catch (error) {
      if (error instanceof TakeRejectedError) {
        await this.pipeline.fail(uploadId, 'REJECTED', { stage: error.stage, reason: error.reason });
        log.info({ uploadId, reason: error.reason }, 'take rejected');
        return;
      }
      if (error instanceof RetriesExhaustedError) {
        const current = await this.uploads.findById(uploadId);
        const stage = current ? STAGE_OF_STATE[current.state] : 'analyze';
        // Dead letter first: if we crash before FAILED is stored, the redelivery simply tries again.
        await sendDeadLetter(
          this.producer,
          deadLetterOf(message, { uploadId, stage, error: error.message, attempts: error.attempts }),
        );
        this.options.metrics?.deadLetters.inc({ stage });
        await this.pipeline.fail(uploadId, 'FAILED', { stage, reason: error.message });
        log.error({ uploadId, stage, err: error.lastError }, 'retries exhausted: dead-lettered');
        return;
      }
      throw error;
    }
  }

  /** Publishes the terminal state reached, and names the job's outcome for the metrics. */
  private async publishResult(uploadId: string): Promise<'completed' | 'rejected' | 'dead_lettered' | null> {
    const upload = await this.uploads.findById(uploadId);
    if (
      !upload ||
      !(upload.state === 'COMPLETED' || upload.state === 'REJECTED' || upload.state === 'FAILED')
    ) {
      return null;
    }
    const result: UploadResultEvent = {
      uploadId,
      userId: upload.userId,
      state: upload.state,
      at: upload.updatedAt.toISOString(),
    };
    const traceId = currentTraceId();
    await this.producer.send(UPLOAD_RESULTS_TOPIC, [
      { key: uploadId, value: JSON.stringify(result), headers: traceId ? { [TRACE_HEADER]: traceId } : {} },
    ]);
    return upload.state === 'COMPLETED'
      ? 'completed'
      : upload.state === 'REJECTED'
        ? 'rejected'
        : 'dead_lettered';
  }
}
