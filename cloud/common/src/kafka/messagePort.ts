// The narrow port every service uses for Kafka; only kafkajsAdapter.ts knows the client library.

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export interface MessageProducer {
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface MessageContext {
  /** Tells the group this consumer is alive during long work, so it keeps its partitions. */
  heartbeat(): Promise<void>;
}

/** Handles one message; the offset is committed only after it resolves. */
export type MessageHandler = (message: IncomingMessage, context: MessageContext) => Promise<void>;

export interface MessageConsumer {
  start(handler: MessageHandler): Promise<void>;
  close(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
}
