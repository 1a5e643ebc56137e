import {
  TRACE_HEADER,
  UPLOAD_EVENTS_TOPIC,
  isTerminalUploadState,
  type ObjectCreated,
  type UploadEvent,
} from '@orak/core';
import {
  inTransaction,
  markEventSeen,
  type BridgeMetrics,
  type Logger,
  type MessageProducer,
  type ObjectStore,
  type Pool,
  type UploadCleanupRepository,
  type UploadRecord,
  type UploadRepository,
  withTrace,
} from '@orak/cloud-common';

// One object-created event: drop it if seen before, move the upload to UPLOADED, hand it to the analyzers.

export type BridgeOutcome =
  'forwarded' | 'duplicate' | 'unknown-object' | 'already-finished' | 'deleted-upload';

/** Where a notification came from, for the metrics: AWS S3 records, EventBridge, or the local versitygw. */
export type NotificationSource = 's3' | 'eventbridge' | 'versitygw';

export class BridgeService {
  constructor(
    private readonly pool: Pool,
    private readonly uploads: UploadRepository,
    private readonly producer: MessageProducer,
    private readonly log: Logger,
    /** Removes an object re-created by a deleted upload's still-valid presigned URL. */
    private readonly orphans: {
      cleanup: Pick<UploadCleanupRepository, 'findDeletedObject'>;
      objects: Pick<ObjectStore, 'bucket' | 'delete'>;
    },
    private readonly metrics?: BridgeMetrics,
  ) {}

  /**
   * The dedup row, the state change and the Kafka write succeed or fail together: the transaction commits only
   * after Kafka acknowledged, so a failure leaves nothing marked and the sender's retry is processed again.
   */
  async handle(event: ObjectCreated): Promise<BridgeOutcome> {
    const upload = await this.uploads.findByObject(event.bucket, event.key);
    if (!upload) {
      const { cleanup, objects } = this.orphans;
      if (event.bucket === objects.bucket && (await cleanup.findDeletedObject(event.bucket, event.key))) {
        await objects.delete(event.key);
        this.log.info({ key: event.key }, 'object of a deleted upload re-created by its old URL: removed');
        return 'deleted-upload';
      }
      this.log.warn(
        { bucket: event.bucket, key: event.key },
        'object-created for an unknown object: ignored',
      );
      return 'unknown-object';
    }
    const dedupKey = event.sequencer ?? `etag:${event.etag ?? 'none'}:${event.sizeBytes}`;
    const traceId = upload.traceId;
    const headers: Record<string, string> = traceId ? { [TRACE_HEADER]: traceId } : {};
    const work = () => this.forward(upload, event, dedupKey, headers);
    return traceId ? withTrace(traceId, work) : work();
  }

  private async forward(
    upload: UploadRecord,
    event: ObjectCreated,
    dedupKey: string,
    headers: Record<string, string>,
  ): Promise<BridgeOutcome> {
    const outcome = await inTransaction(this.pool, async (client): Promise<BridgeOutcome> => {
      const fresh = await markEventSeen(client, {
        bucket: event.bucket,
        key: event.key,
        sequencer: dedupKey,
      });
      if (!fresh) return 'duplicate';
      if (isTerminalUploadState(upload.state)) return 'already-finished';
      if (upload.state === 'REQUESTED') {
        await this.uploads.transition(
          upload.id,
          {
            from: 'REQUESTED',
            to: 'UPLOADED',
            actor: 'bridge',
            // versitygw reports no size for CompleteMultipartUpload (0): the analyzer measures the object itself.
            detail: `object-created ${event.sizeBytes > 0 ? `${event.sizeBytes} bytes` : 'size not reported'}, sequencer ${event.sequencer ?? 'none'}`,
            object: { etag: event.etag, sizeBytes: event.sizeBytes > 0 ? event.sizeBytes : null },
          },
          client,
        );
      }
      const message: UploadEvent = { type: 'object-created', uploadId: upload.id, object: event };
      // Keyed by upload id: one file's events stay in order on one partition, files spread over all of them.
      await this.producer.send(UPLOAD_EVENTS_TOPIC, [
        { key: upload.id, value: JSON.stringify(message), headers },
      ]);
      return 'forwarded';
    });
    this.log.info({ uploadId: upload.id, key: event.key, outcome }, 'object-created notification handled');
    return outcome;
  }

  async handleAll(
    events: ObjectCreated[],
    source: NotificationSource = 's3',
  ): Promise<Record<BridgeOutcome, number>> {
    const counts: Record<BridgeOutcome, number> = {
      forwarded: 0,
      duplicate: 0,
      'unknown-object': 0,
      'already-finished': 0,
      'deleted-upload': 0,
    };
    for (const event of events) {
      let outcome: BridgeOutcome;
      try {
        outcome = await this.handle(event);
      } catch (error) {
        this.metrics?.eventsIn.inc({ source, outcome: 'error' });
        this.metrics?.produceFailures.inc();
        throw error;
      }
      counts[outcome]++;
      this.metrics?.eventsIn.inc({ source, outcome });
      if (outcome === 'duplicate') this.metrics?.duplicates.inc();
    }
    return counts;
  }
}
