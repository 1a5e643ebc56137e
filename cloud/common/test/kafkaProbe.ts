import { randomUUID } from 'node:crypto';
import { createConsumer, createKafkaClient, type IncomingMessage, type MessageConsumer } from '../src/index';

// Reads a topic from the beginning in its own consumer group and keeps every message, for assertions.

export interface TopicProbe {
  messages: IncomingMessage[];
  waitFor(predicate: (message: IncomingMessage) => boolean, timeoutMs?: number): Promise<IncomingMessage>;
  close(): Promise<void>;
}

export async function probeTopic(brokers: string, topic: string): Promise<TopicProbe> {
  const kafka = createKafkaClient({ brokers: [brokers], clientId: `probe-${topic}` });
  const consumer: MessageConsumer = createConsumer(kafka, {
    groupId: `probe-${randomUUID()}`,
    topics: [topic],
    concurrency: 1,
    fromBeginning: true,
  });
  const messages: IncomingMessage[] = [];
  await consumer.start(async (message) => {
    messages.push(message);
  });
  return {
    messages,
    async waitFor(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching message on ${topic} within ${timeoutMs} ms`);
    },
    close: () => consumer.close(),
  };
}

export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
