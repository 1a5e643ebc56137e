import type { IncomingMessage, Logger } from '@orak/cloud-common';
import { normalizeS3Notification, UnrecognizedNotificationError } from './s3EventNormalizer';
import type { BridgeService } from './bridgeService';

// The Kafka door: versitygw publishes its notifications to a topic; each message is one notification.

export function s3EventMessageHandler(bridge: BridgeService, log: Logger) {
  return async (message: IncomingMessage): Promise<void> => {
    let payload: unknown;
    try {
      payload = JSON.parse(message.value);
    } catch {
      log.warn({ offset: message.offset }, 'S3 notification is not JSON: skipped');
      return;
    }
    try {
      const { events } = normalizeS3Notification(payload);
      const counts = await bridge.handleAll(events, 'versitygw');
      log.debug({ counts }, 'S3 notification handled');
    } catch (error) {
      if (error instanceof UnrecognizedNotificationError) {
        log.warn({ offset: message.offset, err: error }, 'unrecognized S3 notification: skipped');
        return;
      }
      // Infrastructure failure: throwing leaves the offset uncommitted, so the message is read again.
      throw error;
    }
  };
}
