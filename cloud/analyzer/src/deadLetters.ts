import { TRACE_HEADER, UPLOAD_DEAD_LETTERS_TOPIC, type DeadLetter, type PipelineStage } from '@orak/core';
import { currentTraceId, type IncomingMessage, type MessageProducer } from '@orak/cloud-common';

// A dead letter keeps the original message byte for byte, plus where and why it failed, so it can be replayed.

export function deadLetterOf(
  message: IncomingMessage,
  failure: { uploadId: string; stage: PipelineStage; error: string; attempts: number },
  now = new Date(),
): DeadLetter {
  return {
    uploadId: failure.uploadId,
    stage: failure.stage,
    error: failure.error,
    attempts: failure.attempts,
    failedAt: now.toISOString(),
    original: {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
    },
  };
}

/** The trace id of the work that failed, so a replay keeps it. */
function traceHeader(): Record<string, string> {
  const traceId = currentTraceId();
  return traceId ? { [TRACE_HEADER]: traceId } : {};
}

export async function sendDeadLetter(producer: MessageProducer, letter: DeadLetter): Promise<void> {
  await producer.send(UPLOAD_DEAD_LETTERS_TOPIC, [
    {
      key: letter.original.key ?? letter.uploadId,
      value: JSON.stringify(letter),
      headers: { 'x-orak-stage': letter.stage, ...traceHeader() },
    },
  ]);
}
