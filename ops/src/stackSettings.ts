// Connection settings of the local stack: what `pnpm stack up` prints and what tests receive via inject('services').

export interface KafkaSettings {
  /** "127.0.0.1:<port>" */
  brokers: string;
}

export interface S3Settings {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Created at start-up. */
  bucket: string;
  /**
   * The local S3 server (versitygw) publishes every bucket notification, in the AWS S3 event-record shape
   * with a sequencer, to this Kafka topic on the stack's broker (3 partitions, created before the S3 server
   * starts). Its webhook sender drops events when the receiver is down, so the bridge consumes this topic
   * instead; on AWS the same records arrive through EventBridge/SNS over HTTP.
   * Measured quirks of versitygw 1.7.0: eventName is "s3:ObjectCreated:Put" (AWS: "ObjectCreated:Put"), the
   * object key is NOT URL-encoded (AWS encodes it), the sequencer is a per-process counter that restarts at 1
   * (dedupe on bucket + key + eTag + sequencer), and the first message on the topic is an "s3:TestEvent".
   */
  eventTopic: string;
}

export interface PostgresSettings {
  /** postgres://user@127.0.0.1:<port>/<db> */
  url: string;
}

export interface HttpServiceSettings {
  url: string;
}

export interface StackSettings {
  kafka: KafkaSettings;
  s3: S3Settings;
  postgres: PostgresSettings;
  prometheus: HttpServiceSettings;
  alertmanager: HttpServiceSettings;
}
