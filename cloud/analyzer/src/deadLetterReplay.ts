import { DeadLetterSchema, UPLOAD_EVENTS_TOPIC } from '@orak/core';
import type { IncomingMessage, Logger, MessageProducer, UploadRepository } from '@orak/cloud-common';

// Replays dead letters: the FAILED upload is reopened (FAILED -> UPLOADED, actor "replay") and its original
// message is put back on upload-events. Letters that were poison at intake are reported, not replayed.

export type ReplayOutcome = 'replayed' | 'skipped-intake' | 'skipped-not-failed' | 'unreadable' | 'filtered';

export class DeadLetterReplayer {
  readonly counts: Record<ReplayOutcome, number> = {
    replayed: 0,
    'skipped-intake': 0,
    'skipped-not-failed': 0,
    unreadable: 0,
    filtered: 0,
  };

  constructor(
    private readonly uploads: UploadRepository,
    private readonly producer: MessageProducer,
    private readonly log: Logger,
    private readonly onlyUploadId?: string,
  ) {}

  async replay(message: IncomingMessage): Promise<ReplayOutcome> {
    const outcome = await this.decide(message);
    this.counts[outcome]++;
    return outcome;
  }

  private async decide(message: IncomingMessage): Promise<ReplayOutcome> {
    let letter;
    try {
      letter = DeadLetterSchema.parse(JSON.parse(message.value));
    } catch {
      return 'unreadable';
    }
    if (this.onlyUploadId && letter.uploadId !== this.onlyUploadId) return 'filtered';
    if (letter.stage === 'intake') {
      this.log.warn(
        { offset: letter.original.offset, error: letter.error },
        'intake dead letter not replayed',
      );
      return 'skipped-intake';
    }
    const reopened = await this.uploads.reopenForReplay(
      letter.uploadId,
      `replay of dead letter: ${letter.error}`,
    );
    if (!reopened.applied) return 'skipped-not-failed';
    await this.producer.send(UPLOAD_EVENTS_TOPIC, [{ key: letter.uploadId, value: letter.original.value }]);
    return 'replayed';
  }
}
