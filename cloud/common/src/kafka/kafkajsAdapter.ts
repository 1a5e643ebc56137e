import kafkajs from 'kafkajs';
import type { Consumer, Kafka as KafkaClient, Producer } from 'kafkajs';
import type {
  IncomingMessage,
  MessageConsumer,
  MessageHandler,
  MessageProducer,
  OutgoingMessage,
  TopicSpec,
} from './messagePort';

// kafkajs 2.2.4 is unmaintained: it stays behind the messagePort interfaces, in this one file.

const { Kafka, logLevel, Partitioners } = kafkajs;

const KAFKA_LOG_LEVELS: Record<string, number> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
}

export function createKafkaClient(options: KafkaOptions): KafkaClient {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    // kafkajs logs transient coordinator errors at ERROR while it retries them: silent unless asked for.
    logLevel: KAFKA_LOG_LEVELS[process.env.ORAK_KAFKA_LOG ?? 'nothing'] ?? logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 12 },
  });
}

/** Creates missing topics; existing ones are left as they are. */
export async function ensureTopics(kafka: KafkaClient, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: 1,
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

class KafkajsProducer implements MessageProducer {
  constructor(private readonly producer: Producer) {}

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: message.value,
        headers: message.headers,
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** An idempotent producer using the Java client's murmur2 partitioner (keys spread like in any other client). */
export async function createProducer(kafka: KafkaClient): Promise<MessageProducer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return new KafkajsProducer(producer);
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** How many partitions are worked on at once. */
  concurrency: number;
  sessionTimeoutMs?: number;
  fromBeginning?: boolean;
  /**
   * Told when kafkajs gives up on the consumer for good (a crash it will not restart from): the consumer then
   * reads nothing more while the process looks healthy, so the caller should end the process.
   */
  onFatal?: (error: Error) => void;
}

function headersOf(
  raw: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return headers;
}

class KafkajsConsumer implements MessageConsumer {
  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumerOptions,
  ) {}

  async start(handler: MessageHandler): Promise<void> {
    await this.consumer.connect();
    // Resolve start() only once the group has assigned partitions, so "started" means "receiving".
    const joined = new Promise<void>((resolve) => {
      const stop = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        stop();
        resolve();
      });
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.options.onFatal?.(payload.error);
    });
    for (const topic of this.options.topics) {
      await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    }
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.concurrency,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const incoming: IncomingMessage = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers: headersOf(message.headers),
        };
        await handler(incoming, { heartbeat });
        // Committed only after the handler made its state change durable: a crash before this replays the message.
        await this.consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
    await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export function createConsumer(kafka: KafkaClient, options: ConsumerOptions): MessageConsumer {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: 3_000,
    // A failing message blocks every partition (kafkajs fetches again only once all batches are handled) and is
    // retried with growing backoff: capped at 5 s, consumption resumes within seconds once the cause is gone,
    // instead of pausing up to 30 s per retry (the default) with fresh uploads sitting in UPLOADED meanwhile.
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 30 },
  });
  return new KafkajsConsumer(consumer, options);
}

/** The partition the producer above picks for a key (the Java client's murmur2), for planning and measurement. */
export function partitionForKey(key: string, partitions: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

/**
 * Consumes `topic` in `groupId` up to the end it had when called, then stops: for one-shot commands such as a
 * dead-letter replay. Each message's offset is committed after `handler` resolves, so a second run skips it.
 */
export async function drainTopic(
  kafka: KafkaClient,
  options: { topic: string; groupId: string; handler: MessageHandler; idleTimeoutMs?: number },
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(options.topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, BigInt(p.high)]),
  );
  const consumer = kafka.consumer({ groupId: options.groupId });
  let handled = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  // Partitions whose committed offset is already at the end never deliver a message: stop after an idle spell.
  const idleMs = options.idleTimeoutMs ?? 10_000;
  let idle: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(resolve, idleMs);
    };
    if (remaining.size === 0) return resolve();
    armIdle();
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        armIdle();
        const next = BigInt(message.offset) + 1n;
        const end = remaining.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        await options.handler(
          {
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? '',
            headers: headersOf(message.headers),
          },
          { heartbeat },
        );
        handled++;
        await consumer.commitOffsets([{ topic, partition, offset: next.toString() }]);
        if (next >= end) remaining.delete(partition);
        if (remaining.size === 0) resolve();
      },
    });
  });
  clearTimeout(idle);
  await consumer.disconnect();
  return handled;
}

/**
 * Messages `groupId` still has to read on `topic`, summed over partitions (a partition without a committed
 * offset counts from its low watermark, where a fromBeginning consumer starts).
 */
export async function readConsumerLag(kafka: KafkaClient, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
    );
    let lag = 0n;
    for (const end of ends) {
      const low = BigInt(end.low);
      const high = BigInt(end.high);
      const at = committedByPartition.get(end.partition) ?? -1n;
      lag += high - (at < low ? low : at);
    }
    return Number(lag);
  } finally {
    await admin.disconnect();
  }
}
